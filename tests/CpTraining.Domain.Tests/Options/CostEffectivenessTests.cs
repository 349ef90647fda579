using CpTraining.Domain.Options;

namespace CpTraining.Domain.Tests.Options;

public class CostEffectivenessTests
{
    // Published compound-interest tables (capital recovery factor A/P, e.g. any engineering-economics textbook
    // appendix): 10 %, 10 years: 0.16275; 5 %, 20 years: 0.08024.
    [Theory]
    [InlineData(0.10, 10, 0.16275)]
    [InlineData(0.05, 20, 0.08024)]
    public void Capital_recovery_factor_matches_the_interest_tables(double rate, int years, double published)
    {
        Assert.Equal((decimal)published, Math.Round(CostEffectiveness.CapitalRecoveryFactor((decimal)rate, years), 5));
    }

    // numpy-financial TestPmt.test_pmt_decimal_simple: npf.pmt(Decimal('0.08') / Decimal('12'), 5 * 12, 15000) is
    // Decimal('-304.1459143262052370338701494'); the payment is the principal times the capital recovery factor.
    [Fact]
    public void Capital_recovery_factor_times_a_loan_is_numpy_financials_payment()
    {
        var payment = 15000m * CostEffectiveness.CapitalRecoveryFactor(0.08m / 12, 60);

        Assert.True(Math.Abs(payment - 304.1459143262052370338701494m) < 1e-18m, $"{payment}");
    }

    [Fact]
    public void At_zero_rate_the_capital_recovery_factor_is_one_over_the_years()
    {
        Assert.Equal(0.25m, CostEffectiveness.CapitalRecoveryFactor(0m, 4));
    }

    // numpy-financial TestPV.test_pv: npf.pv(0.07, 20, 12000, 0) = −127128.17 — paying 12000 a year for 20 years is
    // worth 127128.17 today at 7 %. So an option with NPV −127128.17 costs 12000 a year, evenly spread.
    [Fact]
    public void Equivalent_annual_cost_spreads_a_negative_npv_into_numpy_financials_annuity()
    {
        var eac = CostEffectiveness.EquivalentAnnualCost(-127128.17m, 0.07m, 20);

        Assert.Equal(12000.00m, Math.Round(eac, 2));
        Assert.Equal(-12000.00m, Math.Round(CostEffectiveness.EquivalentAnnualCost(127128.17m, 0.07m, 20), 2));
    }

    [Fact]
    public void Cost_per_tonne_divides_the_annual_cost_by_the_tonnes_avoided_and_is_null_without_tonnes()
    {
        Assert.Equal(-40m, CostEffectiveness.CostPerTonne(-12000m, 300m)); // a saving option: negative cost per tonne
        Assert.Null(CostEffectiveness.CostPerTonne(12000m, 0m));
        Assert.Null(CostEffectiveness.CostPerTonne(12000m, -5m));
    }
}
