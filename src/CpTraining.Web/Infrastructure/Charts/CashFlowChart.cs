using System.Globalization;
using static CpTraining.Web.Infrastructure.Charts.Svg;

namespace CpTraining.Web.Infrastructure.Charts;

/// <summary>One year of an option's cash flow: the cumulative and the cumulative discounted net cash flow at its end.</summary>
public sealed record CashFlowPoint(int Year, double Cumulative, double CumulativeDiscounted);

/// <summary>
/// The cumulative cash flow of an investment year by year: bars for the cumulative net cash flow, a line with dots for
/// the cumulative discounted one, a darker zero line, and the simple and discounted paybacks marked as dashed lines
/// where the money is back. Year 0 is the investment. Server-rendered SVG like the other charts (no script, CSP).
/// </summary>
public sealed class CashFlowChart
{
    private const double Width = 760;
    private const double PlotHeight = 260;
    private const double Padding = 16;
    private const string CumulativeColour = "#1971c2";
    private const string DiscountedColour = "#e8590c";
    private const string PaybackColour = "#2b8a3e";

    private readonly IReadOnlyList<CashFlowPoint> _points;

    public CashFlowChart(string title, string description, IEnumerable<CashFlowPoint> points)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(points);
        Title = title;
        Description = description;
        var list = points.OrderBy(p => p.Year).ToList();
        foreach (var p in list)
        {
            if (p.Year < 0 || !double.IsFinite(p.Cumulative) || !double.IsFinite(p.CumulativeDiscounted))
            {
                throw new ArgumentOutOfRangeException(nameof(points), $"Year {p.Year} needs a year ≥ 0 and finite values.");
            }
        }

