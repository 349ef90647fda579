using System.Globalization;
using System.Xml.Linq;
using static CpTraining.Web.Infrastructure.Charts.Svg;

namespace CpTraining.Web.Infrastructure.Charts;

/// <summary>Where a node stands in a balance: inputs on the left, process steps in the middle, outputs on the right.</summary>
public enum SankeyNodeKind
{
    Input,
    Step,
    Output,
}

/// <summary>A box of the diagram. <paramref name="Id"/> is only used to link flows; <paramref name="Name"/> is shown.</summary>
public sealed record SankeyNode(string Id, string Name, SankeyNodeKind Kind);

/// <summary>
/// A flow between two nodes in the diagram's unit (e.g. t/yr). <paramref name="IsLoss"/> marks waste and losses, drawn
/// in the warning colour with a hatch. <paramref name="Label"/> (e.g. the material) is added to the tooltip and the table.
/// </summary>
public sealed record SankeyLink(string From, string To, double Value, bool IsLoss = false, string? Label = null);

/// <summary>
/// One row of the table that stands in for the picture for screen-reader users (and for anyone who wants the numbers).
/// <paramref name="SharePercent"/> is the share of everything that leaves <paramref name="From"/>, i.e. what the
/// widths of the bands leaving that box show.
/// </summary>
public sealed record SankeyTableRow(
    string From,
    string To,
    string? Label,
    double Value,
    double SharePercent,
    bool IsLoss,
    string FormattedValue,
    string FormattedShare);

/// <summary>
/// A mass or energy balance as a Sankey diagram, rendered to SVG on the server so that it needs no script, obeys the
/// CSP and prints the same in the browser and in the PDF report. Band widths use one scale everywhere, so a 300 t/yr
/// flow is three times as wide as a 100 t/yr flow wherever it is; only flows thinner than
/// <see cref="MinLinkWidth"/> px are widened so that they stay visible (the table keeps their true value).
/// </summary>
public sealed class SankeyDiagram
{
    /// <summary>px; a 0.1 t/yr solvent loss next to a 10 000 t/yr water flow would otherwise vanish.</summary>
    public const double MinLinkWidth = 2;

    private const double NodeWidth = 14;
    private const double NodeAreaHeight = 420; // px that the busiest column's flows fill
    private const double MinNodeHeight = 4;
    private const double NodeGap = 14;
    private const double LabelBlock = 32; // two lines of label beside an input or output
    private const double StepLabelBlock = 34; // two lines of label above a step
    private const double Padding = 16;
    private const double FontSize = 12;
    private const double BackLinkSpacing = 12;

    private readonly IReadOnlyList<SankeyNode> _nodes;
    private readonly IReadOnlyList<SankeyLink> _links;

