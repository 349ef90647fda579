using System.Globalization;
using static CpTraining.Web.Infrastructure.Charts.Svg;

namespace CpTraining.Web.Infrastructure.Charts;

/// <summary>One row of a grouped bar chart (e.g. a company) with a value per series; null where not known.</summary>
public sealed record BarGroup(string Label, IReadOnlyList<double?> Values);

/// <summary>
/// Horizontal bars compared across rows (e.g. companies of a programme), one bar per series within each row (annual
/// savings beside investment), read from zero; negative values (a CO₂ increase) run left of the zero line. Rows keep
/// the caller's order; a missing value draws no bar and reads "—". A legend names the series. Server-rendered SVG with
/// a title and description like the other charts; the page shows the same figures as a table (<see cref="Groups"/>).
/// </summary>
public sealed class GroupedBarChart
{
    private const double Width = 760;
    private const double BarHeight = 14;
    private const double GroupGap = 10;
    private const double Padding = 16;
    private const double LabelWidth = 220;
    private const double LegendHeight = 22;
    private static readonly string[] Colours = ["#1971c2", "#2e7d32", "#e8590c", "#6741d9"];

    public GroupedBarChart(string title, string description, IReadOnlyList<string> series, IEnumerable<BarGroup> groups)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(groups);
        if (series.Count is 0 || series.Count > Colours.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(series), series.Count, $"A grouped bar chart draws 1 to {Colours.Length} series.");
        }

        var list = groups.ToList();
        foreach (var group in list)
        {
            if (group.Values.Count != series.Count)
            {
                throw new ArgumentException($"'{group.Label}' needs {series.Count} values.", nameof(groups));
            }

            if (group.Values.Any(v => v is { } x && !double.IsFinite(x)))
            {
                throw new ArgumentOutOfRangeException(nameof(groups), $"'{group.Label}' has a value that is not finite.");
            }
        }

        Title = title;
        Description = description;
        Series = series;
        Groups = list;
    }

    public string Title { get; }

    public string Description { get; }

    public IReadOnlyList<string> Series { get; }

    /// <summary>Rows as drawn, in the caller's order.</summary>
    public IReadOnlyList<BarGroup> Groups { get; }

    public string IdPrefix { get; init; } = "bars";

    /// <summary>Unit after the values, e.g. "EUR" or "t/yr"; already localised.</summary>
    public string? Unit { get; init; }

    /// <summary>A value as the chart and its table write it.</summary>
    public string Format(double? value, CultureInfo culture) => value is { } v ? WithUnit(FormatNumber(v, culture), Unit) : "—";

    public string ToSvg(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var values = Groups.SelectMany(g => g.Values).OfType<double>().ToList();
        var ticks = NiceTicks(values.DefaultIfEmpty(0).Min(), values.DefaultIfEmpty(0).Max(), 6);
        var top = Padding + LegendHeight + 8;
        var left = Padding + LabelWidth;
        var right = Width - Padding - 90; // room for the value after the longest bar
        var groupHeight = (Series.Count * BarHeight) + GroupGap;
        var bottom = top + (Math.Max(1, Groups.Count) * groupHeight);
        double X(double v) => left + ((v - ticks[0]) / (ticks[^1] - ticks[0]) * (right - left));
        var height = bottom + 24 + Padding;

        var root = Root(IdPrefix, "chart-grouped-bars", Width, height, Title, Description);
        var legend = El("g", A("class", "legend"));
        var lx = left;
        for (var s = 0; s < Series.Count; s++)
        {
            legend.Add(El("rect", A("x", lx), A("y", Padding + 4), A("width", 12), A("height", 12), A("fill", Colours[s])));
            legend.Add(Text(lx + 16, Padding + 14, Series[s], A("font-size", Axes.TickFontSize)));
            lx += 16 + EstimateTextWidth(Series[s], Axes.TickFontSize) + 24;
        }

        root.Add(legend);
        var grid = El("g", A("class", "axis axis-value"));
        foreach (var tick in ticks)
        {
            grid.Add(El("line", A("x1", X(tick)), A("y1", top), A("x2", X(tick)), A("y2", bottom), A("stroke", tick == 0 ? AxisColour : GridColour), A("stroke-width", tick == 0 ? 1 : 0.8)));
            grid.Add(Text(X(tick), bottom + 16, FormatNumber(tick, culture), A("text-anchor", "middle"), A("font-size", Axes.TickFontSize), A("fill", MutedTextColour)));
        }

        root.Add(grid);
        var rows = El("g", A("class", "groups"));
        for (var i = 0; i < Groups.Count; i++)
        {
            var group = Groups[i];
            var y0 = top + (i * groupHeight) + (GroupGap / 2);
            var row = El(
                "g",
                A("class", "group"),
                Text(left - 8, y0 + (Series.Count * BarHeight / 2) + 4, Axes.Shorten(group.Label, 34), A("text-anchor", "end"), A("font-size", Axes.TickFontSize)));
            for (var s = 0; s < Series.Count; s++)
            {
                if (group.Values[s] is not { } value)
                {
                    continue;
                }

                var y = y0 + (s * BarHeight);
                var (from, to) = value < 0 ? (X(value), X(0)) : (X(0), X(value));
                var text = Format(value, culture);
                row.Add(El(
                    "g",
                    A("class", "bar"),
                    A("data-series", s),
                    El("title", $"{group.Label} — {Series[s]}: {text}"),
                    El("rect", A("x", from), A("y", y + 1), A("width", Math.Max(0.5, to - from)), A("height", BarHeight - 2), A("fill", Colours[s])),
                    Text(Math.Max(X(0), X(value)) + 4, y + BarHeight - 3, text, A("font-size", 10), A("fill", MutedTextColour))));
            }

            rows.Add(row);
        }

        root.Add(rows);
        return Serialise(root);
    }
}
