using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CpTraining.Web.Infrastructure.Printing;

/// <summary>
/// Reads the named destinations of a PDF Chromium printed: every element an internal link (<c>href="#id"</c>) points
/// at becomes a destination <c>/id [page 0 R /XYZ x y 0]</c> in the catalog's <c>/Dests</c> dictionary, so the page
/// each linked heading landed on can be read back exactly, from the layout Chromium really made. Chromium (Skia)
/// writes a classic cross-reference table and uncompressed dictionaries, which is all this reads; anything else gives
/// an empty answer (the contents then show no page numbers rather than wrong ones).
/// </summary>
public static partial class PdfDestinations
{
    /// <summary>Destination name → 1-based page number.</summary>
    public static IReadOnlyDictionary<string, int> PageNumbers(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        try
        {
            var text = Encoding.Latin1.GetString(pdf);
            var offsets = Offsets(text);
            string? Object(int number) => offsets.TryGetValue(number, out var at) ? Body(text, at) : null;

            var trailer = text.LastIndexOf("trailer", StringComparison.Ordinal);
            var rootRef = trailer < 0 ? Match.Empty : RootPattern().Match(text, trailer);
            var catalog = rootRef.Success ? Object(int.Parse(rootRef.Groups[1].Value, CultureInfo.InvariantCulture)) : null;
            if (catalog is null || !CatalogPattern().IsMatch(catalog))
            {
                return new Dictionary<string, int>();
            }

            var pages = new List<int>();
            var root = PagesPattern().Match(catalog);
            if (root.Success)
            {
                Collect(int.Parse(root.Groups[1].Value, CultureInfo.InvariantCulture), Object, pages, 0);
            }

            var index = pages.Select((number, i) => (number, i)).GroupBy(p => p.number).ToDictionary(g => g.Key, g => g.First().i + 1);
            var destsRef = DestsRefPattern().Match(catalog);
            var dests = destsRef.Success ? Object(int.Parse(destsRef.Groups[1].Value, CultureInfo.InvariantCulture)) : catalog;
            var result = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (Match m in DestinationPattern().Matches(dests ?? string.Empty))
            {
                if (index.TryGetValue(int.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture), out var page))
                {
                    result[Name(m.Groups[1].Value)] = page;
                }
            }

            return result;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or ArgumentException)
        {
            return new Dictionary<string, int>();
        }
    }

    /// <summary>The page tree in order: a /Pages node's kids, depth first.</summary>
    private static void Collect(int number, Func<int, string?> read, List<int> pages, int depth)
    {
        if (depth > 32 || read(number) is not { } body)
        {
            return;
        }

        if (PageTypePattern().IsMatch(body))
        {
            pages.Add(number);
            return;
        }

        var kids = KidsPattern().Match(body);
        if (!kids.Success)
        {
            return;
        }

        foreach (Match kid in ReferencePattern().Matches(kids.Groups[1].Value))
        {
            Collect(int.Parse(kid.Groups[1].Value, CultureInfo.InvariantCulture), read, pages, depth + 1);
        }
    }

    /// <summary>Object number → byte offset, from the last classic cross-reference table and the tables it points back to.</summary>
    private static Dictionary<int, int> Offsets(string text)
    {
        var offsets = new Dictionary<int, int>();
        var start = text.LastIndexOf("startxref", StringComparison.Ordinal);
        var at = start < 0 ? -1 : int.Parse(NumberPattern().Match(text, start + 9).Value, CultureInfo.InvariantCulture);
        for (var guard = 0; at >= 0 && at < text.Length && guard < 16 && string.CompareOrdinal(text, at, "xref", 0, 4) == 0; guard++)
        {
            var trailer = text.IndexOf("trailer", at, StringComparison.Ordinal);
            if (trailer < 0)
            {
                break;
            }

            var lines = text[(at + 4)..trailer].Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var number = 0;
            foreach (var line in lines)
            {
                var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (parts.Length == 2)
                {
                    number = int.Parse(parts[0], CultureInfo.InvariantCulture);
                }
                else if (parts.Length == 3)
                {
                    if (parts[2] == "n")
                    {
                        offsets.TryAdd(number, int.Parse(parts[0], CultureInfo.InvariantCulture));
                    }

                    number++;
                }
            }

            var previous = PrevPattern().Match(text, trailer);
            at = previous.Success && previous.Index < text.IndexOf("startxref", trailer, StringComparison.Ordinal)
                ? int.Parse(previous.Groups[1].Value, CultureInfo.InvariantCulture)
                : -1;
        }

        return offsets;
    }

    /// <summary>An object's dictionary text: from "N 0 obj" to its "endobj" or the start of its stream.</summary>
    private static string? Body(string text, int at)
    {
        if (at < 0 || at >= text.Length)
        {
            return null;
        }

        var end = text.IndexOf("endobj", at, StringComparison.Ordinal);
        var stream = text.IndexOf("stream", at, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        return text[at..(stream >= 0 && stream < end ? stream : end)];
    }

    /// <summary>A PDF name with its #xx escapes decoded.</summary>
    private static string Name(string raw) =>
        HexEscapePattern().Replace(raw, m => ((char)int.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToString());

    [GeneratedRegex(@"/Type\s*/Catalog\b")]
    private static partial Regex CatalogPattern();

    [GeneratedRegex(@"/Root\s+(\d+)\s+\d+\s+R")]
    private static partial Regex RootPattern();

    [GeneratedRegex(@"/Pages\s+(\d+)\s+\d+\s+R")]
    private static partial Regex PagesPattern();

    [GeneratedRegex(@"/Dests\s+(\d+)\s+\d+\s+R")]
    private static partial Regex DestsRefPattern();

    [GeneratedRegex(@"/([^\s/\[\]<>()]+)\s*\[\s*(\d+)\s+\d+\s+R")]
    private static partial Regex DestinationPattern();

    [GeneratedRegex(@"/Type\s*/Page(?![a-zA-Z])")]
    private static partial Regex PageTypePattern();

    [GeneratedRegex(@"/Kids\s*\[([^\]]*)\]")]
    private static partial Regex KidsPattern();

    [GeneratedRegex(@"(\d+)\s+\d+\s+R")]
    private static partial Regex ReferencePattern();

    [GeneratedRegex(@"\d+")]
    private static partial Regex NumberPattern();

    [GeneratedRegex(@"/Prev\s+(\d+)")]
    private static partial Regex PrevPattern();

    [GeneratedRegex(@"#([0-9A-Fa-f]{2})")]
    private static partial Regex HexEscapePattern();
}

/// <summary>
/// The contents' page numbers, filled in after a first print: a report's contents write one empty
/// <c>&lt;span class="toc-page" data-toc-page="ID"&gt;&lt;/span&gt;</c> per entry (fixed width, so the number does not
/// move anything), linking to the heading with that id.
/// </summary>
public static partial class TableOfContents
{
    public static bool HasPlaceholders(string html) => html.Contains("data-toc-page=\"", StringComparison.Ordinal);

    /// <summary>The ids the contents ask page numbers for.</summary>
    public static IReadOnlyList<string> Ids(string html) => [.. PlaceholderPattern().Matches(html).Select(m => m.Groups[2].Value)];

    /// <summary>The html with each placeholder holding its heading's page (empty when the page is unknown).</summary>
    public static string Fill(string html, IReadOnlyDictionary<string, int> pages) =>
        PlaceholderPattern().Replace(html, m => m.Groups[1].Value + (pages.TryGetValue(m.Groups[2].Value, out var page) ? page.ToString(CultureInfo.InvariantCulture) : string.Empty) + "</span>");

    [GeneratedRegex("(<span class=\"toc-page\" data-toc-page=\"([^\"]+)\">)[^<]*</span>")]
    private static partial Regex PlaceholderPattern();
}
