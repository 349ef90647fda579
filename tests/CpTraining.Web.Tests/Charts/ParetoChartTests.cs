using System.Globalization;
using CpTraining.Web.Infrastructure.Charts;

namespace CpTraining.Web.Tests.Charts;

public sealed class ParetoChartTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static ParetoChart CostOfLosses() => new(
        "Cost of losses",
        "Wastewater and dye losses make 80 % of the annual cost of losses.",
        [
            new ParetoItem("Steam leaks", 4000),
            new ParetoItem("Wastewater <fee> & treatment", 52000),
            new ParetoItem("Unfixed dye", 31000),
            new ParetoItem("Fabric trimmings", 9000),
            new ParetoItem("Chemicals in sludge", 4000),
        ])
    {
        Unit = "EUR/yr",
        ValueFormat = "N0",
        ValueAxisTitle = "Cost, EUR/yr",
        CumulativeAxisTitle = "Cumulative share",
    };

    [Fact]
    public void Bars_are_drawn_largest_first_and_equal_values_keep_their_order()
    {
        var root = SvgAssert.Parse(CostOfLosses().ToSvg(English));

        var bars = root.WithClass("bar").Select(b => (Title: b.TitleOf(), Rect: b.Elements().First(e => e.Name.LocalName == "rect"))).ToList();
        Assert.Equal(5, bars.Count);
        Assert.StartsWith("Wastewater <fee> & treatment:", bars[0].Title, StringComparison.Ordinal);
        Assert.StartsWith("Steam leaks:", bars[3].Title, StringComparison.Ordinal);
        Assert.StartsWith("Chemicals in sludge:", bars[4].Title, StringComparison.Ordinal);
        var heights = bars.Select(b => b.Rect.Number("height")).ToList();
        Assert.Equal(heights.OrderDescending(), heights);
        Assert.Equal(52.0 / 31.0, heights[0] / heights[1], 2);
        var xs = bars.Select(b => b.Rect.Number("x")).ToList();
        Assert.Equal(xs.Order(), xs);
    }

    [Fact]
    public void The_cumulative_line_rises_to_100_percent_at_the_top_of_the_plot_with_a_reference_line_at_80()
    {
        var chart = CostOfLosses();
        var root = SvgAssert.Parse(chart.ToSvg(English));
        var rows = chart.TableRows(English);

        Assert.Equal(100, rows[^1].CumulativePercent);
        Assert.Equal(rows.Select(r => r.CumulativePercent).Order(), rows.Select(r => r.CumulativePercent));
        var points = SvgAssert.PathNumbers((string)root.Descendants(Svg.Ns + "polyline").Single().Attribute("points")!);
        var ys = points.Where((_, i) => i % 2 == 1).ToList();
        Assert.Equal(ys.OrderDescending(), ys); // screen y falls as the share rises
        var referenceY = root.WithClass("reference").Single().Elements().First().Number("y1");
        var plotBottom = root.WithClass("axis-value").Single().Elements().First().Number("y1"); // the zero gridline
        // 100 % is as far above the axis as 80 % is, times 100/80.
        Assert.Equal((plotBottom - ys[^1]) * 0.8, plotBottom - referenceY, 1);
        Assert.Equal("100.0%", rows[^1].FormattedCumulative);
    }

    [Fact]
    public void The_vital_few_are_the_bars_up_to_the_one_that_crosses_80_percent()
    {
        var rows = CostOfLosses().TableRows(English);

        Assert.Equal([true, true, false, false, false], rows.Select(r => r.IsVitalFew));
        Assert.Equal(100, rows.Sum(r => r.SharePercent), 6);
        Assert.Equal("52,000\u00A0EUR/yr", rows[0].FormattedValue);
    }

    [Fact]
    public void Title_description_escaping_and_csp_hold()
    {
        var chart = CostOfLosses();
        var svg = chart.ToSvg(English);
        var root = SvgAssert.Parse(svg);

        SvgAssert.HasAccessibleNameAndDescription(root, chart.Title, chart.Description);
        SvgAssert.HasNoInlineStyleOrScript(root);
        Assert.DoesNotContain("<fee>", svg, StringComparison.Ordinal);
        Assert.Contains("&lt;fee&gt; &amp; treatment", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void Negative_values_are_refused_and_an_empty_chart_still_renders()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ParetoChart("t", "d", [new ParetoItem("x", -1)]));

        var root = SvgAssert.Parse(new ParetoChart("t", "d", []).ToSvg(English));
        Assert.Empty(root.WithClass("bar"));
    }
}
