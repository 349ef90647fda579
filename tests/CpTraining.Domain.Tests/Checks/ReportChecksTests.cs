using CpTraining.Domain.Checks;
using CpTraining.Domain.Options;
using CpTraining.Domain.Reports;

namespace CpTraining.Domain.Tests.Checks;

/// <summary>The programme report's totals against the sum of its company reports.</summary>
public sealed class ReportChecksTests
{
    private static OptionTotals Totals(int selected, decimal investment, decimal? waste) => new(
        selected + 1, selected, 0, 0, investment, investment / 2, 0m,
        Reductions.Create(null, null, null, waste, null, null, null, null), 0m, 0m, Reductions.None);

    private static ProgrammeReportFigures Programme(int selected, decimal investment, decimal? waste) => new(
        [], selected + 2, selected, 0, 0,
        [new CurrencyTotals("UAH", 2, investment, investment / 2, 0m, 0m, 0m)],
        Reductions.Create(null, null, null, waste, null, null, null, null), Reductions.None, []);

    private static readonly CompanyReportTotals[] Companies =
    [
        new("Dairy", "UAH", Totals(2, 30_000m, 100m)),
        new("Brewery", "UAH", Totals(1, 20_000m, 2.5m)),
    ];

    [Fact]
    public void Totals_that_add_up_raise_nothing()
    {
        // 2 + 1 selected (3 + 2 identified), 30 000 + 20 000 invested, 100 + 2.5 t of waste.
        Assert.Empty(ReportChecks.ProgrammeTotals(Programme(3, 50_000m, 102.5m), Companies));
    }

    [Fact]
    public void A_programme_total_that_differs_from_the_companies_is_serious_and_names_both_figures()
    {
        // The programme report counts 150 000 invested where its companies add up to 50 000 (a stale company report).
        var findings = ReportChecks.ProgrammeTotals(Programme(3, 150_000m, 102.5m), Companies);

        var investment = Assert.Single(findings, f => f.Field == "PlannedInvestment:UAH");
        Assert.Equal((ReportChecks.TotalsDiffer, Severity.Serious), (investment.Rule, investment.Severity));
        Assert.Equal([new Term("the planned investment"), 150_000m, " UAH", 50_000m], investment.Arguments);
        Assert.Contains(findings, f => f.Field == "PlannedAnnualSavings:UAH"); // 75 000 against 25 000
        Assert.DoesNotContain(findings, f => f.Field == "Selected");
    }

    [Fact]
    public void A_different_count_or_reduction_is_found_too()
    {
        var findings = ReportChecks.ProgrammeTotals(Programme(4, 50_000m, 18_650m), Companies);

        Assert.Equal(["Identified", "Selected", "PlannedWaste"], findings.Select(f => f.Field));
    }
}
