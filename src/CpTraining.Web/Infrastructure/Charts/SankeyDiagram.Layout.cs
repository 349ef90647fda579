using System.Globalization;
using static CpTraining.Web.Infrastructure.Charts.Svg;

namespace CpTraining.Web.Infrastructure.Charts;

/// <summary>
/// A Sankey diagram's computed geometry: the viewBox (<paramref name="Width"/> × <paramref name="Height"/>), the text
/// size in viewBox units and the box of every label (node names and values, legend, step key, title).
/// </summary>
public sealed record SankeyLayout(double Width, double Height, double FontSize, IReadOnlyList<ChartLabel> Labels)
{
    /// <summary>The text size in pt when the diagram is printed in a column <paramref name="printWidthMillimetres"/> wide.</summary>
    public double PrintedFontSizePoints(double printWidthMillimetres = PrintScale.A4TextWidthMillimetres) =>
        PrintScale.FontSizePoints(FontSize, Width, printWidthMillimetres);
}

/// <summary>
/// The layout. Horizontally: inputs in column 0 with their labels to the left, outputs in the last column with their
/// labels to the right, steps in between in process order with their names above them; the viewBox is never wider
/// than <see cref="MaxWidth"/>, so more columns make the columns narrower and, when names no longer fit above the
/// steps, the steps are numbered and keyed below. Vertically: inputs and outputs are packed by size and their labels
/// spread beside them, a leader line joining each label that had to move away from its box; the diagram grows in
/// height as far as the labels need.
/// </summary>
public sealed partial class SankeyDiagram
{
    private const double SwatchWidth = 22;
    private const double LineStep = FontSize * TextFit.LineHeight;
    private const double TitleFontSize = 15;
    private const double NodeAreaHeight = 420; // px that the busiest column's flows fill
    private const double MinNodeHeight = 4;
    private const double MaxNodeWidth = 14;
    private const double StepGap = 14; // between steps stacked in a column, below the label of the lower one
    private const double SideGap = 10; // between inputs (or outputs) stacked in a column
    private const double LabelGap = 10; // from a box to its side label: room for a leader line
    private const double LabelSpacing = 4;
    private const double AboveGap = 4; // from a step's label to its box
    private const double SideLabelMaxWidth = 170;
    private const double PreferredPitch = 210;
    private const double Padding = 16;
    private const double BackLinkSpacing = 12;

    private enum LabelSide
    {
        Left,
        Right,
        Above,
    }