        _points = list;
    }

    public string Title { get; }

    public string Description { get; }

    public string IdPrefix { get; init; } = "cash-flow";

    public bool ShowTitle { get; init; }

    /// <summary>Money unit, e.g. "EUR"; shown in the axis title.</summary>
    public string? ValueAxisTitle { get; init; }

    public string YearAxisTitle { get; init; } = "Year";

    public string CumulativeLabel { get; init; } = "Cumulative cash flow";

    public string DiscountedLabel { get; init; } = "Cumulative discounted cash flow";

    /// <summary>Simple payback in years (marked when within the plotted years).</summary>
    public double? SimplePayback { get; init; }

    public double? DiscountedPayback { get; init; }

    public string SimplePaybackLabel { get; init; } = "Payback";

    public string DiscountedPaybackLabel { get; init; } = "Discounted payback";

    public IReadOnlyList<CashFlowPoint> Points => _points;

    public string ToSvg(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        string Label(double v) => FormatNumber(v, culture, "N0");
        var values = _points.SelectMany(p => new[] { p.Cumulative, p.CumulativeDiscounted }).DefaultIfEmpty(0).ToList();
        var ticks = NiceTicks(values.Min(), values.Max());
        var top = Padding + (ShowTitle ? 34 : 8);
        var left = Padding + (ValueAxisTitle is null ? 0 : 22) + Axes.WidestLabel(ticks.Select(Label), Axes.TickFontSize) + 10;
        var right = Width - Padding;
        var bottom = top + PlotHeight;
        var slots = Math.Max(1, _points.Count);
        var slot = (right - left) / slots;
        double Y(double v) => top + ((ticks[^1] - v) / (ticks[^1] - ticks[0]) * PlotHeight);
        double Centre(int index) => left + (slot * (index + 0.5));

        // The payback year t + f (f the fraction) lies between the centres of years t and t + 1.
        var firstYear = _points.Count > 0 ? _points[0].Year : 0;
        double XOfYears(double years) => left + (slot * (years - firstYear + 0.5));

        var legendTop = bottom + 26 + 22;
        var height = legendTop + 22 + Padding;
        var root = Root(IdPrefix, "chart-cash-flow", Width, height, Title, Description);
        if (ShowTitle)
        {
            root.Add(Text(Padding, Padding + 14, Title, A("class", "chart-heading"), A("font-size", 15), A("font-weight", "600")));
        }

        root.Add(Axes.ValueGrid(ticks, Y, left, right, Label));
        if (ValueAxisTitle is { } valueTitle)
        {
            root.Add(Axes.VerticalTitle(valueTitle, Padding + 10, top + (PlotHeight / 2)));
        }

        var zero = Y(0);
        var bars = El("g", A("class", "bars"));
        var yearLabels = El("g", A("class", "axis axis-year"));
        var labelEvery = (int)Math.Ceiling(_points.Count / 25.0);
        for (var i = 0; i < _points.Count; i++)
        {
            var p = _points[i];
            var y = Y(p.Cumulative);
            var barWidth = Math.Max(2, slot * 0.6);
            bars.Add(El(
                "g",
                A("class", p.Cumulative < 0 ? "bar bar-negative" : "bar"),
                A("data-year", p.Year),
                El("title", $"{p.Year}: {Label(p.Cumulative)} / {Label(p.CumulativeDiscounted)}"),
                El("rect", A("x", Centre(i) - (barWidth / 2)), A("y", Math.Min(y, zero)), A("width", barWidth), A("height", Math.Max(0.5, Math.Abs(zero - y))), A("fill", CumulativeColour), A("fill-opacity", p.Cumulative < 0 ? 0.55 : 1))));
            if (i % labelEvery == 0)
            {
                yearLabels.Add(Text(Centre(i), bottom + 16, p.Year.ToString(culture), A("text-anchor", "middle"), A("font-size", Axes.TickFontSize), A("fill", MutedTextColour)));
            }
        }

        root.Add(bars);
        root.Add(yearLabels);
        root.Add(Text((left + right) / 2, bottom + 36, YearAxisTitle, A("text-anchor", "middle"), A("fill", MutedTextColour)));

        if (_points.Count > 0)
        {
            var line = El("g", A("class", "line-discounted"));
            line.Add(El("polyline", A("points", string.Join(" ", _points.Select((p, i) => $"{N(Centre(i))},{N(Y(p.CumulativeDiscounted))}"))), A("fill", "none"), A("stroke", DiscountedColour), A("stroke-width", 2)));
            for (var i = 0; i < _points.Count; i++)
            {
                line.Add(El("circle", A("cx", Centre(i)), A("cy", Y(_points[i].CumulativeDiscounted)), A("r", 3), A("fill", DiscountedColour)));
            }

            root.Add(line);
        }

        var lastYear = _points.Count > 0 ? _points[^1].Year : 0;
        var marks = El("g", A("class", "payback"));
        void Mark(double? years, string label, string cssClass, double labelY)
        {
            if (years is not { } t || t < firstYear || t > lastYear)
            {
                return;
            }

            var x = XOfYears(t);
            marks.Add(El(
                "g",
                A("class", cssClass),
                El("line", A("x1", x), A("y1", top), A("x2", x), A("y2", bottom), A("stroke", PaybackColour), A("stroke-width", 1.5), A("stroke-dasharray", "5 3")),
                // Written beside the line on the side with room: right of it in the left half, left of it in the right half.
                x < (left + right) / 2
                    ? Text(x + 4, labelY, $"{label}: {FormatNumber(t, culture, "N2")}", A("font-size", Axes.TickFontSize), A("fill", PaybackColour), A("font-weight", "600"))
                    : Text(x - 4, labelY, $"{label}: {FormatNumber(t, culture, "N2")}", A("text-anchor", "end"), A("font-size", Axes.TickFontSize), A("fill", PaybackColour), A("font-weight", "600"))));
        }

        Mark(SimplePayback, SimplePaybackLabel, "payback-simple", top + 12);
        Mark(DiscountedPayback, DiscountedPaybackLabel, "payback-discounted", top + 28);
        root.Add(marks);

        var legend = El("g", A("class", "legend"));
        legend.Add(El("rect", A("x", left), A("y", legendTop), A("width", 14), A("height", 10), A("fill", CumulativeColour)));
        legend.Add(Text(left + 20, legendTop + 9, CumulativeLabel, A("font-size", Axes.TickFontSize)));
        var second = left + 40 + EstimateTextWidth(CumulativeLabel, Axes.TickFontSize);
        legend.Add(El("line", A("x1", second), A("y1", legendTop + 5), A("x2", second + 14), A("y2", legendTop + 5), A("stroke", DiscountedColour), A("stroke-width", 2)));
        legend.Add(Text(second + 20, legendTop + 9, DiscountedLabel, A("font-size", Axes.TickFontSize)));
        root.Add(legend);
        return Serialise(root);
    }
}
