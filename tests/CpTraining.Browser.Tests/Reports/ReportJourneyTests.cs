using System.Diagnostics;
using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace CpTraining.Browser.Tests.Reports;

/// <summary>
/// Issue 7's journey: a company manager signs in, opens the company report from the landing page and downloads its
/// PDF; the coordinator publishes the programme report at the final session, creates a share link for an investor,
/// and the link opens the published report in a fresh browser without signing in — until it is revoked.
/// </summary>
/// <remarks>
/// Sessions 26–28 May, 14–16 July, 1–3 September and 20–21 October 2026; today is 20 October, the final session's first
/// day, when reports may be published. The textile works has one selected investment: 10 000 UAH invested, 3 000 UAH
/// saved a year — simple payback 10 000 ÷ 3 000 = 3.3 years.
/// </remarks>
public sealed class ReportJourneyTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    [Fact]
    public async Task Manager_downloads_the_company_report_and_the_coordinator_shares_the_published_programme_report_with_an_investor()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero));
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 5, 26), "CPEE Kherson 2026");
        var company = await factory.EnrolCompanyAsync(programme.Id, "Kherson Textile Finishing");
        var manager = await factory.CreateUserAsync(Roles.Manager);
        await factory.AddMemberAsync(programme.Id, manager, ProgrammeRole.Manager, company.Id);
        var option = CpOption.Create(programme.Id, company.Id, 1, "Counter-current rinsing", null, null, OptionCategory.EquipmentModification, OptionKind.Investment, factory.Clock.GetUtcNow());
        option.ChangeEconomics(new EconomicInputs { Investment = [new("Tanks", 10_000m)], Water = 3_000m, LifetimeYears = 5, DiscountRate = 0.10m });
        foreach (var status in new[] { OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected })
        {
            option.MoveTo(status, null, null, factory.Clock.GetUtcNow());
        }

        await using (var db = factory.NewDbContext())
        {
            db.CpOptions.Add(option);
            await db.SaveChangesAsync();
        }

        // 1. The manager: landing page → company report (a draft) → PDF.
        await using var managerContext = await factory.NewContextAsync();
        var page = await managerContext.NewPageAsync();
        await page.SignInAsync(manager.Email!);
        await page.GotoAsync("/home");
        await page.ClickAsync("#company-report-link");
        await Expect(page.Locator("#report-company")).ToHaveTextAsync("Kherson Textile Finishing");
        await Expect(page.Locator("#draft-mark")).ToBeVisibleAsync();
        await Expect(page.Locator("#financing tbody")).ToContainTextAsync("Counter-current rinsing");
        await Expect(page.Locator("#financing tbody")).ToContainTextAsync("3.3");
        await page.ScreenshotAsync("company-report");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#pdf-link"));
        await download.SaveAsAsync(Path.Combine(Path.GetTempPath(), "cptraining-company-report.pdf"));
        var text = await PdfTextAsync(await download.PathAsync());
        Assert.Contains("Kherson Textile Finishing", text, StringComparison.Ordinal);
        Assert.Contains("Counter-current rinsing", text, StringComparison.Ordinal);
        Assert.Matches(@"page 1 of \d+", text);

        // 2. The coordinator: programme page → programme report → publish → share links → a link for an investor.
        await using var coordinatorContext = await factory.NewContextAsync();
        var desk = await coordinatorContext.NewPageAsync();
        await desk.SignInAsync(coordinator.Email!);
        await desk.GotoAsync($"/programmes/{programme.Id}");
        await desk.ClickAsync("#programme-report-link");
        await Expect(desk.Locator("#draft-mark")).ToBeVisibleAsync();
        await desk.ClickAsync("#publish-button");
        await desk.WaitForURLAsync($"**/programmes/{programme.Id}/report/versions/1");
        await Expect(desk.Locator("#report-version")).ToHaveTextAsync("Version 1");
        await Expect(desk.Locator("#draft-mark")).ToHaveCountAsync(0);
        await desk.ScreenshotAsync("programme-report-version-1");
        await desk.GotoAsync($"/programmes/{programme.Id}/report");
        await desk.ClickAsync("#share-links-link");
        await desk.FillAsync("#Input_Recipient", "Dnipro Green Fund — O. Petrenko");
        await desk.FillAsync("#Input_Days", "30");
        await desk.ClickAsync("#create-link-button");
        var link = await desk.Locator("#new-link").InputValueAsync();
        await desk.ScreenshotAsync("share-links");
        Assert.StartsWith(factory.ServerAddress.TrimEnd('/') + "/shared/", link, StringComparison.Ordinal);

        // 3. The investor: a fresh browser with no account opens the published report and its PDF.
        await using var investorContext = await factory.NewContextAsync();
        var investor = await investorContext.NewPageAsync();
        await investor.GotoAsync(link);
        await Expect(investor.Locator("#report-programme")).ToHaveTextAsync("CPEE Kherson 2026");
        await Expect(investor.Locator("#report-version")).ToHaveTextAsync("Version 1");
        await Expect(investor.Locator("#pipeline")).ToContainTextAsync("Counter-current rinsing");
        await Expect(investor.Locator("#shared-note")).ToContainTextAsync("Dnipro Green Fund — O. Petrenko");
        await investor.ScreenshotAsync("shared-programme-report");
        var investorPdf = await investor.RunAndWaitForDownloadAsync(() => investor.ClickAsync("#pdf-link"));
        await investorPdf.SaveAsAsync(Path.Combine(Path.GetTempPath(), "cptraining-programme-report.pdf"));
        Assert.Contains("Kherson Textile Finishing", await PdfTextAsync(await investorPdf.PathAsync()), StringComparison.Ordinal);

        // 4. Both uses are in the coordinator's log; once revoked, the link opens nothing.
        await desk.GotoAsync($"/programmes/{programme.Id}/share-links");
        await Expect(desk.Locator(".link-uses")).ToHaveTextAsync("2");
        await desk.ClickAsync(".revoke-link");
        await Expect(desk.Locator(".link-state")).ToHaveTextAsync("Revoked");
        await investor.ReloadAsync();
        await Expect(investor.Locator("#share-refusal")).ToContainTextAsync("This link was withdrawn on");
        await Expect(investor.Locator("#pipeline")).ToHaveCountAsync(0);
    }

    private static async Task<string> PdfTextAsync(string path)
    {
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", path, "-"]) { RedirectStandardOutput = true })!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return text;
    }
}
