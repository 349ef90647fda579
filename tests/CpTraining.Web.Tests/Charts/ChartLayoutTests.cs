using System.Globalization;
using CpTraining.Domain.Balances;
using CpTraining.Web.Demo;
using CpTraining.Web.Infrastructure.Charts;
using CpTraining.Web.Pages.Balances;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Tests.Charts;

/// <summary>
/// The computed layouts of the charts, checked the way a reader looks at them: every label inside the picture, none on
/// top of another, and text no smaller than 7 pt when the PDF prints the chart across the A4 text column (178 mm).
/// The SVG scales uniformly (viewBox with <c>preserveAspectRatio="xMidYMid meet"</c>), so what holds in viewBox units
/// holds at every width the page gives it, 320 px to 1400 px alike.
/// </summary>
public sealed class ChartLayoutTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static TheoryData<string> DemoSheets => ["textile", "dairy"];

    [Theory]
    [MemberData(nameof(DemoSheets))]
    public void The_demo_balances_mass_sankey_has_every_label_inside_apart_and_at_least_7_pt_in_the_pdf(string which)
    {
        var sheet = DemoSheet(which);
        var sankey = BalanceCharts.MassSankey(sheet, new PassThroughLocalizer())!;

        var layout = sankey.Layout(English);

        AssertFits(layout);
        // Every input and output and every step is labelled, with its full name in the tooltip and the table.
        Assert.Equal(sheet.Steps.Count + sheet.Streams.Count(s => s.Direction != StreamDirection.Internal), layout.Labels.Count(l => l.Text.Contains('\n', StringComparison.Ordinal)));
        var names = sankey.TableRows(English).SelectMany(r => new[] { r.From, r.To }).ToHashSet();
        Assert.All(sheet.Streams.Where(s => s.Direction != StreamDirection.Internal), s => Assert.Contains(s.Name, names));
    }

    [Theory]
    [MemberData(nameof(DemoSheets))]
    public void The_demo_balances_energy_sankey_keeps_its_step_labels_inside_and_is_drawn_at_its_own_size(string which)
    {
        var sheet = DemoSheet(which);
        var result = BalanceEvaluation.Evaluate(sheet, EmissionFactorTable.Defaults, "UA");
        var sankey = BalanceCharts.EnergySankey(sheet, result, Domain.Balances.Unit.MegawattHour, new PassThroughLocalizer())!;

        var layout = sankey.Layout(English);
        var root = SvgAssert.Parse(sankey.ToSvg(English));

        AssertFits(layout);
        // The steps are the last column: their names stand to the right of their boxes, inside the picture.
        Assert.All(sheet.Steps, s => Assert.Contains(layout.Labels, l => l.FullText == s.Name));
        // width = the viewBox width, so a wide screen does not blow the 12 px text up.
        Assert.Equal(layout.Width, root.Number("width"), 1);
    }

    [Fact]
    public void The_evaporation_label_of_the_textile_mill_is_whole_or_shortened_with_its_full_name_in_a_tooltip()
    {
        var sankey = BalanceCharts.MassSankey(DemoSheet("textile"), new PassThroughLocalizer())!;
        var layout = sankey.Layout(English);
        var root = SvgAssert.Parse(sankey.ToSvg(English));

        var label = Assert.Single(layout.Labels, l => l.FullText == "Evaporation from the dye baths");
        Assert.True(label.Box.Right <= layout.Width);
        var node = Assert.Single(root.WithClass("node"), n => n.TitleOf().StartsWith("Evaporation from the dye baths:", StringComparison.Ordinal));
        Assert.Contains(node.Descendants(Svg.Ns + "text"), t => t.Value.Length > 0 && "Evaporation from the dye baths".StartsWith(t.Value.TrimEnd('…'), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("latin")]
    [InlineData("cyrillic")]
    [InlineData("cjk")]
    public void A_worst_case_balance_of_40_steps_400_streams_and_60_character_names_still_fits(string script)
    {
        var sankey = WorstCase(script);

        var layout = sankey.Layout(English);

        AssertFits(layout);
        Assert.True(layout.Labels.Count >= 400, $"{layout.Labels.Count} labels");
        Assert.True(layout.Width <= SankeyDiagram.MaxWidth);
        // Shortened names end in "…" and keep the full name for the tooltip.
        Assert.Contains(layout.Labels, l => l.Text.Contains('…', StringComparison.Ordinal) && l.FullText.Length >= 60);
        Assert.DoesNotContain("NaN", sankey.ToSvg(English), StringComparison.Ordinal);
    }

    [Fact]
    public void The_layout_is_deterministic()
    {
        Assert.Equal(WorstCase("latin").ToSvg(English), WorstCase("latin").ToSvg(English));
    }

    [Fact]
    public void Flows_are_coloured_by_class_with_a_legend_entry_per_class_drawn()
    {
        var sankey = BalanceCharts.MassSankey(DemoSheet("textile"), new PassThroughLocalizer())!;
        var root = SvgAssert.Parse(sankey.ToSvg(English));

        foreach (var flowClass in new[] { SankeyFlowClass.Material, SankeyFlowClass.Water, SankeyFlowClass.Product, SankeyFlowClass.Wastewater, SankeyFlowClass.Waste, SankeyFlowClass.Emission })
        {
            var links = root.WithClass("link-" + flowClass.ToString().ToLowerInvariant()).ToList();
            Assert.NotEmpty(links);
            Assert.All(links, l => Assert.Equal(SankeyDiagram.ColourOf(flowClass), (string?)l.Elements().First(e => e.Name.LocalName == "path").Attribute("fill")));
        }

        var legend = root.WithClass("legend").Single().Descendants(Svg.Ns + "text").Select(t => t.Value).ToList();
        Assert.Contains("Water", legend);
        Assert.Contains("Emission to air", legend);
        Assert.DoesNotContain("Energy flow", legend);
    }

    [Fact]
    public void Water_is_told_by_the_material_name_and_outputs_by_their_class()
    {
        Assert.Equal(SankeyFlowClass.Water, BalanceCharts.MaterialClass("Water"));
        Assert.Equal(SankeyFlowClass.Water, BalanceCharts.MaterialClass("вода"));
        Assert.Equal(SankeyFlowClass.Material, BalanceCharts.MaterialClass("cotton"));
        Assert.Equal(SankeyFlowClass.Emission, BalanceCharts.FlowClass(OutputClass.AirEmission, "water"));
        Assert.Equal(SankeyFlowClass.Wastewater, BalanceCharts.FlowClass(OutputClass.Wastewater, "whey"));
        Assert.Equal(SankeyFlowClass.Waste, BalanceCharts.FlowClass(OutputClass.HazardousWaste, "sludge"));
        Assert.Equal(SankeyFlowClass.Product, BalanceCharts.FlowClass(OutputClass.Product, "cheese"));
    }

    [Fact]
    public void The_cost_curve_key_of_many_options_with_long_names_does_not_overlap()
    {
        var items = Enumerable.Range(1, 36).Select(i => new CostCurveItem(
            $"Option {i}: " + string.Concat(Enumerable.Repeat("heat recovery from the dye bath effluent ", 2)),
            5 + (i * 3 % 17),
            -400 + (i * 37 % 900)));
        var curve = new MarginalCostCurve("Cost curve", "Options.", items) { CostUnit = "UAH/t", QuantityUnit = "t/yr", ValueFormat = "N0" };

        var layout = curve.Layout(English);

        Assert.Equal(36, layout.Labels.Count);
        AssertApart(layout.Labels, layout.Width, layout.Height);
        Assert.Contains(layout.Labels, l => l.Text.EndsWith('…'));
        // The SVG's viewBox is the layout's.
        var root = SvgAssert.Parse(curve.ToSvg(English));
        Assert.EndsWith(Svg.N(layout.Height), (string)root.Attribute("viewBox")!, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_cost_curve_names_share_a_row()
    {
        var curve = new MarginalCostCurve("Cost curve", "Options.", Enumerable.Range(1, 6).Select(i => new CostCurveItem($"O{i}", i, i * 10)));

        var layout = curve.Layout(English);

        AssertApart(layout.Labels, layout.Width, layout.Height);
        Assert.True(layout.Labels.Select(l => l.Box.Y).Distinct().Count() < 6);
    }

    [Theory]
    [InlineData("Evaporation from the dye baths", 60)]
    [InlineData("Випаровування з фарбувальних ванн", 80)]
    [InlineData("染色槽的蒸发损失和废水排放", 50)]
    public void Shortened_text_fits_its_width_and_ends_in_an_ellipsis(string text, double width)
    {
        var shortened = TextFit.Shorten(text, width, 12);

        Assert.True(TextFit.Width(shortened, 12) <= width);
        Assert.EndsWith("…", shortened, StringComparison.Ordinal);
        Assert.All(TextFit.Wrap(text, width, 12, 2), line => Assert.True(TextFit.Width(line, 12) <= width, line));
    }

    private static void AssertFits(SankeyLayout layout)
    {
        AssertApart(layout.Labels, layout.Width, layout.Height);
        // Printed: the 178 mm A4 text column is 672.8 CSS px; the chart prints at min(viewBox width, 672.8) px.
        Assert.True(layout.PrintedFontSizePoints() >= 7, $"{layout.PrintedFontSizePoints():0.00} pt at a viewBox {layout.Width:0} wide");
    }

    private static void AssertApart(IReadOnlyList<ChartLabel> labels, double width, double height)
    {
        foreach (var label in labels)
        {
            Assert.True(label.Box.IsInside(width, height), $"'{label.Text}' at {label.Box} is outside 0 0 {width:0.#} {height:0.#}.");
        }

        for (var i = 0; i < labels.Count; i++)
        {
            for (var j = i + 1; j < labels.Count; j++)
            {
                Assert.False(labels[i].Box.Overlaps(labels[j].Box), $"'{labels[i].Text}' {labels[i].Box} overlaps '{labels[j].Text}' {labels[j].Box}.");
            }
        }
    }

    private static WorksheetSnapshot DemoSheet(string which) =>
        (which == "textile"
            ? DemoData.TextileWorksheet(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UnixEpoch)
            : DemoData.DairyWorksheet(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UnixEpoch)).Snapshot();

    /// <summary>40 steps in a chain, 400 streams (inputs and outputs spread over the steps, a recycle), 60-character names.</summary>
    private static SankeyDiagram WorstCase(string script)
    {
        var word = script switch
        {
            "cyrillic" => "Щоденне випаровування ",
            "cjk" => "染色槽的蒸发损失",
            _ => "Evaporation from the ",
        };
        string Name(string prefix, int i) => string.Concat(Enumerable.Repeat(word, 10)).Insert(0, $"{prefix} {i:000} ")[..60];
        var random = new Random(15);
        var nodes = new List<SankeyNode>();
        var links = new List<SankeyLink>();
        for (var s = 0; s < 40; s++)
        {
            nodes.Add(new SankeyNode($"s{s}", Name("Step", s + 1), SankeyNodeKind.Step));
            if (s > 0)
            {
                links.Add(new SankeyLink($"s{s - 1}", $"s{s}", 1_000 + random.Next(5_000)));
            }
        }

        links.Add(new SankeyLink("s30", "s10", 200)); // a recycle
        var classes = Enum.GetValues<SankeyFlowClass>();
        for (var i = 0; links.Count < 400; i++)
        {
            var step = $"s{i * 7 % 40}";
            var value = Math.Pow(10, random.NextDouble() * 5) / 100;
            var flowClass = classes[i % classes.Length];
            if (i % 2 == 0)
            {
                nodes.Add(new SankeyNode($"in{i}", Name("Input", i), SankeyNodeKind.Input));
                links.Add(new SankeyLink($"in{i}", step, value, Class: flowClass));
            }
            else
            {
                nodes.Add(new SankeyNode($"out{i}", Name("Output", i), SankeyNodeKind.Output));
                links.Add(new SankeyLink(step, $"out{i}", i % 10 == 0 ? 0 : value, SankeyDiagram.IsLossClass(flowClass), Class: flowClass));
            }
        }

        return new SankeyDiagram("Worst case", "Many flows.", "t/yr", nodes, links)
        {
            ClassNames = Enum.GetValues<SankeyFlowClass>().ToDictionary(c => c, c => c + " flows with a long legend name"),
        };
    }

    private sealed class PassThroughLocalizer : IStringLocalizer
    {
        public LocalizedString this[string name] => new(name, name);

        public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.InvariantCulture, name, arguments));

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [];
    }
}
