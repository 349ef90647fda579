using System.Text.Json;
using System.Text.Json.Serialization;
using CpTraining.Domain.Balances;
using static CpTraining.Domain.Tests.Balances.TestSheets;

namespace CpTraining.Domain.Tests.Balances;

/// <summary>
/// An uncertainty is one standard deviation, entered as ± % of the value or ± in the stream's own unit, and kept exactly
/// as typed. Reconciliation reads an absolute one in the stream's unit and reporting period.
/// </summary>
public class UncertaintyTests
{
    private const double Tight = 1e-6;

    [Fact]
    public void An_uncertainty_keeps_every_digit_as_typed()
    {
        var u = new Uncertainty("0,234375", 0.234375m, UncertaintyKind.Relative);

        Assert.Equal(("0,234375", 0.234375m), (u.Text, u.Value));
    }

    [Fact]
    public void An_absolute_uncertainty_reconciles_like_the_same_spread_given_in_percent()
    {
        // STAN's simple rule again, but the output's ± 10 t is typed in tonnes: the same σ as 100/11 % of 110 t, so the
        // two flows meet in the middle at 105 t (see ReconciliationTests).
        var w = New();
        var step = w.AddStep("Step");
        w.In(step, "In", T(100), uncertainty: 10);
        w.AddStream(new StreamSpec("Out", "Out", step.Id, null, T(110), Uncertainty: Uncertainty.InStreamUnit(10m), OutputClass: OutputClass.Product));

        var r = Reconciliation.Run(w.Snapshot());

        Assert.Equal(10_000, r.Streams[1].MeasuredSigma, Tight);
        Assert.All(r.Streams, s => Assert.Equal(105_000, s.Reconciled, Tight));
    }

    [Fact]
    public void An_absolute_uncertainty_is_per_reporting_period_and_in_the_entered_unit()
    {
        // Monthly figures: 2 t ± 0.5 t a month is 24 t/yr ± 6 t/yr; 600 kg ± 150 kg a month is 7.2 t/yr ± 1.8 t/yr.
        var w = New();
        w.ChangePeriod(ReportingPeriod.Month, null, null);
        var step = w.AddStep("Step");
        w.AddStream(new StreamSpec("Water", "water", null, step.Id, Quantity.Of(2m, Unit.Tonne), Uncertainty: Uncertainty.InStreamUnit(0.5m)));
        w.AddStream(new StreamSpec("Steam", "water", step.Id, null, Quantity.Of(600m, Unit.Kilogram), Uncertainty: Uncertainty.InStreamUnit(150m), OutputClass: OutputClass.AirEmission));

        var r = Reconciliation.Run(w.Snapshot());

        Assert.Equal(6_000, r.Streams.Single(s => s.Name == "Water").MeasuredSigma, Tight);
        Assert.Equal(1_800, r.Streams.Single(s => s.Name == "Steam").MeasuredSigma, Tight);
    }

    [Fact]
    public void A_zero_flow_can_carry_an_absolute_uncertainty_but_not_a_relative_one()
    {
        // 0 ± 2 t: a leak that was not seen but could be up to a few tonnes. 0 ± 5 % is exactly zero.
        var w = New();
        var step = w.AddStep("Step");
        w.AddStream(new StreamSpec("Leak", "water", step.Id, null, T(0), Uncertainty: Uncertainty.InStreamUnit(2m), OutputClass: OutputClass.UnaccountedLoss));
        w.AddStream(new StreamSpec("Spill", "water", step.Id, null, T(0), Uncertainty: Uncertainty.Percent(5m), OutputClass: OutputClass.UnaccountedLoss));

        var r = Reconciliation.Run(w.Snapshot());

        Assert.Equal((2_000.0, false), (r.Streams.Single(s => s.Name == "Leak").MeasuredSigma, r.Streams.Single(s => s.Name == "Leak").IsExact));
        Assert.True(r.Streams.Single(s => s.Name == "Spill").IsExact);
    }

    [Fact]
    public void Refusals_say_what_is_wrong()
    {
        var w = New();
        var step = w.AddStep("Step");

        Assert.Equal("Uncertainty", Assert.Throws<DomainException>(() => Uncertainty.Percent(100.5m)).Field);
        Assert.Equal("Uncertainty", Assert.Throws<DomainException>(() => Uncertainty.InStreamUnit(-1m)).Field);
        Assert.Equal("UncertaintyKind", Assert.Throws<DomainException>(() => new Uncertainty("1", 1m, (UncertaintyKind)7)).Field);
        var tooWide = Assert.Throws<DomainException>(() =>
            w.AddStream(new StreamSpec("Water", "water", null, step.Id, T(2), Uncertainty: Uncertainty.InStreamUnit(2.5m))));
        Assert.Equal("Uncertainty", tooWide.Field);
        Assert.Contains("more than the quantity itself", tooWide.MessageTemplate, StringComparison.Ordinal);
        Assert.Empty(w.Streams);

        // As wide as the quantity (100 %) is still allowed, like 100 % in relative terms.
        w.AddStream(new StreamSpec("Water", "water", null, step.Id, T(2), Uncertainty: Uncertainty.InStreamUnit(2m)));
        Assert.Single(w.Streams);
    }

    [Fact]
    public void A_snapshot_frozen_when_uncertainties_were_percentages_reads_back_as_relative()
    {
        var w = New();
        var step = w.AddStep("Step");
        w.In(step, "Water", T(10), uncertainty: 5);
        w.AddEnergyStream(new EnergyStreamSpec("Meter", step.Id, EnergyCarrier.Electricity, Quantity.Of(1m, Unit.MegawattHour), Uncertainty: Uncertainty.Percent(2.5m)));
        var options = new JsonSerializerOptions { Converters = { new JsonStringEnumConverter() } };
        var today = JsonSerializer.Serialize(w.Snapshot(), options);

        // What a submission frozen before this change holds: "UncertaintyPercent": 5.000.
        var old = today
            .Replace("\"Uncertainty\":{\"Text\":\"5\",\"Value\":5,\"Kind\":\"Relative\"}", "\"UncertaintyPercent\":5.000", StringComparison.Ordinal)
            .Replace("\"Uncertainty\":{\"Text\":\"2.5\",\"Value\":2.5,\"Kind\":\"Relative\"}", "\"UncertaintyPercent\":2.500", StringComparison.Ordinal);
        Assert.DoesNotContain("\"Uncertainty\"", old, StringComparison.Ordinal);
        Assert.DoesNotContain("UncertaintyPercent", today, StringComparison.Ordinal);

        var read = JsonSerializer.Deserialize<WorksheetSnapshot>(old, options)!;

        Assert.Equal(Uncertainty.Percent(5m), read.Streams.Single().Uncertainty);
        Assert.Equal(Uncertainty.Percent(2.5m), read.EnergyStreams.Single().Uncertainty);
    }
}
