using CpTraining.Domain.Options;

namespace CpTraining.Domain.Tests.Options;

/// <summary>
/// Cash flows as real projects have them: grants, a loan, income tax, a year-by-year grid (ramp-up, extra costs, a
/// replacement), a decommissioning cost. Each case is worked by hand in its comment; the annuity factor at 10 % over 5
/// years is Σ 1.1^−t = 0.909091 + 0.826446 + 0.751315 + 0.683013 + 0.620921 = 3.790787.
/// </summary>
public class RealProjectCashFlowTests
{
    private static EconomicInputs Base() => new()
    {
        Investment = [new InvestmentLine("Membrane unit", 10_000m)],
        Energy = 3_000m,
        LifetimeYears = 5,
        DiscountRate = 0.10m,
    };

    /// <summary>
    /// A grant of 2000 in year 0: net −10000 + 2000 = −8000, then 3000 a year. Simple payback (RETScreen) =
    /// (10000 − 2000) ÷ 3000 = 2.6667 years; cumulative −8000, −5000, −2000, +1000: positive after 2 + 2000/3000 =
    /// 2.6667 years. NPV = −8000 + 3000 × 3.790787 = 3372.36. B/C = (2000 + 11372.36) ÷ 10000 = 1.3372: the grant is a
    /// benefit, the investment stays 10000.
    /// </summary>
    [Fact]
    public void A_grant_in_year_0_is_money_received_not_a_smaller_investment()
    {
        var inputs = Base() with { Grants = [new GrantLine("Energy-efficiency fund", 2_000m, 0, 1)] };

        var result = EconomicEvaluation.Evaluate(inputs);

        Assert.Equal(10_000m, result.Years[0].Investment);
        Assert.Equal(2_000m, result.Years[0].Grants);
        Assert.Equal(-8_000m, result.Years[0].NetCashFlow);
        Assert.Equal(2.6667m, Math.Round(result.SimplePayback!.Value, 4));
        Assert.Equal(2.6667m, Math.Round(result.YearToPositive!.Value, 4));
        Assert.Equal(3_372.36m, Math.Round(result.Npv, 2));
        Assert.Equal(1.3372m, Math.Round(result.BenefitCostRatio!.Value, 4));
        Assert.Equal(10_000m, Math.Round(result.PresentValueOfCosts, 6));
    }

    /// <summary>
    /// A grant of 500 a year in years 1–4 (an incentive per unit saved, say): flows −10000, 3500 × 4, 3000.
    /// NPV = −10000 + 3000 × 3.790787 + 500 × (3.790787 − 0.620921) = 1372.36 + 1584.93 = 2957.29. The simple payback
    /// counts only grants of year 0: 10000 ÷ 3000 = 3.3333; the cumulative flow (−6500, −3000, +500) turns positive
    /// after 2 + 3000/3500 = 2.8571 years.
    /// </summary>
    [Fact]
    public void A_grant_spread_over_years_arrives_each_year_and_does_not_escalate()
    {
        var inputs = Base() with { Escalation = 0.05m, Energy = 3_000m, Grants = [new GrantLine("Incentive", 500m, 1, 4)] };
        var flat = inputs with { Escalation = 0m };

        var result = EconomicEvaluation.Evaluate(flat);
        var escalated = EconomicEvaluation.Evaluate(inputs);

        Assert.Equal([0m, 500m, 500m, 500m, 500m, 0m], result.Years.Select(y => y.Grants));
        Assert.Equal([0m, 500m, 500m, 500m, 500m, 0m], escalated.Years.Select(y => y.Grants));
        Assert.Equal(2_957.29m, Math.Round(result.Npv, 2));
        Assert.Equal(3.3333m, Math.Round(result.SimplePayback!.Value, 4));
        Assert.Equal(2.8571m, Math.Round(result.YearToPositive!.Value, 4));
    }

