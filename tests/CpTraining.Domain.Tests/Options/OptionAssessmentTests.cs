using CpTraining.Domain.Options;

namespace CpTraining.Domain.Tests.Options;

/// <summary>Cost per tonne avoided and planned-versus-achieved totals, checked by hand.</summary>
public sealed class OptionAssessmentTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Cost_per_tonne_is_the_equivalent_annual_cost_over_the_tonnes_avoided()
    {
        // 1 000 invested, nothing saved, one year at 0 %: NPV = −1 000, CRF(0 %, 1) = 1, EAC = 1 000 a year;
        // 4 t CO₂ and 2 + 0.5 t waste avoided → 250 per t CO₂ and 400 per t waste.
        var option = WithEconomics(OptionStatus.Feasible, 1_000m, 0m, lifetime: 1, rate: 0m);
        option.ChangeReductions(Reductions.Create(null, null, 4m, 2m, 0.5m, null, null, null));

        var a = OptionAssessment.Of(option.Snapshot(Reductions.None, []));

        Assert.Equal(-1_000m, a.Economics!.Npv);
        Assert.Equal(1_000m, a.EquivalentAnnualCost);
        Assert.Equal(250m, a.CostPerTonneCo2);
        Assert.Equal(400m, a.CostPerTonneWaste);
    }

    [Fact]
    public void A_technically_infeasible_option_has_no_economics_and_no_cost_per_tonne()
    {
        var option = WithEconomics(OptionStatus.UnderStudy, 1_000m, 500m, 5, 0.1m);
        option.EvaluateTechnically(TechnicalEvaluation.Create([new("Space required", 1m, 1)], false, null));

        var a = OptionAssessment.Of(option.Snapshot(Reductions.None, []));

        Assert.Null(a.Economics);
        Assert.Null(a.CostPerTonneCo2);
        Assert.Equal(1m, a.TechnicalScore);
    }

    [Fact]
    public void Planned_counts_selected_and_beyond_and_achieved_counts_only_verified_results()
    {
        var selected = WithEconomics(OptionStatus.Selected, 1_000m, 400m, 5, 0.1m);
        var implemented = WithEconomics(OptionStatus.Selected, 200m, 100m, 5, 0.1m);
        implemented.RecordAchieved(AchievedResults.Create(new DateOnly(2027, 2, 1), 210m, 90m, Reductions.None, null), [], Now);
        implemented.MoveTo(OptionStatus.Implemented, null, "e", Now);
        var verified = WithEconomics(OptionStatus.Selected, 500m, 300m, 5, 0.1m);
        verified.RecordAchieved(AchievedResults.Create(new DateOnly(2027, 2, 1), 550m, 350m, Reductions.Create(120m, null, null, null, null, null, null, null), null), [], Now);
        verified.MoveTo(OptionStatus.Implemented, null, "e", Now);
        verified.MoveTo(OptionStatus.Verified, null, "trainer", Now);
        var identified = WithEconomics(OptionStatus.Identified, 99m, 99m, 5, 0.1m);

        var totals = OptionTotals.Of(new[] { selected, implemented, verified, identified }.Select(o => OptionAssessment.Of(o.Snapshot(Reductions.None, []))));

        Assert.Equal((4, 3, 2, 1), (totals.Identified, totals.Selected, totals.Implemented, totals.Verified));
        Assert.Equal(1_700m, totals.PlannedInvestment);   // 1 000 + 200 + 500
        Assert.Equal(800m, totals.PlannedAnnualSavings);  // 400 + 100 + 300
        Assert.Equal(2.125m, totals.PlannedPayback);      // 1 700 ÷ 800
        Assert.Equal(550m, totals.AchievedInvestment);    // the verified option only
        Assert.Equal(350m, totals.AchievedAnnualSavings);
        Assert.Equal(120m, totals.AchievedReductions.WaterCubicMetres);
    }

    private static CpOption WithEconomics(OptionStatus status, decimal investment, decimal savings, int lifetime, decimal rate)
    {
        var option = CpOption.Create(Guid.NewGuid(), Guid.NewGuid(), 1, "Option", null, null, OptionCategory.GoodHousekeeping, OptionKind.Investment, Now);
        option.ChangeEconomics(new EconomicInputs
        {
            Investment = investment > 0 ? [new InvestmentLine("Equipment", investment)] : [],
            Other = savings,
            LifetimeYears = lifetime,
            DiscountRate = rate,
        });
        var path = status switch
        {
            OptionStatus.Identified => Array.Empty<OptionStatus>(),
            OptionStatus.UnderStudy => [OptionStatus.UnderStudy],
            OptionStatus.Feasible => [OptionStatus.UnderStudy, OptionStatus.Feasible],
            _ => [OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected],
        };
        foreach (var next in path)
        {
            option.MoveTo(next, null, "e", Now);
        }

        return option;
    }
}
