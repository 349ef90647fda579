using System.Globalization;
using static CpTraining.Web.Infrastructure.Charts.Svg;

namespace CpTraining.Web.Infrastructure.Charts;

/// <summary>
/// One CP option on a cost curve: how much it avoids per year (the bar's width, e.g. t/yr of waste or CO₂) and what
/// each unit avoided costs (the bar's height; negative when the option saves money).
/// </summary>
public sealed record CostCurveItem(string Label, double Quantity, double CostPerUnit);

/// <summary>A table row standing in for a bar; <paramref name="Number"/> is the number printed on the bar.</summary>
public sealed record CostCurveTableRow(
    int Number,
    string Label,
    double Quantity,
    double CostPerUnit,
    double CumulativeQuantity,
    string FormattedQuantity,
    string FormattedCostPerUnit,
    string FormattedCumulative);

/// <summary>
/// A marginal abatement cost curve: options from the cheapest per unit avoided to the dearest, each a bar as wide as
/// what it avoids, so the area is the option's annual cost and everything left of the axis crossing pays for
/// itself. Bars are numbered and the numbers keyed below the chart, because most bars are too narrow for a name.
/// </summary>
public sealed class MarginalCostCurve
{
    private const double Width = 760;
    private const double PlotHeight = 280;
    private const double Padding = 16;
    private const string SavingColour = "#2b8a3e";
    private const string CostColour = "#1971c2";

    private readonly IReadOnlyList<CostCurveItem> _items;

    public MarginalCostCurve(string title, string description, IEnumerable<CostCurveItem> items)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(items);
        Title = title;
        Description = description;
        var list = items.ToList();
        foreach (var item in list)
        {
            if (!double.IsFinite(item.Quantity) || item.Quantity < 0 || !double.IsFinite(item.CostPerUnit))
            {
                throw new ArgumentOutOfRangeException(nameof(items), $"'{item.Label}' needs a finite quantity ≥ 0 and a finite cost per unit.");
            }
        }

