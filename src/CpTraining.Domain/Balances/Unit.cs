namespace CpTraining.Domain.Balances;

/// <summary>What a unit measures. Each kind has one base unit the domain normalises to.</summary>
public enum UnitKind
{
    /// <summary>Base unit: kilogram.</summary>
    Mass,

    /// <summary>Base unit: cubic metre (converted to mass with a density).</summary>
    Volume,

    /// <summary>Base unit: megajoule (an exact decimal for every energy unit here).</summary>
    Energy,
}

/// <summary>The units an engineer may type. Stored by name (enums are stored as strings).</summary>
public enum Unit
{
    Kilogram,
    Tonne,
    Litre,
    CubicMetre,
    KilowattHour,
    MegawattHour,
    Megajoule,
    Gigajoule,
    Terajoule,
    Gigacalorie,
    TonneOfOilEquivalent,
}

/// <summary>
/// Symbols, kinds and exact conversion factors. Factors are decimals so that the published definitions hold exactly:
/// 1 kWh = 3.6 MJ, 1 MWh = 3.6 GJ, 1 Gcal = 4.1868 GJ (international table calorie), 1 toe = 41.868 GJ (IEA/OECD).
/// </summary>
public static class Units
{
    private static readonly Dictionary<string, Unit> BySymbol = new(StringComparer.OrdinalIgnoreCase)
    {
        ["kg"] = Unit.Kilogram,
        ["кг"] = Unit.Kilogram,
        ["t"] = Unit.Tonne,
        ["т"] = Unit.Tonne,
        ["tonne"] = Unit.Tonne,
        ["L"] = Unit.Litre,
        ["л"] = Unit.Litre,
        ["m³"] = Unit.CubicMetre,
        ["m3"] = Unit.CubicMetre,
        ["м³"] = Unit.CubicMetre,
        ["м3"] = Unit.CubicMetre,
        ["kWh"] = Unit.KilowattHour,
        ["кВт·год"] = Unit.KilowattHour,
        ["кВтгод"] = Unit.KilowattHour,
        ["MWh"] = Unit.MegawattHour,
        ["МВт·год"] = Unit.MegawattHour,
        ["МВтгод"] = Unit.MegawattHour,
        ["MJ"] = Unit.Megajoule,
        ["МДж"] = Unit.Megajoule,
        ["GJ"] = Unit.Gigajoule,
        ["ГДж"] = Unit.Gigajoule,
        ["TJ"] = Unit.Terajoule,
        ["ТДж"] = Unit.Terajoule,
        ["Gcal"] = Unit.Gigacalorie,
        ["Гкал"] = Unit.Gigacalorie,
        ["toe"] = Unit.TonneOfOilEquivalent,
        ["т н.е."] = Unit.TonneOfOilEquivalent,
    };

    /// <summary>The symbol shown to users (the first one in the list for each unit).</summary>
    public static string Symbol(this Unit unit) => unit switch
    {
        Unit.Kilogram => "kg",
        Unit.Tonne => "t",
        Unit.Litre => "L",
        Unit.CubicMetre => "m³",
        Unit.KilowattHour => "kWh",
        Unit.MegawattHour => "MWh",
        Unit.Megajoule => "MJ",
        Unit.Gigajoule => "GJ",
        Unit.Terajoule => "TJ",
        Unit.Gigacalorie => "Gcal",
        Unit.TonneOfOilEquivalent => "toe",
        _ => throw Unknown(unit.ToString()),
    };

    public static UnitKind Kind(this Unit unit) => unit switch
    {
        Unit.Kilogram or Unit.Tonne => UnitKind.Mass,
        Unit.Litre or Unit.CubicMetre => UnitKind.Volume,
        Unit.KilowattHour or Unit.MegawattHour or Unit.Megajoule or Unit.Gigajoule or Unit.Terajoule
            or Unit.Gigacalorie or Unit.TonneOfOilEquivalent => UnitKind.Energy,
        _ => throw Unknown(unit.ToString()),
    };

    /// <summary>How many base units (kg, m³ or MJ) one <paramref name="unit"/> is.</summary>
    public static decimal ToBase(this Unit unit) => unit switch
    {
        Unit.Kilogram => 1m,
        Unit.Tonne => 1_000m,
        Unit.Litre => 0.001m,
        Unit.CubicMetre => 1m,
        Unit.KilowattHour => 3.6m,
        Unit.MegawattHour => 3_600m,
        Unit.Megajoule => 1m,
        Unit.Gigajoule => 1_000m,
        Unit.Terajoule => 1_000_000m,
        Unit.Gigacalorie => 4_186.8m,
        Unit.TonneOfOilEquivalent => 41_868m,
        _ => throw Unknown(unit.ToString()),
    };

    /// <summary>Converts <paramref name="value"/> between two units of the same kind, exactly.</summary>
    public static decimal Convert(decimal value, Unit from, Unit to)
    {
        if (from.Kind() != to.Kind())
        {
            throw new DomainException("Unit", "{0} cannot be converted to {1} without a density or a calorific value.", from.Symbol(), to.Symbol());
        }

        return value * from.ToBase() / to.ToBase();
    }

    /// <summary>Reads a unit symbol as typed (case-insensitive; English and Ukrainian symbols; "m3" for "m³").</summary>
    public static Unit Parse(string? symbol, string field = "Unit")
    {
        var clean = symbol?.Trim();
        if (string.IsNullOrEmpty(clean))
        {
            throw new DomainException(field, "This field is required.");
        }

        return TryParse(clean, out var unit) ? unit : throw Unknown(clean, field);
    }

    public static bool TryParse(string? symbol, out Unit unit)
    {
        unit = default;
        var clean = symbol?.Trim();
        if (string.IsNullOrEmpty(clean))
        {
            return false;
        }

        if (BySymbol.TryGetValue(clean, out unit))
        {
            return true;
        }

        // The enum name itself ("Tonne") is accepted too, which is what a form's select sends.
        return Enum.TryParse(clean, ignoreCase: false, out unit) && Enum.IsDefined(unit);
    }

    /// <summary>
    /// The units energy totals can be shown in: MWh, and GJ, Gcal and toe, which engineers in the region think in.
    /// </summary>
    public static IReadOnlyList<Unit> EnergyDisplay { get; } = [Unit.MegawattHour, Unit.Gigajoule, Unit.Gigacalorie, Unit.TonneOfOilEquivalent];

    /// <summary>All units, in the order a form lists them.</summary>
    public static IReadOnlyList<Unit> All { get; } = Enum.GetValues<Unit>();

    private static DomainException Unknown(string symbol, string field = "Unit") =>
        new(field, "Unknown unit \"{0}\"; use one of {1}.", symbol, string.Join(", ", Enum.GetValues<Unit>().Select(u => u.Symbol())));
}
