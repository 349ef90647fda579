using CpTraining.Domain.Options;

namespace CpTraining.Domain.Tests.Options;

public class EconomicEvaluationTests
{
    /// <summary>
    /// Worked by hand. Investment 2000 (equipment) + 500 (installation) = 2500. Savings in today's prices: energy 700 +
    /// raw materials 400 − extra maintenance 100 = 1000 a year. Escalation 3 % from year 1 (RETScreen): year 1 =
    /// 1000 × 1.03 = 1030, year 2 = 1000 × 1.03² = 1060.90, year 3 = 1000 × 1.03³ = 1092.727, plus salvage 200 in year 3.
    /// Net: −2500, 1030, 1060.90, 1292.727. Cumulative: −2500, −1470, −409.10, 883.627.
    /// Discounted at 10 %: 1030 / 1.1 = 936.3636…, 1060.90 / 1.21 = 876.7769…, 1292.727 / 1.331 = 971.2449…
    /// Cumulative discounted: −2500, −1563.6364, −686.8595, 284.3854 = NPV.
    /// Simple payback as RETScreen defines it = investment ÷ year-1 savings in today's prices = 2500 / 1000 = 2.5 years;
    /// the cumulative escalated cash flow turns positive in year 3: 2 + 409.10 / 1292.727 = 2.3165 years. Discounted payback = 2 + 686.8595 / 971.2449 = 2.7072 years.
    /// Benefits (energy + raw materials = 1100, escalated, + salvage): 1133/1.1 + 1166.99/1.21 + (1202.0 + 200)/1.331
    /// = 1030 + 964.4545 + 1053.3431 = 3047.7977. Costs: 2500 + 103/1.1 + 106.09/1.21 + 109.2727/1.331
    /// = 2500 + 93.6364 + 87.6777 + 82.0983 = 2763.4122. B/C = 3047.7977 / 2763.4122 = 1.1029; B − C = 284.3855 = NPV.
    /// </summary>
    private static EconomicInputs HandExample() => new()
    {
        Investment = [new InvestmentLine("Heat exchanger", 2000m), new InvestmentLine("Installation", 500m)],
        Energy = 700m,
        RawMaterials = 400m,
        Maintenance = 100m,
        LifetimeYears = 3,
        DiscountRate = 0.10m,
        Escalation = 0.03m,
        SalvageValue = 200m,
    };

    [Fact]
    public void The_cash_flow_table_is_the_hand_computed_one()
    {
        var result = EconomicEvaluation.Evaluate(HandExample());

        Assert.Equal([0, 1, 2, 3], result.Years.Select(y => y.Year));
        Assert.Equal([2500m, 0m, 0m, 0m], result.Years.Select(y => y.Investment));
        Assert.Equal([0m, 1030m, 1060.90m, 1092.727m], result.Years.Select(y => y.Savings));
        Assert.Equal([0m, 0m, 0m, 200m], result.Years.Select(y => y.Salvage));
        Assert.Equal([-2500m, 1030m, 1060.90m, 1292.727m], result.Years.Select(y => y.NetCashFlow));
        Assert.Equal([-2500m, -1470m, -409.10m, 883.627m], result.Years.Select(y => y.Cumulative));
        Assert.Equal(
            [-2500m, 936.3636m, 876.7769m, 971.2449m],
            result.Years.Select(y => Math.Round(y.DiscountedCashFlow, 4)));
        Assert.Equal(
            [-2500m, -1563.6364m, -686.8595m, 284.3854m],
            result.Years.Select(y => Math.Round(y.CumulativeDiscounted, 4)));
    }

    [Fact]
    public void The_figures_of_merit_are_the_hand_computed_ones()
    {
        var result = EconomicEvaluation.Evaluate(HandExample());

        Assert.Equal(284.3854m, Math.Round(result.Npv, 4));
        Assert.Equal(2.5m, result.SimplePayback);
        Assert.Equal(2.3165m, Math.Round(result.YearToPositive!.Value, 4));
        Assert.Equal(2.7072m, Math.Round(result.DiscountedPayback!.Value, 4));
        Assert.Equal(3047.7977m, Math.Round(result.PresentValueOfBenefits, 4));
        Assert.Equal(2763.4122m, Math.Round(result.PresentValueOfCosts, 4));
        Assert.Equal(1.1029m, Math.Round(result.BenefitCostRatio!.Value, 4));
        Assert.Equal(result.Npv, result.PresentValueOfBenefits - result.PresentValueOfCosts, 20);
    }

    [Fact]
    public void Irr_and_mirr_solve_their_definitions_on_the_table()
    {
        var result = EconomicEvaluation.Evaluate(HandExample());

        Assert.Equal(IrrOutcome.Unique, result.Irr.Outcome);
        Assert.True(Math.Abs(CashFlows.Npv(result.Irr.Rate!.Value, result.NetCashFlows)) < 1e-10m);
        Assert.InRange(result.Irr.Rate.Value, 0.15m, 0.17m); // NPV at 15 % = +47.8, at 17 % = −37.5 (by hand)

        // MIRR by hand, finance = reinvestment = 10 %: the positive flows compounded to year 3:
        // 1030 × 1.21 + 1060.90 × 1.1 + 1292.727 = 1246.30 + 1166.99 + 1292.727 = 3706.017;
        // (3706.017 / 2500)^(1/3) − 1 = 1.482407^(1/3) − 1 = 0.140221.
        Assert.Equal(0.1402m, Math.Round(result.Mirr!.Value, 4));
    }