    /// <summary>
    /// A loan of 60 % of 10000 = 6000 at 8 % over 3 years: annuity = 6000 × 0.08 ÷ (1 − 1.08^−3) = 480 ÷ 0.206168 =
    /// 2328.20. Interest 480.00, 332.14, 172.46; balance after year 1 = 6000 − 1848.20 = 4151.80, after year 2 =
    /// 2155.74, after year 3 = 0. Equity flows: −4000, 671.80 × 3, 3000 × 2; cumulative −4000, −3328.20, −2656.40,
    /// −1984.60, +1015.40: equity payback = 3 + 1984.60 ÷ 3000 = 3.6615 years. Equity NPV at 10 % = −4000 + 671.80 ×
    /// 2.486852 + 3000 × (0.683013 + 0.620921) = 1582.47. Equity IRR: NPV at 20 % = +67.5, at 21 % = −50.6, so between.
    /// The project figures (before financing) do not change.
    /// </summary>
    [Fact]
    public void A_loan_gives_the_annuity_and_the_equity_figures_beside_the_project_ones()
    {
        var withoutLoan = EconomicEvaluation.Evaluate(Base());
        var inputs = Base() with { DebtShare = 0.6m, DebtInterestRate = 0.08m, DebtTermYears = 3 };

        var result = EconomicEvaluation.Evaluate(inputs);

        var equity = Assert.IsType<EquityFigures>(result.Equity);
        Assert.Equal(6_000m, equity.Loan);
        Assert.Equal(2_328.20m, Math.Round(equity.AnnualPayment, 2));
        Assert.Equal(4_000m, equity.EquityInvestment);
        Assert.Equal([-6_000m, 2_328.20m, 2_328.20m, 2_328.20m, 0m, 0m], result.Years.Select(y => Math.Round(y.LoanPayment, 2)));
        Assert.Equal([-4_000m, 671.80m, 671.80m, 671.80m, 3_000m, 3_000m], result.Years.Select(y => Math.Round(y.Equity, 2)));
        Assert.Equal(3.6615m, Math.Round(equity.Payback!.Value, 4));
        Assert.Equal(1_582.47m, Math.Round(equity.Npv, 2));
        Assert.InRange(equity.Irr.Rate!.Value, 0.20m, 0.21m);
        Assert.Equal(withoutLoan.Npv, result.Npv);
        Assert.Equal(withoutLoan.Irr.Rate, result.Irr.Rate);
    }

    /// <summary>
    /// Income tax 20 %, straight-line depreciation of 10000 over 5 years = 2000 a year: taxable 3000 − 2000 = 1000, tax
    /// 200, after-tax flows −10000, 2800 × 5; NPV after tax = −10000 + 2800 × 3.790787 = 614.20 (before tax 1372.36).
    /// Over 3 years: depreciation 3333.33, taxable −333.33 in years 1–3 (a tax saving of 66.67 on other profits), then
    /// 3000: tax 600 in years 4–5; after-tax flows 3066.67 × 3, 2400 × 2.
    /// </summary>
    [Fact]
    public void Income_tax_with_straight_line_depreciation_gives_the_after_tax_flows()
    {
        var result = EconomicEvaluation.Evaluate(Base() with { IncomeTaxRate = 0.2m });
        var shortDepreciation = EconomicEvaluation.Evaluate(Base() with { IncomeTaxRate = 0.2m, DepreciationYears = 3 });

        var tax = Assert.IsType<AfterTaxFigures>(result.AfterTax);
        Assert.Equal([0m, 200m, 200m, 200m, 200m, 200m], result.Years.Select(y => y.Tax));
        Assert.Equal([-10_000m, 2_800m, 2_800m, 2_800m, 2_800m, 2_800m], result.Years.Select(y => y.AfterTax));
        Assert.Equal(614.20m, Math.Round(tax.Npv, 2));
        Assert.Equal(1_372.36m, Math.Round(result.Npv, 2));
        Assert.Equal(
            [-10_000m, 3_066.67m, 3_066.67m, 3_066.67m, 2_400m, 2_400m],
            shortDepreciation.Years.Select(y => Math.Round(y.AfterTax, 2)));
        Assert.Null(EconomicEvaluation.Evaluate(Base()).AfterTax);
    }

    /// <summary>
    /// Tax and loan together: the equity's tax deducts the interest. Year 1: taxable 3000 − 2000 − 480 = 520, tax 104;
    /// equity = 3000 − 2328.20 − 104 = 567.80.
    /// </summary>
    [Fact]
    public void With_tax_and_a_loan_the_interest_lowers_the_equitys_tax()
    {
        var result = EconomicEvaluation.Evaluate(
            Base() with { IncomeTaxRate = 0.2m, DebtShare = 0.6m, DebtInterestRate = 0.08m, DebtTermYears = 3 });

        Assert.Equal(567.80m, Math.Round(result.Years[1].Equity, 2));
        Assert.Equal(2_800m, result.Years[4].Equity); // no loan left: 3000 − tax 20 % × (3000 − depreciation 2000) = 2800
    }

