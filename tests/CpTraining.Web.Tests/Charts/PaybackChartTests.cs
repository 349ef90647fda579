using System.Globalization;
using CpTraining.Web.Infrastructure.Charts;

namespace CpTraining.Web.Tests.Charts;

public sealed class PaybackChartTests
{
    private static readonly CultureInfo Ukrainian = CultureInfo.GetCultureInfo("uk");

    [Fact]
    public void Bars_run_from_the_quickest_payback_with_lengths_proportional_to_the_years()
    {
        var chart = new PaybackChart("Payback", "Three options.", [new PaybackItem("Boiler", 6), new PaybackItem("Leak <repair>", 0.5), new PaybackItem("Rinsing", 3), new PaybackItem("Valves", 3)]) { Unit = "р." };
        var root = SvgAssert.Parse(chart.ToSvg(Ukrainian));

        var bars = root.WithClass("bar").ToList();
        Assert.Equal(["Leak <repair>", "Rinsing", "Valves", "Boiler"], bars.Select(b => b.TitleOf().Split(':')[0]));
        var widths = bars.Select(b => b.Elements().First(e => e.Name.LocalName == "rect").Number("width")).ToList();
        Assert.Equal(2.0, widths[3] / widths[1], 2);
        Assert.Equal(12.0, widths[3] / widths[0], 2);
        // Ukrainian decimal comma in the values.
        Assert.Contains(root.Descendants(), e => e.Name.LocalName == "text" && e.Value == "0,50\u00A0р.");
        SvgAssert.HasAccessibleNameAndDescription(root, "Payback", "Three options.");
        SvgAssert.HasNoInlineStyleOrScript(root);
    }

    [Fact]
    public void A_negative_or_infinite_payback_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaybackChart("P", "D", [new PaybackItem("X", -1)]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PaybackChart("P", "D", [new PaybackItem("X", double.PositiveInfinity)]));
    }
}