    [Fact]
    public void Without_escalation_savings_are_flat_and_payback_is_investment_over_savings()
    {
        var inputs = HandExample() with { Escalation = 0m, SalvageValue = 0m, LifetimeYears = 5 };

        var result = EconomicEvaluation.Evaluate(inputs);

        Assert.All(result.Years.Skip(1), y => Assert.Equal(1000m, y.Savings));
        Assert.Equal(2.5m, result.SimplePayback);
        // Discounted at 10 %: 909.0909 + 826.4463 + 751.3148 = 2486.8520 after year 3, year 4 adds 683.0135:
        // payback = 3 + (2500 − 2486.8520) / 683.0135; multiplying through by 1.1⁴ this is exactly
        // 3 + (2500 × 1.4641 − 1000 × (1.331 + 1.21 + 1.1)) / 1000 = 3 + (3660.25 − 3641) / 1000 = 3.01925 years.
        Assert.Equal(3.01925m, Math.Round(result.DiscountedPayback!.Value, 12));
    }

    [Fact]
    public void An_option_without_investment_pays_back_at_once_and_has_no_irr()
    {
        var inputs = HandExample() with { Investment = [], Maintenance = 0m };

        var result = EconomicEvaluation.Evaluate(inputs);

        Assert.Equal(0m, result.SimplePayback);
        Assert.Equal(0m, result.DiscountedPayback);
        Assert.Equal(IrrOutcome.NoSignChange, result.Irr.Outcome);
        Assert.Null(result.Mirr);
        Assert.Null(result.BenefitCostRatio); // no cost at all
    }

    [Fact]
    public void Savings_that_do_not_cover_the_extra_maintenance_never_pay_back()
    {
        var inputs = HandExample() with { Energy = 0m, RawMaterials = 50m, Maintenance = 100m, SalvageValue = 0m };

        var result = EconomicEvaluation.Evaluate(inputs);

        Assert.Null(result.SimplePayback);
        Assert.Null(result.DiscountedPayback);
        Assert.Equal(IrrOutcome.NoSignChange, result.Irr.Outcome);
        Assert.True(result.Npv < 0);
    }

    [Fact]
    public void Finance_and_reinvestment_rates_default_to_the_discount_rate()
    {
        var inputs = HandExample();
        var explicitRates = inputs with { FinanceRate = 0.10m, ReinvestRate = 0.10m };

        Assert.Equal(EconomicEvaluation.Evaluate(explicitRates).Mirr, EconomicEvaluation.Evaluate(inputs).Mirr);
        Assert.NotEqual(
            EconomicEvaluation.Evaluate(inputs with { ReinvestRate = 0.05m }).Mirr,
            EconomicEvaluation.Evaluate(inputs).Mirr);
    }

    [Fact]
    public void The_conventions_the_page_states_include_the_three_of_the_issue()
    {
        var text = string.Join(" ", EconomicEvaluation.Conventions);

        Assert.Contains("Year 0 is the investment", text, StringComparison.Ordinal);
        Assert.Contains("end of their year", text, StringComparison.Ordinal);
        Assert.Contains("NPV does not discount year 0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_lifetime_at_a_rate_near_minus_100_percent_is_a_field_error_not_a_crash()
    {
        var inputs = HandExample() with { DiscountRate = -0.99m, LifetimeYears = 50 };

        var error = Assert.Throws<DomainException>(() => EconomicEvaluation.Evaluate(inputs));

        Assert.Equal(nameof(EconomicInputs.DiscountRate), error.Field);
    }

    [Fact]
    public void The_largest_accepted_inputs_evaluate_without_overflow()
    {
        var inputs = new EconomicInputs
        {
            Investment = [new InvestmentLine("Plant", EconomicInputs.MaximumAmount)],
            RawMaterials = EconomicInputs.MaximumAmount,
            Energy = EconomicInputs.MaximumAmount,
            Water = EconomicInputs.MaximumAmount,
            WasteFees = EconomicInputs.MaximumAmount,
            Labour = EconomicInputs.MaximumAmount,
            Other = EconomicInputs.MaximumAmount,
            Maintenance = -EconomicInputs.MaximumAmount,
            LifetimeYears = EconomicInputs.MaximumLifetimeYears,
            DiscountRate = 0m,
            Escalation = EconomicInputs.MaximumEscalation,
            SalvageValue = EconomicInputs.MaximumAmount,
        };

        var result = EconomicEvaluation.Evaluate(inputs);

        Assert.Equal(IrrOutcome.Unique, result.Irr.Outcome);
        Assert.True(result.Npv > 0);
    }
}
