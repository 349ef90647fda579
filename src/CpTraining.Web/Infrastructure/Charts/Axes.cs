using System.Globalization;
using System.Xml.Linq;
using static CpTraining.Web.Infrastructure.Charts.Svg;

namespace CpTraining.Web.Infrastructure.Charts;

/// <summary>Value axes shared by the bar charts: light gridlines at round numbers, labels in the reader's culture.</summary>
internal static class Axes
{
    public const double TickFontSize = 11;

    /// <summary>Gridlines across the plot with labels on the left; the zero line is darker because bars start there.</summary>
    public static XElement ValueGrid(IReadOnlyList<double> ticks, Func<double, double> y, double left, double right, Func<double, string> label)
    {
        var g = El("g", A("class", "axis axis-value"));
        foreach (var tick in ticks)
        {
            var ty = y(tick);
            g.Add(El("line", A("x1", left), A("y1", ty), A("x2", right), A("y2", ty), A("stroke", tick == 0 ? AxisColour : GridColour), A("stroke-width", tick == 0 ? 1 : 0.8)));
            g.Add(Text(left - 6, ty + 4, label(tick), A("text-anchor", "end"), A("font-size", TickFontSize), A("fill", MutedTextColour)));
        }

        return g;
    }

    /// <summary>An axis title turned to run up the axis, centred on it.</summary>
    public static XElement VerticalTitle(string title, double x, double centreY) =>
        Text(x, centreY, title, A("text-anchor", "middle"), A("transform", $"rotate(-90 {N(x)} {N(centreY)})"), A("fill", MutedTextColour));

    public static double WidestLabel(IEnumerable<string> labels, double fontSize) =>
        labels.Select(l => EstimateTextWidth(l, fontSize)).DefaultIfEmpty(0).Max();

    /// <summary>Long category names are cut with an ellipsis on the axis; the bar's tooltip and the table keep the full name.</summary>
    public static string Shorten(string text, int maxChars) =>
        text.Length <= maxChars ? text : string.Concat(text.AsSpan(0, maxChars - 1).TrimEnd(), "…");

    /// <summary>
    /// Splits a category name into lines no wider than <paramref name="maxWidth"/>, or returns null when it cannot
    /// (a word wider than the slot, as in CJK text without spaces, or more than <paramref name="maxLines"/> lines):
    /// the caller then turns the labels instead. Level, wrapped labels read better in a report than turned ones.
    /// </summary>
    public static List<string>? Wrap(string text, double maxWidth, double fontSize, int maxLines)
    {
        var lines = new List<string>();
        var current = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (EstimateTextWidth(word, fontSize) > maxWidth)
            {
                return null;
            }

            var candidate = current.Length == 0 ? word : current + " " + word;
            if (EstimateTextWidth(candidate, fontSize) <= maxWidth)
            {
                current = candidate;
            }
            else
            {
                lines.Add(current);
                current = word;
            }
        }

        if (current.Length > 0)
        {
            lines.Add(current);
        }

        return lines.Count <= maxLines ? lines : null;
    }

    /// <summary>"80 %" or "80%" as the culture writes percentages.</summary>
    public static string Percent(double percent, CultureInfo culture, int decimals = 0) =>
        (percent / 100).ToString("P" + decimals.ToString(CultureInfo.InvariantCulture), culture);
}