    /// <summary>
    /// The grid, escalation 3 %: year 1 is a ramp-up with savings of 1500 in today's prices (1500 × 1.03 = 1545);
    /// year 3 has extra costs of 200 (200 × 1.03³ = 200 × 1.092727 = 218.5454); year 4 a replacement of 4000 (4000 × 1.03⁴ = 4000 ×
    /// 1.12550881 = 4502.0352). Simple payback uses year 1 in today's prices: 10000 ÷ 1500 = 6.6667 years.
    /// </summary>
    [Fact]
    public void The_grid_overrides_a_years_savings_and_adds_extra_costs_and_a_replacement()
    {
        var inputs = Base() with
        {
            Escalation = 0.03m,
            YearOverrides = [new YearAmounts(1, 1_500m, 0m, 0m), new YearAmounts(3, null, 200m, 0m), new YearAmounts(4, null, 0m, 4_000m)],
        };

        var result = EconomicEvaluation.Evaluate(inputs);

        Assert.Equal(1_545m, result.Years[1].Savings);
        Assert.Equal(3_000m * 1.0609m, result.Years[2].Savings);
        Assert.Equal(218.5454m, Math.Round(result.Years[3].ExtraCosts, 4));
        Assert.Equal(4_502.0352m, Math.Round(result.Years[4].Replacement, 4));
        Assert.Equal(result.Years[4].Savings - result.Years[4].Replacement, result.Years[4].NetCashFlow);
        Assert.Equal(6.6667m, Math.Round(result.SimplePayback!.Value, 4));
        Assert.Equal(result.Npv, result.PresentValueOfBenefits - result.PresentValueOfCosts, 18);
    }

    /// <summary>
    /// The textbook pump (Lorie and Savage): −1600 now, +10000 in year 1, −10000 in year 2 (a decommissioning cost).
    /// −1600 + 10000/(1+r) − 10000/(1+r)² = 0 at r = 25 % (8000 − 6400 = 1600) and at r = 400 % (2000 − 400 = 1600).
    /// Entered as an investment of 1600, savings of 10000 a year, year 2's savings set to 0 and a salvage value of
    /// −10000. Both rates are listed; the one shown is the non-negative one closest to zero; MIRR is given.
    /// </summary>
    [Fact]
    public void A_decommissioning_cost_gives_two_irrs_both_listed_and_mirr_given()
    {
        var inputs = new EconomicInputs
        {
            Investment = [new InvestmentLine("Pump", 1_600m)],
            Other = 10_000m,
            LifetimeYears = 2,
            DiscountRate = 0.10m,
            SalvageValue = -10_000m,
            YearOverrides = [new YearAmounts(2, 0m, 0m, 0m)],
        };

        var result = EconomicEvaluation.Evaluate(inputs);

        Assert.Equal([-1_600m, 10_000m, -10_000m], result.NetCashFlows);
        Assert.Equal(IrrOutcome.Several, result.Irr.Outcome);
        Assert.Equal(2, result.Irr.AllRates.Count);
        Assert.Equal(0.25m, Math.Round(result.Irr.AllRates[0], 10));
        Assert.Equal(4m, Math.Round(result.Irr.AllRates[1], 10));
        Assert.Equal(0.25m, Math.Round(result.Irr.Rate!.Value, 10));
        Assert.NotNull(result.Mirr);
        // MIRR by hand at 10 %: positive 10000 compounded to year 2 = 11000; negatives at 10 %: 1600 + 10000/1.21 =
        // 9864.4628; (11000 / 9864.4628)^(1/2) × ... − 1 = 1.115113^0.5 − 1 = 0.055989.
        Assert.Equal(0.0560m, Math.Round(result.Mirr!.Value, 4));
    }

