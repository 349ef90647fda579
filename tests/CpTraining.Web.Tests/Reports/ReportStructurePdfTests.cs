using System.Net;
using System.Text.RegularExpressions;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Reports;

/// <summary>
/// The structure of the printed reports (issue 15, point 1), read back with poppler: numbered sections whose page in
/// the contents is the page their heading is on; no page ending with a heading; a cover with the headline figures;
/// published versions without placeholder sentences or empty sections; participation only for the people who attend
/// sessions; an appendix with the discount rates and the emission factors' sources. The pages are saved as PNG under
/// artifacts/report-pages/ for a person to look at.
/// </summary>
public sealed partial class ReportStructurePdfTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static readonly string[] Placeholders =
    [
        "No selected option has both an economic evaluation and CO₂ avoided yet",
        "No selected option has an economic evaluation yet",
        "No evidence files attached",
        "No option has been implemented yet",
        "Not described yet",
        "No investment project needs financing",
        "Not in the report yet",
        "No session has been held yet",
        "Nobody has met the completion rule yet",
        "No company has figures to compare yet",
    ];

    /// <summary>A company with many options (the report runs over several pages) and a second company with some too.</summary>
    private async Task<ReportSeed> SeedAsync()
    {
        var s = await ReportSeed.CreateAsync(factory);
        for (var i = 2; i <= 14; i++)
        {
            await ReportSeed.AddInvestmentAsync(factory, s.Programme.Id, s.Alpha, i, $"Option number {i} for the dye house", 5_000m * i, 2_000m * i);
        }

        for (var i = 1; i <= 6; i++)
        {
            await ReportSeed.AddInvestmentAsync(factory, s.Programme.Id, s.Beta, i, $"Dairy option {i}", 8_000m * i, 3_000m * i);
        }

        return s;
    }

    [Fact]
    public async Task A_published_company_report_has_a_cover_contents_with_exact_pages_no_placeholders_and_an_appendix()
    {
        var s = await SeedAsync();
        var coordinator = await factory.ClientAsync(s.Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await LogoUploadTests.UploadAsync(coordinator, s.Programme.Id, "tekna.png", LogoUploadTests.Png)).StatusCode);
        var published = await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var response = await coordinator.GetAsync(s.AlphaReport + "/versions/1?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        await SavePngsAsync(pdf, "company-report");
        var pages = await Poppler.PagesAsync(pdf);
        Assert.True(pages.Count >= 4, $"{pages.Count} pages");

        var headings = AssertContentsMatchHeadings(pages);
        Assert.Contains(headings, h => h.Title.StartsWith("Executive summary", StringComparison.Ordinal));
        Assert.Contains(headings, h => h.Title.StartsWith("Appendix", StringComparison.Ordinal));
        AssertNoPageEndsWithAHeading(pages, headings);

        var text = Flat(string.Join("\n", pages));
        Assert.All(Placeholders, p => Assert.DoesNotContain(p, text, StringComparison.Ordinal));

        // The cover: the headline figures of the 14 selected options, with their units. Investment 10 000 +
        // 5 000 × (2 + … + 14) = 10 000 + 5 000 × 104 = 530 000; savings 3 000 + 2 000 × 104 = 211 000 a year.
        var cover = Flat(pages[0]);
        var images = (await Poppler.ImagesAsync(pdf)).Split('\n').Skip(2).Where(l => l.Trim().Length > 0).ToList();
        Assert.Contains(images, row => row.Trim().StartsWith("1 ", StringComparison.Ordinal)); // the logo, on the cover
        Assert.Contains("530,000 UAH", cover, StringComparison.Ordinal);
        Assert.Contains("211,000 UAH", cover, StringComparison.Ordinal);
        Assert.Contains("a year", cover, StringComparison.Ordinal);
        Assert.Contains("t/yr", cover, StringComparison.Ordinal);
        Assert.Contains("m³/yr", cover, StringComparison.Ordinal);

        // Participation: Anna (engineer) has a row; Maria (manager) does not — on the cover's team list only.
        var participation = Flat(pages.Single(p => ParticipationHeading().IsMatch(p)));
        Assert.Contains("Anna Adams", participation, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"Maria Manager\s+\d+ / \d+", text);

        // The appendix: each option's discount rate and the emission factors' sources.
        Assert.Matches(@"Option\s+Discount\s+Escalation", text); // the header of the options' assumptions
        Assert.Contains("10.0 %", text, StringComparison.Ordinal);
        Assert.Matches(@"5\s+UAH\s+2026", text); // lifetime, currency, the year of the option's prices
        Assert.Contains("IPCC 2006 Guidelines", text, StringComparison.Ordinal);
        Assert.Contains("Simple payback (as RETScreen) = (investment − grants received in year 0)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_programme_report_pdf_lists_the_page_of_every_section_and_company_and_no_page_ends_with_a_heading()
    {
        var s = await SeedAsync();
        var coordinator = await factory.ClientAsync(s.Coordinator);
        var response = await coordinator.GetAsync($"/programmes/{s.Programme.Id}/report?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        await SavePngsAsync(pdf, "programme-report");
        var pages = await Poppler.PagesAsync(pdf);
        Assert.True(pages.Count >= 5, $"{pages.Count} pages");

        var headings = AssertContentsMatchHeadings(pages);
        Assert.Contains(headings, h => h.Title.StartsWith("Alpha Textiles", StringComparison.Ordinal) && h.Number.Contains('.', StringComparison.Ordinal));
        Assert.Contains(headings, h => h.Title.StartsWith("Beta Dairy", StringComparison.Ordinal));
        AssertNoPageEndsWithAHeading(pages, headings);

        // Cover: the programme's headline figures. Investment 530 000 (Alpha) + 8 000 × 21 = 168 000 (Beta) = 698 000 UAH.
        Assert.Contains("698,000 UAH", Flat(pages[0]), StringComparison.Ordinal);
        Assert.Contains("IPCC 2006 Guidelines", Flat(string.Join("\n", pages)), StringComparison.Ordinal);
    }

    private sealed record Heading(string Number, string Title, int Page);

    /// <summary>
    /// Reads the contents (the page headed "Contents": number, title, page) and checks that each heading is on the page
    /// the contents name — and on no page before it.
    /// </summary>
    private static List<Heading> AssertContentsMatchHeadings(IReadOnlyList<string> pages)
    {
        var contentsPage = pages.ToList().FindIndex(p => p.Split('\n').Any(l => l.Trim() == "Contents"));
        Assert.True(contentsPage >= 0, "no contents page");
        var headings = pages[contentsPage].Split('\n')
            .Select(l => ContentsLine().Match(l))
            .Where(m => m.Success)
            .Select(m => new Heading(m.Groups[1].Value, Flat(m.Groups[2].Value), int.Parse(m.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        Assert.True(headings.Count >= 6, pages[contentsPage]);
        foreach (var h in headings)
        {
            var found = FindHeading(pages, contentsPage + 1, h);
            Assert.True(found == h.Page, $"“{h.Number} {h.Title}”: the contents say page {h.Page}, the heading is on page {found}");
        }

        return headings;
    }

    /// <summary>The first page (1-based) after the contents with a line starting "number title" (the title's first 25 characters: it may wrap).</summary>
    private static int FindHeading(IReadOnlyList<string> pages, int from, Heading h)
    {
        var start = h.Number + " " + h.Title[..Math.Min(25, h.Title.Length)];
        for (var i = from; i < pages.Count; i++)
        {
            if (pages[i].Split('\n').Any(l => Flat(l).StartsWith(start, StringComparison.Ordinal)))
            {
                return i + 1;
            }
        }

        return -1;
    }

    /// <summary>The last line of every page after the contents, above the footer ("page N of M"), is not a numbered heading.</summary>
    private static void AssertNoPageEndsWithAHeading(IReadOnlyList<string> pages, List<Heading> headings)
    {
        var contentsPage = pages.ToList().FindIndex(p => p.Split('\n').Any(l => l.Trim() == "Contents"));
        for (var i = contentsPage + 1; i < pages.Count; i++)
        {
            var last = pages[i].Split('\n').Select(Flat).Where(l => l.Length > 0 && !Footer().IsMatch(l)).LastOrDefault() ?? string.Empty;
            Assert.False(
                headings.Any(h => last.StartsWith(h.Number + " " + h.Title[..Math.Min(25, h.Title.Length)], StringComparison.Ordinal)),
                $"page {i + 1} ends with the heading “{last}”");
        }
    }

    private static async Task SavePngsAsync(byte[] pdf, string prefix)
    {
        var root = AppContext.BaseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root, "CpTraining.sln")))
        {
            root = Path.GetDirectoryName(root);
        }

        await Poppler.SavePngsAsync(pdf, Path.Combine(root ?? Path.GetTempPath(), "artifacts", "report-pages"), prefix);
    }

    /// <summary>One space for runs of spaces and the no-break spaces of group separators.</summary>
    private static string Flat(string text) => Spaces().Replace(text.Replace('\u00A0', ' ').Replace('\u202F', ' '), " ").Trim();

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s+(.+?)\s{2,}(\d+)\s*$")]
    private static partial Regex ContentsLine();

    [GeneratedRegex(@"[ \t]+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"page \d+ of \d+")]
    private static partial Regex Footer();

    [GeneratedRegex(@"^\s*\d+\s+Participation\s*$", RegexOptions.Multiline)]
    private static partial Regex ParticipationHeading();
}