    public SankeyDiagram(string title, string description, string unit, IEnumerable<SankeyNode> nodes, IEnumerable<SankeyLink> links)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(links);
        Title = title;
        Description = description;
        Unit = unit ?? string.Empty;
        _nodes = [.. nodes];
        _links = [.. links];
        Validate();
    }

    public string Title { get; }

    public string Description { get; }

    public string Unit { get; }

    /// <summary>Prefix of the element ids (title, description, patterns); must be unique on the page.</summary>
    public string IdPrefix { get; init; } = "sankey";

    /// <summary>Draws the title above the diagram too (for PDF reports and downloads); pages with a heading may turn it off.</summary>
    public bool ShowTitle { get; init; } = true;

    /// <summary>Legend text for ordinary flows, already localised; no legend entry when null.</summary>
    public string? FlowLegend { get; init; }

    /// <summary>Legend text for losses and waste, already localised; no legend entry when null.</summary>
    public string? LossLegend { get; init; }

    /// <summary>.NET numeric format for values (e.g. "N1"); null chooses decimals by magnitude.</summary>
    public string? ValueFormat { get; init; }

    /// <summary>
    /// Rows in the order the diagram reads: by the source's column, then as given. Zero flows are listed even though
    /// they are not drawn, so the table is the complete record.
    /// </summary>
    public IReadOnlyList<SankeyTableRow> TableRows(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var columns = AssignColumns(out _);
        var nodes = _nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        var outgoing = _links.GroupBy(l => l.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(l => l.Value), StringComparer.Ordinal);
        return _links
            .Select((link, index) => (link, index))
            .OrderBy(x => columns[x.link.From])
            .ThenBy(x => x.index)
            .Select(x =>
            {
                var total = outgoing[x.link.From];
                var share = total > 0 ? x.link.Value / total * 100 : 0;
                return new SankeyTableRow(
                    nodes[x.link.From].Name,
                    nodes[x.link.To].Name,
                    x.link.Label,
                    x.link.Value,
                    share,
                    x.link.IsLoss,
                    WithUnit(FormatNumber(x.link.Value, culture, ValueFormat), Unit),
                    share.ToString("0.0", culture) + "\u00A0%");
            })
            .ToList();
    }

    public string ToSvg(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var layout = Layout(culture);
        var hatchId = IdPrefix + "-loss-hatch";
        var root = Root(IdPrefix, "chart-sankey", layout.Width, layout.Height, Title, Description);
        root.Add(El(
            "defs",
            // Diagonal white stripes over the warning colour: losses stay recognisable in greyscale print and for
            // readers who cannot tell orange from blue.
            El(
                "pattern",
                A("id", hatchId),
                A("patternUnits", "userSpaceOnUse"),
                A("width", 6),
                A("height", 6),
                A("patternTransform", "rotate(45)"),
                El("rect", A("width", 6), A("height", 6), A("fill", "none")),
                El("line", A("x1", 0), A("y1", 0), A("x2", 0), A("y2", 6), A("stroke", "#ffffff"), A("stroke-width", 2.2), A("stroke-opacity", "0.75")))));

        if (ShowTitle)
        {
            root.Add(Text(Padding, Padding + 14, Title, A("class", "chart-heading"), A("font-size", 15), A("font-weight", "600")));
        }

        var links = El("g", A("class", "links"));
        foreach (var band in layout.Bands)
        {
            links.Add(BandElement(band, hatchId, culture));
        }

        root.Add(links);

        var nodes = El("g", A("class", "nodes"));
        foreach (var node in layout.Nodes)
        {
            nodes.Add(NodeElement(node, hatchId, culture));
        }

        root.Add(nodes);

        if (layout.LegendY is { } legendY)
        {
            root.Add(Legend(legendY, hatchId, layout.HasLoss));
        }

        return Serialise(root);
    }

    private XElement BandElement(Band band, string hatchId, CultureInfo culture)
    {
        var link = band.Link;
        var from = band.Source.Node.Name;
        var to = band.Target.Node.Name;
        var value = WithUnit(FormatNumber(link.Value, culture, ValueFormat), Unit);
        var tooltip = link.Label is { Length: > 0 } label ? $"{from} → {to} ({label}): {value}" : $"{from} → {to}: {value}";
        var g = El(
            "g",
            A("class", link.IsLoss ? "link link-loss" : "link"),
            El("title", tooltip));

        if (band.IsBackward)
        {
            // A recycle to an earlier step: a stroked loop under the diagram instead of a band running backwards
            // through the boxes. Its stroke width is the flow's width, on the same scale as every band.
            g.Add(El(
                "path",
                A("d", band.LoopPath),
                A("fill", "none"),
                A("stroke", link.IsLoss ? LossColour : "#1c7ed6"),
                A("stroke-opacity", "0.35"),
                A("stroke-width", band.Width)));
            return g;
        }

        g.Add(El(
            "path",
            A("d", band.Path),
            A("fill", link.IsLoss ? LossColour : "#4dabf7"),
            A("fill-opacity", link.IsLoss ? "0.7" : "0.42")));
        if (link.IsLoss)
        {
            // Hatch and a dashed outline: the second and third cue besides colour.
            g.Add(El("path", A("d", band.Path), A("fill", $"url(#{hatchId})"), A("stroke", LossColour), A("stroke-width", 0.8), A("stroke-dasharray", "4 2")));
        }

        return g;
    }

    private XElement NodeElement(PlacedNode placed, string hatchId, CultureInfo culture)
    {
        var node = placed.Node;
        var isLoss = placed.IsLoss;
        var kind = node.Kind.ToString().ToLowerInvariant();
        var value = WithUnit(FormatNumber(placed.Throughput, culture, ValueFormat), Unit);
        var fill = isLoss ? LossColour : node.Kind switch
        {
            SankeyNodeKind.Input => "#1864ab",
            SankeyNodeKind.Step => "#343a40",
            _ => "#2b8a3e",
        };
        var g = El(
            "g",
            A("class", $"node node-{kind}" + (isLoss ? " node-loss" : string.Empty)),
            El("title", $"{node.Name}: {value}"),
            El("rect", A("x", placed.X), A("y", placed.Y), A("width", NodeWidth), A("height", placed.Height), A("fill", fill), A("rx", 1.5)));
        if (isLoss)
        {
            g.Add(El("rect", A("x", placed.X), A("y", placed.Y), A("width", NodeWidth), A("height", placed.Height), A("fill", $"url(#{hatchId})")));
        }

        var centreY = placed.Y + (placed.Height / 2);
        var (x, anchor, nameY) = node.Kind switch
        {
            SankeyNodeKind.Input => (placed.X - 8, "end", centreY - 3),
            SankeyNodeKind.Output => (placed.X + NodeWidth + 8, "start", centreY - 3),
            _ => (placed.X + (NodeWidth / 2), "middle", placed.Y - 21),
        };
        // A white halo keeps step labels readable where they sit over bands.
        object[] halo = node.Kind == SankeyNodeKind.Step
            ? [A("stroke", "#ffffff"), A("stroke-width", 3), A("stroke-linejoin", "round"), A("paint-order", "stroke")]
            : [];
        g.Add(Text(x, nameY, node.Name, A("text-anchor", anchor), A("font-weight", "600"), halo));
        g.Add(Text(x, nameY + 14, value, A("text-anchor", anchor), A("fill", isLoss ? LossColour : MutedTextColour), halo));
        return g;
    }

    private XElement Legend(double y, string hatchId, bool hasLoss)
    {
        var g = El("g", A("class", "legend"));
        var x = Padding;
        if (FlowLegend is { } flow)
        {
            g.Add(El("rect", A("x", x), A("y", y), A("width", 22), A("height", 12), A("fill", "#4dabf7"), A("fill-opacity", "0.42")));
            g.Add(Text(x + 28, y + 10, flow));
            x += 28 + EstimateTextWidth(flow, FontSize) + 24;
        }

        if (LossLegend is { } loss && hasLoss)
        {
            g.Add(El("rect", A("x", x), A("y", y), A("width", 22), A("height", 12), A("fill", LossColour), A("fill-opacity", "0.7")));
            g.Add(El("rect", A("x", x), A("y", y), A("width", 22), A("height", 12), A("fill", $"url(#{hatchId})"), A("stroke", LossColour), A("stroke-width", 0.8), A("stroke-dasharray", "4 2")));
            g.Add(Text(x + 28, y + 10, loss));
        }

        return g;
    }

    private void Validate()
    {
        var kinds = new Dictionary<string, SankeyNodeKind>(StringComparer.Ordinal);
        foreach (var node in _nodes)
        {
            if (!kinds.TryAdd(node.Id, node.Kind))
            {
                throw new ArgumentException($"Two nodes have the id '{node.Id}'.", nameof(SankeyNode));
            }
        }

        foreach (var link in _links)
        {
            if (!kinds.TryGetValue(link.From, out var from) || !kinds.TryGetValue(link.To, out var to))
            {
                throw new ArgumentException($"The flow {link.From} → {link.To} names a node that does not exist.", nameof(SankeyLink));
            }

            if (!double.IsFinite(link.Value) || link.Value < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(SankeyLink), link.Value, $"The flow {link.From} → {link.To} must be a finite value ≥ 0.");
            }

            if (from == SankeyNodeKind.Output || to == SankeyNodeKind.Input || link.From == link.To)
            {
                throw new ArgumentException($"The flow {link.From} → {link.To} runs against the diagram (out of an output, into an input or onto itself).", nameof(SankeyLink));
            }
        }
    }

    /// <summary>
    /// Inputs in column 0; each step one column right of the longest chain of steps feeding it; outputs in the last
    /// column. Links that close a cycle (an internal recycle) are set aside as back links so that the rest is a DAG.
    /// </summary>
    private Dictionary<string, int> AssignColumns(out HashSet<SankeyLink> backLinks)
    {
        var back = new HashSet<SankeyLink>(ReferenceEqualityComparer.Instance);
        backLinks = back;
        var steps = _nodes.Where(n => n.Kind == SankeyNodeKind.Step).Select(n => n.Id).ToList();
        var stepSet = steps.ToHashSet(StringComparer.Ordinal);
        var successors = steps.ToDictionary(s => s, _ => new List<SankeyLink>(), StringComparer.Ordinal);
        foreach (var link in _links.Where(l => stepSet.Contains(l.From) && stepSet.Contains(l.To)))
        {
            successors[link.From].Add(link);
        }

        // Depth-first search: an edge to a step still on the stack closes a cycle. Post-order gives a topological order.
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on stack, 2 = done
        var postOrder = new List<string>();
        foreach (var start in steps)
        {
            if (state.ContainsKey(start))
            {
                continue;
            }

            var stack = new Stack<(string Step, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            while (stack.Count > 0)
            {
                var (step, next) = stack.Pop();
                if (next < successors[step].Count)
                {
                    stack.Push((step, next + 1));
                    var link = successors[step][next];
                    if (!state.TryGetValue(link.To, out var s))
                    {
                        state[link.To] = 1;
                        stack.Push((link.To, 0));
                    }
                    else if (s == 1)
                    {
                        back.Add(link);
                    }
                }
                else
                {
                    state[step] = 2;
                    postOrder.Add(step);
                }
            }
        }

        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var step in Enumerable.Reverse(postOrder))
        {
            columns.TryAdd(step, 1);
            foreach (var link in successors[step].Where(l => !back.Contains(l)))
            {
                columns[link.To] = Math.Max(columns.GetValueOrDefault(link.To, 1), columns[step] + 1);
            }
        }

        var outputColumn = columns.Count == 0 ? 1 : columns.Values.Max() + 1;
        foreach (var node in _nodes)
        {
            columns[node.Id] = node.Kind switch
            {
                SankeyNodeKind.Input => 0,
                SankeyNodeKind.Output => outputColumn,
                _ => columns[node.Id],
            };
        }

        return columns;
    }

    private LayoutResult Layout(CultureInfo culture)
    {
        var columnOf = AssignColumns(out var backLinks);
        var placed = _nodes.ToDictionary(
            n => n.Id,
            n => new PlacedNode(n, columnOf[n.Id]),
            StringComparer.Ordinal);
        foreach (var link in _links)
        {
            placed[link.From].OutValue += link.Value;
            placed[link.To].InValue += link.Value;
        }

        // Lookups by node instead of scanning every link per node: a 400-stream balance has some 450 nodes.
        var linksInto = _links.ToLookup(l => l.To, StringComparer.Ordinal);
        foreach (var node in placed.Values)
        {
            // An output is drawn as a loss when everything reaching it is a loss (wastewater, emissions).
            var incoming = linksInto[node.Node.Id].ToList();
            node.IsLoss = node.Node.Kind == SankeyNodeKind.Output && incoming.Count > 0 && incoming.All(l => l.IsLoss);
        }

        var columnCount = placed.Values.Select(n => n.Column).DefaultIfEmpty(0).Max() + 1;
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
            var inWidth = bandsInto[node].Sum(b => b.Width);
            var outWidth = bandsOutOf[node].Sum(b => b.Width);
            node.Height = Math.Max(MinNodeHeight, Math.Max(inWidth, outWidth));
        }

        // Horizontal: label room on both sides, then evenly spaced columns wide enough for the step labels.
        string ValueText(PlacedNode n) => WithUnit(FormatNumber(n.Throughput, culture, ValueFormat), Unit);
        double LabelWidth(PlacedNode n) => Math.Max(EstimateTextWidth(n.Node.Name, FontSize) * 1.1, EstimateTextWidth(ValueText(n), FontSize));
        var left = Padding + placed.Values.Where(n => n.Column == 0).Select(LabelWidth).DefaultIfEmpty(0).Max() + 10;
        var right = placed.Values.Where(n => n.Column == columnCount - 1 && n.Node.Kind == SankeyNodeKind.Output).Select(LabelWidth).DefaultIfEmpty(0).Max() + 10 + Padding;
        var stepLabel = placed.Values.Where(n => n.Node.Kind == SankeyNodeKind.Step).Select(LabelWidth).DefaultIfEmpty(0).Max();
        var columnGap = Math.Max(200, stepLabel + 40);
        foreach (var node in placed.Values)
        {
            node.X = left + (node.Column * columnGap);
        }

        var top = Padding + (ShowTitle ? 34 : 0);
        var columns = Enumerable.Range(0, columnCount)
            .Select(c => placed.Values.Where(n => n.Column == c).ToList())
            .ToList();

        // Vertical: stack each column in its order, then reorder by the mean height of the neighbours (barycentre
        // heuristic) a few times, so bands cross as little as possible. Slots reserve room for the labels, so neither
        // boxes nor labels can overlap.
        double SlotHeight(PlacedNode n) => n.Node.Kind == SankeyNodeKind.Step ? n.Height + StepLabelBlock : Math.Max(n.Height, LabelBlock);
        var innerHeight = columns.Max(c => c.Sum(SlotHeight) + (Math.Max(0, c.Count - 1) * NodeGap));
        void Place()
        {
            foreach (var column in columns)
            {
                var y = top + ((innerHeight - (column.Sum(SlotHeight) + (Math.Max(0, column.Count - 1) * NodeGap))) / 2);
                foreach (var node in column)
                {
                    var slot = SlotHeight(node);
                    node.Y = node.Node.Kind == SankeyNodeKind.Step ? y + StepLabelBlock : y + ((slot - node.Height) / 2);
                    y += slot + NodeGap;
                }
            }
        }

        Place();
        for (var sweep = 0; sweep < 4; sweep++)
        {
            for (var c = 1; c < columnCount; c++)
            {
                columns[c] = Reorder(columns[c], n => bandsInto[n].Where(b => !b.IsBackward).Select(b => (b.Source.CentreY, b.Width)));
                Place();
            }

            for (var c = columnCount - 2; c >= 0; c--)
            {
                columns[c] = Reorder(columns[c], n => bandsOutOf[n].Where(b => !b.IsBackward).Select(b => (b.Target.CentreY, b.Width)));
                Place();
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

        var bottom = top + innerHeight;
        foreach (var band in bands.Where(b => b.IsBackward))
        {
            bottom += BackLinkSpacing + (band.Width / 2);
            band.LoopY = bottom;
            bottom += band.Width / 2;
        }

        foreach (var band in bands)
        {
            band.BuildPath(NodeWidth);
        }

        var hasLoss = _links.Any(l => l.IsLoss && l.Value > 0);
        double? legendY = FlowLegend is not null || (LossLegend is not null && hasLoss) ? bottom + 18 : null;
        var height = (legendY ?? bottom) + (legendY is null ? Padding : 12 + Padding);
        var width = left + ((columnCount - 1) * columnGap) + NodeWidth + right;
        return new LayoutResult(width, height, [.. placed.Values], bands, legendY, hasLoss);
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

    private sealed record LayoutResult(double Width, double Height, IReadOnlyList<PlacedNode> Nodes, IReadOnlyList<Band> Bands, double? LegendY, bool HasLoss);

    private sealed class PlacedNode(SankeyNode node, int column)
    {
        public SankeyNode Node { get; } = node;

        public int Column { get; } = column;

        public double InValue { get; set; }

        public double OutValue { get; set; }

        /// <summary>What the box stands for: the larger of in and out, so an unclosed balance is still drawn whole.</summary>
        public double Throughput => Math.Max(InValue, OutValue);

        public bool IsLoss { get; set; }

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
