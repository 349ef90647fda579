using CpTraining.Domain.Options;
using CpTraining.Domain.Reports;

namespace CpTraining.Domain.Checks;

/// <summary>One company report as the programme report's totals are compared with it: its currency and its totals.</summary>
public sealed record CompanyReportTotals(string CompanyName, string Currency, OptionTotals Totals);

/// <summary>
/// The programme report's totals against the sum of its company reports: options counted, money per currency
/// (never added across currencies) and the main reductions, planned and achieved. A difference means the reader holds
/// two reports that contradict each other — usually a company report published before its figures changed.
/// </summary>
public static class ReportChecks
{
    public const string TotalsDiffer = "report.totals-differ";

    /// <summary>Money and reductions closer than this are equal (rounding in the printed figures).</summary>
    private const decimal Tolerance = 0.01m;

    public static IReadOnlyList<Finding> ProgrammeTotals(ProgrammeReportFigures programme, IReadOnlyList<CompanyReportTotals> companies)
    {
        ArgumentNullException.ThrowIfNull(programme);
        ArgumentNullException.ThrowIfNull(companies);
        var findings = new List<Finding>();
        void Compare(string field, string name, decimal inProgramme, decimal summed, string unit)
        {
            if (Math.Abs(inProgramme - summed) > Tolerance)
            {
                findings.Add(new Finding(
                    TotalsDiffer,
                    Severity.Serious,
                    field,
                    "The programme report gives {0} as {1:N2}{2}, but its company reports add up to {3:N2}{2}. A company report was probably published before its figures changed: publish the company reports again, then the programme report.",
                    new Term(name),
                    inProgramme,
                    unit,
                    summed));
            }
        }

        var totals = companies.Select(c => c.Totals).ToList();
        Compare("Identified", "the options identified", programme.Identified, totals.Sum(t => t.Identified), string.Empty);
        Compare("Selected", "the options selected", programme.Selected, totals.Sum(t => t.Selected), string.Empty);
        Compare("Implemented", "the options implemented", programme.Implemented, totals.Sum(t => t.Implemented), string.Empty);
        Compare("Verified", "the options verified", programme.Verified, totals.Sum(t => t.Verified), string.Empty);

        var currencies = programme.Money.Select(m => m.Currency)
            .Concat(companies.Select(c => c.Currency))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var currency in currencies)
        {
            var money = programme.Money.FirstOrDefault(m => string.Equals(m.Currency, currency, StringComparison.OrdinalIgnoreCase));
            var own = companies.Where(c => string.Equals(c.Currency, currency, StringComparison.OrdinalIgnoreCase)).Select(c => c.Totals).ToList();
            var unit = " " + currency;
            Compare("PlannedInvestment:" + currency, "the planned investment", money?.PlannedInvestment ?? 0, own.Sum(t => t.PlannedInvestment), unit);
            Compare("PlannedAnnualSavings:" + currency, "the planned annual savings", money?.PlannedAnnualSavings ?? 0, own.Sum(t => t.PlannedAnnualSavings), unit);
            Compare("AchievedInvestment:" + currency, "the achieved investment", money?.AchievedInvestment ?? 0, own.Sum(t => t.AchievedInvestment), unit);
            Compare("AchievedAnnualSavings:" + currency, "the achieved annual savings", money?.AchievedAnnualSavings ?? 0, own.Sum(t => t.AchievedAnnualSavings), unit);
        }

        var planned = Reductions.Sum(totals.Select(t => t.PlannedReductions));
        var achieved = Reductions.Sum(totals.Select(t => t.AchievedReductions));
        Compare("PlannedWaste", "the planned waste reduction", programme.PlannedReductions.WasteTonnes ?? 0, planned.WasteTonnes ?? 0, " t/yr");
        Compare("AchievedWaste", "the achieved waste reduction", programme.AchievedReductions.WasteTonnes ?? 0, achieved.WasteTonnes ?? 0, " t/yr");
        Compare("PlannedCo2", "the planned CO₂ reduction", programme.PlannedReductions.TonnesCo2 ?? 0, planned.TonnesCo2 ?? 0, " t/yr");
        Compare("AchievedCo2", "the achieved CO₂ reduction", programme.AchievedReductions.TonnesCo2 ?? 0, achieved.TonnesCo2 ?? 0, " t/yr");
        Compare("PlannedWater", "the planned water saving", programme.PlannedReductions.WaterCubicMetres ?? 0, planned.WaterCubicMetres ?? 0, " m³/yr");
        Compare("PlannedEnergy", "the planned energy saving", programme.PlannedReductions.EnergyMegawattHours ?? 0, planned.EnergyMegawattHours ?? 0, " MWh/yr");
        return findings;
    }
}
