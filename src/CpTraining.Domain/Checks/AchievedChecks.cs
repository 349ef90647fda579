using CpTraining.Domain.Options;

namespace CpTraining.Domain.Checks;

/// <summary>
/// Achieved results against the plan: a measured figure more than three times, or under a third of, the planned one
/// is usually a unit or a typing error (t for kg, a month for a year) — unless the engineer explains it with the
/// results (<see cref="AchievedResults.Explanation"/>). Compared where both figures are known and the plan is positive.
/// </summary>
public static class AchievedChecks
{
    public const string FarFromPlan = "achieved.far-from-plan";

    /// <summary>Achieved ÷ planned above this, or below its inverse, is questioned.</summary>
    public const decimal Factor = 3m;

    public static IReadOnlyList<Finding> Of(OptionSnapshot option)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (option.Achieved is not { } achieved || !string.IsNullOrWhiteSpace(achieved.Explanation))
        {
            return [];
        }

        var planned = option.EffectiveReductions;
        var done = achieved.Reductions;
        (string Field, string Name, decimal? Planned, decimal? Achieved)[] figures =
        [
            ("ActualInvestment", "total investment", option.Economics?.TotalInvestment, achieved.ActualInvestment),
            ("AnnualSavings", "net annual savings", option.Economics?.NetAnnualSavings, achieved.AnnualSavings),
            ("WaterCubicMetres", "water saved, m³/yr", planned.WaterCubicMetres, done.WaterCubicMetres),
            ("EnergyMegawattHours", "energy saved, MWh/yr", planned.EnergyMegawattHours, done.EnergyMegawattHours),
            ("TonnesCo2", "CO₂ avoided, t/yr", planned.TonnesCo2, done.TonnesCo2),
            ("SolidWasteTonnes", "solid waste avoided, t/yr", planned.SolidWasteTonnes, done.SolidWasteTonnes),
            ("HazardousWasteTonnes", "hazardous waste avoided, t/yr", planned.HazardousWasteTonnes, done.HazardousWasteTonnes),
            ("WastewaterCubicMetres", "wastewater avoided, m³/yr", planned.WastewaterCubicMetres, done.WastewaterCubicMetres),
            ("RawMaterialTonnes", "raw material saved, t/yr", planned.RawMaterialTonnes, done.RawMaterialTonnes),
        ];
        var findings = new List<Finding>();
        foreach (var (field, name, plan, actual) in figures)
        {
            if (plan is not > 0m || actual is not { } a)
            {
                continue;
            }

            var ratio = a / plan.Value;
            if (ratio > Factor || ratio < 1m / Factor)
            {
                findings.Add(new Finding(
                    FarFromPlan,
                    Severity.Warning,
                    field,
                    "The achieved {0} ({1:N1}) is {2:0.##} times the planned {3:N1}, and no explanation is given. Check the figure and its unit (t or kg, a month or a year), or explain the difference with the results.",
                    new Term(name),
                    a,
                    Math.Round(ratio, 2),
                    plan.Value));
            }
        }

        return findings;
    }
}
