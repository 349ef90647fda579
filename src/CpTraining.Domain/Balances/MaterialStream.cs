namespace CpTraining.Domain.Balances;

/// <summary>
/// What the engineer enters for a material stream. <see cref="FromStepId"/> null means the stream comes from outside
/// the system boundary (an input); <see cref="ToStepId"/> null means it leaves the boundary (an output).
/// </summary>
/// <remarks>
/// <para><c>Uncertainty</c>: One standard deviation, ± % of the value (STAN's convention) or ± in the stream's unit.</para>
/// <para><c>PurchasePrice</c>: Inputs only: what the company pays per unit.</para>
/// <para><c>DisposalFee</c>: Waste and loss outputs only: disposal or treatment fee per unit.</para>
/// <para><c>HazardousKilogramsPerYear</c>: kg/yr of <paramref name="HazardousSubstance"/> the stream carries.</para>
/// </remarks>
public sealed record StreamSpec(
    string? Name,
    string? Material,
    Guid? FromStepId,
    Guid? ToStepId,
    Quantity Quantity,
    HowObtained Obtained = HowObtained.Measured,
    Uncertainty? Uncertainty = null,
    OutputClass? OutputClass = null,
    UnitPrice? PurchasePrice = null,
    UnitPrice? DisposalFee = null,
    string? HazardousSubstance = null,
    decimal? HazardousKilogramsPerYear = null);

/// <summary>A flow of material into, out of or between the steps of a <see cref="Worksheet"/>.</summary>
public sealed class MaterialStream
{
    public const int NameMaxLength = 200;
    public const int MaterialMaxLength = 200;
    public const int SubstanceMaxLength = 200;

    private MaterialStream()
    {
        Name = Material = string.Empty;
        Quantity = Quantity.Of(0, Unit.Kilogram);
    }

    internal MaterialStream(Guid worksheetId)
        : this()
    {
        Id = Guid.NewGuid();
        WorksheetId = worksheetId;
    }

    public Guid Id { get; private set; }

    public Guid WorksheetId { get; private set; }

    public string Name { get; private set; }

    /// <summary>What the stream is ("cotton fabric", "water"); losses are priced at the input of the same material.</summary>
    public string Material { get; private set; }

    /// <summary>Null: from outside the system boundary.</summary>
    public Guid? FromStepId { get; private set; }

    /// <summary>Null: leaves the system boundary.</summary>
    public Guid? ToStepId { get; private set; }

    public StreamDirection Direction => Directions.Of(FromStepId, ToStepId);

    /// <summary>Per reporting period, exactly as entered.</summary>
    public Quantity Quantity { get; private set; }

    /// <summary>kg/yr: the quantity in kg times the periods per year.</summary>
    public decimal AnnualKilograms { get; private set; }

    public HowObtained Obtained { get; private set; }

    /// <summary>One standard deviation, as entered; null (or 0) means exact for reconciliation.</summary>
    public Uncertainty? Uncertainty { get; private set; }

    public OutputClass? OutputClass { get; private set; }

    public UnitPrice? PurchasePrice { get; private set; }

    public UnitPrice? DisposalFee { get; private set; }

    public string? HazardousSubstance { get; private set; }

    /// <summary>kg/yr.</summary>
    public decimal? HazardousKilogramsPerYear { get; private set; }

    public StreamSpec ToSpec() => new(
        Name, Material, FromStepId, ToStepId, Quantity, Obtained, Uncertainty, OutputClass, PurchasePrice, DisposalFee,
        HazardousSubstance, HazardousKilogramsPerYear);

    internal void Set(StreamSpec checkedSpec, string name, string material, string? substance, decimal annualKilograms)
    {
        Name = name;
        Material = material;
        FromStepId = checkedSpec.FromStepId;
        ToStepId = checkedSpec.ToStepId;
        Quantity = checkedSpec.Quantity;
        Obtained = checkedSpec.Obtained;
        Uncertainty = checkedSpec.Uncertainty;
        OutputClass = checkedSpec.OutputClass;
        PurchasePrice = checkedSpec.PurchasePrice;
        DisposalFee = checkedSpec.DisposalFee;
        HazardousSubstance = substance;
        HazardousKilogramsPerYear = substance is null ? null : checkedSpec.HazardousKilogramsPerYear;
        AnnualKilograms = annualKilograms;
    }

    internal void Reannualise(decimal annualKilograms) => AnnualKilograms = annualKilograms;
}

/// <summary>What the engineer enters for an energy carrier used by a step.</summary>
/// <remarks>
/// <para><c>Name</c>: Optional description ("main meter", "boiler house gas").</para>
/// <para><c>Quantity</c>: Energy, or a fuel by mass or volume with its calorific value.</para>
/// <para><c>Price</c>: Per unit (per kWh, per m³ of gas, per t of coal).</para>
/// </remarks>
public sealed record EnergyStreamSpec(
    string? Name,
    Guid StepId,
    EnergyCarrier Carrier,
    Quantity Quantity,
    HowObtained Obtained = HowObtained.Measured,
    Uncertainty? Uncertainty = null,
    UnitPrice? Price = null);

/// <summary>An energy carrier a step consumes (electricity, natural gas, steam/heat, fuel oil, coal, other).</summary>
public sealed class EnergyStream
{
    public const int NameMaxLength = 200;

    private EnergyStream()
    {
        Quantity = Quantity.Of(0, Unit.KilowattHour);
    }

    internal EnergyStream(Guid worksheetId)
        : this()
    {
        Id = Guid.NewGuid();
        WorksheetId = worksheetId;
    }

    public Guid Id { get; private set; }

    public Guid WorksheetId { get; private set; }

    public string? Name { get; private set; }

    public Guid StepId { get; private set; }

    public EnergyCarrier Carrier { get; private set; }

    /// <summary>Per reporting period, exactly as entered.</summary>
    public Quantity Quantity { get; private set; }

    /// <summary>MJ/yr.</summary>
    public decimal AnnualMegajoules { get; private set; }

    /// <summary>MWh/yr (1 MWh = 3 600 MJ).</summary>
    public decimal AnnualMegawattHours => AnnualMegajoules / 3_600m;

    public HowObtained Obtained { get; private set; }

    /// <summary>One standard deviation, as entered.</summary>
    public Uncertainty? Uncertainty { get; private set; }

    public UnitPrice? Price { get; private set; }

    public EnergyStreamSpec ToSpec() => new(Name, StepId, Carrier, Quantity, Obtained, Uncertainty, Price);

    internal void Set(EnergyStreamSpec checkedSpec, string? name, decimal annualMegajoules)
    {
        Name = name;
        StepId = checkedSpec.StepId;
        Carrier = checkedSpec.Carrier;
        Quantity = checkedSpec.Quantity;
        Obtained = checkedSpec.Obtained;
        Uncertainty = checkedSpec.Uncertainty;
        Price = checkedSpec.Price;
        AnnualMegajoules = annualMegajoules;
    }

    internal void Reannualise(decimal annualMegajoules) => AnnualMegajoules = annualMegajoules;
}

internal static class Directions
{
    public static StreamDirection Of(Guid? from, Guid? to) =>
        from is null ? StreamDirection.Input : to is null ? StreamDirection.Output : StreamDirection.Internal;
}
