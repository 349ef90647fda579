using CpTraining.Domain.Balances;
using static CpTraining.Domain.Tests.Balances.TestSheets;

namespace CpTraining.Domain.Tests.Balances;

/// <summary>Building a worksheet: steps, streams, the period, and every refusal with the field it names.</summary>
public class WorksheetTests
{
    private static (Worksheet Sheet, ProcessStep Washing, ProcessStep Dyeing) TwoSteps()
    {
        var w = New();
        return (w, w.AddStep("Washing"), w.AddStep("Dyeing"));
    }

    private static DomainException Refused(Action action) => Assert.Throws<DomainException>(action);

    [Fact]
    public void Steps_are_numbered_in_order_and_can_be_renamed_and_moved()
    {
        var (w, washing, dyeing) = TwoSteps();
        var rinsing = w.AddStep("Rinsing");

        w.MoveStep(rinsing.Id, 1);
        w.RenameStep(washing.Id, "Pre-washing");

        Assert.Equal(["Rinsing", "Pre-washing", "Dyeing"], w.Steps.Select(s => s.Name));
        Assert.Equal([1, 2, 3], w.Steps.Select(s => s.Position));
        Assert.Equal("Position", Refused(() => w.MoveStep(dyeing.Id, 4)).Field);
        Assert.Equal("Name", Refused(() => w.AddStep("dyeing")).Field);
        Assert.Equal("Name", Refused(() => w.RenameStep(washing.Id, " ")).Field);
    }

    [Fact]
    public void A_step_is_removed_only_when_no_stream_uses_it()
    {
        var (w, washing, dyeing) = TwoSteps();
        var link = w.Link(washing, dyeing, "Washed fabric", T(1));

        var ex = Refused(() => w.RemoveStep(washing.Id));
        w.RemoveStream(link.Id);
        w.RemoveStep(washing.Id);

        Assert.Equal(("StepId", 1), (ex.Field, ex.Arguments[1]));
        Assert.Equal([("Dyeing", 1)], w.Steps.Select(s => (s.Name, s.Position)));
    }

    [Fact]
    public void The_direction_follows_from_the_ends_of_a_stream()
    {
        var (w, washing, dyeing) = TwoSteps();

        var input = w.In(washing, "Water", T(10));
        var link = w.Link(washing, dyeing, "Washed fabric", T(1));
        var output = w.Out(dyeing, "Wastewater", T(9), OutputClass.Wastewater);

        Assert.Equal([StreamDirection.Input, StreamDirection.Internal, StreamDirection.Output], new[] { input, link, output }.Select(s => s.Direction));
        Assert.Equal(10_000m, input.AnnualKilograms);
    }

    [Fact]
    public void A_stream_is_changed_in_place()
    {
        var (w, washing, _) = TwoSteps();
        var s = w.In(washing, "Water", T(10));

        w.ChangeStream(s.Id, s.ToSpec() with { Quantity = Quantity.Of(12m, Unit.CubicMetre, density: 1_000m), Uncertainty = Uncertainty.Percent(5) });

        Assert.Equal((12_000m, Uncertainty.Percent(5)), (w.Streams.Single().AnnualKilograms, w.Streams.Single().Uncertainty));
    }

    [Fact]
    public void A_negative_quantity_is_refused()
    {
        var (w, washing, _) = TwoSteps();

        var ex = Refused(() => w.In(washing, "Water", T(-1)));

        Assert.Equal(("Quantity", "A quantity cannot be negative."), (ex.Field, ex.MessageTemplate));
    }

    [Fact]
    public void A_stream_linked_to_a_step_of_another_worksheet_is_refused()
    {
        var (w, washing, _) = TwoSteps();
        var foreign = New("Other").AddStep("Boiling");

        var from = Refused(() => w.Link(foreign, washing, "Hot water", T(1)));
        var to = Refused(() => w.In(foreign, "Water", T(1)));

        Assert.Equal(("FromStepId", "That step is not part of this worksheet."), (from.Field, from.MessageTemplate));
        Assert.Equal("ToStepId", to.Field);
    }

    [Fact]
    public void A_stream_that_leaves_and_re_enters_the_same_step_is_refused()
    {
        var (w, washing, _) = TwoSteps();

        var ex = Refused(() => w.Link(washing, washing, "Loop", T(1)));

        Assert.Equal(("ToStepId", "A stream cannot leave and re-enter the same step."), (ex.Field, ex.MessageTemplate));
    }

    [Fact]
    public void A_stream_must_touch_a_step()
    {
        var w = New();

        var ex = Refused(() => w.AddStream(new StreamSpec("Air", "Air", null, null, T(1))));

        Assert.Equal("ToStepId", ex.Field);
    }

