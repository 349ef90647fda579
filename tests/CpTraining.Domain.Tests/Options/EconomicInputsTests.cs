using CpTraining.Domain.Options;

namespace CpTraining.Domain.Tests.Options;

public class EconomicInputsTests
{
    private static EconomicInputs Valid() => new()
    {
        Investment = [new InvestmentLine("Pump", 1000m)],
        Energy = 400m,
        LifetimeYears = 5,
        DiscountRate = 0.08m,
    };

    private static void AssertFieldError(string field, Func<EconomicInputs> build)
    {
        var error = Assert.Throws<DomainException>(() => build());
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void A_valid_input_keeps_its_values_and_totals()
    {
        var inputs = Valid() with
        {
            Investment = [new InvestmentLine("Pump", 1000m), new InvestmentLine("Piping", 250.50m)],
            Maintenance = 30m,
            Water = -10m,
        };

        Assert.Equal(1250.50m, inputs.TotalInvestment);
        Assert.Equal(400m - 10m - 30m, inputs.NetAnnualSavings);
        Assert.Equal(0.08m, inputs.EffectiveFinanceRate);
        Assert.Equal(0.08m, inputs.EffectiveReinvestRate);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(51)]
    public void A_lifetime_outside_1_to_50_years_is_refused(int years)
    {
        AssertFieldError(nameof(EconomicInputs.LifetimeYears), () => Valid() with { LifetimeYears = years });
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-1.5)]
    [InlineData(10.01)]
    public void A_discount_rate_of_minus_100_percent_or_below_is_refused(double rate)
    {
        AssertFieldError(nameof(EconomicInputs.DiscountRate), () => Valid() with { DiscountRate = (decimal)rate });
        AssertFieldError(nameof(EconomicInputs.FinanceRate), () => Valid() with { FinanceRate = (decimal)rate });
        AssertFieldError(nameof(EconomicInputs.ReinvestRate), () => Valid() with { ReinvestRate = (decimal)rate });
    }

    [Fact]
    public void A_discount_rate_just_above_minus_100_percent_is_accepted()
    {
        Assert.Equal(-0.99m, (Valid() with { DiscountRate = -0.99m }).DiscountRate);
    }

    [Fact]
    public void An_investment_of_10_to_the_15_is_refused_with_a_message_naming_the_investment()
    {
        var error = Assert.Throws<DomainException>(
            () => Valid() with { Investment = [new InvestmentLine("Plant", 1_000_000_000_000_000m)] });

        Assert.Equal(nameof(EconomicInputs.Investment), error.Field);
        Assert.Contains("investment", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Investment_lines_that_together_pass_the_maximum_are_refused()
    {
        AssertFieldError(nameof(EconomicInputs.Investment), () => Valid() with
        {
            Investment = [new InvestmentLine("A", 600_000_000_000m), new InvestmentLine("B", 600_000_000_000m)],
        });
    }

    [Fact]
    public void A_negative_or_undescribed_investment_line_is_refused()
    {
        AssertFieldError(nameof(EconomicInputs.Investment), () => Valid() with { Investment = [new InvestmentLine("Pump", -1m)] });
        AssertFieldError(nameof(EconomicInputs.Investment), () => Valid() with { Investment = [new InvestmentLine(" ", 1m)] });
    }

    [Fact]
    public void Each_savings_line_is_checked_under_its_own_name()
    {
        const decimal tooMuch = 1_000_000_000_001m;
        AssertFieldError(nameof(EconomicInputs.RawMaterials), () => Valid() with { RawMaterials = tooMuch });
        AssertFieldError(nameof(EconomicInputs.Energy), () => Valid() with { Energy = -tooMuch });
        AssertFieldError(nameof(EconomicInputs.Water), () => Valid() with { Water = tooMuch });
        AssertFieldError(nameof(EconomicInputs.WasteFees), () => Valid() with { WasteFees = tooMuch });
        AssertFieldError(nameof(EconomicInputs.Labour), () => Valid() with { Labour = tooMuch });
        AssertFieldError(nameof(EconomicInputs.Maintenance), () => Valid() with { Maintenance = tooMuch });
        AssertFieldError(nameof(EconomicInputs.Other), () => Valid() with { Other = tooMuch });
    }

    [Fact]
    public void Escalation_and_salvage_are_checked()
    {
        AssertFieldError(nameof(EconomicInputs.Escalation), () => Valid() with { Escalation = -1m });
        AssertFieldError(nameof(EconomicInputs.Escalation), () => Valid() with { Escalation = 1.01m });
        AssertFieldError(nameof(EconomicInputs.SalvageValue), () => Valid() with { SalvageValue = -EconomicInputs.MaximumAmount - 1 });
        Assert.Equal(-0.02m, (Valid() with { Escalation = -0.02m }).Escalation);

        // A negative salvage value is a decommissioning cost, accepted.
        Assert.Equal(-5000m, (Valid() with { SalvageValue = -5000m }).SalvageValue);
    }
}
