using System.Globalization;
using static CpTraining.Web.Infrastructure.Charts.Svg;

namespace CpTraining.Web.Infrastructure.Charts;

/// <summary>One category of a Pareto chart, e.g. a loss stream and its annual cost.</summary>
public sealed record ParetoItem(string Label, double Value);

/// <summary>
/// A table row standing in for a bar. <paramref name="IsVitalFew"/> is true for the categories up to and including
/// the one that crosses the reference share (80 %): the few losses worth attacking first.
/// </summary>
public sealed record ParetoTableRow(
    string Label,
    double Value,
    double SharePercent,
    double CumulativePercent,
    bool IsVitalFew,
    string FormattedValue,
    string FormattedShare,
    string FormattedCumulative);

/// <summary>
/// Bars sorted from the largest, with the cumulative share as a line on a 0–100 % axis and a reference line at
/// <see cref="ReferencePercent"/>. This is the picture that shows management which few losses make most of the cost.
/// Server-rendered SVG, like <see cref="SankeyDiagram"/>, for the same reasons (no script, CSP, identical print).
/// </summary>
public sealed class ParetoChart
{
    private const double Width = 760;
    private const double PlotHeight = 280;
    private const double Padding = 16;
    private const string VitalColour = "#1971c2";
    private const string OtherColour = "#a5d8ff";
    private const string LineColour = "#e8590c";

    private readonly IReadOnlyList<ParetoItem> _items;