    [Fact]
    public void A_billion_tonnes_a_year_is_refused_as_a_typo()
    {
        var (w, washing, _) = TwoSteps();
        w.In(washing, "Plausible", T(999_999_999m));

        var ex = Refused(() => w.In(washing, "Typo", T(1_000_000_000m)));
        var perMonth = New();
        var step = perMonth.AddStep("Step");
        perMonth.ChangePeriod(ReportingPeriod.Month, null, null);
        var monthly = Refused(() => perMonth.In(step, "Monthly typo", T(100_000_000m))); // 1.2·10⁹ t/yr

        Assert.Equal("Quantity", ex.Field);
        Assert.Contains("not plausible", ex.Message, StringComparison.Ordinal);
        Assert.Equal("Quantity", monthly.Field);
    }

    [Fact]
    public void A_material_stream_in_energy_units_is_refused()
    {
        var (w, washing, _) = TwoSteps();

        var ex = Refused(() => w.In(washing, "Steam", Quantity.Of(5m, Unit.Gigacalorie)));

        Assert.Equal("Unit", ex.Field);
    }

    [Fact]
    public void A_volume_without_density_is_refused_for_a_material_stream()
    {
        var (w, washing, _) = TwoSteps();

        var ex = Refused(() => w.In(washing, "Water", Quantity.Of(5m, Unit.CubicMetre)));

        Assert.Equal("Density", ex.Field);
    }

    [Fact]
    public void Output_classes_prices_fees_and_uncertainty_are_checked()
    {
        var (w, washing, dyeing) = TwoSteps();

        Assert.Equal("OutputClass", Refused(() => w.AddStream(new StreamSpec("Out", "x", washing.Id, null, T(1)))).Field);
        Assert.Equal("OutputClass", Refused(() => w.AddStream(new StreamSpec("In", "x", null, washing.Id, T(1), OutputClass: OutputClass.Product))).Field);
        Assert.Equal("PurchasePrice", Refused(() => w.AddStream(new StreamSpec("Out", "x", washing.Id, null, T(1), OutputClass: OutputClass.Product, PurchasePrice: new UnitPrice(1, Unit.Tonne)))).Field);
        Assert.Equal("DisposalFee", Refused(() => w.Out(dyeing, "Fabric", T(1), OutputClass.Product, fee: new UnitPrice(5, Unit.Tonne))).Field);
        Assert.Equal("DisposalFee", Refused(() => w.Out(dyeing, "Sludge", T(1), OutputClass.SolidWaste, fee: new UnitPrice(-5, Unit.Tonne))).Field);
        Assert.Equal("DisposalFee", Refused(() => w.Out(dyeing, "Sludge", T(1), OutputClass.SolidWaste, fee: new UnitPrice(5, Unit.CubicMetre))).Field);
        Assert.Equal("Uncertainty", Refused(() => w.In(washing, "Water", T(1), uncertainty: 101)).Field);
        Assert.Equal("Uncertainty", Refused(() => w.In(washing, "Water", T(1), uncertainty: -1)).Field);
        Assert.Equal("Name", Refused(() => { w.In(washing, "Water", T(1)); w.In(dyeing, "WATER", T(1)); }).Field);
        Assert.Equal("HazardousKilogramsPerYear", Refused(() => w.AddStream(new StreamSpec("Dye", "Dye", null, dyeing.Id, T(1), HazardousSubstance: "Chromium"))).Field);
    }

    [Fact]
    public void A_hazardous_substance_is_carried_in_kg_per_year()
    {
        var (w, _, dyeing) = TwoSteps();

        var s = w.AddStream(new StreamSpec("Sludge", "Sludge", dyeing.Id, null, T(2), OutputClass: OutputClass.HazardousWaste, HazardousSubstance: " Chromium(VI) ", HazardousKilogramsPerYear: 12.5m));

        Assert.Equal(("Chromium(VI)", 12.5m), (s.HazardousSubstance, s.HazardousKilogramsPerYear));
    }

    [Fact]
    public void Figures_per_batch_day_or_month_are_annualised()
    {
        var w = New();
        var step = w.AddStep("Dyeing");
        var water = w.In(step, "Water", Quantity.Of(3m, Unit.CubicMetre, density: 1_000m));
        var dye = w.In(step, "Dye", Kg(20));

        w.ChangePeriod(ReportingPeriod.Batch, 250, null);
        Assert.Equal((750_000m, 5_000m), (water.AnnualKilograms, dye.AnnualKilograms)); // 3 000 kg × 250 batches; 20 kg × 250

        w.ChangePeriod(ReportingPeriod.Day, null, 300);
        Assert.Equal(900_000m, water.AnnualKilograms); // 3 000 kg × 300 days

        w.ChangePeriod(ReportingPeriod.Month, null, null);
        Assert.Equal((36_000m, 240m), (water.AnnualKilograms, dye.AnnualKilograms)); // × 12

        w.ChangePeriod(ReportingPeriod.Year, null, null);
        Assert.Equal((1m, 3_000m), (w.PeriodsPerYear, water.AnnualKilograms));
    }

