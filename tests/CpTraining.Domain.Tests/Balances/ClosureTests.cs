using CpTraining.Domain.Balances;
using static CpTraining.Domain.Tests.Balances.TestSheets;

namespace CpTraining.Domain.Tests.Balances;

/// <summary>
/// Closure per step and overall, kg/yr. The worked example (per year):
/// Washing: in fabric 1 000 + water 10 000 = 11 000; out washed fabric 1 000 (to Dyeing) + wastewater 9 500 = 10 500;
/// closure 10 500 ÷ 11 000 = 95.4545 %, 4.5 % short: within 5 %.
/// Dyeing: in washed fabric 1 000 + dye 50 + water 5 000 = 6 050; out dyed fabric 1 040 + wastewater 4 000 = 5 040;
/// closure 83.3058 %, imbalance 1 010: flagged.
/// Overall: in 1 000 + 10 000 + 50 + 5 000 = 16 050; out 9 500 + 1 040 + 4 000 = 14 540; closure 90.5919 %, flagged, Dyeing responsible.
/// </summary>
public class ClosureTests
{
    private static (Worksheet Sheet, ProcessStep Washing, ProcessStep Dyeing) Textile()
    {
        var w = New();
        var washing = w.AddStep("Washing");
        var dyeing = w.AddStep("Dyeing");
        w.In(washing, "Grey fabric", Kg(1_000));
        w.In(washing, "Wash water", Kg(10_000), material: "Water");
        w.Link(washing, dyeing, "Washed fabric", Kg(1_000));
        w.Out(washing, "Washing wastewater", Kg(9_500), OutputClass.Wastewater);
        w.In(dyeing, "Dye", Kg(50));
        w.In(dyeing, "Dye bath water", Kg(5_000), material: "Water");
        w.Out(dyeing, "Dyed fabric", Kg(1_040));
        w.Out(dyeing, "Dyeing wastewater", Kg(4_000), OutputClass.Wastewater);
        return (w, washing, dyeing);
    }

    [Fact]
    public void Each_step_and_the_whole_process_have_inputs_outputs_imbalance_and_closure()
    {
        var (w, washing, dyeing) = Textile();

        var mass = BalanceEvaluation.Mass(w.Snapshot());

        var wash = mass.Steps.Single(s => s.StepId == washing.Id);
        Assert.Equal((11_000m, 10_500m, 0m, 500m), (wash.InputsKilograms, wash.OutputsKilograms, wash.AccumulationKilograms, wash.ImbalanceKilograms));
        Assert.Equal(95.4545m, Math.Round(wash.ClosurePercent!.Value, 4));
        Assert.False(wash.IsFlagged);

        var dye = mass.Steps.Single(s => s.StepId == dyeing.Id);
        Assert.Equal((6_050m, 5_040m, 1_010m), (dye.InputsKilograms, dye.OutputsKilograms, dye.ImbalanceKilograms));
        Assert.Equal(83.3058m, Math.Round(dye.ClosurePercent!.Value, 4));
        Assert.True(dye.IsFlagged);

        Assert.Equal((16_050m, 14_540m, 1_510m), (mass.Overall.InputsKilograms, mass.Overall.OutputsKilograms, mass.Overall.ImbalanceKilograms));
        Assert.Equal(90.5919m, Math.Round(mass.Overall.ClosurePercent!.Value, 4));
        Assert.True(mass.IsFlagged);
        Assert.Equal([dyeing.Id], mass.ResponsibleStepIds);
    }

    [Fact]
    public void A_wider_tolerance_accepts_what_a_narrow_one_flags()
    {
        var (w, _, _) = Textile();

        w.ChangeClosureTolerance(17m); // Dyeing is 16.69 % off, the whole process 9.41 %.
        var mass = BalanceEvaluation.Mass(w.Snapshot());

        Assert.False(mass.IsFlagged);
        Assert.Empty(mass.ResponsibleStepIds);
    }

    [Fact]
    public void Accumulation_in_a_step_closes_its_balance()
    {
        var w = New();
        var tank = w.AddStep("Storage tank");
        w.In(tank, "Solvent", Kg(100));
        w.Out(tank, "Solvent to use", Kg(90));
        w.SetAccumulation(tank.Id, Kg(10));

        var step = BalanceEvaluation.Mass(w.Snapshot()).Steps.Single();

        Assert.Equal((10m, 0m, 100m, false), (step.AccumulationKilograms, step.ImbalanceKilograms, step.ClosurePercent, step.IsFlagged));
    }

    [Fact]
    public void Stock_drawn_down_is_a_negative_accumulation()
    {
        var w = New();
        var tank = w.AddStep("Storage tank");
        w.ChangePeriod(ReportingPeriod.Month, null, null);
        w.In(tank, "Solvent", Kg(100));
        w.Out(tank, "Solvent to use", Kg(110));
        w.SetAccumulation(tank.Id, Kg(-10)); // −120 kg/yr

        var step = BalanceEvaluation.Mass(w.Snapshot()).Steps.Single();

        Assert.Equal((1_200m, 1_320m, -120m, 0m), (step.InputsKilograms, step.OutputsKilograms, step.AccumulationKilograms, step.ImbalanceKilograms));
    }

    [Fact]
    public void Small_gaps_adding_up_flag_the_process_and_name_the_steps_largest_first()
    {
        // Step 1 loses 4 % (100 → 96), step 2 another 4 % (96 → 92.16): each within 5 %, together 7.84 % short.
        var w = New();
        var one = w.AddStep("One");
        var two = w.AddStep("Two");
        w.In(one, "Feed", Kg(100));
        w.Link(one, two, "Intermediate", Kg(96));
        w.Out(two, "Product", Kg(92.16m));

        var mass = BalanceEvaluation.Mass(w.Snapshot());

        Assert.All(mass.Steps, s => Assert.False(s.IsFlagged));
        Assert.Equal(92.16m, mass.Overall.ClosurePercent);
        Assert.True(mass.IsFlagged);
        Assert.Equal([one.Id, two.Id], mass.ResponsibleStepIds); // imbalances 4 and 3.84 kg/yr
    }

    [Fact]
    public void A_step_with_outputs_but_no_inputs_has_no_closure_and_is_flagged()
    {
        var w = New();
        var step = w.AddStep("Mystery");
        var empty = w.AddStep("Empty");
        w.Out(step, "Product", Kg(5));

        var mass = BalanceEvaluation.Mass(w.Snapshot());

        Assert.Null(mass.Steps[0].ClosurePercent);
        Assert.True(mass.Steps[0].IsFlagged);
        Assert.False(mass.Steps.Single(s => s.StepId == empty.Id).IsFlagged);
    }
}