    private LayoutResult Compute(CultureInfo culture)
    {
        var columnOf = AssignColumns(out var backLinks);
        var placed = _nodes.ToDictionary(n => n.Id, n => new PlacedNode(n, columnOf[n.Id]), StringComparer.Ordinal);
        foreach (var link in _links)
        {
            placed[link.From].OutValue += link.Value;
            placed[link.To].InValue += link.Value;
        }

        // Lookups by node instead of scanning every link per node: a 400-stream balance has some 450 nodes.
        var linksInto = _links.ToLookup(l => l.To, StringComparer.Ordinal);
        var linksOutOf = _links.ToLookup(l => l.From, StringComparer.Ordinal);
        foreach (var node in placed.Values)
        {
            // An output is drawn as a loss when everything reaching it is a loss (wastewater, emissions).
            var incoming = linksInto[node.Node.Id].ToList();
            node.IsLoss = node.Node.Kind == SankeyNodeKind.Output && incoming.Count > 0 && incoming.All(l => l.IsLoss);
            var own = node.Node.Kind == SankeyNodeKind.Input ? linksOutOf[node.Node.Id] : incoming;
            node.Class = own.OrderByDescending(l => l.Value).Select(l => l.FlowClass).FirstOrDefault();
        }

        var columnCount = placed.Values.Select(n => n.Column).DefaultIfEmpty(0).Max() + 1;
        var last = columnCount - 1;
        var busiest = placed.Values.GroupBy(n => n.Column).Select(g => g.Sum(n => n.Throughput)).DefaultIfEmpty(0).Max();
        var scale = busiest > 0 ? NodeAreaHeight / busiest : 0; // px per unit, the one scale of every band

        var bands = _links
            .Where(l => l.Value > 0)
            .Select(l => new Band(l, placed[l.From], placed[l.To], Math.Max(l.Value * scale, MinLinkWidth), backLinks.Contains(l)))
            .ToList();
        var bandsInto = bands.ToLookup(b => b.Target);
        var bandsOutOf = bands.ToLookup(b => b.Source);
        foreach (var node in placed.Values)
        {
            node.Height = Math.Max(MinNodeHeight, Math.Max(bandsInto[node].Sum(b => b.Width), bandsOutOf[node].Sum(b => b.Width)));
        }

        // Horizontal. Side labels: the name in up to two lines, then the value.
        LabelSide SideOf(PlacedNode n) => n.Column == 0 ? LabelSide.Left : n.Column == last ? LabelSide.Right : LabelSide.Above;
        string ValueText(PlacedNode n) => WithUnit(FormatNumber(n.Throughput, culture, ValueFormat), Unit);
        foreach (var node in placed.Values.Where(n => SideOf(n) != LabelSide.Above))
        {
            var lines = TextFit.Wrap(node.Node.Name, SideLabelMaxWidth, FontSize, 2).Append(TextFit.Shorten(ValueText(node), SideLabelMaxWidth, FontSize)).ToList();
            node.Label = new PlacedLabel(lines, node.Node.Name, SideOf(node) == LabelSide.Left ? "end" : "start") { Node = node, HasValueLine = true, Bold = true };
        }

        double SideWidth(LabelSide side) => placed.Values.Where(n => n.Label is not null && SideOf(n) == side).Select(n => n.Label!.Box.Width).DefaultIfEmpty(0).Max();
        var leftWidth = SideWidth(LabelSide.Left);
        var rightWidth = SideWidth(LabelSide.Right);
        var leftEdge = Padding + (leftWidth > 0 ? leftWidth + LabelGap : 0);
        var rightRoom = (rightWidth > 0 ? LabelGap + rightWidth : 0) + Padding;
        var pitch = columnCount > 1 ? Math.Max(0, Math.Min(PreferredPitch, (MaxWidth - leftEdge - rightRoom - MaxNodeWidth) / (columnCount - 1))) : 0;
        var nodeWidth = columnCount > 1 ? Math.Clamp(pitch * 0.4, 2, MaxNodeWidth) : MaxNodeWidth;
        foreach (var node in placed.Values)
        {
            node.X = leftEdge + (node.Column * pitch);
        }

        var width = leftEdge + ((columnCount - 1) * pitch) + nodeWidth + rightRoom;

        // Step labels above the boxes: the name in up to two lines and the value, as wide as a column allows; when a
        // column is too narrow even for that, the step's number, keyed below the diagram.
        var steps = _nodes.Where(n => n.Kind == SankeyNodeKind.Step).Select((n, i) => (n.Id, Number: i + 1)).ToDictionary(x => x.Id, x => x.Number, StringComparer.Ordinal);
        var above = placed.Values.Where(n => SideOf(n) == LabelSide.Above).ToList();
        var aboveWidth = pitch - 10;
        var named = aboveWidth >= TextFit.Width("Abcdef", FontSize) && above.All(n => TextFit.Width(ValueText(n), FontSize) <= aboveWidth);
        foreach (var node in above)
        {
            var number = steps.TryGetValue(node.Node.Id, out var k) ? k.ToString(culture) : "?";
            var lines = named ? [.. TextFit.Wrap(node.Node.Name, aboveWidth, FontSize, 2), ValueText(node)] : new List<string> { number };
            node.Label = new PlacedLabel(lines, node.Node.Name, "middle") { Node = node, HasValueLine = named, Bold = true, Halo = true };
        }

        // Vertical: columns centred on the tallest; inputs and outputs reordered by the height of the boxes they feed or
        // come from (barycentre), steps kept in process order.
        var top = Padding + (ShowTitle ? (TitleFontSize * TextFit.LineHeight) + 12 : 0);
        var columns = Enumerable.Range(0, columnCount).Select(c => placed.Values.Where(n => n.Column == c).ToList()).ToList();
        double ItemHeight(PlacedNode n) => SideOf(n) == LabelSide.Above ? n.Label!.Box.Height + AboveGap + n.Height : n.Height;
        double GapOf(PlacedNode n) => SideOf(n) == LabelSide.Above ? StepGap : SideGap;
        double NodesHeight(List<PlacedNode> c) => c.Sum(ItemHeight) + c.Skip(1).Sum(GapOf);
        double LabelsHeight(List<PlacedNode> c) => c.Where(n => SideOf(n) != LabelSide.Above).Sum(n => n.Label!.Box.Height + LabelSpacing);
        var innerHeight = columns.Select(c => Math.Max(NodesHeight(c), LabelsHeight(c))).DefaultIfEmpty(0).Max();
        void Place()
        {
            foreach (var column in columns)
            {
                var y = top + ((innerHeight - NodesHeight(column)) / 2);
                foreach (var node in column)
                {
                    node.Y = y + (SideOf(node) == LabelSide.Above ? node.Label!.Box.Height + AboveGap : 0);
                    y += ItemHeight(node) + GapOf(node);
                }
            }
        }

        Place();
        for (var sweep = 0; sweep < 3 && columnCount > 1; sweep++)
        {
            if (columns[0].All(n => n.Node.Kind == SankeyNodeKind.Input))
            {
                columns[0] = Reorder(columns[0], n => bandsOutOf[n].Select(b => (b.Target.CentreY, b.Width)));
            }

            if (columns[last].All(n => n.Node.Kind == SankeyNodeKind.Output))
            {
                columns[last] = Reorder(columns[last], n => bandsInto[n].Select(b => (b.Source.CentreY, b.Width)));
            }

            Place();
        }

        // Side labels: as near their box as they can be without touching their neighbours.
        var labels = new List<PlacedLabel>();
        foreach (var column in columns)
        {
            var side = column.Where(n => SideOf(n) != LabelSide.Above).ToList();
            var tops = new double[side.Count];
            var previousBottom = top - LabelSpacing;
            for (var i = 0; i < side.Count; i++)
            {
                tops[i] = Math.Max(side[i].CentreY - (side[i].Label!.Box.Height / 2), previousBottom + LabelSpacing);
                previousBottom = tops[i] + side[i].Label!.Box.Height;
            }

            var limit = top + innerHeight;
            for (var i = side.Count - 1; i >= 0; i--)
            {
                tops[i] = Math.Min(tops[i], limit - side[i].Label!.Box.Height);
                limit = tops[i] - LabelSpacing;
            }

            for (var i = 0; i < side.Count; i++)
            {
                var node = side[i];
                var label = node.Label!;
                var x = SideOf(node) == LabelSide.Left ? node.X - LabelGap - label.Box.Width : node.X + nodeWidth + LabelGap;
                label.Box = label.Box with { X = x, Y = tops[i] };
                labels.Add(label);
            }
        }

        // Step labels above their box; one that would touch a label already placed moves up, joined by a leader line.
        foreach (var node in above.OrderBy(n => n.Column).ThenBy(n => n.Y))
        {
            var label = node.Label!;
            var box = label.Box with { X = node.X + (nodeWidth / 2) - (label.Box.Width / 2), Y = node.Y - AboveGap - label.Box.Height };
            while (labels.Where(l => l.Box.Overlaps(box)).Select(l => l.Box.Y).DefaultIfEmpty(double.NaN).Min() is var blocking && !double.IsNaN(blocking))
            {
                box = box with { Y = blocking - box.Height - 2 };
            }

            label.Box = box;
            labels.Add(label);
        }

        // Whatever rose above the top moves everything down.
        var highest = labels.Select(l => l.Box.Y).Concat(placed.Values.Select(n => n.Y)).DefaultIfEmpty(top).Min();
        var shift = Math.Max(0, top - highest);
        foreach (var node in placed.Values)
        {
            node.Y += shift;
        }

        foreach (var label in labels)
        {
            label.Box = label.Box with { Y = label.Box.Y + shift };
            var node = label.Node!;
            if (SideOf(node) == LabelSide.Above)
            {
                var cx = node.X + (nodeWidth / 2);
                label.Leader = label.Box.Bottom < node.Y - AboveGap - 1 ? $"M{N(cx)},{N(label.Box.Bottom + 1)} L{N(cx)},{N(node.Y)}" : null;
            }
            else if (Math.Abs(label.Box.Y + (label.Box.Height / 2) - node.CentreY) > 1)
            {
                var (from, to) = SideOf(node) == LabelSide.Left ? (node.X - 1, label.Box.Right + 2) : (node.X + nodeWidth + 1, label.Box.X - 2);
                label.Leader = $"M{N(from)},{N(node.CentreY)} L{N(to)},{N(label.Box.Y + (LineStep / 2))}";
            }
        }

        // Band ends: stacked from the top of each box in the order of the box at the other end, so they do not cross
        // at the box.
        foreach (var node in placed.Values)
        {
            var y = node.Y;
            foreach (var band in bandsOutOf[node].Where(b => !b.IsBackward).OrderBy(b => b.Target.CentreY).ThenBy(b => b.Link.IsLoss))
            {
                band.SourceY = y;
                y += band.Width;
            }

            foreach (var band in bandsOutOf[node].Where(b => b.IsBackward))
            {
                band.SourceY = y;
                y += band.Width;
            }

            y = node.Y;
            foreach (var band in bandsInto[node].Where(b => !b.IsBackward).OrderBy(b => b.Source.CentreY))
            {
                band.TargetY = y;
                y += band.Width;
            }

            foreach (var band in bandsInto[node].Where(b => b.IsBackward))
            {
                band.TargetY = y;
                y += band.Width;
            }
        }

        var bottom = labels.Select(l => l.Box.Bottom).Concat(placed.Values.Select(n => n.Y + n.Height)).DefaultIfEmpty(top).Max();
        foreach (var band in bands.Where(b => b.IsBackward))
        {
            bottom += BackLinkSpacing + (band.Width / 2);
            band.LoopY = bottom;
            bottom += band.Width / 2;
        }

        foreach (var band in bands)
        {
            band.BuildPath(nodeWidth);
        }

        // Legend of the classes drawn, then the key of numbered steps: both in rows that wrap at the right edge.
        var rowWidth = width - (2 * Padding);
        var legend = Enum.GetValues<SankeyFlowClass>()
            .Where(c => bands.Any(b => b.Link.FlowClass == c) && ClassNames.ContainsKey(c))
            .Select(c =>
            {
                var text = TextFit.Shorten(ClassNames[c], rowWidth - SwatchWidth - 6, FontSize);
                return new PlacedLabel([text], ClassNames[c], "start") { Swatch = c, TextIndent = SwatchWidth + 6 };
            })
            .ToList();
        var extras = new List<PlacedLabel>();
        if (legend.Count > 0)
        {
            bottom = PlaceRows(legend, bottom + 14, rowWidth, 18);
            extras.AddRange(legend);
        }

        if (!named && above.Count > 0)
        {
            var heading = new PlacedLabel([TextFit.Shorten(StepKeyTitle, rowWidth, FontSize)], StepKeyTitle, "start") { Bold = true };
            var key = above.OrderBy(n => steps.GetValueOrDefault(n.Node.Id))
                .Select(n =>
                {
                    var number = n.Label!.Lines[0];
                    var text = TextFit.Shorten(number + " " + n.Node.Name, Math.Min(rowWidth, 300), FontSize);
                    return new PlacedLabel([text], number + " " + n.Node.Name, "start");
                })
                .ToList();
            bottom = PlaceRows([heading, .. key], bottom + 10, rowWidth, 14);
            extras.Add(heading);
            extras.AddRange(key);
        }

        if (ShowTitle)
        {
            var title = new PlacedLabel([TextFit.Shorten(Title, rowWidth, TitleFontSize)], Title, "start") { Bold = true, Size = TitleFontSize };
            title.Box = title.Box with { X = Padding, Y = Padding };
            extras.Add(title);
        }

        var height = bottom + Padding;
        return new LayoutResult(width, height, nodeWidth, [.. placed.Values], bands, [.. labels, .. extras]);
    }

