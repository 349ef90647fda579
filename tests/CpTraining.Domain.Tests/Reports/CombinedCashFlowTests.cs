using CpTraining.Domain.Options;
using CpTraining.Domain.Reports;

namespace CpTraining.Domain.Tests.Reports;

public sealed class CombinedCashFlowTests
{
    [Fact]
    public void Options_cash_flows_add_up_year_by_year_and_an_option_adds_nothing_after_its_lifetime()
    {
        // A: −100, then +60 for 2 years. B: −50, then +20 for 3 years. No discounting.
        // Summed: −150, +80, +80, +20 → cumulative −150, −70, +10, +30; payback 1 + 70/80 = 1.875 years.
        var a = EconomicEvaluation.Evaluate(new EconomicInputs { Investment = [new("A", 100m)], Energy = 60m, LifetimeYears = 2, DiscountRate = 0m });
        var b = EconomicEvaluation.Evaluate(new EconomicInputs { Investment = [new("B", 50m)], Water = 20m, LifetimeYears = 3, DiscountRate = 0m });

        var flow = CombinedCashFlow.Of([a, b])!;

        Assert.Equal([-150m, -70m, 10m, 30m], flow.Years.Select(y => y.Cumulative));
        Assert.Equal([-150m, -70m, 10m, 30m], flow.Years.Select(y => y.CumulativeDiscounted));
        Assert.Equal(1.875m, flow.Payback);
        Assert.Equal(1.875m, flow.DiscountedPayback);
    }

    [Fact]
    public void Without_an_evaluated_option_there_is_no_cash_flow() =>
        Assert.Null(CombinedCashFlow.Of([]));
}
