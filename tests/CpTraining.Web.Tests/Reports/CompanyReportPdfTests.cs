using System.Net;
using System.Text.RegularExpressions;
using CpTraining.Domain.Options;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Attendance;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Reports;

/// <summary>
/// The company report PDF read back with poppler (issue 7, points 1 and 3): a Ukrainian programme's report is printed
/// in Ukrainian whatever the reader's language — page numbers on every page, figures with the decimal comma, Cyrillic
/// text, every font embedded, title and author. Without Chromium the HTML report still works and says why.
/// </summary>
public sealed class CompanyReportPdfTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private async Task<(Guid ProgrammeId, Guid CompanyId, string CompanyName, HttpClient Client, string EngineerEmail)> SeedAsync()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-60), "Херсонська програма ЧВ", language: "uk");
        var name = "Херсонський бавовняний комбінат " + Guid.NewGuid().ToString("N")[..4];
        var company = await factory.EnrolCompanyAsync(programme.Id, name);
        var engineer = await factory.EngineerAsync(programme.Id, company.Id, "Оксана Коваленко");
        var now = factory.Clock.GetUtcNow();

        // O1: 10 000 UAH invested, 3 000 UAH/yr saved, 5 years at 10 %. O2: 25 000 UAH, 5 000 UAH/yr, 10 years at 10 %.
        var o1 = CpOption.Create(programme.Id, company.Id, 1, "Протитечійне промивання", null, null, OptionCategory.EquipmentModification, OptionKind.Investment, now);
        o1.ChangeEconomics(new EconomicInputs { Investment = [new("Ванни", 10_000m)], Water = 3_000m, LifetimeYears = 5, DiscountRate = 0.10m });
        var o2 = CpOption.Create(programme.Id, company.Id, 2, "Рекуперація тепла", null, null, OptionCategory.EquipmentModification, OptionKind.Investment, now);
        o2.ChangeEconomics(new EconomicInputs { Investment = [new("Теплообмінник", 25_000m)], Energy = 5_000m, LifetimeYears = 10, DiscountRate = 0.10m });
        foreach (var o in new[] { o1, o2 })
        {
            foreach (var s in new[] { OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected })
            {
                o.MoveTo(s, null, null, now);
            }
        }

        await using (var db = factory.NewDbContext())
        {
            db.CpOptions.AddRange(o1, o2);
            await db.SaveChangesAsync();
        }

        return (programme.Id, company.Id, name, await factory.ClientAsync(engineer), engineer.Email!);
    }

    private static string Url(Guid programmeId, Guid companyId) => $"/programmes/{programmeId}/companies/{companyId}/report";

    /// <summary>pdftotext keeps the no-break (U+00A0) and narrow no-break (U+202F) group separators: one space for all.</summary>
    private static string Spaces(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    [Fact]
    public async Task A_ukrainian_programmes_report_prints_in_ukrainian_with_page_numbers_figures_fonts_and_metadata()
    {
        var s = await SeedAsync();

        // The reader's language is English (no culture asked for); the report is the programme's, Ukrainian.
        var response = await s.Client.GetAsync(Url(s.ProgrammeId, s.CompanyId) + "?handler=Pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var info = await Poppler.InfoAsync(pdf);
        var pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(pages > 1, info);
        Assert.Matches(@"Title:\s+Звіт з чистого виробництва: " + Regex.Escape(s.CompanyName), info);
        Assert.Matches(@"Author:\s+TEKNA", info);

        var text = Spaces(await Poppler.TextAsync(pdf));
        var pageTexts = text.Split('\f').Where(p => !string.IsNullOrWhiteSpace(p)).ToList();
        Assert.Equal(pages, pageTexts.Count);
        for (var i = 0; i < pages; i++)
        {
            Assert.Contains($"сторінка {i + 1} з {pages}", pageTexts[i], StringComparison.Ordinal);
        }

        Assert.Contains(s.CompanyName, text, StringComparison.Ordinal);
        Assert.Contains("Херсонська програма ЧВ", text, StringComparison.Ordinal);
        Assert.Contains("Протитечійне промивання", text, StringComparison.Ordinal);

        // By hand: investment 10 000 + 25 000 = 35 000; savings 3 000 + 5 000 = 8 000 a year; payback 35 000 ÷ 8 000 = 4,4
        // years; NPV = −10 000 + 3 000 × (1 − 1,1⁻⁵)/0,1 + (−25 000 + 5 000 × (1 − 1,1⁻¹⁰)/0,1)
        //            = −10 000 + 3 000 × 3,790787 − 25 000 + 5 000 × 6,144567 = 1 372,36 + 5 722,84 = 7 095,19 ≈ 7 095 UAH.
        var summary = Regex.Replace(text, @"[ \t]+", " ");
        Assert.Matches(@"Інвестиції 35 000 UAH", summary);
        Assert.Matches(@"Щорічна економія 8 000 UAH", summary);
        Assert.Matches(@"ЧПВ 7 095 UAH", summary);
        Assert.Contains("4,4", summary, StringComparison.Ordinal);
        Assert.Contains("1 372 UAH", summary, StringComparison.Ordinal);
        Assert.Contains("5 723 UAH", summary, StringComparison.Ordinal);
        Assert.DoesNotContain("35,000", summary, StringComparison.Ordinal);

        var fonts = (await Poppler.FontsAsync(pdf)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, row => Assert.Matches(@"\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row));
    }

    [Fact]
    public async Task Without_chromium_the_html_report_still_works_and_the_pdf_link_says_why()
    {
        var s = await SeedAsync();
        using var noChromium = factory.WithWebHostBuilder(b => b.UseSetting("Pdf:ExecutablePath", "/nonexistent/chromium"));
        using var client = noChromium.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await CpTrainingFactory.SignInAsync(client, s.EngineerEmail);
        var url = Url(s.ProgrammeId, s.CompanyId);

        var response = await client.GetAsync(url + "?handler=Pdf");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(url, response.Headers.Location!.OriginalString);
        var page = await client.GetDocumentAsync(url);
        Assert.Contains("Chromium was not found at /nonexistent/chromium", page.QuerySelector("#pdf-problem")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(s.CompanyName, page.QuerySelector("#report-company")!.TextContent.Trim());
        Assert.Contains("Протитечійне промивання", page.QuerySelector("#options")!.TextContent, StringComparison.Ordinal);
    }
}