        _items = [.. list.Select((item, index) => (item, index)).OrderBy(x => x.item.CostPerUnit).ThenBy(x => x.index).Select(x => x.item)];
    }

    public string Title { get; }

    public string Description { get; }

    public string IdPrefix { get; init; } = "cost-curve";

    public bool ShowTitle { get; init; } = true;

    /// <summary>Unit of the widths, e.g. "t/yr"; already localised.</summary>
    public string? QuantityUnit { get; init; }

    /// <summary>Unit of the heights, e.g. "EUR/t"; already localised.</summary>
    public string? CostUnit { get; init; }

    public string? QuantityAxisTitle { get; init; }

    public string? CostAxisTitle { get; init; }

    public string? ValueFormat { get; init; }

    /// <summary>Items cheapest first, as drawn.</summary>
    public IReadOnlyList<CostCurveItem> Items => _items;

    public IReadOnlyList<CostCurveTableRow> TableRows(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        double cumulative = 0;
        return _items.Select((item, i) =>
        {
            cumulative += item.Quantity;
            return new CostCurveTableRow(
                i + 1,
                item.Label,
                item.Quantity,
                item.CostPerUnit,
                cumulative,
                WithUnit(FormatNumber(item.Quantity, culture, ValueFormat), QuantityUnit),
                WithUnit(FormatNumber(item.CostPerUnit, culture, ValueFormat), CostUnit),
                WithUnit(FormatNumber(cumulative, culture, ValueFormat), QuantityUnit));
        }).ToList();
    }

    /// <summary>The viewBox and the boxes of the key's entries, for checking that none overlaps another or the edge.</summary>
    public ChartLabelLayout Layout(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var key = KeyLayout(TableRows(culture), KeyTop);
        return new ChartLabelLayout(Width, key.Bottom + Padding, Axes.TickFontSize, [.. key.Entries.Select(e => new ChartLabel(e.Number + " " + e.Text, e.FullText, e.Box))]);
    }

    public string ToSvg(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var rows = TableRows(culture);
        string Label(double v) => FormatNumber(v, culture, ValueFormat);
        var yTicks = NiceTicks(rows.Select(r => r.CostPerUnit).DefaultIfEmpty(0).Min(), rows.Select(r => r.CostPerUnit).DefaultIfEmpty(0).Max());
        var xTicks = NiceTicks(0, rows.Count > 0 ? rows[^1].CumulativeQuantity : 0, 6);

        var top = Padding + (ShowTitle ? 34 : 8);
        var left = Padding + (CostAxisTitle is null ? 0 : 22) + Axes.WidestLabel(yTicks.Select(Label), Axes.TickFontSize) + 10;
        var right = Width - Padding - 20; // room for the last quantity label, centred on the right edge
        var bottom = top + PlotHeight;
        double Y(double v) => top + ((yTicks[^1] - v) / (yTicks[^1] - yTicks[0]) * PlotHeight);
        double X(double q) => left + (q / xTicks[^1] * (right - left));

        var key = KeyLayout(rows, KeyTop);
        var height = key.Bottom + Padding;

        var root = Root(IdPrefix, "chart-cost-curve", Width, height, Title, Description);
        if (ShowTitle)
        {
            root.Add(Text(Padding, Padding + 14, Title, A("class", "chart-heading"), A("font-size", 15), A("font-weight", "600")));
        }

        root.Add(Axes.ValueGrid(yTicks, Y, left, right, Label));
        var xAxis = El("g", A("class", "axis axis-quantity"));
        foreach (var tick in xTicks)
        {
            xAxis.Add(El("line", A("x1", X(tick)), A("y1", bottom), A("x2", X(tick)), A("y2", bottom + 4), A("stroke", AxisColour)));
            xAxis.Add(Text(X(tick), bottom + 16, Label(tick), A("text-anchor", "middle"), A("font-size", Axes.TickFontSize), A("fill", MutedTextColour)));
        }

        root.Add(xAxis);
        if (CostAxisTitle is { } costTitle)
        {
            root.Add(Axes.VerticalTitle(costTitle, Padding + 10, top + (PlotHeight / 2)));
        }

        if (QuantityAxisTitle is { } quantityTitle)
        {
            root.Add(Text((left + right) / 2, bottom + 38, quantityTitle, A("text-anchor", "middle"), A("fill", MutedTextColour)));
        }

        var bars = El("g", A("class", "bars"));
        var zero = Y(0);
        foreach (var row in rows)
        {
            var x0 = X(row.CumulativeQuantity - row.Quantity);
            var x1 = X(row.CumulativeQuantity);
            var y = Y(row.CostPerUnit);
            var saving = row.CostPerUnit < 0;
            var bar = El(
                "g",
                A("class", saving ? "bar bar-saving" : "bar"),
                El("title", $"{row.Number}. {row.Label}: {row.FormattedQuantity}, {row.FormattedCostPerUnit}"),
                // A white edge separates neighbouring bars of the same colour.
                El("rect", A("x", x0), A("y", Math.Min(y, zero)), A("width", x1 - x0), A("height", Math.Abs(zero - y)), A("fill", saving ? SavingColour : CostColour), A("stroke", "#ffffff"), A("stroke-width", 1)));
            var number = row.Number.ToString(culture);
            if (x1 - x0 >= EstimateTextWidth(number, 10.5) + 2)
            {
                // Above a cost bar, below a saving bar: outside the bar, next to the end that carries the value. A saving
                // bar that reaches the foot of the plot would put its number among the quantity labels, so it goes
                // inside the bar's end instead, in white.
                var inside = saving && y + 13 > bottom - 2;
                bar.Add(Text(
                    (x0 + x1) / 2, saving && !inside ? y + 13 : y - 4, number, A("text-anchor", "middle"), A("font-size", 10.5), A("font-weight", "600"),
                    inside ? A("fill", "#ffffff") : null));
            }

            bars.Add(bar);
        }

        root.Add(bars);

        var keyGroup = El("g", A("class", "key"));
        foreach (var entry in key.Entries)
        {
            var baseline = entry.Box.Y + 12;
            keyGroup.Add(El(
                "g",
                A("class", "key-entry"),
                El("title", entry.FullText),
                Text(entry.Box.X, baseline, entry.Number, A("font-weight", "600"), A("font-size", Axes.TickFontSize)),
                Text(entry.Box.X + KeyIndent, baseline, entry.Text, A("font-size", Axes.TickFontSize))));
        }

        root.Add(keyGroup);
        return Serialise(root);
    }

    private double KeyTop => Padding + (ShowTitle ? 34 : 8) + PlotHeight + 24 + (QuantityAxisTitle is null ? 0 : 22);

    private const double KeyIndent = 22;
    private const double KeyRowHeight = 17;
    private const double KeyGap = 18;

    /// <summary>
    /// The key below the bars: "number  option (cost per unit)" in as many equal columns (up to three) as the widest
    /// entry allows, filled row by row; entries too long for a column are shortened with "…" (the table and the
    /// entry's tooltip keep the full name). Widths are estimated on the safe side, so entries cannot run into each other.
    /// </summary>
    private KeyLayoutResult KeyLayout(IReadOnlyList<CostCurveTableRow> rows, double top)
    {
        var available = Width - (2 * Padding);
        var texts = rows.Select(r => $"{r.Label} ({r.FormattedCostPerUnit})").ToList();
        var widest = texts.Select(t => KeyIndent + TextFit.Width(t, Axes.TickFontSize)).DefaultIfEmpty(0).Max();
        var columns = (int)Math.Clamp(Math.Floor((available + KeyGap) / (widest + KeyGap)), 1, 3);
        var columnWidth = (available - ((columns - 1) * KeyGap)) / columns;
        var entries = new List<KeyEntry>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var text = TextFit.Shorten(texts[i], columnWidth - KeyIndent, Axes.TickFontSize);
            var x = Padding + (i % columns * (columnWidth + KeyGap));
            var y = top + (i / columns * KeyRowHeight);
            var width = KeyIndent + TextFit.Width(text, Axes.TickFontSize);
            entries.Add(new KeyEntry(rows[i].Number.ToString(CultureInfo.InvariantCulture), text, $"{rows[i].Number}. {texts[i]}", new LabelBox(x, y, width, Axes.TickFontSize * TextFit.LineHeight)));
        }

        var bottom = entries.Count == 0 ? top : entries.Max(e => e.Box.Bottom);
        return new KeyLayoutResult(top, bottom, entries);
    }

    private sealed record KeyEntry(string Number, string Text, string FullText, LabelBox Box);

    private sealed record KeyLayoutResult(double Top, double Bottom, IReadOnlyList<KeyEntry> Entries);
}
