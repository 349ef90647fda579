using System.Globalization;
using CpTraining.Web.Infrastructure.Charts;

namespace CpTraining.Web.Tests.Charts;

public sealed class MarginalCostCurveTests
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private static MarginalCostCurve Options() => new(
        "Cost of avoiding waste",
        "Three options save money; the boiler change costs 120 EUR per tonne avoided.",
        [
            new CostCurveItem("New boiler", 100, 120),
            new CostCurveItem("Counter-current rinsing", 300, -80),
            new CostCurveItem("Dye bath reuse", 100, -20),
            new CostCurveItem("Good housekeeping", 50, -150),
        ])
    {
        QuantityUnit = "t/yr",
        CostUnit = "EUR/t",
        QuantityAxisTitle = "Waste avoided, t/yr",
        CostAxisTitle = "EUR per tonne avoided",
    };

    [Fact]
    public void Bars_run_from_cheapest_to_dearest_with_widths_proportional_to_what_they_avoid()
    {
        var root = SvgAssert.Parse(Options().ToSvg(English));

        var rects = root.WithClass("bar").Select(b => (Title: b.TitleOf(), Rect: b.Elements().First(e => e.Name.LocalName == "rect"))).ToList();
        Assert.Equal(["1. Good housekeeping", "2. Counter-current rinsing", "3. Dye bath reuse", "4. New boiler"], rects.Select(r => r.Title.Split(':')[0]));
        Assert.Equal(3.0, rects[1].Rect.Number("width") / rects[2].Rect.Number("width"), 2);
        Assert.Equal(2.0, rects[3].Rect.Number("width") / rects[0].Rect.Number("width"), 2);
        for (var i = 1; i < rects.Count; i++)
        {
            // Bars stand side by side along the cumulative quantity.
            Assert.Equal(rects[i - 1].Rect.Number("x") + rects[i - 1].Rect.Number("width"), rects[i].Rect.Number("x"), 1);
        }
    }

    [Fact]
    public void Savings_hang_below_the_zero_line_and_costs_stand_on_it()
    {
        var root = SvgAssert.Parse(Options().ToSvg(English));
        var zero = root.WithClass("axis-value").Single().Elements()
            .Where(e => e.Name.LocalName == "line").Single(l => (string?)l.Attribute("stroke") == Svg.AxisColour).Number("y1");

        var savings = root.WithClass("bar-saving").Select(b => b.Elements().First(e => e.Name.LocalName == "rect")).ToList();
        Assert.Equal(3, savings.Count);
        Assert.All(savings, r => Assert.Equal(zero, r.Number("y"), 1));
        var boiler = root.WithClass("bar").Single(b => b.TitleOf().Contains("New boiler", StringComparison.Ordinal)).Elements().First(e => e.Name.LocalName == "rect");
        Assert.Equal(zero, boiler.Number("y") + boiler.Number("height"), 1);
        var housekeeping = savings[0];
        Assert.Equal(150.0 / 120.0, housekeeping.Number("height") / boiler.Number("height"), 2);
    }

    [Fact]
    public void The_table_accumulates_quantities_and_the_svg_is_accessible()
    {
        var curve = Options();
        var rows = curve.TableRows(English);
        var root = SvgAssert.Parse(curve.ToSvg(English));

        Assert.Equal([50.0, 350, 450, 550], rows.Select(r => r.CumulativeQuantity));
        Assert.Equal("-150\u00A0EUR/t", rows[0].FormattedCostPerUnit);
        SvgAssert.HasAccessibleNameAndDescription(root, curve.Title, curve.Description);
        SvgAssert.HasNoInlineStyleOrScript(root);
    }
}
