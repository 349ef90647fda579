using CpTraining.Domain.Checks;
using CpTraining.Domain.Options;

namespace CpTraining.Domain.Tests.Checks;

/// <summary>
/// Each economic plausibility rule with a case that triggers it and one that does not. Figures worked by hand: a
/// 10 000 investment saving 3 000 a year pays back in 3.3 years, inside a 5-year life, with an IRR of 15.2 %.
/// </summary>
public sealed class EconomicChecksTests
{
    private static IReadOnlyList<Finding> Check(decimal investment, decimal savings, int lifetime = 5, decimal rate = 0.10m)
    {
        var inputs = new EconomicInputs
        {
            Investment = investment > 0 ? [new InvestmentLine("Equipment", investment)] : [],
            Other = savings,
            LifetimeYears = lifetime,
            DiscountRate = rate,
        };
        return EconomicChecks.Of(inputs, EconomicEvaluation.Evaluate(inputs));
    }

    [Fact]
    public void A_sound_project_raises_nothing()
    {
        Assert.Empty(Check(10_000m, 3_000m));
    }

    [Fact]
    public void Savings_without_an_investment_have_a_zero_payback_which_is_serious()
    {
        var finding = Assert.Single(Check(0m, 3_000m), f => f.Rule == EconomicChecks.ZeroPayback);

        Assert.Equal((Severity.Serious, "Investment"), (finding.Severity, finding.Field));
    }

    [Fact]
    public void A_payback_beyond_the_lifetime_is_serious_and_names_both()
    {
        // 10 000 ÷ 1 500 = 6.7 years, beyond a 5-year life.
        var finding = Assert.Single(Check(10_000m, 1_500m), f => f.Rule == EconomicChecks.PaybackBeyondLifetime);

        Assert.Equal(Severity.Serious, finding.Severity);
        Assert.Equal([6.7m, 5], finding.Arguments);
        Assert.DoesNotContain(Check(10_000m, 2_500m), f => f.Rule == EconomicChecks.PaybackBeyondLifetime); // 4 years
    }

    [Fact]
    public void An_irr_above_100_percent_is_a_warning()
    {
        // 1 000 saving 3 000 a year for 5 years: the IRR solves 1 000 = 3 000 × annuity factor, about 299 %.
        var finding = Assert.Single(Check(1_000m, 3_000m), f => f.Rule == EconomicChecks.IrrAbove100);

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.True((decimal)finding.Arguments[0] > 100m);
        Assert.DoesNotContain(Check(10_000m, 3_000m), f => f.Rule == EconomicChecks.IrrAbove100);
    }

    [Theory]
    [InlineData("0.35", true)]
    [InlineData("0.30", false)]
    [InlineData("0", false)]
    [InlineData("0.08", false)]
    public void A_discount_rate_outside_0_to_30_percent_is_a_warning(string rate, bool flagged)
    {
        var findings = Check(10_000m, 3_000m, rate: decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(flagged, findings.Any(f => f.Rule == EconomicChecks.DiscountRateOutside && f.Field == "DiscountRate"));
    }
}

public class EconomicChecksOfRealProjectsTests
{
    /// <summary>
    /// Year 1 ramps up at 1 500 instead of 3 000: the simple payback (year-1 savings) is 10 000 ÷ 1 500 = 6.7 years,
    /// beyond the 5-year life, yet the cumulative flow −10 000, −8 500, −5 500, −2 500, +500 turns positive in year 4:
    /// the option pays back, so nothing is flagged. Without the grant's help and with 1 500 every year it never does.
    /// </summary>
    [Fact]
    public void A_ramp_up_year_is_not_a_payback_beyond_the_lifetime_when_the_cumulative_flow_turns_positive()
    {
        var rampUp = new EconomicInputs
        {
            Investment = [new InvestmentLine("Unit", 10_000m)],
            Energy = 3_000m,
            LifetimeYears = 5,
            DiscountRate = 0.1m,
            YearOverrides = [new YearAmounts(1, 1_500m, 0m, 0m)],
        };
        var never = rampUp with { Energy = 1_500m };

        Assert.DoesNotContain(EconomicChecks.Of(rampUp, EconomicEvaluation.Evaluate(rampUp)), f => f.Rule == EconomicChecks.PaybackBeyondLifetime);
        Assert.Contains(EconomicChecks.Of(never, EconomicEvaluation.Evaluate(never)), f => f.Rule == EconomicChecks.PaybackBeyondLifetime);
    }

    [Fact]
    public void A_grant_covering_the_whole_investment_is_not_a_missing_investment()
    {
        var covered = new EconomicInputs
        {
            Investment = [new InvestmentLine("Unit", 10_000m)],
            Energy = 3_000m,
            LifetimeYears = 5,
            DiscountRate = 0.1m,
            Grants = [new GrantLine("Fund", 10_000m, 0, 1)],
        };
        var missing = covered with { Investment = [], Grants = [] };

        Assert.DoesNotContain(EconomicChecks.Of(covered, EconomicEvaluation.Evaluate(covered)), f => f.Rule == EconomicChecks.ZeroPayback);
        Assert.Contains(EconomicChecks.Of(missing, EconomicEvaluation.Evaluate(missing)), f => f.Rule == EconomicChecks.ZeroPayback);
    }
}
