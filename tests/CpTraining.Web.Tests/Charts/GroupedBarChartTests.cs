using System.Globalization;
using CpTraining.Web.Infrastructure.Charts;

namespace CpTraining.Web.Tests.Charts;

public sealed class GroupedBarChartTests
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk");

    [Fact]
    public void Bars_keep_the_rows_order_with_lengths_proportional_to_the_values_from_a_shared_zero()
    {
        var chart = new GroupedBarChart(
            "Savings and investment",
            "Per company.",
            ["Savings", "Investment"],
            [new BarGroup("Alpha <mill>", [100, 400]), new BarGroup("Beta", [50, null]), new BarGroup("Gamma", [-25, 0.5])])
        { Unit = "UAH" };
        var root = SvgAssert.Parse(chart.ToSvg(Ukrainian));

        var bars = root.WithClass("bar").ToList();
        // A missing value draws no bar: five bars for six cells, row by row, series by series.
        Assert.Equal(
            ["Alpha <mill> — Savings", "Alpha <mill> — Investment", "Beta — Savings", "Gamma — Savings", "Gamma — Investment"],
            bars.Select(b => b.TitleOf().Split(':')[0]));
        var rects = bars.Select(b => b.Elements().First(e => e.Name.LocalName == "rect")).ToList();
        Assert.Equal(4.0, rects[1].Number("width") / rects[0].Number("width"), 2);
        Assert.Equal(2.0, rects[0].Number("width") / rects[2].Number("width"), 2);
        Assert.Equal(0.25, rects[3].Number("width") / rects[0].Number("width"), 2);
        // Positive bars start at zero; the negative one ends there.
        var zero = rects[0].Number("x");
        Assert.Equal(zero, rects[1].Number("x"), 6);
        Assert.Equal(zero, rects[3].Number("x") + rects[3].Number("width"), 6);
        // Values in the reader's culture, with the unit; the table alternative writes them the same way.
        Assert.Contains(root.Descendants(), e => e.Name.LocalName == "text" && e.Value == "0,5\u00A0UAH");
        Assert.Equal("—", chart.Format(null, Ukrainian));
        Assert.Equal("400\u00A0UAH", chart.Format(400, Ukrainian));
        Assert.Equal(["Alpha <mill>", "Beta", "Gamma"], chart.Groups.Select(g => g.Label));
        Assert.Contains(root.Descendants(), e => e.Name.LocalName == "text" && e.Value == "Investment"); // legend
        SvgAssert.HasAccessibleNameAndDescription(root, "Savings and investment", "Per company.");
        SvgAssert.HasNoInlineStyleOrScript(root);
    }

    [Fact]
    public void Rows_must_have_a_finite_value_or_null_for_every_series()
    {
        Assert.Throws<ArgumentException>(() => new GroupedBarChart("T", "D", ["A", "B"], [new BarGroup("X", [1])]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroupedBarChart("T", "D", ["A"], [new BarGroup("X", [double.NaN])]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GroupedBarChart("T", "D", [], []));
    }
}