    private static double PlaceRows(List<PlacedLabel> entries, double top, double rowWidth, double gap)
    {
        var corners = FlowRows.Place([.. entries.Select(e => e.Box.Width)], Padding, top, rowWidth, LineStep + 4, gap);
        for (var i = 0; i < entries.Count; i++)
        {
            entries[i].Box = entries[i].Box with { X = corners[i].X, Y = corners[i].Y };
        }

        return entries.Select(e => e.Box.Bottom).DefaultIfEmpty(top).Max();
    }

    private static List<PlacedNode> Reorder(List<PlacedNode> column, Func<PlacedNode, IEnumerable<(double Y, double Weight)>> neighbours) =>
        column
            .Select((node, index) =>
            {
                var list = neighbours(node).ToList();
                var weight = list.Sum(n => n.Weight);
                var centre = weight > 0 ? list.Sum(n => n.Y * n.Weight) / weight : node.CentreY;
                return (node, centre, index);
            })
            .OrderBy(x => x.centre)
            .ThenBy(x => x.index)
            .Select(x => x.node)
            .ToList();

    private sealed record LayoutResult(double Width, double Height, double NodeWidth, IReadOnlyList<PlacedNode> Nodes, IReadOnlyList<Band> Bands, IReadOnlyList<PlacedLabel> Labels);

