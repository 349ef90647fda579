namespace CpTraining.Domain.Options;

/// <summary>Annual kilograms of a named hazardous substance (e.g. a persistent organic pollutant) no longer used or emitted.</summary>
public sealed record SubstanceReduction(string Name, decimal KilogramsPerYear);

/// <summary>
/// Annual environmental reductions of an option, each null when neither entered nor computable: water and wastewater
/// in m³, energy in MWh, CO₂, solid and hazardous waste and raw materials in t, named substances in kg.
/// </summary>
public sealed record Reductions(
    decimal? WaterCubicMetres,
    decimal? EnergyMegawattHours,
    decimal? TonnesCo2,
    decimal? SolidWasteTonnes,
    decimal? HazardousWasteTonnes,
    decimal? WastewaterCubicMetres,
    decimal? RawMaterialTonnes,
    IReadOnlyList<SubstanceReduction> Substances)
{
    public const decimal MaxFigure = 1_000_000_000m;
    public const int MaxSubstances = 20;

    public static Reductions None { get; } = new(null, null, null, null, null, null, null, []);

    /// <summary>Solid plus hazardous waste, t/yr; null when neither is known.</summary>
    public decimal? WasteTonnes => SolidWasteTonnes is null && HazardousWasteTonnes is null
        ? null
        : (SolidWasteTonnes ?? 0) + (HazardousWasteTonnes ?? 0);

    public bool IsEmpty => this == None || (WaterCubicMetres is null && EnergyMegawattHours is null && TonnesCo2 is null
        && SolidWasteTonnes is null && HazardousWasteTonnes is null && WastewaterCubicMetres is null && RawMaterialTonnes is null
        && Substances.Count == 0);

    /// <summary>
    /// Figure by figure, with the substances compared as a list (a record compares lists by reference, so the same
    /// figures read back or typed again would otherwise count as a change, and re-saving verified results would void
    /// their verification).
    /// </summary>
    public bool Equals(Reductions? other) =>
        other is not null
        && WaterCubicMetres == other.WaterCubicMetres
        && EnergyMegawattHours == other.EnergyMegawattHours
        && TonnesCo2 == other.TonnesCo2
        && SolidWasteTonnes == other.SolidWasteTonnes
        && HazardousWasteTonnes == other.HazardousWasteTonnes
        && WastewaterCubicMetres == other.WastewaterCubicMetres
        && RawMaterialTonnes == other.RawMaterialTonnes
        && Substances.SequenceEqual(other.Substances);

    public override int GetHashCode() =>
        HashCode.Combine(WaterCubicMetres, EnergyMegawattHours, TonnesCo2, SolidWasteTonnes, HazardousWasteTonnes, WastewaterCubicMetres, RawMaterialTonnes, Substances.Count);

    /// <summary>Checks every figure (0 ≤ x ≤ 10⁹; a reduction may be negative only for CO₂ and energy, e.g. a pump that saves water uses power).</summary>
    public static Reductions Create(
        decimal? water, decimal? energy, decimal? co2, decimal? solid, decimal? hazardous, decimal? wastewater, decimal? rawMaterial,
        IEnumerable<SubstanceReduction>? substances)
    {
        Check(water, nameof(WaterCubicMetres), allowNegative: false);
        Check(energy, nameof(EnergyMegawattHours), allowNegative: true);
        Check(co2, nameof(TonnesCo2), allowNegative: true);
        Check(solid, nameof(SolidWasteTonnes), allowNegative: false);
        Check(hazardous, nameof(HazardousWasteTonnes), allowNegative: false);
        Check(wastewater, nameof(WastewaterCubicMetres), allowNegative: false);
        Check(rawMaterial, nameof(RawMaterialTonnes), allowNegative: false);
        var list = new List<SubstanceReduction>();
        var i = 0;
        foreach (var s in substances ?? [])
        {
            var name = Text.Optional(s.Name, $"Substances[{i}].Name", 200);
            if (name is not null)
            {
                Check(s.KilogramsPerYear, $"Substances[{i}].KilogramsPerYear", allowNegative: false);
                list.Add(new SubstanceReduction(name, s.KilogramsPerYear));
            }

            i++;
        }

        if (list.Count > MaxSubstances)
        {
            throw new DomainException("Substances", "Use at most {0} substances.", MaxSubstances);
        }

        return new Reductions(water, energy, co2, solid, hazardous, wastewater, rawMaterial, list.AsReadOnly());
    }

    /// <summary>Each figure of this (entered) set where given, else the computed one; substances by name likewise.</summary>
    public Reductions Over(Reductions computed)
    {
        ArgumentNullException.ThrowIfNull(computed);
        var substances = Substances.ToList();
        substances.AddRange(computed.Substances.Where(c => !Substances.Any(s => string.Equals(s.Name, c.Name, StringComparison.OrdinalIgnoreCase))));
        return new Reductions(
            WaterCubicMetres ?? computed.WaterCubicMetres,
            EnergyMegawattHours ?? computed.EnergyMegawattHours,
            TonnesCo2 ?? computed.TonnesCo2,
            SolidWasteTonnes ?? computed.SolidWasteTonnes,
            HazardousWasteTonnes ?? computed.HazardousWasteTonnes,
            WastewaterCubicMetres ?? computed.WastewaterCubicMetres,
            RawMaterialTonnes ?? computed.RawMaterialTonnes,
            substances.AsReadOnly());
    }

    /// <summary>Figure-by-figure sum (null + null = null); substances summed by name.</summary>
    public static Reductions Sum(IEnumerable<Reductions> all)
    {
        ArgumentNullException.ThrowIfNull(all);
        var list = all.ToList();
        static decimal? Add(IEnumerable<decimal?> xs) => xs.Any(x => x is not null) ? xs.Sum(x => x ?? 0) : null;
        return new Reductions(
            Add(list.Select(r => r.WaterCubicMetres)),
            Add(list.Select(r => r.EnergyMegawattHours)),
            Add(list.Select(r => r.TonnesCo2)),
            Add(list.Select(r => r.SolidWasteTonnes)),
            Add(list.Select(r => r.HazardousWasteTonnes)),
            Add(list.Select(r => r.WastewaterCubicMetres)),
            Add(list.Select(r => r.RawMaterialTonnes)),
            list.SelectMany(r => r.Substances)
                .GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .Select(g => new SubstanceReduction(g.First().Name, g.Sum(s => s.KilogramsPerYear)))
                .OrderBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
                .ToList()
                .AsReadOnly());
    }

    private static void Check(decimal? value, string field, bool allowNegative)
    {
        if (value is { } v && (v > MaxFigure || v < (allowNegative ? -MaxFigure : 0)))
        {
            throw allowNegative
                ? new DomainException(field, "Enter a figure between −{0} and {0}.", MaxFigure)
                : new DomainException(field, "Enter a figure from 0 to {0}.", MaxFigure);
        }
    }
}
