using System.Globalization;
using CpTraining.Web.Infrastructure.Charts;

namespace CpTraining.Web.Tests.Charts;

public sealed class CashFlowChartTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>−10 000 then 3 000 a year for 5 years at 10 %: cumulative −10 000, −7 000, −4 000, −1 000, 2 000, 5 000;
    /// discounted cumulative −10 000, −7 272.73, −4 793.39, −2 539.44, −490.40, 1 372.36 (factors 1.1⁻ᵗ).</summary>
    private static CashFlowChart Example() => new(
        "Cumulative cash flow",
        "Rinsing: pays back in 3.33 years.",
        [
            new CashFlowPoint(0, -10_000, -10_000),
            new CashFlowPoint(1, -7_000, -7_272.73),
            new CashFlowPoint(2, -4_000, -4_793.39),
            new CashFlowPoint(3, -1_000, -2_539.44),
            new CashFlowPoint(4, 2_000, -490.40),
            new CashFlowPoint(5, 5_000, 1_372.36),
        ])
    {
        SimplePayback = 3.33,
        DiscountedPayback = 4.26,
    };

    [Fact]
    public void One_bar_per_year_hangs_below_zero_until_the_money_is_back()
    {
        var root = SvgAssert.Parse(Example().ToSvg(English));
        var zero = root.WithClass("axis-value").Single().Elements()
            .Where(e => e.Name.LocalName == "line").Single(l => (string?)l.Attribute("stroke") == Svg.AxisColour).Number("y1");

        var bars = root.WithClass("bar").Select(b => b.Elements().First(e => e.Name.LocalName == "rect")).ToList();
        Assert.Equal(6, bars.Count);
        Assert.Equal(4, root.WithClass("bar-negative").Count());
        Assert.All(bars.Take(4), r => Assert.Equal(zero, r.Number("y"), 1));
        Assert.All(bars.Skip(4), r => Assert.Equal(zero, r.Number("y") + r.Number("height"), 1));
        // Heights are proportional to the cumulative amounts: 10 000 against 5 000.
        Assert.Equal(2.0, bars[0].Number("height") / bars[5].Number("height"), 2);
    }

    [Fact]
    public void The_discounted_line_has_a_point_per_year_and_both_paybacks_are_marked_between_their_years()
    {
        var root = SvgAssert.Parse(Example().ToSvg(English));

        var points = root.WithClass("line-discounted").Single().Elements().Where(e => e.Name.LocalName == "circle").ToList();
        Assert.Equal(6, points.Count);
        var centres = root.WithClass("bar").Select(b => b.Elements().First(e => e.Name.LocalName == "rect")).Select(r => r.Number("x") + (r.Number("width") / 2)).ToList();
        var simple = root.WithClass("payback-simple").Single().Elements().First(e => e.Name.LocalName == "line").Number("x1");
        var discounted = root.WithClass("payback-discounted").Single().Elements().First(e => e.Name.LocalName == "line").Number("x1");
        Assert.InRange(simple, centres[3], centres[4]);
        Assert.Equal(centres[3] + (0.33 * (centres[4] - centres[3])), simple, 1);
        Assert.InRange(discounted, centres[4], centres[5]);
        Assert.Contains(root.Descendants(), e => e.Name.LocalName == "text" && e.Value == "Payback: 3.33");
    }

    [Fact]
    public void A_payback_beyond_the_lifetime_is_not_drawn_and_the_svg_is_accessible()
    {
        var chart = new CashFlowChart("Cash flow", "Never pays back.", [new CashFlowPoint(0, -100, -100), new CashFlowPoint(1, -50, -55)]) { SimplePayback = 2 };
        var root = SvgAssert.Parse(chart.ToSvg(English));

        Assert.Empty(root.WithClass("payback-simple"));
        SvgAssert.HasAccessibleNameAndDescription(root, "Cash flow", "Never pays back.");
        SvgAssert.HasNoInlineStyleOrScript(root);
    }
}
