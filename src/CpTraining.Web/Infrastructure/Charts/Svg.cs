using System.Globalization;
using System.Xml.Linq;

namespace CpTraining.Web.Infrastructure.Charts;

/// <summary>
/// The few building blocks every server-side chart shares. Charts are built as <see cref="XElement"/> trees rather
/// than concatenated strings so that every name a user typed ("&lt;script&gt;", "R&amp;D") is escaped by the XML
/// writer and cannot break out of the markup. Styling uses presentation attributes (<c>fill</c>, <c>stroke</c>,
/// <c>font-size</c>) only: the CSP's <c>style-src 'self'</c> forbids <c>style="…"</c> attributes and inline
/// <c>&lt;style&gt;</c> elements, and presentation attributes also survive printing to PDF unchanged.
/// </summary>
public static class Svg
{
    public static readonly XNamespace Ns = "http://www.w3.org/2000/svg";

    /// <summary>System fonts with Cyrillic and CJK coverage, so Ukrainian and Chinese labels render without web fonts.</summary>
    public const string FontFamily = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Noto Sans CJK SC', Arial, sans-serif";

    public const string TextColour = "#212529";
    public const string MutedTextColour = "#495057";
    public const string GridColour = "#dee2e6";
    public const string AxisColour = "#868e96";

    /// <summary>Warning colour for losses and waste (orange 9 of the Open Color palette: 4.6:1 on white).</summary>
    public const string LossColour = "#d9480f";

    /// <summary>Coordinates in attributes are always invariant ("12.5", never "12,5"), whatever the reader's culture.</summary>
    public static string N(double value) =>
        Math.Round(value, 2).ToString("0.##", CultureInfo.InvariantCulture);

    public static XElement El(string name, params object?[] content) => new(Ns + name, content);

    public static XAttribute A(string name, string value) => new(name, value);

    public static XAttribute A(string name, double value) => new(name, N(value));

    /// <summary>
    /// The root element with its accessible name and description. <c>role="img"</c> makes screen readers announce the
    /// chart as one picture named by its title and description; the page adds the data table next to it. Element ids
    /// get the caller's prefix because several charts may share one page. No width or height: the viewBox lets the
    /// chart fill its container (and the printed page) at any size.
    /// </summary>
    public static XElement Root(string idPrefix, string cssClass, double width, double height, string title, string description)
    {
        var titleId = idPrefix + "-title";
        var descId = idPrefix + "-desc";
        return El(
            "svg",
            A("id", idPrefix),
            A("class", "chart " + cssClass),
            A("viewBox", $"0 0 {N(width)} {N(height)}"),
            A("preserveAspectRatio", "xMidYMid meet"),
            A("role", "img"),
            A("aria-labelledby", titleId + " " + descId),
            A("font-family", FontFamily),
            A("font-size", 12),
            A("fill", TextColour),
            El("title", A("id", titleId), title),
            El("desc", A("id", descId), description));
    }

    /// <summary>Serialises without an XML declaration, so the markup can be embedded in a page as well as served alone.</summary>
    public static string Serialise(XElement root) => root.ToString(SaveOptions.DisableFormatting);

    public static XElement Text(double x, double y, string text, params object?[] attributes) =>
        El("text", A("x", x), A("y", y), attributes, text);

    /// <summary>
    /// Rough width in px of a label at a font size: layouts are computed on the server without a font engine, so
    /// margins are sized from an average glyph width (wide CJK glyphs count double) with some slack.
    /// </summary>
    public static double EstimateTextWidth(string text, double fontSize)
    {
        double ems = 0;
        foreach (var c in text)
        {
            ems += c switch
            {
                >= '\u2E80' => 1.0,
                ' ' or '.' or ',' or 'i' or 'l' or 'j' or 't' or 'f' or 'I' or '\'' or '\u00A0' or '\u202F' => 0.3,
                >= 'A' and <= 'Z' or 'm' or 'w' or 'M' or 'W' => 0.68,
                _ => 0.56,
            };
        }

        return ems * fontSize;
    }

    /// <summary>
    /// A number as a reader expects it: grouped, with up to three significant decimals for small values, in the
    /// reader's culture (Ukrainian "1 234,5").
    /// </summary>
    public static string FormatNumber(double value, CultureInfo culture, string? format = null)
    {
        if (format is not null)
        {
            return value.ToString(format, culture);
        }

        var abs = Math.Abs(value);
        var automatic = abs switch
        {
            0 => "N0",
            >= 100 => "N0",
            >= 10 => "N1",
            >= 1 => "N2",
            _ => "#,##0.###",
        };
        return value.ToString(automatic, culture);
    }

    /// <summary>A value with its unit, joined by a no-break space so "t/yr" never wraps away from its number.</summary>
    public static string WithUnit(string number, string? unit) =>
        string.IsNullOrWhiteSpace(unit) ? number : number + "\u00A0" + unit;

    /// <summary>
    /// Axis ticks at 1, 2 or 5 × 10ⁿ covering [min, max] with about <paramref name="count"/> steps, so gridlines fall on
    /// round numbers. The range always includes zero: bars and flows are read from zero.
    /// </summary>
    public static IReadOnlyList<double> NiceTicks(double min, double max, int count = 5)
    {
        min = Math.Min(0, min);
        max = Math.Max(0, max);
        if (max - min <= 0)
        {
            max = 1;
        }

        var rough = (max - min) / count;
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var residual = rough / magnitude;
        var step = residual switch
        {
            <= 1 => 1,
            <= 2 => 2,
            <= 2.5 => 2.5,
            <= 5 => 5,
            _ => 10,
        } * magnitude;

        var start = Math.Floor((min / step) + 1e-9) * step;
        var end = Math.Ceiling((max / step) - 1e-9) * step;
        var ticks = new List<double>();
        for (var i = 0; start + (i * step) <= end + (step / 2); i++)
        {
            // Rounding to the step's precision removes 0.30000000000000004 from the labels.
            ticks.Add(Math.Round(start + (i * step), 10));
        }

        return ticks;
    }
}