    [Fact]
    public void A_period_that_lacks_its_count_or_would_make_a_stream_implausible_is_refused_and_changes_nothing()
    {
        var w = New();
        var step = w.AddStep("Dyeing");
        var s = w.In(step, "Ore", T(10_000_000m));

        Assert.Equal("BatchesPerYear", Refused(() => w.ChangePeriod(ReportingPeriod.Batch, null, null)).Field);
        Assert.Equal("OperatingDaysPerYear", Refused(() => w.ChangePeriod(ReportingPeriod.Day, null, 400)).Field);
        Assert.Equal("Period", Refused(() => w.ChangePeriod(ReportingPeriod.Batch, 1_000, null)).Field); // 10¹⁰ t/yr

        Assert.Equal((ReportingPeriod.Year, 10_000_000_000m), (w.Period, s.AnnualKilograms));
    }

    [Fact]
    public void The_closure_tolerance_is_5_percent_by_default_and_editable_within_bounds()
    {
        var w = New();
        Assert.Equal(5m, w.ClosureTolerancePercent);

        w.ChangeClosureTolerance(2.5m);

        Assert.Equal(2.5m, w.ClosureTolerancePercent);
        Assert.Equal("ClosureTolerancePercent", Refused(() => w.ChangeClosureTolerance(0)).Field);
        Assert.Equal("ClosureTolerancePercent", Refused(() => w.ChangeClosureTolerance(51)).Field);
    }

    [Fact]
    public void Details_are_trimmed_and_the_currency_is_a_code()
    {
        var w = New();

        w.ChangeDetails("  Dyeing 2026 ", null, "Water meter readings, invoices", "eur");

        Assert.Equal(("Dyeing 2026", "EUR"), (w.Name, w.Currency));
        Assert.Equal("Currency", Refused(() => w.ChangeDetails("x", null, null, "E1")).Field);
    }

    [Fact]
    public void An_energy_carrier_belongs_to_a_step_of_this_worksheet()
    {
        var (w, washing, _) = TwoSteps();
        var foreign = New("Other").AddStep("Boiler");

        var e = w.AddEnergyStream(new EnergyStreamSpec(null, washing.Id, EnergyCarrier.Electricity, Quantity.Of(120m, Unit.MegawattHour)));

        Assert.Equal(432_000m, e.AnnualMegajoules);
        Assert.Equal("StepId", Refused(() => w.AddEnergyStream(new EnergyStreamSpec(null, foreign.Id, EnergyCarrier.Coal, Quantity.Of(1m, Unit.Gigajoule)))).Field);
        Assert.Equal("Quantity", Refused(() => w.AddEnergyStream(new EnergyStreamSpec(null, washing.Id, EnergyCarrier.Coal, Quantity.Of(-1m, Unit.Gigajoule)))).Field);
        Assert.Equal("CalorificValue", Refused(() => w.AddEnergyStream(new EnergyStreamSpec(null, washing.Id, EnergyCarrier.Coal, T(5)))).Field);
        Assert.Equal("StepId", Refused(() => w.RemoveStep(washing.Id)).Field);
    }

    [Fact]
    public void The_snapshot_does_not_change_when_the_worksheet_does()
    {
        var (w, washing, _) = TwoSteps();
        var s = w.In(washing, "Water", T(10));
        var snapshot = w.Snapshot();

        w.ChangeStream(s.Id, s.ToSpec() with { Quantity = T(20) });
        w.AddStep("Drying");

        Assert.Equal(10_000m, snapshot.Streams.Single().AnnualKilograms);
        Assert.Equal(2, snapshot.Steps.Count);
        Assert.False(snapshot.Streams is List<StreamSnapshot>);
        Assert.Throws<NotSupportedException>(() => ((IList<StepSnapshot>)snapshot.Steps).Add(snapshot.Steps[0]));
    }

    [Fact]
    public void A_copy_for_a_new_period_has_the_same_steps_and_streams_with_new_ids()
    {
        var (w, washing, dyeing) = TwoSteps();
        w.ChangePeriod(ReportingPeriod.Month, null, null);
        w.In(washing, "Water", T(10), uncertainty: 5);
        w.Link(washing, dyeing, "Washed fabric", T(1));
        w.AddEnergyStream(new EnergyStreamSpec("Main meter", dyeing.Id, EnergyCarrier.Electricity, Quantity.Of(10m, Unit.MegawattHour)));

        var copy = w.CopyForNewPeriod("Dyeing line 2027", Now.AddYears(1));

        Assert.NotEqual(w.Id, copy.Id);
        Assert.Equal(w.Id, copy.CopiedFromId);
        Assert.Equal((ReportingPeriod.Month, "Dyeing line 2027"), (copy.Period, copy.Name));
        Assert.Equal(["Washing", "Dyeing"], copy.Steps.Select(s => s.Name));
        Assert.DoesNotContain(copy.Steps, s => s.Id == washing.Id || s.Id == dyeing.Id);
        var link = copy.Streams.Single(s => s.Name == "Washed fabric");
        Assert.Equal((copy.Steps[0].Id, copy.Steps[1].Id), (link.FromStepId!.Value, link.ToStepId!.Value));
        Assert.Equal((120_000m, 5m), (copy.Streams[0].AnnualKilograms, copy.Streams[0].Uncertainty?.Value));
        Assert.Equal(copy.Steps[1].Id, copy.EnergyStreams.Single().StepId);
    }
}
