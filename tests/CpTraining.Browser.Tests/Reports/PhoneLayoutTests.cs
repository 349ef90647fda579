using System.Diagnostics;
using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Domain.Reports;
using CpTraining.Web.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Playwright;

namespace CpTraining.Browser.Tests.Reports;

/// <summary>
/// Issue 15, point 4: on a 390 px phone (and a 1366 px laptop) the pages people read away from a desk — the investor's
/// shared report, the company report, the balance, the work on a home task and the attendance grid — never scroll
/// sideways: wide tables and Sankey diagrams scroll inside their own containers, long words wrap. Run on the demo
/// data, the fullest data the app has. Screenshots of the pages and of the report PDFs' pages (pdftoppm) are saved
/// under artifacts/ for a person to look at.
/// </summary>
public sealed class PhoneLayoutTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    private sealed record Urls(string Shared, string CompanyReport, string ProgrammeReport, string Balance, string Work, string Attendance);

    private async Task<Urls> DemoAsync()
    {
        using (var scope = factory.Services.CreateScope())
        {
            await DemoData.SeedAsync(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<IConfiguration>(), NullLogger.Instance);
        }

        await using var db = factory.NewDbContext();
        var current = await db.Programmes.AsNoTracking().SingleAsync(p => p.Name == DemoData.CurrentProgrammeName);
        var historical = await db.Programmes.AsNoTracking().SingleAsync(p => p.Name == DemoData.HistoricalProgrammeName);
        var mill = await db.Companies.AsNoTracking().SingleAsync(c => c.Name == "Kherson Cotton Textile Mill");
        var sheet = await db.Worksheets.AsNoTracking().Where(w => w.ProgrammeId == current.Id && w.CompanyId == mill.Id).OrderBy(w => w.CreatedAt).Select(w => w.Id).FirstAsync();
        var submission = await db.Submissions.AsNoTracking().Where(s => s.ProgrammeId == current.Id && s.CompanyId == mill.Id).OrderBy(s => s.Id).Select(s => s.Id).FirstAsync();
        var coordinator = await db.Users.AsNoTracking().SingleAsync(u => u.Email == "coordinator@demo.local");

        // The investor's link to the published 2010 programme report.
        var (link, token) = ShareLink.Create(historical.Id, ShareScope.ProgrammeReport, null, null, "Зелений фонд — інвестиційний відділ", 14, coordinator.Id, factory.Clock.GetUtcNow());
        db.ShareLinks.Add(link);
        await db.SaveChangesAsync();

        return new Urls(
            "/shared/" + token,
            $"/programmes/{current.Id}/companies/{mill.Id}/report",
            $"/programmes/{historical.Id}/report",
            $"/worksheets/{sheet}/balance",
            $"/tasks/{submission}",
            $"/programmes/{current.Id}/sessions/1/attendance?day=1");
    }

    private static string Artifacts(string folder)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CpTraining.sln")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "artifacts", folder)).FullName;
            }
        }

        return Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, folder)).FullName;
    }

    /// <summary>
    /// How far the page scrolls sideways, and the elements that stick out, to say what to fix. A phone's layout viewport
    /// widens to fit content that sticks out (innerWidth grows past 390), so the width asked for counts too.
    /// </summary>
    private const string Overflow = """
        screenWidth => {
            const width = Math.min(innerWidth, screenWidth);
            const over = document.scrollingElement.scrollWidth - width;
            const culprits = [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > width + 1 && !e.closest('.table-responsive, .chart-scroll'))
                .slice(0, 8)
                .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().replace(/\s+/g, '.') : '') + ' ' + Math.round(e.getBoundingClientRect().right));
            return over + '|' + culprits.join(', ');
        }
        """;

    [Theory]
    [InlineData(390)]
    [InlineData(1366)]
    public async Task The_read_away_from_the_desk_pages_never_scroll_sideways(int width)
    {
        var urls = await DemoAsync();
        await using var context = await factory.NewContextAsync(phone: width < 500);
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(width, 844);
        var folder = Artifacts("phone-layout");
        var problems = new List<string>();

        async Task CheckAsync(string name, string url)
        {
            var response = await page.GotoAsync(url);
            Assert.True(response is { Ok: true }, $"{name}: {url} answered {response?.Status}");
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var result = (await page.EvaluateAsync<string>(Overflow, width)).Split('|', 2);
            var over = int.Parse(result[0], System.Globalization.CultureInfo.InvariantCulture);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{width}.png"), FullPage = true });
            if (over > 0)
            {
                problems.Add($"{name} ({url}) is {over}px wider than the {width}px screen: {result[1]}");
            }
        }

        // The investor, not signed in.
        await CheckAsync("shared-report", urls.Shared);

        await page.SignInAsync("coordinator@demo.local", DemoData.DefaultPassword);
        await CheckAsync("company-report", urls.CompanyReport);
        await CheckAsync("programme-report", urls.ProgrammeReport);
        await CheckAsync("balance", urls.Balance);
        await CheckAsync("work", urls.Work);
        await CheckAsync("attendance", urls.Attendance);

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task The_report_pdfs_are_saved_page_by_page_as_pictures_for_a_person_to_look_at()
    {
        var urls = await DemoAsync();
        await using var context = await factory.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync("coordinator@demo.local", DemoData.DefaultPassword);
        var folder = Artifacts("report-screens");

        foreach (var (name, url) in new[] { ("company-report-uk", urls.CompanyReport), ("programme-report-en", urls.ProgrammeReport) })
        {
            var response = await context.APIRequest.GetAsync(url + "?handler=Pdf", new() { Timeout = 120_000 });
            Assert.Equal(200, response.Status);
            Assert.Equal("application/pdf", response.Headers["content-type"].Split(';')[0]);
            var pdf = Path.Combine(folder, name + ".pdf");
            await File.WriteAllBytesAsync(pdf, await response.BodyAsync());
            foreach (var old in Directory.GetFiles(folder, name + "-*.png"))
            {
                File.Delete(old);
            }

            using var pdftoppm = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "60", pdf, Path.Combine(folder, name)]) { RedirectStandardError = true })!;
            var error = await pdftoppm.StandardError.ReadToEndAsync();
            await pdftoppm.WaitForExitAsync();
            Assert.True(pdftoppm.ExitCode == 0, error);
            Assert.NotEmpty(Directory.GetFiles(folder, name + "-*.png"));
        }
    }
}
