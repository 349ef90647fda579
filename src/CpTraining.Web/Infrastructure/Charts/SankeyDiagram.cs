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

/// <summary>
/// What a flow is, for its colour and the legend. <see cref="Wastewater"/>, <see cref="Waste"/> and
/// <see cref="Emission"/> are losses and are hatched as well.
/// </summary>
public enum SankeyFlowClass
{
    Material,
    Water,
    Product,
    ByProduct,
    Wastewater,
    Waste,
    Emission,
    Energy,
}

/// <summary>A box of the diagram. <paramref name="Id"/> is only used to link flows; <paramref name="Name"/> is shown.</summary>
public sealed record SankeyNode(string Id, string Name, SankeyNodeKind Kind);

/// <summary>
/// A flow between two nodes in the diagram's unit (e.g. t/yr). <paramref name="IsLoss"/> marks waste and losses, drawn
/// with a hatch and a dashed outline. <paramref name="Label"/> (e.g. the material) is added to the tooltip and the table.
/// <paramref name="Class"/> chooses the colour; without it a loss counts as waste and anything else as material.
/// </summary>
public sealed record SankeyLink(string From, string To, double Value, bool IsLoss = false, string? Label = null, SankeyFlowClass? Class = null)
{
    public SankeyFlowClass FlowClass => Class ?? (IsLoss ? SankeyFlowClass.Waste : SankeyFlowClass.Material);
}

/// <summary>
/// One row of the table that stands in for the picture for screen-reader users (and for anyone who wants the numbers).
/// <paramref name="SharePercent"/> is the share of everything that leaves <paramref name="From"/>, i.e. what the
/// widths of the bands leaving that box show. Names are always given in full here, even where the picture shortens them.
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
/// The layout (<see cref="Layout"/>) is computed here, label boxes included, so that tests can check that no label is
/// cut off or overlaps another, and that the text prints at 7 pt or more on A4.
/// </summary>
public sealed partial class SankeyDiagram
{
    /// <summary>px; a 0.1 t/yr solvent loss next to a 10 000 t/yr water flow would otherwise vanish.</summary>
    public const double MinLinkWidth = 2;

    /// <summary>
    /// The widest viewBox: printed 178 mm wide (A4 less the PDF's margins, 672.8 CSS px), 12 px text comes out at
    /// 12 × 672.8 / 840 × 0.75 = 7.2 pt. A diagram with more columns grows in height, never in width.
    /// </summary>
    public const double MaxWidth = 840;

    public const double FontSize = 12;

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

    /// <summary>Legend text of each flow class, already localised; a class present in the diagram without a name gets no entry.</summary>
    public IReadOnlyDictionary<SankeyFlowClass, string> ClassNames { get; init; } = new Dictionary<SankeyFlowClass, string>();

    /// <summary>Heading of the key that numbers the steps when the columns are too narrow for their names.</summary>
    public string StepKeyTitle { get; init; } = "Steps";

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

    /// <summary>The geometry a reviewer can check: viewBox, font size and every label's box.</summary>
    public SankeyLayout Layout(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var layout = Compute(culture);
        return new SankeyLayout(layout.Width, layout.Height, FontSize, layout.Labels.Select(l => l.ToChartLabel()).ToList());
    }

    public string ToSvg(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var layout = Compute(culture);
        var hatchId = IdPrefix + "-loss-hatch";
        var root = Root(IdPrefix, "chart-sankey" + (layout.Width > 640 ? " chart-wide" : string.Empty), layout.Width, layout.Height, Title, Description);
        // Drawn at its own size where there is room (no 18 px labels on a wide screen), shrunk by CSS where there is not.
        root.Add(A("width", layout.Width), A("height", layout.Height));
        root.Add(El(
            "defs",
            // Diagonal white stripes over the class colour: losses stay recognisable in greyscale print and for
            // readers who cannot tell the colours apart.
            El(
                "pattern",
                A("id", hatchId),
                A("patternUnits", "userSpaceOnUse"),
                A("width", 6),
                A("height", 6),
                A("patternTransform", "rotate(45)"),
                El("rect", A("width", 6), A("height", 6), A("fill", "none")),
                El("line", A("x1", 0), A("y1", 0), A("x2", 0), A("y2", 6), A("stroke", "#ffffff"), A("stroke-width", 2.2), A("stroke-opacity", "0.75")))));

        var links = El("g", A("class", "links"));
        // Wide bands first, so that thin ones are drawn over them and stay visible.
        foreach (var band in layout.Bands.OrderByDescending(b => b.Width))
        {
            links.Add(BandElement(band, hatchId, culture));
        }

        root.Add(links);

        var nodes = El("g", A("class", "nodes"));
        foreach (var node in layout.Nodes)
        {
            nodes.Add(NodeElement(node, layout.NodeWidth, hatchId, culture));
        }

        root.Add(nodes);

        var extras = El("g", A("class", "legend"));
        foreach (var label in layout.Labels.Where(l => l.Node is null))
        {
            if (label.Swatch is { } flowClass)
            {
                extras.Add(Swatch(label.Box.X, label.Box.Y + 2, flowClass, hatchId));
            }

            extras.Add(LabelText(label));
        }

        root.Add(extras);
        return Serialise(root);
    }

