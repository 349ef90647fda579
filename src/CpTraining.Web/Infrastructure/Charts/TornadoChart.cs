using System.Globalization;
using static CpTraining.Web.Infrastructure.Charts.Svg;

namespace CpTraining.Web.Infrastructure.Charts;

/// <summary>One bar of a tornado chart: the value at each tried change of one input (−20 %, −10 %, +10 %, +20 %).</summary>
public sealed record TornadoBar(string Label, IReadOnlyList<(double Change, double Value)> Points);

/// <summary>
/// A tornado chart: one row per input, widest swing first, each a bar from the base value to the value when the input
/// falls (left colour) and when it rises (right colour), the ±10 % part darker than the ±20 % part; the base value is
/// the vertical line. Server-rendered SVG like the other charts; the page gives the same figures in a table.
/// </summary>
public sealed class TornadoChart
{
    private const double Width = 760;
    private const double RowHeight = 30;
    private const double Padding = 16;
    private const double LabelWidth = 170;
    private const string FallColour = "#c92a2a";
    private const string FallLight = "#ffa8a8";
    private const string RiseColour = "#1971c2";
    private const string RiseLight = "#a5d8ff";

    private readonly IReadOnlyList<TornadoBar> _bars;
    private readonly double _base;

    public TornadoChart(string title, string description, double baseValue, IEnumerable<TornadoBar> bars)
    {
        ArgumentNullException.ThrowIfNull(bars);
        Title = title;
        Description = description;
        _base = baseValue;
        _bars = [.. bars];
        foreach (var bar in _bars)
        {
            if (bar.Points.Any(p => !double.IsFinite(p.Value)))
            {
                throw new ArgumentOutOfRangeException(nameof(bars), $"'{bar.Label}' needs finite values.");
            }
        }
    }

    public string Title { get; }

    public string Description { get; }

    public string IdPrefix { get; init; } = "tornado";

    /// <summary>The axis title, e.g. "NPV, UAH"; already localised.</summary>
    public string? ValueAxisTitle { get; init; }

    /// <summary>Legend words for a fall and a rise of the input ("input −20 % / −10 %"); already localised.</summary>
    public string FallLabel { get; init; } = "input lower";

    public string RiseLabel { get; init; } = "input higher";

    public string BaseLabel { get; init; } = "base";

    public IReadOnlyList<TornadoBar> Bars => _bars;

    public string ToSvg(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var values = _bars.SelectMany(b => b.Points.Select(p => p.Value)).Append(_base).ToList();
        var ticks = NiceTicks(values.Min(), values.Max(), 6);
        var top = Padding + 30;
        var left = Padding + LabelWidth;
        var right = Width - Padding - 40; // room for the last tick label
        var bottom = top + (Math.Max(1, _bars.Count) * RowHeight);
        double X(double v) => left + ((v - ticks[0]) / (ticks[^1] - ticks[0]) * (right - left));
        var height = bottom + 24 + (ValueAxisTitle is null ? 0 : 20) + Padding;
        var root = Root(IdPrefix, "chart-tornado", Width, height, Title, Description);

        // Legend above the plot.
        var legend = El("g", A("class", "legend"));
        var lx = left;
        foreach (var (colour, label) in new[] { (FallColour, FallLabel), (RiseColour, RiseLabel) })
        {
            legend.Add(El("rect", A("x", lx), A("y", Padding + 2), A("width", 12), A("height", 12), A("fill", colour)));
            legend.Add(Text(lx + 16, Padding + 12, label, A("font-size", Axes.TickFontSize)));
            lx += 16 + EstimateTextWidth(label, Axes.TickFontSize) + 24;
        }

        legend.Add(El("line", A("x1", lx), A("y1", Padding + 1), A("x2", lx), A("y2", Padding + 15), A("stroke", TextColour), A("stroke-width", 2)));
        legend.Add(Text(lx + 6, Padding + 12, BaseLabel, A("font-size", Axes.TickFontSize)));
        root.Add(legend);

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

        var rows = El("g", A("class", "bars"));
        for (var i = 0; i < _bars.Count; i++)
        {
            var bar = _bars[i];
            var y = top + (i * RowHeight);
            var row = El("g", A("class", "bar"), A("data-label", bar.Label));
            row.Add(El("title", bar.Label + ": " + string.Join("; ", bar.Points.Select(p => $"{(p.Change > 0 ? "+" : string.Empty)}{FormatNumber(p.Change * 100, culture)} % → {FormatNumber(p.Value, culture, "N0")}"))));
            row.Add(Text(left - 8, y + (RowHeight / 2) + 4, Axes.Shorten(bar.Label, 28), A("text-anchor", "end"), A("font-size", Axes.TickFontSize)));

            // Widest change first so the ±10 % part is drawn over the ±20 % part.
            foreach (var (change, value) in bar.Points.OrderByDescending(p => Math.Abs(p.Change)))
            {
                var wide = Math.Abs(change) > 0.15;
                var colour = change < 0 ? (wide ? FallLight : FallColour) : (wide ? RiseLight : RiseColour);
                var x1 = Math.Min(X(_base), X(value));
                var x2 = Math.Max(X(_base), X(value));
                var inset = change < 0 ? 4 : (RowHeight / 2) + 1;
                row.Add(El("rect", A("x", x1), A("y", y + inset), A("width", Math.Max(0.5, x2 - x1)), A("height", (RowHeight / 2) - 5), A("fill", colour)));
            }

            rows.Add(row);
        }

        root.Add(rows);
        root.Add(El("line", A("class", "base"), A("x1", X(_base)), A("y1", top - 4), A("x2", X(_base)), A("y2", bottom + 4), A("stroke", TextColour), A("stroke-width", 2)));
        return Serialise(root);
    }
}
