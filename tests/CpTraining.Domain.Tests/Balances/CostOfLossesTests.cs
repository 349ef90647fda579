using CpTraining.Domain.Balances;
using static CpTraining.Domain.Tests.Balances.TestSheets;

namespace CpTraining.Domain.Tests.Balances;

/// <summary>
/// Losses priced at the input of the same material (name compared trimmed and case-insensitively) plus their fee.
/// Worked example, UAH per year:
/// wastewater "water" 9.5 m³ (1 000 kg/m³): water bought at 30 UAH/m³ = 0.03 UAH/kg → 9 500 kg × 0.03 = 285; fee 9.5 m³ × 60 = 570; total 855.
/// fabric trimmings "COTTON FABRIC" 20 kg: cotton bought at 80 000 UAH/t = 80 UAH/kg → 1 600; fee 20 kg × 2 = 40; total 1 640.
/// dye lost (unaccounted) 5 kg: dye at 400 UAH/kg → 2 000; no fee; total 2 000.
/// steam to air 500 kg: no input of steam is priced → 0.
/// Total 4 495; Pareto 2 000 (44.4939 %), 1 640 (80.9789 %), 855 (100 %), 0 (100 %).
/// </summary>
public class CostOfLossesTests
{
    [Fact]
    public void Each_loss_costs_its_material_at_the_input_price_plus_its_fee_in_pareto_order()
    {
        var w = New();
        var step = w.AddStep("Dyeing");
        w.In(step, "Cotton", T(1), material: "Cotton fabric", price: new UnitPrice(80_000m, Unit.Tonne));
        w.In(step, "Water in", Quantity.Of(10m, Unit.CubicMetre, density: 1_000m), material: "water", price: new UnitPrice(30m, Unit.CubicMetre));
        w.In(step, "Dye", Kg(50), price: new UnitPrice(400m, Unit.Kilogram));
        w.Out(step, "Dyed fabric", Kg(980), material: "Cotton fabric");
        w.Out(step, "Wastewater", Quantity.Of(9.5m, Unit.CubicMetre, density: 1_000m), OutputClass.Wastewater, material: "Water", fee: new UnitPrice(60m, Unit.CubicMetre));
        w.Out(step, "Trimmings", Kg(20), OutputClass.SolidWaste, material: " COTTON FABRIC ", fee: new UnitPrice(2m, Unit.Kilogram));
        w.Out(step, "Dye lost", Kg(5), OutputClass.UnaccountedLoss, material: "Dye");
        w.Out(step, "Steam", Kg(500), OutputClass.AirEmission);

        var losses = BalanceEvaluation.Losses(w.Snapshot());

        Assert.Equal(["Dye lost", "Trimmings", "Wastewater", "Steam"], losses.Pareto.Select(l => l.Name));
        Assert.Equal([2_000m, 1_640m, 855m, 0m], losses.Pareto.Select(l => l.Total));
        Assert.Equal([2_000m, 1_600m, 285m, 0m], losses.Pareto.Select(l => l.MaterialValue));
        Assert.Equal([0m, 40m, 570m, 0m], losses.Pareto.Select(l => l.DisposalCost));
        Assert.Equal([44.4939m, 80.9789m, 100m, 100m], losses.Pareto.Select(l => Math.Round(l.CumulativeSharePercent, 4)));
        Assert.Equal((3_885m, 610m, 4_495m), (losses.TotalMaterialValue, losses.TotalDisposalCost, losses.Total));
        Assert.Null(losses.Pareto[3].PricePerKilogram);
        Assert.Equal(0.03m, losses.Pareto[2].PricePerKilogram);
    }

    [Fact]
    public void Several_priced_inputs_of_a_material_give_a_mass_weighted_price()
    {
        // 10 t at 20 UAH/t and 30 t at 40 UAH/t: (200 + 1 200) ÷ 40 000 kg = 0.035 UAH/kg; 1 t lost = 35 UAH.
        var w = New();
        var step = w.AddStep("Cooling");
        w.In(step, "Well water", T(10), material: "Water", price: new UnitPrice(20m, Unit.Tonne));
        w.In(step, "Town water", T(30), material: "Water", price: new UnitPrice(40m, Unit.Tonne));
        w.Out(step, "Leak", T(1), OutputClass.UnaccountedLoss, material: "Water");

        var loss = BalanceEvaluation.Losses(w.Snapshot()).Pareto.Single();

        Assert.Equal((0.035m, 35m), (loss.PricePerKilogram, loss.Total));
    }

    [Fact]
    public void Monthly_losses_cost_twelve_times_a_month_per_year()
    {
        // 2 t/month sludge, fee 150 UAH/t: 24 t/yr × 150 = 3 600 UAH/yr.
        var w = New();
        w.ChangePeriod(ReportingPeriod.Month, null, null);
        var step = w.AddStep("Settling");
        w.Out(step, "Sludge", T(2), OutputClass.SolidWaste, fee: new UnitPrice(150m, Unit.Tonne));

        Assert.Equal(3_600m, BalanceEvaluation.Losses(w.Snapshot()).Total);
    }

    [Fact]
    public void Products_by_products_and_internal_recycling_are_not_losses()
    {
        var w = New();
        var one = w.AddStep("One");
        var two = w.AddStep("Two");
        w.In(one, "Feed", T(10), price: new UnitPrice(100m, Unit.Tonne));
        w.AddStream(new StreamSpec("Return", "Feed", two.Id, one.Id, T(1), OutputClass: OutputClass.RecycledInternally));
        w.Out(two, "Product", T(8), OutputClass.Product, material: "Feed");
        w.Out(two, "Off-cuts sold", T(2), OutputClass.ByProduct, material: "Feed");

        Assert.Empty(BalanceEvaluation.Losses(w.Snapshot()).Pareto);
    }
}