    /// <summary>The colour of a flow class (Okabe–Ito based: tells apart for most colour-blind readers too).</summary>
    public static string ColourOf(SankeyFlowClass flowClass) => flowClass switch
    {
        SankeyFlowClass.Water => "#56b4e9",
        SankeyFlowClass.Product => "#009e73",
        SankeyFlowClass.ByProduct => "#7a9a01",
        SankeyFlowClass.Wastewater => "#0072b2",
        SankeyFlowClass.Waste => LossColour,
        SankeyFlowClass.Emission => "#cc79a7",
        SankeyFlowClass.Energy => "#e69f00",
        _ => "#8c96a0",
    };

    public static bool IsLossClass(SankeyFlowClass flowClass) =>
        flowClass is SankeyFlowClass.Wastewater or SankeyFlowClass.Waste or SankeyFlowClass.Emission;

    private static XElement Swatch(double x, double y, SankeyFlowClass flowClass, string hatchId)
    {
        var g = El("g", A("class", "swatch"), El("rect", A("x", x), A("y", y), A("width", SwatchWidth), A("height", 12), A("fill", ColourOf(flowClass)), A("fill-opacity", "0.75")));
        if (IsLossClass(flowClass))
        {
            g.Add(El("rect", A("x", x), A("y", y), A("width", SwatchWidth), A("height", 12), A("fill", $"url(#{hatchId})"), A("stroke", ColourOf(flowClass)), A("stroke-width", 0.8), A("stroke-dasharray", "4 2")));
        }

        return g;
    }

    private static XElement LabelText(PlacedLabel label)
    {
        var (x, anchor) = label.Anchor switch
        {
            "end" => (label.Box.Right, "end"),
            "middle" => (label.Box.X + (label.Box.Width / 2), "middle"),
            _ => (label.Box.X + label.TextIndent, "start"),
        };
        var g = El("g", A("class", "label"));
        for (var i = 0; i < label.Lines.Count; i++)
        {
            var isValue = label.HasValueLine && i == label.Lines.Count - 1;
            object[] halo = label.Halo
                ? [A("stroke", "#ffffff"), A("stroke-width", 3), A("stroke-linejoin", "round"), A("paint-order", "stroke")]
                : [];
            var size = label.Size ?? FontSize;
            g.Add(Text(
                x,
                label.Box.Y + (i * size * TextFit.LineHeight) + (size * 0.92),
                label.Lines[i],
                A("text-anchor", anchor),
                label.Size is { } own ? A("font-size", own) : null,
                isValue ? A("fill", MutedTextColour) : label.Bold ? A("font-weight", "600") : null,
                halo));
        }

        return g;
    }

    private XElement BandElement(Band band, string hatchId, CultureInfo culture)
    {
        var link = band.Link;
        var from = band.Source.Node.Name;
        var to = band.Target.Node.Name;
        var value = WithUnit(FormatNumber(link.Value, culture, ValueFormat), Unit);
        var tooltip = link.Label is { Length: > 0 } label ? $"{from} → {to} ({label}): {value}" : $"{from} → {to}: {value}";
        var flowClass = link.FlowClass;
        var colour = ColourOf(flowClass);
        var g = El(
            "g",
            A("class", (link.IsLoss ? "link link-loss" : "link") + " link-" + flowClass.ToString().ToLowerInvariant()),
            El("title", tooltip));

        if (band.IsBackward)
        {
            // A recycle to an earlier step: a stroked loop under the diagram instead of a band running backwards
            // through the boxes. Its stroke width is the flow's width, on the same scale as every band.
            g.Add(El(
                "path",
                A("d", band.LoopPath),
                A("fill", "none"),
                A("stroke", colour),
                A("stroke-opacity", "0.5"),
                A("stroke-width", band.Width)));
            return g;
        }

        g.Add(El("path", A("d", band.Path), A("fill", colour), A("fill-opacity", "0.6")));
        if (link.IsLoss)
        {
            // Hatch and a dashed outline: the second and third cue besides colour.
            g.Add(El("path", A("d", band.Path), A("fill", $"url(#{hatchId})"), A("stroke", colour), A("stroke-width", 0.8), A("stroke-dasharray", "4 2")));
        }

        return g;
    }

    private XElement NodeElement(PlacedNode placed, double nodeWidth, string hatchId, CultureInfo culture)
    {
        var node = placed.Node;
        var kind = node.Kind.ToString().ToLowerInvariant();
        var value = WithUnit(FormatNumber(placed.Throughput, culture, ValueFormat), Unit);
        var fill = node.Kind == SankeyNodeKind.Step ? "#343a40" : ColourOf(placed.Class);
        var g = El(
            "g",
            A("class", $"node node-{kind}" + (placed.IsLoss ? " node-loss" : string.Empty)),
            El("title", $"{node.Name}: {value}"),
            El("rect", A("x", placed.X), A("y", placed.Y), A("width", nodeWidth), A("height", placed.Height), A("fill", fill), A("rx", 1.5)));
        if (placed.IsLoss)
        {
            g.Add(El("rect", A("x", placed.X), A("y", placed.Y), A("width", nodeWidth), A("height", placed.Height), A("fill", $"url(#{hatchId})")));
        }

        if (placed.Label is { } label)
        {
            if (label.Leader is { } leader)
            {
                g.Add(El("path", A("class", "leader"), A("d", leader), A("fill", "none"), A("stroke", AxisColour), A("stroke-width", 0.8)));
            }

            g.Add(LabelText(label));
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

}
