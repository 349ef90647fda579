namespace CpTraining.Web.Infrastructure.Charts;

/// <summary>A rectangle in the chart's viewBox units: where a label's text is expected to ink.</summary>
public readonly record struct LabelBox(double X, double Y, double Width, double Height)
{
    public double Right => X + Width;

    public double Bottom => Y + Height;

    public bool Overlaps(LabelBox other) =>
        X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;

    public bool IsInside(double width, double height) =>
        X >= -0.01 && Y >= -0.01 && Right <= width + 0.01 && Bottom <= height + 0.01;
}

/// <summary>A chart's viewBox, its text size and the boxes of the labels whose layout it computes.</summary>
public sealed record ChartLabelLayout(double Width, double Height, double FontSize, IReadOnlyList<ChartLabel> Labels)
{
    /// <summary>The text size in pt when the chart is printed in a column <paramref name="printWidthMillimetres"/> wide.</summary>
    public double PrintedFontSizePoints(double printWidthMillimetres = PrintScale.A4TextWidthMillimetres) =>
        PrintScale.FontSizePoints(FontSize, Width, printWidthMillimetres);
}

/// <summary>A label as laid out: the text drawn (perhaps shortened), the full text it stands for, and its box.</summary>
public sealed record ChartLabel(string Text, string FullText, LabelBox Box);

/// <summary>
/// Text measurement and fitting without a font engine. Widths are estimated on the safe side — 0.6 em for an ordinary
/// Latin or Cyrillic letter, 0.7 em for capitals, 0.85 em for the widest letters (M, W, Ж, Ш…) and 1 em for CJK and
/// other full-width characters — so a label laid out to fit does fit in any of the fonts of <see cref="Svg.FontFamily"/>.
/// </summary>
public static class TextFit
{
    /// <summary>Line height as a multiple of the font size; a box of n lines is n line heights tall.</summary>
    public const double LineHeight = 1.2;

    public const string Ellipsis = "…";

    public static double Width(string text, double fontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        double ems = 0;
        foreach (var c in text)
        {
            ems += c switch
            {
                >= '\u2E80' => 1.0,
                'M' or 'W' or 'm' or 'w' or 'Ж' or 'Ш' or 'Щ' or 'Ю' or 'ж' or 'ш' or 'щ' or 'ю' or 'М' or 'Ы' or 'ы' or '@' or '%' => 0.85,
                >= 'A' and <= 'Z' or >= 'А' and <= 'Я' or 'Є' or 'І' or 'Ї' or 'Ґ' => 0.7,
                _ => 0.6,
            };
        }

        return ems * fontSize;
    }

    /// <summary>The text, or as much of it as fits in <paramref name="maxWidth"/> followed by "…".</summary>
    public static string Shorten(string text, double maxWidth, double fontSize)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Width(text, fontSize) <= maxWidth)
        {
            return text;
        }

        var room = maxWidth - Width(Ellipsis, fontSize);
        var length = 0;
        double used = 0;
        while (length < text.Length)
        {
            var next = Width(text[length].ToString(), fontSize);
            if (used + next > room)
            {
                break;
            }

            used += next;
            length++;
        }

        return string.Concat(text.AsSpan(0, length).TrimEnd(), Ellipsis);
    }

    /// <summary>
    /// Word-wraps the text into at most <paramref name="maxLines"/> lines no wider than <paramref name="maxWidth"/>;
    /// a word too long for a line is cut, and whatever does not fit ends the last line with "…".
    /// </summary>
    public static IReadOnlyList<string> Wrap(string text, double maxWidth, double fontSize, int maxLines)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var lines = new List<string>();
        var current = string.Empty;
        for (var i = 0; i < words.Length; i++)
        {
            var candidate = current.Length == 0 ? words[i] : current + " " + words[i];
            if (Width(candidate, fontSize) <= maxWidth)
            {
                current = candidate;
                continue;
            }

            if (current.Length > 0 && lines.Count < maxLines - 1)
            {
                lines.Add(current);
                current = string.Empty;
                i--; // the word starts the next line
                continue;
            }

            // The last line, or one word wider than a line (CJK text without spaces): what remains is cut.
            lines.Add(Shorten(string.Join(' ', [candidate, .. words.Skip(i + 1)]), maxWidth, fontSize));
            return lines;
        }

        if (current.Length > 0 || lines.Count == 0)
        {
            lines.Add(current);
        }

        return lines;
    }
}

/// <summary>
/// Legend entries laid out like words in a paragraph: left to right, starting a new row when the next entry would
/// cross the right edge. Deterministic, so tests can check that no two entries overlap.
/// </summary>
public static class FlowRows
{
    /// <summary>Top-left corners of entries of the given widths; an entry wider than a row gets a row of its own.</summary>
    public static IReadOnlyList<(double X, double Y)> Place(IReadOnlyList<double> widths, double left, double top, double maxWidth, double rowHeight, double gap)
    {
        ArgumentNullException.ThrowIfNull(widths);
        var result = new List<(double X, double Y)>(widths.Count);
        var x = left;
        var y = top;
        foreach (var width in widths)
        {
            if (x > left && x + width > left + maxWidth)
            {
                x = left;
                y += rowHeight;
            }

            result.Add((x, y));
            x += width + gap;
        }

        return result;
    }
}

/// <summary>
/// How big a chart's text comes out on paper. The PDF renderer prints A4 with 16 mm side margins, so the text column is
/// 178 mm = 672.8 CSS px (96 px to the inch). A chart carries <c>width</c> = its viewBox width and CSS
/// <c>max-width: 100%</c>, so it prints at min(viewBox width, 672.8) px and its text is scaled by that over the viewBox
/// width; a CSS px is 0.75 pt.
/// </summary>
public static class PrintScale
{
    public const double A4TextWidthMillimetres = 210 - (2 * 16);

    public static double CssPixels(double millimetres) => millimetres / 25.4 * 96;

    public static double FontSizePoints(double fontSize, double viewBoxWidth, double printWidthMillimetres = A4TextWidthMillimetres)
    {
        var printed = Math.Min(viewBoxWidth, CssPixels(printWidthMillimetres));
        return fontSize * (printed / viewBoxWidth) * 0.75;
    }
}
