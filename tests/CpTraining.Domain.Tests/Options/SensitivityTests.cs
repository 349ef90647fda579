using CpTraining.Domain.Options;

namespace CpTraining.Domain.Tests.Options;

/// <summary>
/// The tornado table and the break-even values, on the grant case of <see cref="RealProjectCashFlowTests"/>:
/// investment 10000, a grant of 2000 in year 0, energy savings 3000 a year for 5 years at 10 %.
/// NPV = −10000 + 2000 + 3000 × 3.790787 = 3372.36.
/// </summary>
public class SensitivityTests
{
    private static EconomicInputs Inputs() => new()
    {
        Investment = [new InvestmentLine("Membrane unit", 10_000m)],
        Energy = 3_000m,
        LifetimeYears = 5,
        DiscountRate = 0.10m,
        Grants = [new GrantLine("Fund", 2_000m, 0, 1)],
    };

    private static SensitivityAnalysis Analyse(EconomicInputs inputs) => Sensitivity.Of(inputs, EconomicEvaluation.Evaluate(inputs));

    [Fact]
    public void The_points_are_the_npv_with_one_input_changed()
    {
        var analysis = Analyse(Inputs());

        Assert.Equal(3_372.36m, Math.Round(analysis.BaseNpv, 2));
        var savings = analysis.Rows.Single(r => r.Parameter == SensitivityParameter.Savings);
        Assert.Equal([-0.2m, -0.1m, 0.1m, 0.2m], savings.Points.Select(p => p.Change));
        // −20 %: −8000 + 2400 × 3.790787 = 1097.89; +20 %: −8000 + 3600 × 3.790787 = 5646.83.
        Assert.Equal(1_097.89m, Math.Round(savings.Points[0].Npv, 2));
        Assert.Equal(5_646.83m, Math.Round(savings.Points[3].Npv, 2));
        // The payback at −20 % savings: 8000 / 2400 = 3.3333 years.
        Assert.Equal(3.3333m, Math.Round(savings.Points[0].SimplePayback!.Value, 4));
        var investment = analysis.Rows.Single(r => r.Parameter == SensitivityParameter.Investment);
        Assert.Equal(1_372.36m, Math.Round(investment.Points[3].Npv, 2)); // 12000 instead of 10000
        // Energy is the only saving: a 20 % lower energy price is a 20 % lower saving.
        Assert.Equal(savings.Points[0].Npv, analysis.Rows.Single(r => r.Parameter == SensitivityParameter.EnergyPrice).Points[0].Npv);
        Assert.DoesNotContain(analysis.Rows, r => r.Parameter == SensitivityParameter.MaterialPrice); // no material saving
        Assert.True(analysis.Rows.Zip(analysis.Rows.Skip(1)).All(p => p.First.Swing >= p.Second.Swing), "widest swing first");
    }

    [Fact]
    public void Break_even_values_are_where_the_npv_is_zero()
    {
        var analysis = Analyse(Inputs());
        decimal? BreakEven(SensitivityParameter p) => analysis.Rows.Single(r => r.Parameter == p).BreakEven;

        // Savings × f: −8000 + 3000 f × 3.790787 = 0 at f = 8000 / 11372.36 = 0.703460: savings may fall by 29.65 %.
        Assert.Equal(-0.2965m, Math.Round(BreakEven(SensitivityParameter.Savings)!.Value, 4));
        // Investment × g: 2000 − 10000 g + 11372.36 = 0 at g = 1.337236: the investment may rise by 33.72 %.
        Assert.Equal(0.3372m, Math.Round(BreakEven(SensitivityParameter.Investment)!.Value, 4));
        // Lifetime: 3 years gives −8000 + 3000 × 2.486852 = −539.44, 4 years −8000 + 3000 × 3.169865 = +1509.60: 4 of 5.
        Assert.Equal(-0.2m, BreakEven(SensitivityParameter.Lifetime));
        // Discount rate: the IRR of −8000, 3000 × 5 (between 25 % and 26 %: NPV at 25 % = +67.8, at 26 % = −97.9).
        var irr = EconomicEvaluation.Evaluate(Inputs()).Irr.Rate!.Value;
        Assert.InRange(irr, 0.25m, 0.26m);
        Assert.Equal((irr / 0.10m) - 1, BreakEven(SensitivityParameter.DiscountRate));
    }

    [Fact]
    public void Each_break_even_change_really_gives_an_npv_of_zero()
    {
        var inputs = Inputs() with { RawMaterials = 1_200m, Maintenance = 300m, Escalation = 0.04m, IncomeTaxRate = 0.18m, SalvageValue = -1_500m };
        var analysis = Analyse(inputs);
        var savings = analysis.Rows.Single(r => r.Parameter == SensitivityParameter.Savings).BreakEven!.Value;
        var material = analysis.Rows.Single(r => r.Parameter == SensitivityParameter.MaterialPrice).BreakEven;

        // Scaling the saving lines by the break-even factor by hand (not through the sensitivity code) gives NPV ≈ 0.
        var f = 1 + savings;
        var scaled = inputs with { Energy = inputs.Energy * f, RawMaterials = inputs.RawMaterials * f };
        Assert.True(Math.Abs(EconomicEvaluation.Evaluate(scaled).Npv) < 0.0001m);
        if (material is { } m)
        {
            Assert.True(Math.Abs(EconomicEvaluation.Evaluate(inputs with { RawMaterials = inputs.RawMaterials * (1 + m) }).Npv) < 0.0001m);
        }
    }

    [Fact]
    public void A_project_that_loses_money_says_what_would_make_it_profitable()
    {
        var inputs = Inputs() with { Energy = 1_500m };
        var analysis = Analyse(inputs);

        // −8000 + 1500 × 3.790787 = −2313.82; savings must rise to 8000 / 5686.18 = 1.406923: by 40.69 %.
        Assert.True(analysis.BaseNpv < 0);
        Assert.Equal(0.4069m, Math.Round(analysis.Rows.Single(r => r.Parameter == SensitivityParameter.Savings).BreakEven!.Value, 4));
    }
}
