using CpTraining.Domain.Balances;
using CpTraining.Domain.Checks;
using static CpTraining.Domain.Tests.Balances.TestSheets;

namespace CpTraining.Domain.Tests.Checks;

/// <summary>Each balance plausibility rule with a worksheet that triggers it and one that does not; figures worked by hand in comments.</summary>
public sealed class BalanceChecksTests
{
    private static IReadOnlyList<Finding> Check(Worksheet w)
    {
        var sheet = w.Snapshot();
        return BalanceChecks.Of(sheet, BalanceEvaluation.Evaluate(sheet, new EmissionFactorTable([]), "UA"));
    }

    /// <summary>
    /// Cheese making: 100 t milk at 10 000 UAH/t in (1 000 000 UAH), 10 t cheese and 90 t whey out. Whey named
    /// "milk" takes the milk price: 90 t × 10 000 = 900 000 UAH, below the 1 000 000 paid for what went in.
    /// </summary>
    private static Worksheet Cheese(decimal wheyFeePerTonne = 0m, string wheyMaterial = "milk")
    {
        var w = New("Cheese");
        var step = w.AddStep("Cheese vat");
        w.In(step, "Raw milk", T(100), material: "milk", price: new UnitPrice(10_000m, Unit.Tonne));
        w.Out(step, "Cheese", T(10));
        w.Out(step, "Whey", T(90), OutputClass.Wastewater, material: wheyMaterial, fee: wheyFeePerTonne > 0 ? new UnitPrice(wheyFeePerTonne, Unit.Tonne) : null);
        return w;
    }

    [Fact]
    public void A_sound_balance_raises_nothing()
    {
        Assert.Empty(Check(Cheese()));
    }

    [Fact]
    public void Losses_valued_above_everything_that_went_in_are_serious()
    {
        // With a fee of 2 000 UAH/t the whey costs 900 000 + 90 × 2 000 = 1 080 000 UAH a year > 1 000 000 paid for the milk.
        var finding = Assert.Single(Check(Cheese(wheyFeePerTonne: 2_000m)), f => f.Rule == BalanceChecks.LossesAboveInputs);

        Assert.Equal(Severity.Serious, finding.Severity);
        Assert.Equal([1_080_000m, "UAH", 1_000_000m], finding.Arguments);
        // A fee of 1 000 UAH/t: 990 000 UAH, below what went in.
        Assert.DoesNotContain(Check(Cheese(wheyFeePerTonne: 1_000m)), f => f.Rule == BalanceChecks.LossesAboveInputs);
    }

    [Fact]
    public void A_loss_priced_above_the_inputs_that_reach_its_step_is_a_warning()
    {
        // Washing gets only water (40 UAH/t); its wastewater is named "cheese", bought elsewhere at 200 000 UAH/t for
        // the packing step, so it is valued at 200 000 UAH/t — more than anything that reaches the washing step.
        var w = New("Dairy");
        var washing = w.AddStep("Washing");
        var packing = w.AddStep("Packing");
        w.In(washing, "Water", T(50), material: "water", price: new UnitPrice(40m, Unit.Tonne));
        w.Out(washing, "Rinse water", T(50), OutputClass.Wastewater, material: "cheese");
        w.In(packing, "Bought cheese", T(1), material: "cheese", price: new UnitPrice(200_000m, Unit.Tonne));
        w.Out(packing, "Packed cheese", T(1));

        var finding = Assert.Single(Check(w), f => f.Rule == BalanceChecks.LossPricedAboveInput);

        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(["Rinse water", 200_000m, 40m, "UAH", "cheese"], finding.Arguments);
    }

    [Fact]
    public void A_loss_at_the_price_of_an_input_upstream_through_internal_streams_is_not_flagged()
    {
        // Milk reaches the separator through the reception step: whey from the separator at the milk price is fine.
        var w = New("Dairy");
        var reception = w.AddStep("Reception");
        var separator = w.AddStep("Separator");
        w.In(reception, "Raw milk", T(100), material: "milk", price: new UnitPrice(10_000m, Unit.Tonne));
        w.Link(reception, separator, "Milk to separator", T(100));
        w.Out(separator, "Cream", T(10));
        w.Out(separator, "Skim spill", T(90), OutputClass.Wastewater, material: "milk");

        Assert.DoesNotContain(Check(w), f => f.Rule == BalanceChecks.LossPricedAboveInput);
    }