    [Theory]
    [InlineData(1, 0.0, 0.0)]
    [InlineData(2, 0.03, 0.2)]
    [InlineData(3, -0.02, 0.0)]
    [InlineData(4, 0.05, 0.3)]
    public void Properties_npv_is_zero_at_every_listed_irr_and_the_cumulative_flow_turns_positive_in_the_payback_year(int seed, double escalation, double tax)
    {
        var random = new Random(seed);
        for (var run = 0; run < 50; run++)
        {
            var lifetime = random.Next(2, 30);
            var years = Enumerable.Range(1, lifetime).Where(_ => random.NextDouble() < 0.3)
                .Select(y => new YearAmounts(y, random.NextDouble() < 0.5 ? null : random.Next(-2_000, 8_000), random.Next(0, 500), random.NextDouble() < 0.2 ? random.Next(0, 9_000) : 0))
                .ToList();
            var inputs = new EconomicInputs
            {
                Investment = [new InvestmentLine("Plant", random.Next(1_000, 40_000))],
                Energy = random.Next(0, 6_000),
                Water = random.Next(0, 3_000),
                Maintenance = random.Next(0, 800),
                LifetimeYears = lifetime,
                DiscountRate = 0.08m,
                Escalation = (decimal)escalation,
                SalvageValue = random.Next(-5_000, 5_000),
                YearOverrides = years,
                Grants = random.NextDouble() < 0.5 ? [new GrantLine("Grant", random.Next(100, 5_000), 0, 1)] : [],
                IncomeTaxRate = (decimal)tax,
            };

            var result = EconomicEvaluation.Evaluate(inputs);

            foreach (var rate in result.Irr.AllRates)
            {
                // Zero relative to the size of the discounted terms (at −97 % a year they are 10³⁰ times the flows).
                // Computed here in double, independently of CashFlows (whose decimals overflow that far below zero).
                var terms = result.NetCashFlows.Select((v, t) => (double)v / Math.Pow(1 + (double)rate, t)).ToList();
                Assert.True(Math.Abs(terms.Sum()) < terms.Sum(Math.Abs) * 1e-9, $"NPV at IRR {rate} (run {run})");
            }

            if (result.YearToPositive is { } payback && payback > 0)
            {
                var year = (int)Math.Ceiling(payback);
                Assert.True(result.Years[year].Cumulative >= 0, $"cumulative in year {year} (run {run})");
                Assert.True(result.Years[year - 1].Cumulative < 0, $"cumulative in year {year - 1} (run {run})");
                Assert.All(result.Years.Take(year), y => Assert.True(y.Cumulative < 0));
            }

            Assert.Equal(result.Npv, result.PresentValueOfBenefits - result.PresentValueOfCosts, 12);
        }
    }

    [Fact]
    public void What_does_not_fit_in_the_lifetime_is_refused_with_its_field()
    {
        static string Field(EconomicInputs inputs) => Assert.Throws<DomainException>(() => EconomicEvaluation.Evaluate(inputs)).Field!;

        Assert.Equal("YearOverrides[6]", Field(Base() with { YearOverrides = [new YearAmounts(6, 100m, 0m, 0m)] }));
        Assert.Equal(nameof(EconomicInputs.Grants), Field(Base() with { Grants = [new GrantLine("Fund", 100m, 3, 4)] }));
        Assert.Equal(nameof(EconomicInputs.DebtTermYears), Field(Base() with { DebtShare = 0.5m, DebtTermYears = 6 }));
        Assert.Equal(nameof(EconomicInputs.DebtTermYears), Field(Base() with { DebtShare = 0.5m }));
        Assert.Equal(nameof(EconomicInputs.DepreciationYears), Field(Base() with { DepreciationYears = 7 }));
        Assert.Throws<DomainException>(() => Base() with { Grants = [new GrantLine("Fund", -100m, 0, 1)] });
        Assert.Throws<DomainException>(() => Base() with { YearOverrides = [new YearAmounts(2, null, -5m, 0m)] });
        Assert.Throws<DomainException>(() => Base() with { DebtShare = 1.2m });
        Assert.Throws<DomainException>(() => Base() with { IncomeTaxRate = 1m });
    }

    [Fact]
    public void Inputs_saved_before_the_new_fields_existed_read_back_unchanged()
    {
        const string json = """{"Investment":[{"Description":"Pump","Amount":1000}],"Energy":400,"LifetimeYears":5,"DiscountRate":0.1,"Escalation":0,"SalvageValue":0}""";

        var inputs = System.Text.Json.JsonSerializer.Deserialize<EconomicInputs>(json)!;

        Assert.Empty(inputs.YearOverrides);
        Assert.Empty(inputs.Grants);
        Assert.False(inputs.HasDebt);
        Assert.False(inputs.HasTax);
        Assert.Null(inputs.PriceYear);
        Assert.Equal(2.5m, EconomicEvaluation.Evaluate(inputs).SimplePayback);
    }
}
