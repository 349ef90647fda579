using System.Globalization;
using System.Text;

namespace CpTraining.Domain.Balances;

/// <summary>
/// Reads a number as an engineer types it, in their culture, accepting the decimal comma as well as the point.
/// The rules, in order:
/// <list type="number">
/// <item>Spaces (also no-break and thin spaces, which Ukrainian uses) only ever group thousands.</item>
/// <item>When both "." and "," occur, the last one is the decimal separator and the other groups thousands
/// ("1,234.5" and "1.234,5" are both 1234.5 in any culture).</item>
/// <item>A mark that occurs more than once groups thousands ("1,234,567"); if it is the culture's decimal
/// separator that is ambiguous and refused.</item>
/// <item>A single mark followed by exactly three digits, after one to three digits, reads two ways — "80.000" is 80
/// to a reader of English and 80 000 to a reader of Ukrainian, "0,125" in English 0.125 or 125 — and is refused with
/// both readings (<see cref="NumberReadingKind.Ambiguous"/>), never silently taken as one. Thousands never follow a
/// leading 0, so where the mark is the culture's decimal separator "0.001" (English) and "0,125" (Ukrainian) read one
/// way. Any other single mark is the decimal separator ("2,5", "1.25", "1234,567", ".125").</item>
/// <item>Groups after the first have exactly three digits; anything else (letters, "1,2,3", "1 23") is refused.</item>
/// <item>Scientific notation is read ("1e5", "2,5E-3"), the mantissa by the rules above.</item>
/// </list>
/// A leading "+", "-" or "−" is kept (the caller decides whether negatives make sense). A number beyond what a decimal
/// holds (about 7.9 × 10²⁸) is refused as too large, not as "not a number".
/// </summary>
public static class NumberParser
{
    private const int MaxExponent = 28;

