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
/// <item>A single mark is the decimal separator, except when it is the culture's group separator and is followed by
/// exactly three digits: then the culture's reading wins ("1,234" is 1234 in English, but "2,5" is 2.5; in Ukrainian
/// "1.234" is 1.234 because Ukrainian groups with spaces).</item>
/// <item>Groups after the first have exactly three digits; anything else (letters, "1,2,3", "1 23") is refused.</item>
/// </list>
/// A leading "+", "-" or "−" is kept (the caller decides whether negatives make sense); exponents are not accepted.
/// </summary>
public static class NumberParser
{
    public static decimal Parse(string? text, CultureInfo culture, string field)
    {
        ArgumentNullException.ThrowIfNull(culture);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new DomainException(field, "This field is required.");
        }

        // The example is formatted first: the message template must be the last string literal of the call.
        var example = 1234.5m.ToString("#,##0.0", culture);
        return TryParse(text, culture, out var value)
            ? value
            : throw new DomainException(field, "\"{0}\" is not a number; write it like {1}.", text.Trim(), example);
    }

    /// <summary>Like <see cref="Parse"/> but blank text gives null.</summary>
    public static decimal? ParseOptional(string? text, CultureInfo culture, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : Parse(text, culture, field);

    public static bool TryParse(string? text, CultureInfo culture, out decimal value)
    {
        ArgumentNullException.ThrowIfNull(culture);
        value = 0;
        var s = text?.Trim();
        if (string.IsNullOrEmpty(s))
        {
            return false;
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
                return false;
            }
        }

        var body = chars.ToString();
        char? decimalMark = null;
        char? groupMark = spaces > 0 ? ' ' : null;
        if (dots > 0 && commas > 0)
        {
            decimalMark = body.LastIndexOf('.') > body.LastIndexOf(',') ? '.' : ',';
            var other = decimalMark == '.' ? ',' : '.';
            if ((decimalMark == '.' ? dots : commas) != 1 || groupMark is not null)
            {
                return false;
            }

            groupMark = other;
        }
        else if (dots + commas > 0)
        {
            var mark = dots > 0 ? '.' : ',';
            var count = dots + commas;
            var cultureDecimal = culture.NumberFormat.NumberDecimalSeparator;
            var cultureGroup = culture.NumberFormat.NumberGroupSeparator;
            if (count > 1)
            {
                if (cultureDecimal == mark.ToString() || groupMark is not null)
                {
                    return false;
                }

                groupMark = mark;
            }
            else
            {
                var after = body.Length - body.IndexOf(mark, StringComparison.Ordinal) - 1;
                var groupsInCulture = cultureGroup == mark.ToString() && cultureDecimal != mark.ToString();
                if (groupsInCulture && after == 3 && groupMark is null && body[0] != mark)
                {
                    groupMark = mark;
                }
                else
                {
                    decimalMark = mark;
                }
            }
        }

        var integer = decimalMark is { } d ? body[..body.IndexOf(d, StringComparison.Ordinal)] : body;
        var fraction = decimalMark is { } d2 ? body[(body.IndexOf(d2, StringComparison.Ordinal) + 1)..] : string.Empty;
        if (decimalMark is not null && fraction.Length == 0)
        {
            return false;
        }

        if (fraction.Any(c => c is < '0' or > '9'))
        {
            return false;
        }

        if (groupMark is { } g)
        {
            var groups = integer.Split(g);
            if (groups[0].Length is < 1 or > 3 || groups.Skip(1).Any(x => x.Length != 3))
            {
                return false;
            }

            integer = string.Concat(groups);
        }

        if (integer.Any(c => c is < '0' or > '9') || integer.Length + fraction.Length == 0)
        {
            return false;
        }

        var invariant = (integer.Length == 0 ? "0" : integer) + (fraction.Length > 0 ? "." + fraction : string.Empty);
        if (!decimal.TryParse(invariant, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        value = negative ? -value : value;
        return true;
    }
}