    /// <summary>Lines of text in a box; the box's size follows from the lines, its position from the layout.</summary>
    private sealed class PlacedLabel
    {
        public PlacedLabel(IReadOnlyList<string> lines, string fullText, string anchor)
        {
            Lines = lines;
            FullText = fullText;
            Anchor = anchor;
            Box = new LabelBox(0, 0, lines.Select(l => TextFit.Width(l, FontSize)).DefaultIfEmpty(0).Max(), lines.Count * LineStep);
        }

        public IReadOnlyList<string> Lines { get; }

        public string FullText { get; }

        public string Anchor { get; }

        public LabelBox Box { get; set; }

        public PlacedNode? Node { get; init; }

        public bool HasValueLine { get; init; }

        public bool Bold { get; init; }

        public bool Halo { get; init; }

        public SankeyFlowClass? Swatch { get; init; }

        public double? Size
        {
            get;
            init
            {
                field = value;
                if (value is { } size)
                {
                    Box = new LabelBox(0, 0, Lines.Select(l => TextFit.Width(l, size)).DefaultIfEmpty(0).Max(), Lines.Count * size * TextFit.LineHeight);
                }
            }
        }

        public double TextIndent
        {
            get;
            init
            {
                field = value;
                Box = Box with { Width = Box.Width + value };
            }
        }

