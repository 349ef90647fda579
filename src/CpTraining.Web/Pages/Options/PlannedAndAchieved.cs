using CpTraining.Domain.Options;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

/// <summary>One figure planned and achieved; <paramref name="Id"/> names the row for pages and tests.</summary>
public sealed record PlannedAndAchievedRow(string Label, string Id, decimal? Planned, decimal? Achieved, bool IsMoney)
{
    public decimal? Difference => PlannedAndAchieved.Difference(Planned, Achieved);
}

/// <summary>Planned against achieved figures side by side, as the achieved page and the company report show them.</summary>
public static class PlannedAndAchieved
{
    /// <summary>Achieved minus planned; null unless both are known.</summary>
    public static decimal? Difference(decimal? planned, decimal? achieved) =>
        planned is { } p && achieved is { } a ? a - p : null;

    /// <summary>
    /// The figures compared: investment and annual savings (in <paramref name="currency"/>), then the reductions;
    /// planned = the option's economic evaluation and effective reductions, achieved = the measured results.
    /// </summary>
    public static IReadOnlyList<PlannedAndAchievedRow> Rows(OptionAssessment planned, AchievedResults? achieved, string currency, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(planned);
        ArgumentNullException.ThrowIfNull(t);
        var p = planned.Reductions;
        var r = achieved?.Reductions ?? Reductions.None;
        return
        [
            new(t["Investment, {0}", currency], "investment", planned.Investment, achieved?.ActualInvestment, true),
            new(t["Annual savings, {0}/yr", currency], "savings", planned.AnnualSavings, achieved?.AnnualSavings, true),
            new(t["Water, m³/yr"], "water", p.WaterCubicMetres, r.WaterCubicMetres, false),
            new(t["Energy, MWh/yr"], "energy", p.EnergyMegawattHours, r.EnergyMegawattHours, false),
            new(t["CO₂, t/yr"], "co2", p.TonnesCo2, r.TonnesCo2, false),
            new(t["Solid waste, t/yr"], "solid-waste", p.SolidWasteTonnes, r.SolidWasteTonnes, false),
            new(t["Hazardous waste, t/yr"], "hazardous-waste", p.HazardousWasteTonnes, r.HazardousWasteTonnes, false),
            new(t["Wastewater, m³/yr"], "wastewater", p.WastewaterCubicMetres, r.WastewaterCubicMetres, false),
            new(t["Raw material, t/yr"], "raw-material", p.RawMaterialTonnes, r.RawMaterialTonnes, false),
        ];
    }

    /// <summary>The substances named in the plan or the results, kg/yr planned and achieved.</summary>
    public static IReadOnlyList<(string Name, decimal? Planned, decimal? Achieved)> Substances(Reductions planned, Reductions? achieved)
    {
        ArgumentNullException.ThrowIfNull(planned);
        var r = achieved ?? Reductions.None;
        static decimal? Kg(Reductions x, string name) => x.Substances.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))?.KilogramsPerYear;
        return
        [
            .. planned.Substances.Select(s => s.Name).Concat(r.Substances.Select(s => s.Name))
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Select(name => (name, Kg(planned, name), Kg(r, name))),
        ];
    }
}
