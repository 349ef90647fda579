using System.Globalization;
using CpTraining.Web.Infrastructure.Charts;

namespace CpTraining.Web.Tests.Charts;

public sealed class SankeyDiagramTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>A small dyeing line: two inputs, three steps in a chain with a bypass, a product and two losses.</summary>
    private static SankeyDiagram DyeingLine(string? waterName = null) => new(
        "Mass balance, dyeing line",
        "Water and fabric through washing, dyeing and rinsing; 30 % leaves as wastewater.",
        "t/yr",
        [
            new SankeyNode("water", waterName ?? "Water", SankeyNodeKind.Input),
            new SankeyNode("fabric", "Fabric", SankeyNodeKind.Input),
            new SankeyNode("wash", "Washing", SankeyNodeKind.Step),
            new SankeyNode("dye", "Dyeing", SankeyNodeKind.Step),
            new SankeyNode("rinse", "Rinsing", SankeyNodeKind.Step),
            new SankeyNode("product", "Dyed fabric", SankeyNodeKind.Output),
            new SankeyNode("ww", "Wastewater", SankeyNodeKind.Output),
            new SankeyNode("air", "Steam to air", SankeyNodeKind.Output),
        ],
        [
            new SankeyLink("water", "wash", 300),
            new SankeyLink("fabric", "wash", 100),
            new SankeyLink("wash", "dye", 250),
            new SankeyLink("wash", "ww", 150, IsLoss: true, Label: "first wash"),
            new SankeyLink("dye", "rinse", 200),
            new SankeyLink("dye", "air", 50, IsLoss: true),
            new SankeyLink("rinse", "product", 100),
            new SankeyLink("rinse", "ww", 100, IsLoss: true),
        ])
    {
        ClassNames = new Dictionary<SankeyFlowClass, string> { [SankeyFlowClass.Material] = "Flow", [SankeyFlowClass.Waste] = "Loss or waste" },
    };

    [Fact]
    public void Band_widths_are_proportional_to_the_flows()
    {
        var root = SvgAssert.Parse(DyeingLine().ToSvg(English));

        double Width(string from, string to)
        {
            var link = root.WithClass("link").Single(l => l.TitleOf().StartsWith($"{from} → {to}", StringComparison.Ordinal));
            var numbers = SvgAssert.PathNumbers((string)link.Elements().First(e => e.Name.LocalName == "path").Attribute("d")!);
            return numbers[^1] - numbers[1]; // bottom minus top of the band where it leaves its source
        }

        var water = Width("Water", "Washing");
        var fabric = Width("Fabric", "Washing");
        Assert.Equal(3.0, water / fabric, 2);
        Assert.Equal(2.5, Width("Washing", "Dyeing") / fabric, 2);
        Assert.Equal(0.5, Width("Dyeing", "Steam to air") / fabric, 2);
    }

    [Fact]
    public void Inputs_stand_left_of_steps_which_stand_left_of_outputs_and_chained_steps_get_their_own_columns()
    {
        var root = SvgAssert.Parse(DyeingLine().ToSvg(English));
        double X(string name) => root.WithClass("node").Single(n => n.TitleOf().StartsWith(name + ":", StringComparison.Ordinal))
            .Elements().First(e => e.Name.LocalName == "rect").Number("x");

        Assert.Equal(X("Water"), X("Fabric"));
        Assert.True(X("Water") < X("Washing"));
        Assert.True(X("Washing") < X("Dyeing"));
        Assert.True(X("Dyeing") < X("Rinsing"));
        Assert.True(X("Rinsing") < X("Dyed fabric"));
        Assert.Equal(X("Dyed fabric"), X("Wastewater"));
        Assert.Equal(X("Dyed fabric"), X("Steam to air"));
    }

    [Fact]
    public void Boxes_in_a_column_do_not_overlap()
    {
        var root = SvgAssert.Parse(DyeingLine().ToSvg(English));
        var boxes = root.WithClass("node")
            .Select(n => n.Elements().First(e => e.Name.LocalName == "rect"))
            .Select(r => (X: r.Number("x"), Top: r.Number("y"), Bottom: r.Number("y") + r.Number("height")))
            .GroupBy(b => b.X);
        foreach (var column in boxes)
        {
            var sorted = column.OrderBy(b => b.Top).ToList();
            for (var i = 1; i < sorted.Count; i++)
            {
                Assert.True(sorted[i].Top >= sorted[i - 1].Bottom + 10, $"Boxes at x={column.Key} overlap.");
            }
        }
    }

    [Fact]
    public void Losses_carry_their_class_colour_and_a_hatch_and_dashed_outline()
    {
        // Flows are coloured by class now (issue 15): a loss without a class is waste, in the warning colour; the hatch
        // and the dashed outline still mark every loss.
        var root = SvgAssert.Parse(DyeingLine().ToSvg(English));
        var losses = root.WithClass("link-loss").ToList();
        Assert.Equal(3, losses.Count);
        foreach (var loss in losses)
        {
            var paths = loss.Elements().Where(e => e.Name.LocalName == "path").ToList();
            Assert.Contains(paths, p => (string?)p.Attribute("fill") == Svg.LossColour);
            Assert.Contains(paths, p => ((string?)p.Attribute("fill"))?.StartsWith("url(#", StringComparison.Ordinal) == true && p.Attribute("stroke-dasharray") is not null);
        }

        var ordinary = root.WithClass("link").Except(losses).ToList();
        Assert.Equal(5, ordinary.Count);
        Assert.All(ordinary, l => Assert.DoesNotContain(l.Descendants(), e => (string?)e.Attribute("fill") == Svg.LossColour));

        // The hatch the losses point to exists.
        var hatch = (string)losses[0].Elements().Last().Attribute("fill")!;
        Assert.Single(root.Descendants(Svg.Ns + "pattern"), p => $"url(#{(string)p.Attribute("id")!})" == hatch);
        Assert.Single(root.WithClass("node-loss"), n => n.TitleOf().StartsWith("Wastewater", StringComparison.Ordinal));
    }

    [Fact]
    public void Title_and_description_are_present_and_referenced_and_no_inline_style_is_used()
    {
        var diagram = DyeingLine();
        var root = SvgAssert.Parse(diagram.ToSvg(English));

        SvgAssert.HasAccessibleNameAndDescription(root, diagram.Title, diagram.Description);
        SvgAssert.HasNoInlineStyleOrScript(root);
    }

    [Fact]
    public void Names_are_escaped()
    {
        var svg = DyeingLine("<script>alert(1)</script> & \"sons\"").ToSvg(English);

        Assert.DoesNotContain("<script", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;", svg, StringComparison.Ordinal);
        var root = SvgAssert.Parse(svg);
        // The name is longer than a label may be: the label shortens it, the tooltip keeps it whole (issue 15).
        Assert.Contains(root.WithClass("node"), n => n.TitleOf().StartsWith("<script>alert(1)</script> & \"sons\":", StringComparison.Ordinal));
        Assert.Contains(root.Descendants(), e => e.Name.LocalName == "text" && e.Value.StartsWith("<script>", StringComparison.Ordinal));
    }

    [Fact]
    public void The_table_alternative_lists_every_flow_with_shares_that_add_up_per_source()
    {
        var rows = DyeingLine().TableRows(English);

        Assert.Equal(8, rows.Count);
        Assert.Equal(["Water", "Fabric"], rows.Take(2).Select(r => r.From));
        foreach (var source in rows.GroupBy(r => r.From))
        {
            Assert.Equal(100, source.Sum(r => r.SharePercent), 6);
        }

        Assert.Equal(400, rows.Where(r => r.From is "Water" or "Fabric").Sum(r => r.Value));
        Assert.Equal(300, rows.Where(r => r.IsLoss).Sum(r => r.Value));
        var wash = rows.Single(r => r is { From: "Washing", To: "Wastewater" });
        Assert.Equal("first wash", wash.Label);
        Assert.Equal("150 t/yr", wash.FormattedValue.Replace('\u00A0', ' '));
        Assert.Equal("37.5 %", wash.FormattedShare.Replace('\u00A0', ' '));
    }

    [Fact]
    public void Values_are_formatted_in_the_readers_culture_and_coordinates_stay_invariant()
    {
        var ukrainian = CultureInfo.GetCultureInfo("uk-UA");
        var diagram = new SankeyDiagram("Баланс", "Опис", "т/рік", [new("a", "Вода", SankeyNodeKind.Input), new("b", "Стоки", SankeyNodeKind.Output)], [new("a", "b", 12345.5, IsLoss: true)]);

        var root = SvgAssert.Parse(diagram.ToSvg(ukrainian));
        var row = Assert.Single(diagram.TableRows(ukrainian));

        Assert.Equal("12\u00A0346\u00A0т/рік", row.FormattedValue);
        Assert.Contains(root.Descendants(), e => e.Name.LocalName == "text" && e.Value == row.FormattedValue);
        Assert.All(root.Descendants(Svg.Ns + "rect"), r => Assert.DoesNotContain(",", (string?)r.Attribute("y") ?? string.Empty, StringComparison.Ordinal));
    }

    [Fact]
    public void A_tiny_flow_stays_visible_and_a_recycle_to_an_earlier_step_does_not_break_the_layout()
    {
        var diagram = new SankeyDiagram(
            "Solvent",
            "Solvent with internal recovery.",
            "kg/yr",
            [
                new("in", "Solvent", SankeyNodeKind.Input),
                new("coat", "Coating", SankeyNodeKind.Step),
                new("dry", "Drying", SankeyNodeKind.Step),
                new("recover", "Recovery", SankeyNodeKind.Step),
                new("out", "Product", SankeyNodeKind.Output),
                new("voc", "VOC", SankeyNodeKind.Output),
            ],
            [
                new("in", "coat", 10000),
                new("coat", "dry", 10000),
                new("dry", "recover", 400),
                new("recover", "coat", 399.99),
                new("recover", "voc", 0.01, IsLoss: true),
                new("dry", "out", 9600),
            ]);

        var root = SvgAssert.Parse(diagram.ToSvg(English));

        var voc = root.WithClass("link-loss").Single();
        var numbers = SvgAssert.PathNumbers((string)voc.Elements().First(e => e.Name.LocalName == "path").Attribute("d")!);
        Assert.True(numbers[^1] - numbers[1] >= SankeyDiagram.MinLinkWidth - 0.01);
        var recycle = root.WithClass("link").Single(l => l.TitleOf().StartsWith("Recovery → Coating", StringComparison.Ordinal));
        Assert.Equal("none", (string?)recycle.Elements().Last().Attribute("fill"));
    }

    [Fact]
    public void Flows_against_the_diagram_and_negative_values_are_refused()
    {
        SankeyNode[] nodes = [new("a", "A", SankeyNodeKind.Input), new("b", "B", SankeyNodeKind.Output)];

        Assert.Throws<ArgumentOutOfRangeException>(() => new SankeyDiagram("t", "d", "t", nodes, [new("a", "b", -1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SankeyDiagram("t", "d", "t", nodes, [new("a", "b", double.NaN)]));
        Assert.Throws<ArgumentException>(() => new SankeyDiagram("t", "d", "t", nodes, [new("b", "a", 1)]));
        Assert.Throws<ArgumentException>(() => new SankeyDiagram("t", "d", "t", nodes, [new("a", "x", 1)]));
    }
}
