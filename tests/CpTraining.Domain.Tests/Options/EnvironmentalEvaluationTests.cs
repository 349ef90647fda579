using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Domain.Tests.Balances;

namespace CpTraining.Domain.Tests.Options;

/// <summary>Reductions computed from linked balance streams, checked by hand.</summary>
public sealed class EnvironmentalEvaluationTests
{
    [Fact]
    public void Linked_streams_give_water_wastewater_waste_energy_co2_and_substances_by_hand()
    {
        // A per-year worksheet: 10 000 m³ of water (no density entered → 1 000 kg/m³), 9 500 m³ of wastewater
        // (density 1 010 kg/m³) carrying 40 kg/yr of nonylphenol, 120 t of sludge, 2 t of hazardous dye drums,
        // 500 MWh of natural gas.
        var w = TestSheets.New();
        var dye = w.AddStep("Dyeing");
        var water = w.In(dye, "Fresh water", Quantity.Of(10_000m, Unit.CubicMetre, density: 1_000m), material: "Water");
        var fabric = w.In(dye, "Fabric", TestSheets.T(300m), material: "Cotton");
        var effluent = w.AddStream(new StreamSpec("Effluent", "Wastewater", dye.Id, null, Quantity.Of(9_500m, Unit.CubicMetre, density: 1_010m), OutputClass: OutputClass.Wastewater, HazardousSubstance: "Nonylphenol", HazardousKilogramsPerYear: 40m));
        var sludge = w.Out(dye, "Sludge", TestSheets.T(120m), OutputClass.SolidWaste);
        var drums = w.Out(dye, "Dye drums", TestSheets.T(2m), OutputClass.HazardousWaste);
        var gas = w.AddEnergyStream(new EnergyStreamSpec("Boiler gas", dye.Id, EnergyCarrier.NaturalGas, Quantity.Of(500m, Unit.MegawattHour)));
        var sheet = w.Snapshot();

        var (r, lines) = EnvironmentalEvaluation.Compute(
            [
                new StreamLink(w.Id, water.Id, false, 30m),
                new StreamLink(w.Id, fabric.Id, false, 2m),
                new StreamLink(w.Id, effluent.Id, false, 30m),
                new StreamLink(w.Id, sludge.Id, false, 25m),
                new StreamLink(w.Id, drums.Id, false, 50m),
                new StreamLink(w.Id, gas.Id, true, 10m),
            ],
            new Dictionary<Guid, WorksheetSnapshot> { [w.Id] = sheet },
            EmissionFactorTable.Defaults,
            null);

        Assert.Equal(3_000m, r.WaterCubicMetres);           // 30 % of 10 000 m³
        Assert.Equal(6m, r.RawMaterialTonnes);              // 2 % of 300 t
        Assert.Equal(2_850m, r.WastewaterCubicMetres);      // 30 % of 9 500 m³ (9 595 000 kg ÷ 1 010 kg/m³)
        Assert.Equal(30m, r.SolidWasteTonnes);              // 25 % of 120 t
        Assert.Equal(1m, r.HazardousWasteTonnes);           // 50 % of 2 t
        Assert.Equal(50m, r.EnergyMegawattHours);           // 10 % of 500 MWh
        // 50 MWh = 180 000 MJ = 0.18 TJ × 56.1 t CO₂/TJ (IPCC 2006, natural gas) = 10.098 t
        Assert.Equal(10.098m, Math.Round(r.TonnesCo2!.Value, 6));
        Assert.Equal(new SubstanceReduction("Nonylphenol", 12m), Assert.Single(r.Substances)); // 30 % of 40 kg
        Assert.Equal(6, lines.Count);
        Assert.All(lines, l => Assert.False(l.IsMissing));
    }

    [Fact]
    public void A_link_to_a_stream_removed_since_is_shown_as_missing_and_counts_nothing()
    {
        var w = TestSheets.New();
        var dye = w.AddStep("Dyeing");
        var sludge = w.Out(dye, "Sludge", TestSheets.T(120m), OutputClass.SolidWaste);
        var sheet = w.Snapshot();

        var (r, lines) = EnvironmentalEvaluation.Compute(
            [new StreamLink(w.Id, Guid.NewGuid(), false, 50m), new StreamLink(Guid.NewGuid(), sludge.Id, false, 50m)],
            new Dictionary<Guid, WorksheetSnapshot> { [w.Id] = sheet },
            EmissionFactorTable.Defaults,
            null);

        Assert.All(lines, l => Assert.True(l.IsMissing));
        Assert.Null(r.SolidWasteTonnes);
    }

    [Fact]
    public void Entered_figures_override_computed_ones_figure_by_figure()
    {
        var computed = Reductions.Create(3_000m, 50m, 10m, 30m, null, null, null, [new SubstanceReduction("Nonylphenol", 12m)]);
        var entered = Reductions.Create(2_500m, null, null, null, 0.5m, null, null, [new SubstanceReduction("nonylphenol", 10m)]);

        var effective = entered.Over(computed);

        Assert.Equal(2_500m, effective.WaterCubicMetres);
        Assert.Equal(50m, effective.EnergyMegawattHours);
        Assert.Equal(0.5m, effective.HazardousWasteTonnes);
        Assert.Equal(30.5m, effective.WasteTonnes);
        Assert.Equal(10m, Assert.Single(effective.Substances).KilogramsPerYear);
    }
}
