using CpTraining.Domain.Balances;
using static CpTraining.Domain.Tests.Balances.TestSheets;

namespace CpTraining.Domain.Tests.Balances;

/// <summary>
/// Energy in MWh, cost and CO₂ with the IPCC 2006 default factors (t CO₂/TJ: natural gas 56.1, residual fuel oil
/// 77.4, other bituminous coal 94.6; net calorific values 40.4 TJ/Gg fuel oil, 25.8 TJ/Gg coal) and Ukraine's
/// national factors (0.316 t/MWh electricity, 0.381 t/Gcal heat).
/// </summary>
public class EnergyTests
{
    private static EnergyBalance Evaluate(EnergyCarrier carrier, Quantity q, UnitPrice? price = null, string? country = "UA", EmissionFactorTable? table = null)
    {
        var w = New();
        var step = w.AddStep("Boiler house");
        w.AddEnergyStream(new EnergyStreamSpec(null, step.Id, carrier, q, Price: price));
        return BalanceEvaluation.Energy(w.Snapshot(), table ?? EmissionFactorTable.Defaults, country);
    }

    [Fact]
    public void A_thousand_MWh_of_natural_gas_emit_201_96_t_of_CO2()
    {
        // 1 000 MWh = 3.6 TJ; 3.6 × 56.1 = 201.96 t.
        var e = Evaluate(EnergyCarrier.NaturalGas, Quantity.Of(1_000m, Unit.MegawattHour));

        Assert.Equal((1_000m, 201.96m), (e.TotalMegawattHours, e.TotalTonnesCo2));
        Assert.Equal(56.1m, e.Lines.Single().Factor!.TonnesCo2);
    }

    [Fact]
    public void Gas_by_volume_is_costed_per_cubic_metre_and_converted_with_its_calorific_value()
    {
        // 100 000 m³ × 34 MJ/m³ = 3 400 000 MJ = 944.44 MWh = 3.4 TJ → 3.4 × 56.1 = 190.74 t; cost 100 000 × 15 = 1 500 000.
        var e = Evaluate(EnergyCarrier.NaturalGas, Quantity.Of(100_000m, Unit.CubicMetre, calorificValue: 34m, calorificBasis: CalorificBasis.PerCubicMetre), new UnitPrice(15m, Unit.CubicMetre));

        Assert.Equal(944.44m, Math.Round(e.TotalMegawattHours, 2));
        Assert.Equal((190.74m, 1_500_000m), (e.TotalTonnesCo2, e.TotalCost));
    }

    [Fact]
    public void Fuel_oil_and_coal_by_mass()
    {
        // 10 t × 40.4 MJ/kg = 404 000 MJ = 0.404 TJ × 77.4 = 31.2696 t; 100 t × 25.8 MJ/kg = 2.58 TJ × 94.6 = 244.068 t.
        var oil = Evaluate(EnergyCarrier.FuelOil, Quantity.Of(10m, Unit.Tonne, calorificValue: 40.4m, calorificBasis: CalorificBasis.PerKilogram));
        var coal = Evaluate(EnergyCarrier.Coal, Quantity.Of(100m, Unit.Tonne, calorificValue: 25.8m, calorificBasis: CalorificBasis.PerKilogram));

        Assert.Equal(31.2696m, oil.TotalTonnesCo2);
        Assert.Equal(244.068m, coal.TotalTonnesCo2);
    }

    [Fact]
    public void Ukrainian_electricity_and_heat_use_the_national_factors()
    {
        // 1 000 MWh × 0.316 = 316 t at 5 UAH/kWh = 5 000 000 UAH; 100 Gcal × 0.381 = 38.1 t.
        var power = Evaluate(EnergyCarrier.Electricity, Quantity.Of(1_000m, Unit.MegawattHour), new UnitPrice(5m, Unit.KilowattHour));
        var heat = Evaluate(EnergyCarrier.SteamHeat, Quantity.Of(100m, Unit.Gigacalorie));

        Assert.Equal((316m, 5_000_000m), (power.TotalTonnesCo2, power.TotalCost));
        Assert.Equal((38.1m, 116.3m), (heat.TotalTonnesCo2, heat.TotalMegawattHours)); // 100 Gcal = 116.3 MWh
        Assert.Contains("Resolution No. 156", power.Lines.Single().Factor!.Source, StringComparison.Ordinal);
        Assert.True(power.Lines.Single().Factor!.IsEditable);
    }

    [Fact]
    public void A_carrier_without_a_factor_for_the_country_has_no_CO2_rather_than_zero()
    {
        var e = Evaluate(EnergyCarrier.Electricity, Quantity.Of(1_000m, Unit.MegawattHour), country: "HR");

        Assert.Null(e.Lines.Single().TonnesCo2);
        Assert.Equal([EnergyCarrier.Electricity], e.CarriersWithoutFactor);
    }

    [Fact]
    public void A_countrys_own_factor_wins_over_the_IPCC_default()
    {
        var table = EmissionFactorTable.Defaults.With(new EmissionFactor("ua", EnergyCarrier.NaturalGas, 55m, Unit.Terajoule, "Own measurement"));

        var e = Evaluate(EnergyCarrier.NaturalGas, Quantity.Of(1_000m, Unit.MegawattHour), table: table);

        Assert.Equal(198m, e.TotalTonnesCo2); // 3.6 TJ × 55
        Assert.Equal(0.20196m, table.Find("HR", EnergyCarrier.NaturalGas)!.TonnesPerMegawattHour); // 56.1 × 0.0036
    }

    [Fact]
    public void Steps_total_their_carriers_per_year()
    {
        // Per month: 10 MWh electricity at 4 000 UAH/MWh and 1 GJ of gas → per year 120 MWh (37.92 t, 480 000 UAH) + 12 GJ = 3.3333 MWh (0.6732 t).
        var w = New();
        w.ChangePeriod(ReportingPeriod.Month, null, null);
        var step = w.AddStep("Dyeing");
        w.AddStep("Idle");
        w.AddEnergyStream(new EnergyStreamSpec("Meter 1", step.Id, EnergyCarrier.Electricity, Quantity.Of(10m, Unit.MegawattHour), Price: new UnitPrice(4_000m, Unit.MegawattHour)));
        w.AddEnergyStream(new EnergyStreamSpec("Gas", step.Id, EnergyCarrier.NaturalGas, Quantity.Of(1m, Unit.Gigajoule)));

        var total = BalanceEvaluation.Energy(w.Snapshot(), EmissionFactorTable.Defaults, "UA").Steps.Single();

        Assert.Equal((123.3333m, 480_000m, 38.5932m), (Math.Round(total.MegawattHours, 4), total.Cost, total.TonnesCo2));
    }
}