        public string? Leader { get; set; }

        public ChartLabel ToChartLabel() => new(string.Join("\n", Lines), FullText, Box);
    }

    private sealed class PlacedNode(SankeyNode node, int column)
    {
        public SankeyNode Node { get; } = node;

        public int Column { get; } = column;

        public double InValue { get; set; }

        public double OutValue { get; set; }

        /// <summary>What the box stands for: the larger of in and out, so an unclosed balance is still drawn whole.</summary>
        public double Throughput => Math.Max(InValue, OutValue);

        public bool IsLoss { get; set; }

        public SankeyFlowClass Class { get; set; }

        public PlacedLabel? Label { get; set; }

        public double X { get; set; }

        public double Y { get; set; }

        public double Height { get; set; }

        public double CentreY => Y + (Height / 2);
    }

    private sealed class Band(SankeyLink link, PlacedNode source, PlacedNode target, double width, bool isBackward)
    {
        public SankeyLink Link { get; } = link;

        public PlacedNode Source { get; } = source;

        public PlacedNode Target { get; } = target;

        public double Width { get; } = width;

        public bool IsBackward { get; } = isBackward;

        public double SourceY { get; set; }

        public double TargetY { get; set; }

        public double LoopY { get; set; }

        public string Path { get; private set; } = string.Empty;

        public string LoopPath { get; private set; } = string.Empty;

        /// <summary>
        /// A filled band between two cubic Béziers with horizontal tangents at both ends, so it leaves and enters the
        /// boxes square. The first and last points are the top and bottom of the source end.
        /// </summary>
        public void BuildPath(double nodeWidth)
        {
            var x0 = Source.X + nodeWidth;
            var x1 = Target.X;
            if (IsBackward)
            {
                var ys = SourceY + (Width / 2);
                var yt = TargetY + (Width / 2);
                const double Reach = 40;
                LoopPath = $"M{N(x0)},{N(ys)} C{N(x0 + Reach)},{N(ys)} {N(x0 + Reach)},{N(LoopY)} {N(x0)},{N(LoopY)} "
                    + $"L{N(x1)},{N(LoopY)} C{N(x1 - Reach)},{N(LoopY)} {N(x1 - Reach)},{N(yt)} {N(x1)},{N(yt)}";
                return;
            }

            var xm = (x0 + x1) / 2;
            var y0 = SourceY;
            var y1 = TargetY;
            Path = $"M{N(x0)},{N(y0)} C{N(xm)},{N(y0)} {N(xm)},{N(y1)} {N(x1)},{N(y1)} "
                + $"L{N(x1)},{N(y1 + Width)} C{N(xm)},{N(y1 + Width)} {N(xm)},{N(y0 + Width)} {N(x0)},{N(y0 + Width)} Z";
        }
    }
}