    public static decimal Parse(string? text, CultureInfo culture, string field)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException(field, "This field is required.");
        }

        var typed = text.Trim();
        var reading = Read(typed, culture);
        switch (reading.Kind)
        {
            case NumberReadingKind.Number:
                return reading.Value;
            case NumberReadingKind.Ambiguous:
            {
                var (asDecimal, asThousands) = (reading.Value, reading.Other);
                var decimals = Unambiguous(asDecimal, culture);
                var thousands = asThousands.ToString("0", culture);
                throw new DomainException(field, "\"{0}\" can be read as {1} or as {2}; write {3} or {4} so that it reads one way.", typed, Shown(asDecimal, culture), Shown(asThousands, culture), decimals, thousands);
            }

            case NumberReadingKind.TooLarge:
                throw new DomainException(field, "\"{0}\" is too large a number for this field.", typed);
            default:
            {
                // The example is formatted first: the message template must be the last string literal of the call.
                var example = 1234.5m.ToString("#,##0.0", culture);
                throw new DomainException(field, "\"{0}\" is not a number; write it like {1}.", typed, example);
            }
        }
    }

    /// <summary>Like <see cref="Parse"/> but blank text gives null.</summary>
    public static decimal? ParseOptional(string? text, CultureInfo culture, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : Parse(text, culture, field);

    /// <summary>True for a number that reads one way only (an ambiguous or too large entry is not a number here).</summary>
    public static bool TryParse(string? text, CultureInfo culture, out decimal value)
    {
        var reading = Read(text, culture);
        value = reading.Kind == NumberReadingKind.Number ? reading.Value : 0;
        return reading.Kind == NumberReadingKind.Number;
    }

    /// <summary>What the text says: a number, two numbers, a number too large, or no number.</summary>
    public static NumberReading Read(string? text, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            return NumberReading.None;
        }

        var e = s.IndexOfAny(['e', 'E']);
        if (e < 0)
        {
            return ReadPlain(s, culture);
        }

        var mantissa = ReadPlain(s[..e], culture);
        var power = s[(e + 1)..];
        if (mantissa.Kind is NumberReadingKind.None or NumberReadingKind.TooLarge
            || !int.TryParse(power, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent))
        {
            return mantissa.Kind == NumberReadingKind.TooLarge ? mantissa : NumberReading.None;
        }

        if (Math.Abs(exponent) > MaxExponent)
        {
            return exponent > 0 && mantissa.Value != 0 ? NumberReading.TooLarge : NumberReading.None;
        }

        var scaled = Scale(mantissa.Value, exponent);
        if (scaled is null)
        {
            return NumberReading.TooLarge;
        }

        return mantissa.Kind == NumberReadingKind.Ambiguous && Scale(mantissa.Other, exponent) is { } other
            ? NumberReading.Either(scaled.Value, other)
            : NumberReading.Of(scaled.Value);
    }

    private static decimal? Scale(decimal value, int exponent)
    {
        try
        {
            var factor = 1m;
            for (var i = 0; i < Math.Abs(exponent); i++)
            {
                factor *= 10m;
            }

            return exponent >= 0 ? value * factor : value / factor;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>A reading as the reader writes it (groups with a no-break space, so it reads one way).</summary>
    private static string Shown(decimal value, CultureInfo culture)
    {
        var format = (NumberFormatInfo)culture.NumberFormat.Clone();
        format.NumberGroupSeparator = "\u00A0";
        return value.ToString("#,##0.##########", format);
    }

    /// <summary>
    /// A number written for a form field so that it reads back as itself: no grouping, the culture's decimal mark, and a
    /// fourth decimal where three would read two ways ("95.8080", but "0.125" in English and "1234.567").
    /// </summary>
    public static string Write(decimal value, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var text = value.ToString("0.############", culture);
        return Read(text, culture).Kind == NumberReadingKind.Ambiguous ? text + "0" : text;
    }

    /// <summary>The decimal reading written so that it cannot be taken for thousands: "80", "1.5", "0.1250".</summary>
    private static string Unambiguous(decimal value, CultureInfo culture) => Write(value, culture);

    private static NumberReading ReadPlain(string s, CultureInfo culture)
    {
        if (s.Length == 0)
        {
            return NumberReading.None;
        }

        var negative = false;
        if (s[0] is '-' or '−' or '+')
        {
            negative = s[0] != '+';
            s = s[1..];
        }

        var chars = new StringBuilder(s.Length);
        int dots = 0, commas = 0, spaces = 0;
        foreach (var c in s)
        {
            if (c is >= '0' and <= '9')
            {
                chars.Append(c);
            }
            else if (c == '.')
            {
                dots++;
                chars.Append(c);
            }
            else if (c == ',')
            {
                commas++;
                chars.Append(c);
            }
            else if (c is ' ' or '\u00A0' or '\u202F' or '\u2009')
            {
                spaces++;
                chars.Append(' ');
            }
            else
            {
                return NumberReading.None;
            }
        }

        var body = chars.ToString();
        char? decimalMark = null;
        char? groupMark = spaces > 0 ? ' ' : null;
        char? eitherMark = null;
        if (dots > 0 && commas > 0)
        {
            decimalMark = body.LastIndexOf('.') > body.LastIndexOf(',') ? '.' : ',';
            var other = decimalMark == '.' ? ',' : '.';
            if ((decimalMark == '.' ? dots : commas) != 1 || groupMark is not null)
            {
                return NumberReading.None;
            }

            groupMark = other;
        }
        else if (dots + commas > 0)
        {
            var mark = dots > 0 ? '.' : ',';
            if (dots + commas > 1)
            {
                if (culture.NumberFormat.NumberDecimalSeparator == mark.ToString() || groupMark is not null)
                {
                    return NumberReading.None;
                }

                groupMark = mark;
            }
            else
            {
                var at = body.IndexOf(mark, StringComparison.Ordinal);
                decimalMark = mark;
                // Thousands are never written after a leading 0, so where the mark is the culture's own decimal
                // separator "0.001" (English) or "0,125" (Ukrainian) reads one way.
                var leadingZero = body[0] == '0' && culture.NumberFormat.NumberDecimalSeparator == mark.ToString();
                if (groupMark is null && body.Length - at - 1 == 3 && at is >= 1 and <= 3 && !leadingZero)
                {
                    eitherMark = mark;
                }
            }
        }

        var value = Compose(body, decimalMark, groupMark, negative);
        if (eitherMark is { } either && value.Kind == NumberReadingKind.Number)
        {
            var grouped = Compose(body, null, either, negative);
            return grouped.Kind == NumberReadingKind.Number ? NumberReading.Either(value.Value, grouped.Value) : value;
        }

        return value;
    }

    private static NumberReading Compose(string body, char? decimalMark, char? groupMark, bool negative)
    {
        var integer = decimalMark is { } d ? body[..body.IndexOf(d, StringComparison.Ordinal)] : body;
        var fraction = decimalMark is { } d2 ? body[(body.IndexOf(d2, StringComparison.Ordinal) + 1)..] : string.Empty;
        if (decimalMark is not null && fraction.Length == 0)
        {
            return NumberReading.None;
        }

        if (fraction.Any(c => c is < '0' or > '9'))
        {
            return NumberReading.None;
        }

        if (groupMark is { } g)
        {
            var groups = integer.Split(g);
            if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(x => x.Length != 3))
            {
                return NumberReading.None;
            }

            integer = string.Concat(groups);
        }

        if (integer.Any(c => c is < '0' or > '9') || integer.Length + fraction.Length == 0)
        {
            return NumberReading.None;
        }

        var invariant = (integer.Length == 0 ? "0" : integer) + (fraction.Length > 0 ? "." + fraction : string.Empty);
        if (!decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
        {
            // Only digits and one point are left, so what decimal refuses is a number beyond its range.
            return integer.TrimStart('0').Length > 28 ? NumberReading.TooLarge : NumberReading.None;
        }

        return NumberReading.Of(negative ? -value : value);
    }
}

public enum NumberReadingKind
{
    None,
    Number,
    Ambiguous,
    TooLarge,
}

/// <summary>
/// What a typed number says. For <see cref="NumberReadingKind.Ambiguous"/>, <see cref="Value"/> is the reading with
/// the mark as decimal separator and <see cref="Other"/> the reading with it grouping thousands.
/// </summary>
public readonly record struct NumberReading(NumberReadingKind Kind, decimal Value, decimal Other)
{
    public static NumberReading None => new(NumberReadingKind.None, 0, 0);

    public static NumberReading TooLarge => new(NumberReadingKind.TooLarge, 0, 0);

    public static NumberReading Of(decimal value) => new(NumberReadingKind.Number, value, 0);

    public static NumberReading Either(decimal asDecimal, decimal asThousands) => new(NumberReadingKind.Ambiguous, asDecimal, asThousands);
}
