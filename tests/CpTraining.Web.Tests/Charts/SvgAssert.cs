using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using CpTraining.Web.Infrastructure.Charts;

namespace CpTraining.Web.Tests.Charts;

/// <summary>Reads charts the way a reviewer would: parse the SVG, find the parts by class, measure them.</summary>
internal static partial class SvgAssert
{
    public static XElement Parse(string svg)
    {
        var root = XElement.Parse(svg);
        Assert.Equal(Svg.Ns + "svg", root.Name);
        return root;
    }

    public static IEnumerable<XElement> WithClass(this XElement root, string cssClass) =>
        root.Descendants().Where(e => ((string?)e.Attribute("class"))?.Split(' ').Contains(cssClass) == true);

    public static string TitleOf(this XElement element) => element.Element(Svg.Ns + "title")?.Value ?? string.Empty;

    public static double Number(this XElement element, string attribute) =>
        double.Parse((string)element.Attribute(attribute)!, CultureInfo.InvariantCulture);

    /// <summary>The numbers of a path's d attribute, in order.</summary>
    public static double[] PathNumbers(string d) =>
        [.. NumberPattern().Matches(d).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture))];

    /// <summary>The accessible name and description exist and are what aria-labelledby points to.</summary>
    public static void HasAccessibleNameAndDescription(XElement root, string title, string description)
    {
        Assert.Equal("img", (string?)root.Attribute("role"));
        var ids = ((string)root.Attribute("aria-labelledby")!).Split(' ');
        Assert.Equal(2, ids.Length);
        var byId = root.Descendants().Where(e => e.Attribute("id") is not null).ToDictionary(e => (string)e.Attribute("id")!);
        Assert.Equal(Svg.Ns + "title", byId[ids[0]].Name);
        Assert.Equal(title, byId[ids[0]].Value);
        Assert.Equal(Svg.Ns + "desc", byId[ids[1]].Name);
        Assert.Equal(description, byId[ids[1]].Value);
        Assert.Same(root, byId[ids[0]].Parent);
        Assert.NotNull(root.Attribute("viewBox"));
    }

    /// <summary>The strict CSP (style-src 'self') blocks inline styles, so a chart must not use any.</summary>
    public static void HasNoInlineStyleOrScript(XElement root)
    {
        Assert.DoesNotContain(root.DescendantsAndSelf(), e => e.Attribute("style") is not null);
        Assert.Empty(root.Descendants(Svg.Ns + "style"));
        Assert.Empty(root.Descendants(Svg.Ns + "script"));
        Assert.DoesNotContain(root.DescendantsAndSelf().SelectMany(e => e.Attributes()), a => a.Name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase));
    }

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}
