using CpTraining.Domain.Checks;
using CpTraining.Domain.Options;

namespace CpTraining.Domain.Tests.Checks;

/// <summary>Achieved results more than three times, or under a third of, the plan, without an explanation.</summary>
public sealed class AchievedChecksTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>A selected option planned at 10 000 invested, 4 000 a year saved and 402.5 t of solid waste avoided a year.</summary>
    private static IReadOnlyList<Finding> Check(decimal? investment, decimal? savings, decimal? waste, string? explanation = null)
    {
        var option = CpOption.Create(Guid.NewGuid(), Guid.NewGuid(), 1, "Whey to a pig farm", null, null, OptionCategory.UsefulByProduct, OptionKind.Investment, Now);
        option.ChangeEconomics(new EconomicInputs
        {
            Investment = [new InvestmentLine("Tank", 10_000m)],
            Other = 4_000m,
            LifetimeYears = 10,
            DiscountRate = 0.1m,
        });
        option.ChangeReductions(Reductions.Create(null, null, null, 402.5m, null, null, null, null));
        option.MoveTo(OptionStatus.UnderStudy, null, "e", Now);
        option.MoveTo(OptionStatus.Feasible, null, "e", Now);
        option.MoveTo(OptionStatus.Selected, null, "e", Now);
        option.RecordAchieved(
            AchievedResults.Create(new DateOnly(2027, 2, 1), investment, savings, Reductions.Create(null, null, null, waste, null, null, null, null), null, explanation),
            [],
            Now);
        return AchievedChecks.Of(option.Snapshot(Reductions.None, []));
    }

    [Fact]
    public void Results_near_the_plan_raise_nothing()
    {
        // 12 000 ÷ 10 000 = 1.2, 3 000 ÷ 4 000 = 0.75, 400 ÷ 402.5 ≈ 0.99.
        Assert.Empty(Check(12_000m, 3_000m, 400m));
    }

    [Fact]
    public void A_waste_reduction_46_times_the_plan_is_questioned()
    {
        // The published 2010 report's case: 18 650 t achieved against 402.5 t planned, 18 650 ÷ 402.5 = 46.34 times.
        var finding = Assert.Single(Check(10_000m, 4_000m, 18_650m));

        Assert.Equal((AchievedChecks.FarFromPlan, Severity.Warning, "SolidWasteTonnes"), (finding.Rule, finding.Severity, finding.Field));
        Assert.Equal(46.34m, finding.Arguments[2]);
    }

    [Fact]
    public void Savings_under_a_third_of_the_plan_are_questioned_and_exactly_three_times_is_not()
    {
        // 1 000 ÷ 4 000 = 0.25 < 1/3; 30 000 ÷ 10 000 = 3, not more than three times.
        var findings = Check(30_000m, 1_000m, null);

        var finding = Assert.Single(findings);
        Assert.Equal("AnnualSavings", finding.Field);
        Assert.Equal(0.25m, finding.Arguments[2]);
    }

    [Fact]
    public void An_explanation_with_the_results_answers_the_question()
    {
        Assert.Empty(Check(10_000m, 4_000m, 18_650m, explanation: "The farm now also takes the sludge of the wastewater plant."));
    }

    [Fact]
    public void Without_results_there_is_nothing_to_compare()
    {
        var option = CpOption.Create(Guid.NewGuid(), Guid.NewGuid(), 1, "Option", null, null, OptionCategory.GoodHousekeeping, OptionKind.Investment, Now);

        Assert.Empty(AchievedChecks.Of(option.Snapshot(Reductions.None, [])));
    }
}
