using System.Globalization;
using CpTraining.Domain.Balances;

namespace CpTraining.Domain.Tests.Balances;

/// <summary>
/// Numbers as engineers type them in English and Ukrainian. What reads one way is taken; what reads two ways
/// ("80.000": 80 in English, 80 000 in Ukrainian; "0,125" in English: 0.125 or 125) is refused with both readings,
/// never taken silently as one (but "0.001" in English reads one way: thousands never follow a leading 0); scientific notation is read; a number beyond a decimal's range is "too large".
/// </summary>
public class NumberParserTests
{
    private static readonly CultureInfo En = CultureInfo.GetCultureInfo("en-GB");
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("uk-UA");

    [Theory]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("1234.5", "1234.5")]
    [InlineData("1,234,567", "1234567")]
    [InlineData("2,5", "2.5")]
    [InlineData("0.001", "0.001")]
    [InlineData("0.1250", "0.125")]
    [InlineData("1 234.5", "1234.5")]
    [InlineData("1 234", "1234")]
    [InlineData("1.234,5", "1234.5")]
    [InlineData("1234,567", "1234.567")]
    [InlineData(".5", "0.5")]
    [InlineData(".125", "0.125")]
    [InlineData("-3.5", "-3.5")]
    [InlineData("  42  ", "42")]
    [InlineData("1e5", "100000")]
    [InlineData("2.5E-3", "0.0025")]
    [InlineData("-4e+2", "-400")]
    [InlineData("7.9e28", "79000000000000000000000000000")]
    public void English_reads_what_reads_one_way(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), NumberParser.Parse(text, En, "Quantity"));
    }

    [Theory]
    [InlineData("1 234,5", "1234.5")]
    [InlineData("1\u00A0234,5", "1234.5")]
    [InlineData("1\u202F234\u202F567,25", "1234567.25")]
    [InlineData("1234,5", "1234.5")]
    [InlineData("1.5", "1.5")]
    [InlineData("1,25", "1.25")]
    [InlineData("1,2340", "1.234")]
    [InlineData("1,234.5", "1234.5")]
    [InlineData("1.234,5", "1234.5")]
    [InlineData("−7,25", "-7.25")]
    [InlineData("0,125", "0.125")]
    [InlineData("2,5e3", "2500")]
    public void Ukrainian_reads_the_decimal_comma_and_the_point_too(string text, string expected)
    {
        Assert.Equal(decimal.Parse(expected, CultureInfo.InvariantCulture), NumberParser.Parse(text, Uk, "Quantity"));
    }

    [Theory]
    [InlineData("en-GB", "0,125", "0.125", "125", "0.125", "125")]
    [InlineData("en-GB", "80.000", "80", "80\u00A0000", "80", "80000")]
    [InlineData("en-GB", "1,234", "1.234", "1\u00A0234", "1.2340", "1234")]
    [InlineData("en-GB", "-12.500", "-12.5", "-12\u00A0500", "-12.5", "-12500")]
    [InlineData("uk-UA", "1.500", "1,5", "1\u00A0500", "1,5", "1500")]
    [InlineData("uk-UA", "1,500", "1,5", "1\u00A0500", "1,5", "1500")]
    [InlineData("uk-UA", "0.125", "0,125", "125", "0,125", "125")]
    public void What_reads_two_ways_is_refused_with_both_readings_and_how_to_write_each(string culture, string text, string asDecimal, string asThousands, string writeDecimal, string writeThousands)
    {
        var ex = Assert.Throws<DomainException>(() => NumberParser.Parse(text, CultureInfo.GetCultureInfo(culture), "Quantity"));

        Assert.Equal("Quantity", ex.Field);
        Assert.Equal("\"{0}\" can be read as {1} or as {2}; write {3} or {4} so that it reads one way.", ex.MessageTemplate);
        Assert.Equal([text, asDecimal, asThousands, writeDecimal, writeThousands], ex.Arguments);
    }

    [Theory]
    [InlineData("0,1250")]
    [InlineData("80000")]
    [InlineData("1.2340")]
    public void The_suggested_spellings_read_one_way(string text)
    {
        Assert.Equal(NumberReadingKind.Number, NumberParser.Read(text, En).Kind);
        Assert.Equal(NumberReadingKind.Number, NumberParser.Read(text, Uk).Kind);
    }

    [Theory]
    [InlineData("1234567890123456789012345678901")]
    [InlineData("1 234 567 890 123 456 789 012 345 678 901")]
    [InlineData("8e28")]
    [InlineData("1e29")]
    [InlineData("1e400")]
    public void A_number_beyond_a_decimals_range_is_too_large(string text)
    {
        var ex = Assert.Throws<DomainException>(() => NumberParser.Parse(text, En, "Price"));

        Assert.Equal("Price", ex.Field);
        Assert.Equal("\"{0}\" is too large a number for this field.", ex.MessageTemplate);
    }

    [Theory]
    [InlineData("abc", "en-GB")]
    [InlineData("12 kg", "en-GB")]
    [InlineData("1,2,3", "en-GB")]
    [InlineData("1,234,5", "en-GB")]
    [InlineData("1.2.3", "en-GB")]
    [InlineData("12 34", "en-GB")]
    [InlineData("1..2", "en-GB")]
    [InlineData("5.", "en-GB")]
    [InlineData("e5", "en-GB")]
    [InlineData("5e", "en-GB")]
    [InlineData("5e1.5", "en-GB")]
    [InlineData("1,234,567", "uk-UA")]
    [InlineData("1 234.567,8", "uk-UA")]
    [InlineData("--5", "uk-UA")]
    public void Garbage_is_refused_naming_the_field(string text, string culture)
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