    public ParetoChart(string title, string description, IEnumerable<ParetoItem> items)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(items);
        Title = title;
        Description = description;
        var list = items.ToList();
        foreach (var item in list)
        {
            if (!double.IsFinite(item.Value) || item.Value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(items), item.Value, $"'{item.Label}' must have a finite value ≥ 0: a Pareto chart ranks costs or counts.");
            }
        }

        // Stable: equal values keep the caller's order.
        _items = [.. list.Select((item, index) => (item, index)).OrderByDescending(x => x.item.Value).ThenBy(x => x.index).Select(x => x.item)];
    }

    public string Title { get; }

    public string Description { get; }

    public string IdPrefix { get; init; } = "pareto";

    public bool ShowTitle { get; init; } = true;

    /// <summary>Unit shown after values (e.g. "EUR/yr"); already localised.</summary>
    public string? Unit { get; init; }

    /// <summary>.NET numeric format for values (e.g. "N0"); null chooses decimals by magnitude.</summary>
    public string? ValueFormat { get; init; }

    /// <summary>Title of the left axis, e.g. "Cost of loss, EUR/yr".</summary>
    public string? ValueAxisTitle { get; init; }

    /// <summary>Title of the right axis, e.g. "Cumulative share".</summary>
    public string? CumulativeAxisTitle { get; init; }

    /// <summary>Title under the categories, e.g. "Loss stream".</summary>
    public string? CategoryAxisTitle { get; init; }

    public double ReferencePercent { get; init; } = 80;

    /// <summary>Items largest first, as drawn.</summary>
    public IReadOnlyList<ParetoItem> Items => _items;

    public IReadOnlyList<ParetoTableRow> TableRows(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var total = _items.Sum(i => i.Value);
        var rows = new List<ParetoTableRow>(_items.Count);
        double cumulative = 0;
        var vital = true;
        foreach (var item in _items)
        {
            cumulative += item.Value;
            var share = total > 0 ? item.Value / total * 100 : 0;
            // The last item is exactly 100 %, not 99.99999 from summing shares.
            var cumulativePercent = total > 0 ? (ReferenceEquals(item, _items[^1]) ? 100 : cumulative / total * 100) : 0;
            rows.Add(new ParetoTableRow(
                item.Label,
                item.Value,
                share,
                cumulativePercent,
                vital && total > 0,
                WithUnit(FormatNumber(item.Value, culture, ValueFormat), Unit),
                Axes.Percent(share, culture, 1),
                Axes.Percent(cumulativePercent, culture, 1)));
            if (cumulativePercent >= ReferencePercent - 1e-9)
            {
                vital = false;
            }
        }

        return rows;
    }

    public string ToSvg(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var rows = TableRows(culture);
        var ticks = NiceTicks(0, rows.Select(r => r.Value).DefaultIfEmpty(0).Max());
        string TickLabel(double v) => FormatNumber(v, culture, ValueFormat);

        var top = Padding + (ShowTitle ? 34 : 8);
        var left = Padding + (ValueAxisTitle is null ? 0 : 22) + Axes.WidestLabel(ticks.Select(TickLabel), Axes.TickFontSize) + 10;
        var right = Width - Padding - (CumulativeAxisTitle is null ? 0 : 22) - Axes.WidestLabel([Axes.Percent(100, culture)], Axes.TickFontSize) - 10;
        // Category labels: level and wrapped (up to three lines) when every name fits under its bar, otherwise all
        // turned 40° and cut at 28 characters, with room on the left for the first one.
        var slot = (right - left) / Math.Max(1, rows.Count);
        var wrapped = rows.Select(r => Axes.Wrap(r.Label, slot - 6, Axes.TickFontSize, 3)).ToList();
        var turned = wrapped.Any(w => w is null);
        var labels = rows.Select(r => Axes.Shorten(r.Label, 28)).ToList();
        var widest = Axes.WidestLabel(labels, Axes.TickFontSize);
        if (turned)
        {
            left = Math.Max(left, Padding + (Math.Cos(40 * Math.PI / 180) * widest) - (slot / 2) + 4);
            slot = (right - left) / Math.Max(1, rows.Count);
        }

        var plotWidth = right - left;
        var barWidth = Math.Min(slot * 0.7, 90);
        var lineCount = turned ? 0 : wrapped.Select(w => w!.Count).DefaultIfEmpty(1).Max();
        var labelDepth = turned ? (Math.Sin(40 * Math.PI / 180) * widest) + 14 : 6 + (lineCount * 14);
        var bottom = top + PlotHeight;
        var height = bottom + labelDepth + (CategoryAxisTitle is null ? 0 : 24) + Padding;

        double Y(double v) => bottom - (v / ticks[^1] * PlotHeight);
        double YPercent(double p) => bottom - (p / 100 * PlotHeight);

        var root = Root(IdPrefix, "chart-pareto", Width, height, Title, Description);
        if (ShowTitle)
        {
            root.Add(Text(Padding, Padding + 14, Title, A("class", "chart-heading"), A("font-size", 15), A("font-weight", "600")));
        }

        root.Add(Axes.ValueGrid(ticks, Y, left, right, TickLabel));

        // Right axis: 0–100 % at the same height as the plot, ticks every 20 %.
        var percentAxis = El("g", A("class", "axis axis-percent"));
        // The reference share is labelled on this axis, in bold, where its dashed line ends.
        foreach (var p in new[] { 0.0, 20, 40, 60, 80, 100 }.Where(p => Math.Abs(p - ReferencePercent) >= 5).Append(ReferencePercent))
        {
            var isReference = p == ReferencePercent;
            percentAxis.Add(Text(right + 6, YPercent(p) + 4, Axes.Percent(p, culture), A("font-size", Axes.TickFontSize), A("fill", isReference ? TextColour : MutedTextColour), isReference ? A("font-weight", "600") : null));
        }

        root.Add(percentAxis);
        if (ValueAxisTitle is { } valueTitle)
        {
            root.Add(Axes.VerticalTitle(valueTitle, Padding + 10, top + (PlotHeight / 2)));
        }

        if (CumulativeAxisTitle is { } cumulativeTitle)
        {
            root.Add(Axes.VerticalTitle(cumulativeTitle, Width - Padding - 6, top + (PlotHeight / 2)));
        }

        var bars = El("g", A("class", "bars"));
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var centre = left + (slot * (i + 0.5));
            var y = Y(row.Value);
            var bar = El(
                "g",
                A("class", row.IsVitalFew ? "bar bar-vital" : "bar"),
                El("title", $"{row.Label}: {row.FormattedValue} ({row.FormattedShare})"),
                El("rect", A("x", centre - (barWidth / 2)), A("y", y), A("width", barWidth), A("height", bottom - y), A("fill", row.IsVitalFew ? VitalColour : OtherColour)));
            if (EstimateTextWidth(TickLabel(row.Value), 10.5) < slot - 2)
            {
                bar.Add(Text(centre, y - 5, TickLabel(row.Value), A("text-anchor", "middle"), A("font-size", 10.5), A("fill", MutedTextColour)));
            }

            var labelY = bottom + 16;
            bar.Add(turned
                ? Text(centre, labelY, labels[i], A("text-anchor", "end"), A("font-size", Axes.TickFontSize), A("transform", $"rotate(-40 {N(centre)} {N(labelY)})"))
                : El(
                    "text",
                    A("class", "category"),
                    A("x", centre),
                    A("y", labelY),
                    A("text-anchor", "middle"),
                    A("font-size", Axes.TickFontSize),
                    wrapped[i]!.Select((line, n) => El("tspan", A("x", centre), A("dy", n == 0 ? 0 : 14), line))));
            bars.Add(bar);
        }

        root.Add(bars);

        var reference = YPercent(ReferencePercent);
        root.Add(El(
            "g",
            A("class", "reference"),
            El("line", A("x1", left), A("y1", reference), A("x2", right), A("y2", reference), A("stroke", MutedTextColour), A("stroke-width", 1), A("stroke-dasharray", "6 4"))));

        if (rows.Count > 0 && rows[^1].CumulativePercent > 0)
        {
            var points = rows.Select((r, i) => (X: left + (slot * (i + 0.5)), Y: YPercent(r.CumulativePercent))).ToList();
            var line = El(
                "g",
                A("class", "cumulative"),
                El("polyline", A("points", string.Join(' ', points.Select(p => $"{N(p.X)},{N(p.Y)}"))), A("fill", "none"), A("stroke", LineColour), A("stroke-width", 2), A("stroke-linejoin", "round")));
            for (var i = 0; i < points.Count; i++)
            {
                // Markers are squares, not just a colour, so the line is told from the bars in greyscale too.
                line.Add(El(
                    "rect",
                    A("x", points[i].X - 3.5),
                    A("y", points[i].Y - 3.5),
                    A("width", 7),
                    A("height", 7),
                    A("fill", "#ffffff"),
                    A("stroke", LineColour),
                    A("stroke-width", 2),
                    El("title", $"{rows[i].Label}: {rows[i].FormattedCumulative}")));
            }

            root.Add(line);
        }

        if (CategoryAxisTitle is { } categoryTitle)
        {
            root.Add(Text(left + (plotWidth / 2), height - Padding - 4, categoryTitle, A("text-anchor", "middle"), A("fill", MutedTextColour)));
        }

        return Serialise(root);
    }
}
