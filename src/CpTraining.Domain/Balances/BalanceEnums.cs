namespace CpTraining.Domain.Balances;

/// <summary>What the entered quantities are per; annual figures multiply by <see cref="Worksheet.PeriodsPerYear"/>.</summary>
public enum ReportingPeriod
{
    /// <summary>Per batch, × batches per year.</summary>
    Batch,

    /// <summary>Per operating day, × operating days per year.</summary>
    Day,

    /// <summary>Per month, × 12.</summary>
    Month,

    /// <summary>Per year, × 1.</summary>
    Year,
}

public enum HowObtained
{
    Measured,
    Calculated,
    Estimated,
}

/// <summary>Where an output goes. The last five are losses, which <see cref="BalanceEvaluation"/> prices.</summary>
public enum OutputClass
{
    Product,
    ByProduct,
    RecycledInternally,
    Wastewater,
    AirEmission,
    SolidWaste,
    HazardousWaste,
    UnaccountedLoss,
}

public enum EnergyCarrier
{
    Electricity,
    NaturalGas,
    SteamHeat,
    FuelOil,
    Coal,
    Other,
}

/// <summary>Derived from the ends of a stream: from the boundary = input, to the boundary = output, else internal.</summary>
public enum StreamDirection
{
    Input,
    Output,
    Internal,
}

public static class OutputClasses
{
    /// <summary>Waste, emissions and unaccounted losses: the outputs whose cost <see cref="BalanceEvaluation"/> counts.</summary>
    public static bool IsLoss(this OutputClass outputClass) =>
        outputClass is OutputClass.Wastewater or OutputClass.AirEmission or OutputClass.SolidWaste
            or OutputClass.HazardousWaste or OutputClass.UnaccountedLoss;
}
