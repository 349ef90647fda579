using CpTraining.Domain.Balances;

namespace CpTraining.Domain.Tests.Balances;

/// <summary>Exact factors from their definitions: 1 kWh = 3.6 MJ, 1 MWh = 3.6 GJ, 1 Gcal = 4.1868 GJ, 1 toe = 41.868 GJ.</summary>
public class UnitConversionTests
{
    [Theory]
    [InlineData(Unit.Gigacalorie, Unit.Gigajoule, "4.1868")]
    [InlineData(Unit.TonneOfOilEquivalent, Unit.Gigajoule, "41.868")]
    [InlineData(Unit.MegawattHour, Unit.Gigajoule, "3.6")]
    [InlineData(Unit.KilowattHour, Unit.Megajoule, "3.6")]
    [InlineData(Unit.MegawattHour, Unit.KilowattHour, "1000")]
    [InlineData(Unit.Terajoule, Unit.Gigajoule, "1000")]
    [InlineData(Unit.Gigacalorie, Unit.MegawattHour, "1.163")] // 4 186.8 MJ ÷ 3 600 MJ
    [InlineData(Unit.TonneOfOilEquivalent, Unit.MegawattHour, "11.63")] // 41 868 MJ ÷ 3 600 MJ
    [InlineData(Unit.Tonne, Unit.Kilogram, "1000")]
    [InlineData(Unit.Litre, Unit.CubicMetre, "0.001")]
    public void One_unit_converts_exactly(Unit from, Unit to, string expected)
    {
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Units.Convert(1m, from, to));
    }

    [Fact]
    public void Units_of_different_kinds_do_not_convert_without_density_or_calorific_value()
    {
        var ex = Assert.Throws<DomainException>(() => Units.Convert(1m, Unit.Tonne, Unit.MegawattHour));

        Assert.Equal("Unit", ex.Field);
    }

    [Fact]
    public void A_volume_becomes_mass_with_its_density()
    {
        Assert.Equal(2_000m, Quantity.Of(2m, Unit.CubicMetre, density: 1_000m).ToKilograms());
        Assert.Equal(425m, Quantity.Of(500m, Unit.Litre, density: 850m).ToKilograms()); // 0.5 m³ × 850 kg/m³
    }

    [Fact]
    public void Fuels_entered_by_volume_or_mass_become_energy_with_their_calorific_value()
    {
        // 1 000 m³ of natural gas at 34 MJ/m³.
        Assert.Equal(34_000m, Quantity.Of(1_000m, Unit.CubicMetre, calorificValue: 34m, calorificBasis: CalorificBasis.PerCubicMetre).ToMegajoules());

        // 2 t of coal at 25 MJ/kg.
        Assert.Equal(50_000m, Quantity.Of(2m, Unit.Tonne, calorificValue: 25m, calorificBasis: CalorificBasis.PerKilogram).ToMegajoules());

        // 1 m³ of fuel oil, 950 kg/m³, 40 MJ/kg: 950 kg × 40 MJ/kg.
        Assert.Equal(38_000m, Quantity.Of(1m, Unit.CubicMetre, 950m, 40m, CalorificBasis.PerKilogram).ToMegajoules());

        // 1 t of gas at 34 MJ/m³ and 0.8 kg/m³: 1 250 m³ × 34 MJ/m³.
        Assert.Equal(42_500m, Quantity.Of(1m, Unit.Tonne, 0.8m, 34m, CalorificBasis.PerCubicMetre).ToMegajoules());

        // Energy units need nothing: 2 Gcal = 8 373.6 MJ.
        Assert.Equal(8_373.6m, Quantity.Of(2m, Unit.Gigacalorie).ToMegajoules());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1000")]
    public void A_zero_or_negative_density_is_refused(string density)
    {
        var ex = Assert.Throws<DomainException>(() => Quantity.Of(1m, Unit.CubicMetre, density: decimal.Parse(density, System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(("Density", "The density must be greater than zero (kg/m³)."), (ex.Field, ex.MessageTemplate));
    }

    [Fact]
    public void A_volume_without_density_cannot_become_mass()
    {
        var ex = Assert.Throws<DomainException>(() => Quantity.Of(3m, Unit.CubicMetre).ToKilograms());

        Assert.Equal("Density", ex.Field);
    }

    [Fact]
    public void A_fuel_without_calorific_value_cannot_become_energy()
    {
        var ex = Assert.Throws<DomainException>(() => Quantity.Of(3m, Unit.Tonne).ToMegajoules());

        Assert.Equal("CalorificValue", ex.Field);
    }

    [Theory]
    [InlineData("gallon")]
    [InlineData("bbl")]
    [InlineData("kgs")]
    public void An_unknown_unit_is_refused_naming_the_unit_field(string symbol)
    {
        var ex = Assert.Throws<DomainException>(() => Quantity.Parse("5", symbol, System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal("Unit", ex.Field);
        Assert.Contains(symbol, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("m3", Unit.CubicMetre)]
    [InlineData("м³", Unit.CubicMetre)]
    [InlineData("T", Unit.Tonne)]
    [InlineData("Гкал", Unit.Gigacalorie)]
    [InlineData("кВт·год", Unit.KilowattHour)]
    [InlineData("toe", Unit.TonneOfOilEquivalent)]
    [InlineData("Litre", Unit.Litre)]
    public void Units_are_read_from_english_and_ukrainian_symbols(string symbol, Unit expected)
    {
        Assert.Equal(expected, Units.Parse(symbol));
    }

    [Fact]
    public void The_entry_is_kept_exactly_as_typed_beside_its_value()
    {
        var q = Quantity.Parse(" 1 234,5 ", "т", System.Globalization.CultureInfo.GetCultureInfo("uk-UA"));

        Assert.Equal(("1 234,5", 1_234.5m, Unit.Tonne), (q.Text, q.Value, q.Unit));
        Assert.Equal(1_234_500m, q.ToKilograms());
    }
}
