using CpTraining.Domain.Balances;

namespace CpTraining.Domain.Options;

/// <summary>
/// An option addresses a stream of one of the company's balance worksheets and is expected to cut it by
/// <see cref="ReductionPercent"/> (0 = it addresses the stream without a figure).
/// </summary>
public sealed record StreamLink(Guid WorksheetId, Guid StreamId, bool IsEnergy, decimal ReductionPercent)
{
    public static StreamLink Create(Guid worksheetId, Guid streamId, bool isEnergy, decimal reductionPercent, int index) =>
        reductionPercent is < 0 or > 100
            ? throw new DomainException($"Links[{index}].ReductionPercent", "A reduction is from 0 % to 100 % of the stream.")
            : new StreamLink(worksheetId, streamId, isEnergy, reductionPercent);
}

/// <summary>What a linked stream's reduction counts as.</summary>
public enum ReductionEffect
{
    Water,
    Wastewater,
    SolidWaste,
    HazardousWaste,
    RawMaterial,
    Energy,
    Co2,

    /// <summary>A product or by-product stream, or an air emission other than CO₂: addressed, not counted.</summary>
    None,
}

/// <summary>One linked stream with the figures its reduction adds: the annual flow, the share cut and the result in the effect's unit.</summary>
public sealed record LinkedReduction(
    StreamLink Link,
    string WorksheetName,
    string? StreamName,
    ReductionEffect Effect,
    decimal AnnualFlow,
    string FlowUnit,
    decimal Reduction,
    decimal? TonnesCo2,
    string? Substance,
    decimal? SubstanceKilograms)
{
    /// <summary>The stream is no longer in the worksheet (removed after the link was made).</summary>
    public bool IsMissing => StreamName is null;
}

/// <summary>
/// Computes an option's reductions from the streams it is linked to, with rules the page states:
/// <list type="bullet">
/// <item>an output counts by its class: wastewater → m³ of wastewater; solid waste and unaccounted loss → t of solid
/// waste; hazardous waste → t of hazardous waste; an air emission whose material is CO₂ → t of CO₂;</item>
/// <item>an input whose material is water ("water", "вода", …) → m³ of water; any other input → t of raw material;</item>
/// <item>volumes: the stream's density when it was entered with one, else 1 000 kg/m³ (water);</item>
/// <item>an energy stream → MWh, and its CO₂ from the worksheet's emission factors;</item>
/// <item>a stream's hazardous substance content is reduced by the same share.</item>
/// </list>
/// </summary>
public static class EnvironmentalEvaluation
{
    public const decimal WaterDensity = 1_000m;

    private static readonly string[] WaterWords = ["water", "вода", "воды"];

    public static (Reductions Computed, IReadOnlyList<LinkedReduction> Lines) Compute(
        IEnumerable<StreamLink> links,
        IReadOnlyDictionary<Guid, WorksheetSnapshot> worksheets,
        EmissionFactorTable factors,
        string? country)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(worksheets);
        ArgumentNullException.ThrowIfNull(factors);
        var lines = new List<LinkedReduction>();
        foreach (var link in links)
        {
            if (!worksheets.TryGetValue(link.WorksheetId, out var sheet))
            {
                lines.Add(Missing(link, string.Empty));
                continue;
            }

            var share = link.ReductionPercent / 100m;
            if (link.IsEnergy)
            {
                var e = sheet.EnergyStreams.FirstOrDefault(x => x.Id == link.StreamId);
                if (e is null)
                {
                    lines.Add(Missing(link, sheet.Name));
                    continue;
                }

                var factor = factors.Find(country, e.Carrier);
                var name = e.Name ?? e.Carrier.ToString();
                lines.Add(new LinkedReduction(
                    link, sheet.Name, name, ReductionEffect.Energy, e.AnnualMegawattHours, "MWh", e.AnnualMegawattHours * share,
                    factor is null ? null : factor.TonnesFor(e.AnnualMegajoules) * share, null, null));
                continue;
            }

            var s = sheet.Streams.FirstOrDefault(x => x.Id == link.StreamId);
            if (s is null)
            {
                lines.Add(Missing(link, sheet.Name));
                continue;
            }

            var effect = EffectOf(s);
            var (flow, unit) = effect is ReductionEffect.Water or ReductionEffect.Wastewater
                ? (s.AnnualKilograms / (s.Quantity.Density ?? WaterDensity), "m³")
                : (s.AnnualKilograms / 1_000m, "t");
            lines.Add(new LinkedReduction(
                link, sheet.Name, s.Name, effect, flow, unit, flow * share,
                effect == ReductionEffect.Co2 ? flow * share : null,
                s.HazardousSubstance,
                s.HazardousSubstance is null ? null : (s.HazardousKilogramsPerYear ?? 0) * share));
        }

        decimal? Sum(ReductionEffect effect) =>
            lines.Any(l => l.Effect == effect && !l.IsMissing) ? lines.Where(l => l.Effect == effect).Sum(l => l.Reduction) : null;

        var co2Lines = lines.Where(l => l.TonnesCo2 is not null).ToList();
        var computed = new Reductions(
            Sum(ReductionEffect.Water),
            Sum(ReductionEffect.Energy),
            co2Lines.Count > 0 ? co2Lines.Sum(l => l.TonnesCo2!.Value) : null,
            Sum(ReductionEffect.SolidWaste),
            Sum(ReductionEffect.HazardousWaste),
            Sum(ReductionEffect.Wastewater),
            Sum(ReductionEffect.RawMaterial),
            lines.Where(l => l.Substance is not null)
                .GroupBy(l => l.Substance!, StringComparer.OrdinalIgnoreCase)
                .Select(g => new SubstanceReduction(g.First().Substance!, g.Sum(l => l.SubstanceKilograms ?? 0)))
                .ToList()
                .AsReadOnly());
        return (computed, lines.AsReadOnly());
    }

    public static ReductionEffect EffectOf(StreamSnapshot stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return stream.Direction switch
        {
            StreamDirection.Input => IsWater(stream.Material) ? ReductionEffect.Water : ReductionEffect.RawMaterial,
            StreamDirection.Output => stream.OutputClass switch
            {
                OutputClass.Wastewater => ReductionEffect.Wastewater,
                OutputClass.SolidWaste or OutputClass.UnaccountedLoss => ReductionEffect.SolidWaste,
                OutputClass.HazardousWaste => ReductionEffect.HazardousWaste,
                OutputClass.AirEmission when IsCo2(stream.Material) => ReductionEffect.Co2,
                _ => ReductionEffect.None,
            },
            _ => ReductionEffect.None,
        };
    }

    public static bool IsWater(string material) =>
        !material.Contains("waste", StringComparison.OrdinalIgnoreCase)
        && Array.Exists(WaterWords, w => material.Contains(w, StringComparison.OrdinalIgnoreCase));

    private static bool IsCo2(string material)
    {
        var m = material.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("₂", "2", StringComparison.Ordinal);
        return m.Equals("CO2", StringComparison.OrdinalIgnoreCase) || m.Contains("carbondioxide", StringComparison.OrdinalIgnoreCase);
    }

    private static LinkedReduction Missing(StreamLink link, string worksheetName) =>
        new(link, worksheetName, null, ReductionEffect.None, 0, string.Empty, 0, null, null, null);
}
