using System.Globalization;
using CpTraining.Domain.Balances;

namespace CpTraining.Domain.Tests.Balances;

public class NumberParserTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("uk-UA");

    [Theory]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("1234.5", "1234.5")]
    [InlineData("1,234", "1234")]
    [InlineData("1,234,567", "1234567")]
    [InlineData("2,5", "2.5")]
    [InlineData("0.001", "0.001")]
    [InlineData("1 234.5", "1234.5")]
    [InlineData("1.234,5", "1234.5")]
    [InlineData(".5", "0.5")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("  42  ", "42")]
    public void English_reads_points_commas_and_grouping(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), NumberParser.Parse(text, En, "Quantity"));
    }

    [Theory]
    [InlineData("1 234,5", "1234.5")]
    [InlineData("1\u00A0234,5", "1234.5")]
    [InlineData("1\u202F234\u202F567,25", "1234567.25")]
    [InlineData("1234,5", "1234.5")]
    [InlineData("1.5", "1.5")]
    [InlineData("1.234", "1.234")]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("1.234,5", "1234.5")]
    [InlineData("−7,25", "-7.25")]
    public void Ukrainian_reads_the_decimal_comma_and_the_point_too(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), NumberParser.Parse(text, Uk, "Quantity"));
    }

    [Theory]
    [InlineData("abc", "en-GB")]
    [InlineData("12 kg", "en-GB")]
    [InlineData("1,2,3", "en-GB")]
    [InlineData("1,234,5", "en-GB")]
    [InlineData("1.2.3", "en-GB")]
    [InlineData("12 34", "en-GB")]
    [InlineData("1..2", "en-GB")]
    [InlineData("5e3", "en-GB")]
    [InlineData("5.", "en-GB")]
    [InlineData("1,234,567", "uk-UA")]
    [InlineData("1 234.567,8", "uk-UA")]
    [InlineData("--5", "uk-UA")]
    public void Garbage_and_ambiguous_numbers_are_refused_naming_the_field(string text, string culture)
    {
        var ex = Assert.Throws<DomainException>(() => NumberParser.Parse(text, CultureInfo.GetCultureInfo(culture), "Density"));

        Assert.Equal("Density", ex.Field);
        Assert.Equal("\"{0}\" is not a number; write it like {1}.", ex.MessageTemplate);
    }

    [Fact]
    public void The_refusal_shows_an_example_in_the_users_culture()
    {
        var ex = Assert.Throws<DomainException>(() => NumberParser.Parse("x", Uk, "Quantity"));

        Assert.Equal("1" + Uk.NumberFormat.NumberGroupSeparator + "234,5", ex.Arguments[1]);
    }

    [Fact]
    public void Blank_is_required_or_null()
    {
        Assert.Equal("This field is required.", Assert.Throws<DomainException>(() => NumberParser.Parse(" ", En, "Quantity")).MessageTemplate);
        Assert.Null(NumberParser.ParseOptional("", En, "Quantity"));
    }
}
