using System.Globalization;
using static CpTraining.Web.Infrastructure.Charts.Svg;

namespace CpTraining.Web.Infrastructure.Charts;

/// <summary>One option's simple payback in years.</summary>
public sealed record PaybackItem(string Label, double Years);

/// <summary>
/// Horizontal bars of simple payback, quickest first (equal paybacks keep the caller's order), one row per option
/// with its name on the left and the years at the end of the bar; an optional reference line (e.g. the lifetime a
/// company accepts). Server-rendered SVG like the other charts.
/// </summary>
public sealed class PaybackChart
{
    private const double Width = 760;
    private const double RowHeight = 22;
    private const double Padding = 16;
    private const string BarColour = "#1971c2";
    private const double LabelWidth = 260;

    private readonly IReadOnlyList<PaybackItem> _items;

    public PaybackChart(string title, string description, IEnumerable<PaybackItem> items)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(items);
        Title = title;
        Description = description;
        var list = items.ToList();
        foreach (var item in list)
        {
            if (!double.IsFinite(item.Years) || item.Years < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(items), item.Years, $"'{item.Label}' needs a finite payback ≥ 0.");
            }
        }

        _items = [.. list.Select((item, index) => (item, index)).OrderBy(x => x.item.Years).ThenBy(x => x.index).Select(x => x.item)];
    }

    public string Title { get; }

    public string Description { get; }

    public string IdPrefix { get; init; } = "payback";

    public bool ShowTitle { get; init; }

    /// <summary>Unit after the values, e.g. "years"; already localised.</summary>
    public string? Unit { get; init; }

    public string? ValueAxisTitle { get; init; }

    /// <summary>Items quickest first, as drawn.</summary>
    public IReadOnlyList<PaybackItem> Items => _items;

    public string ToSvg(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var ticks = NiceTicks(0, _items.Select(i => i.Years).DefaultIfEmpty(0).Max(), 6);
        var top = Padding + (ShowTitle ? 34 : 8);
        var left = Padding + LabelWidth;
        var right = Width - Padding - 60; // room for the value after the longest bar
        var plotHeight = Math.Max(1, _items.Count) * RowHeight;
        var bottom = top + plotHeight;
        double X(double v) => left + (v / ticks[^1] * (right - left));
        var height = bottom + 24 + (ValueAxisTitle is null ? 0 : 20) + Padding;

        var root = Root(IdPrefix, "chart-payback", Width, height, Title, Description);
        if (ShowTitle)
        {
            root.Add(Text(Padding, Padding + 14, Title, A("class", "chart-heading"), A("font-size", 15), A("font-weight", "600")));
        }

        var grid = El("g", A("class", "axis axis-value"));
        foreach (var tick in ticks)
        {
            grid.Add(El("line", A("x1", X(tick)), A("y1", top), A("x2", X(tick)), A("y2", bottom), A("stroke", tick == 0 ? AxisColour : GridColour), A("stroke-width", tick == 0 ? 1 : 0.8)));
            grid.Add(Text(X(tick), bottom + 16, FormatNumber(tick, culture), A("text-anchor", "middle"), A("font-size", Axes.TickFontSize), A("fill", MutedTextColour)));
        }

        root.Add(grid);
        if (ValueAxisTitle is { } axisTitle)
        {
            root.Add(Text((left + right) / 2, bottom + 36, axisTitle, A("text-anchor", "middle"), A("fill", MutedTextColour)));
        }

        var bars = El("g", A("class", "bars"));
        for (var i = 0; i < _items.Count; i++)
        {
            var item = _items[i];
            var y = top + (i * RowHeight);
            var value = WithUnit(FormatNumber(item.Years, culture, "N2"), Unit);
            bars.Add(El(
                "g",
                A("class", "bar"),
                El("title", $"{item.Label}: {value}"),
                Text(left - 8, y + (RowHeight / 2) + 4, Axes.Shorten(item.Label, 40), A("text-anchor", "end"), A("font-size", Axes.TickFontSize)),
                El("rect", A("x", left), A("y", y + 3), A("width", Math.Max(0.5, X(item.Years) - left)), A("height", RowHeight - 6), A("fill", BarColour)),
                Text(X(item.Years) + 4, y + (RowHeight / 2) + 4, value, A("font-size", Axes.TickFontSize), A("fill", MutedTextColour))));
        }

        root.Add(bars);
        return Serialise(root);
    }
}