    [Fact]
    public void A_balance_outside_its_tolerance_names_the_closure_and_the_steps()
    {
        // 100 t in, 80 t out: closes at 80.0 %, outside the default ±5 %; 96 t out: 96.0 %, inside.
        var w = New();
        var step = w.AddStep("Dyeing");
        w.In(step, "Fabric", T(100));
        var output = w.Out(step, "Dyed fabric", T(80));

        var finding = Assert.Single(Check(w), f => f.Rule == BalanceChecks.OutsideTolerance);
        Assert.Equal(Severity.Warning, finding.Severity);
        Assert.Equal(80.0m, finding.Arguments[0]);
        Assert.Equal("Dyeing", finding.Arguments[2]);

        w.ChangeStream(output.Id, output.ToSpec() with { Quantity = T(96) });
        Assert.DoesNotContain(Check(w), f => f.Rule == BalanceChecks.OutsideTolerance);
    }

    [Fact]
    public void A_gross_error_names_the_stream_of_the_largest_standardised_adjustment()
    {
        // ReconciliationTests' typed extra zero: the solution (11 000 t for 1 100) was moved 44.9 σ, the others ≤ 3.1 σ.
        var w = New();
        var dissolving = w.AddStep("Dissolving");
        var filtering = w.AddStep("Filtering");
        w.In(dissolving, "Water", T(1_000), uncertainty: 2);
        w.In(dissolving, "Salt", T(100), uncertainty: 2);
        var typo = w.Link(dissolving, filtering, "Solution", T(11_000), uncertainty: 2);
        w.Out(filtering, "Filtrate", T(1_050), uncertainty: 2);
        w.Out(filtering, "Sludge", T(50), uncertainty: 2, oc: OutputClass.SolidWaste);

        var finding = Assert.Single(Check(w), f => f.Rule == BalanceChecks.GrossError);

        Assert.Equal("Solution", finding.Arguments[2]);
        Assert.Equal(44.9, finding.Arguments[3]);
        Assert.Contains("measurement test", finding.MessageTemplate, StringComparison.Ordinal);

        w.ChangeStream(typo.Id, typo.ToSpec() with { Quantity = T(1_100) });
        Assert.DoesNotContain(Check(w), f => f.Rule == BalanceChecks.GrossError);
    }

    [Fact]
    public void When_streams_are_equally_suspect_the_message_says_the_balance_cannot_tell()
    {
        // One step, in 100 t and out 1 000 t, both ± 2 %: one constraint, so both move the same number of σ.
        var w = New();
        var step = w.AddStep("Step");
        w.In(step, "In", T(100), uncertainty: 2);
        w.Out(step, "Out", T(1_000), uncertainty: 2);

        var finding = Assert.Single(Check(w), f => f.Rule == BalanceChecks.GrossError);

        Assert.Contains("cannot tell", finding.MessageTemplate, StringComparison.Ordinal);
        Assert.Contains("“In”", (string)finding.Arguments[2], StringComparison.Ordinal);
        Assert.Contains("“Out”", (string)finding.Arguments[2], StringComparison.Ordinal);
    }

    [Fact]
    public void A_reconciled_flow_below_zero_is_serious()
    {
        // In 100 t ± 1 %, out 150 t ± 1 % and 10 t ± 100 % (σ² = 1, 2.25, 100 t²): r = 100 − 150 − 10 = −60,
        // S = 103.25; the wide stream moves by 100 × 60 ÷ 103.25 = 58.11 t to 10 − 58.11 = −48.11 t.
        var w = New();
        var step = w.AddStep("Step");
        w.In(step, "In", T(100), uncertainty: 1);
        w.Out(step, "Product", T(150), uncertainty: 1);
        var wide = w.Out(step, "Estimated loss", T(10), uncertainty: 100, oc: OutputClass.UnaccountedLoss);

        var finding = Assert.Single(Check(w), f => f.Rule == BalanceChecks.NegativeReconciledFlow);
        Assert.Equal((Severity.Serious, wide.Id.ToString()), (finding.Severity, finding.Field));
        Assert.Equal(["Estimated loss", -48.11], finding.Arguments);

        // 90 t of product: r = 100 − 90 − 10 = 0, nothing moves.
        var product = w.Streams.Single(s => s.Name == "Product");
        w.ChangeStream(product.Id, product.ToSpec() with { Quantity = T(90) });
        Assert.DoesNotContain(Check(w), f => f.Rule == BalanceChecks.NegativeReconciledFlow);
    }
}
