using CpTraining.Domain.Balances;
using static CpTraining.Domain.Tests.Balances.TestSheets;

namespace CpTraining.Domain.Tests.Balances;

/// <summary>
/// The size the issue asks to evaluate quickly (40 steps, 400 streams, 80 energy carriers); this checks correctness
/// at that size only — the timing lives in the benchmark project. Per step i (all ± 5 %):
/// inputs: water 10 t (20 UAH/t), fibre 10 t (2 000 UAH/t), three chemicals 10 t each = 50 t;
/// outputs: product, by-product, wastewater (water, fee 50 UAH/t), solid waste (fibre, fee 100 UAH/t), 12.5 t each = 50 t;
/// internal: 100 t from step i to step i + 1, and 100 t from step 40 back to step 1 (39 + 1 streams).
/// 40 × (5 + 4) + 40 = 400 streams; every step takes in 150 t and gives out 150 t.
/// Energy per step: 100 MWh electricity at 4 000 UAH/MWh and 10 000 m³ of gas at 34 MJ/m³ (340 000 MJ = 94.4444 MWh).
/// </summary>
public class LargeWorksheetTests
{
    private const int StepCount = 40;

    private static (Worksheet Sheet, List<ProcessStep> Steps) Build()
    {
        var w = New("Large line");
        var steps = Enumerable.Range(1, StepCount).Select(i => w.AddStep($"Step {i:00}")).ToList();
        for (var i = 0; i < StepCount; i++)
        {
            var s = steps[i];
            var n = i + 1;
            w.In(s, $"Water {n}", T(10), 5, "Water", new UnitPrice(20m, Unit.Tonne));
            w.In(s, $"Fibre {n}", T(10), 5, "Fibre", new UnitPrice(2_000m, Unit.Tonne));
            for (var k = 1; k <= 3; k++)
            {
                w.In(s, $"Chemical {n}.{k}", T(10), 5);
            }

            w.Out(s, $"Product {n}", T(12.5m), OutputClass.Product, 5);
            w.Out(s, $"By-product {n}", T(12.5m), OutputClass.ByProduct, 5);
            w.Out(s, $"Wastewater {n}", T(12.5m), OutputClass.Wastewater, 5, "Water", new UnitPrice(50m, Unit.Tonne));
            w.Out(s, $"Solid waste {n}", T(12.5m), OutputClass.SolidWaste, 5, "Fibre", new UnitPrice(100m, Unit.Tonne));
            w.Link(s, steps[(i + 1) % StepCount], i + 1 < StepCount ? $"Link {n}" : "Recycle", T(100), 5);
            w.AddEnergyStream(new EnergyStreamSpec(null, s.Id, EnergyCarrier.Electricity, Quantity.Of(100m, Unit.MegawattHour), Price: new UnitPrice(4_000m, Unit.MegawattHour)));
            w.AddEnergyStream(new EnergyStreamSpec(null, s.Id, EnergyCarrier.NaturalGas, Quantity.Of(10_000m, Unit.CubicMetre, calorificValue: 34m, calorificBasis: CalorificBasis.PerCubicMetre)));
        }

        return (w, steps);
    }

    [Fact]
    public void A_closed_balance_of_40_steps_and_400_streams_evaluates_completely()
    {
        var (w, _) = Build();
        Assert.Equal(400, w.Streams.Count);

        var result = BalanceEvaluation.Evaluate(w, EmissionFactorTable.Defaults, "UA");

        // Closure: 2 000 t in and out overall, 150 t through every step.
        Assert.All(result.Mass.Steps, s => Assert.Equal((150_000m, 150_000m, 100m), (s.InputsKilograms, s.OutputsKilograms, s.ClosurePercent)));
        Assert.Equal((2_000_000m, 2_000_000m, false), (result.Mass.Overall.InputsKilograms, result.Mass.Overall.OutputsKilograms, result.Mass.IsFlagged));

        // Losses per step: solid waste 12 500 kg × 2 UAH/kg + 12.5 t × 100 = 26 250; wastewater 12 500 × 0.02 + 12.5 × 50 = 875.
        // 40 × 27 125 = 1 085 000; the 40 solid wastes come first and make 1 050 000 ÷ 1 085 000 = 96.7742 %.
        Assert.Equal(1_085_000m, result.Losses.Total);
        Assert.Equal(80, result.Losses.Pareto.Count);
        Assert.All(result.Losses.Pareto.Take(40), l => Assert.Equal((OutputClass.SolidWaste, 26_250m), (l.OutputClass, l.Total)));
        Assert.Equal(96.7742m, Math.Round(result.Losses.Pareto[39].CumulativeSharePercent, 4));

        // Energy: 40 × (100 + 94.4444) MWh = 7 777.7778 MWh; CO₂ 40 × (100 × 0.316 + 0.34 TJ × 56.1) = 40 × 50.674 = 2 026.96 t;
        // cost 40 × 100 MWh × 4 000 = 16 000 000 UAH (gas unpriced).
        Assert.Equal(7_777.7778m, Math.Round(result.Energy.TotalMegawattHours, 4));
        Assert.Equal((2_026.96m, 16_000_000m), (result.Energy.TotalTonnesCo2, result.Energy.TotalCost));
        Assert.Equal(StepCount, result.Energy.Steps.Count);

        // Reconciliation: consistent data are not moved; each step has boundary streams of its own, so its 40 balances are independent.
        Assert.Equal(StepCount, result.Reconciliation.DegreesOfFreedom);
        Assert.Equal(0, result.Reconciliation.ChiSquare, 1e-9);
        Assert.All(result.Reconciliation.Streams, s => Assert.Equal(s.Measured, s.Reconciled, 1e-6));
        Assert.False(result.Reconciliation.GrossErrorSuspected);
    }

    [Fact]
    public void A_typo_in_one_of_400_streams_is_found_at_its_step()
    {
        var (w, steps) = Build();
        var typo = w.Streams.Single(s => s.Name == "Product 17");
        w.ChangeStream(typo.Id, typo.ToSpec() with { Quantity = T(125) }); // 12.5 t typed as 125 t

        var result = BalanceEvaluation.Evaluate(w, EmissionFactorTable.Defaults, "UA");
        var r = result.Reconciliation;

        // Step 17: 150 t in, 262.5 t out → 175 % closure, the only flagged step.
        Assert.Equal([steps[16].Id], result.Mass.ResponsibleStepIds);
        Assert.Equal(175m, result.Mass.Steps[16].ClosurePercent);

        Assert.True(r.ChiSquare > ChiSquare.Quantile95(40));
        Assert.True(r.GrossErrorSuspected);

        // The balance sees only step 17's total, so its nine boundary streams are equally suspect (links differ).
        var atStep17 = w.Streams.Where(s => (s.ToStepId == steps[16].Id && s.FromStepId is null) || (s.FromStepId == steps[16].Id && s.ToStepId is null))
            .Select(s => s.Id).ToHashSet();
        Assert.Equal(9, atStep17.Count);
        Assert.Equal(atStep17, r.EquallySuspectStreamIds.Append(r.SuspectStreamId!.Value).ToHashSet());

        // The reconciled streams satisfy every balance.
        var reconciled = r.Streams.ToDictionary(s => s.StreamId, s => s.Reconciled);
        foreach (var step in steps)
        {
            var net = w.Streams.Where(s => s.ToStepId == step.Id).Sum(s => reconciled[s.Id]) - w.Streams.Where(s => s.FromStepId == step.Id).Sum(s => reconciled[s.Id]);
            Assert.Equal(0, net, 1e-6);
        }
    }
}
