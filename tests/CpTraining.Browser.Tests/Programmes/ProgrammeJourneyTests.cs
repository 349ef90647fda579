using System.Globalization;
using System.Text.RegularExpressions;
using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Web.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CpTraining.Browser.Tests.Programmes;

/// <summary>A coordinator's whole journey in the browser: sign in, create, reschedule, download the calendar.</summary>
public sealed class ProgrammeJourneyTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    [Fact]
    public async Task Coordinator_creates_programme_reschedules_session_2_and_downloads_calendar()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        await using var context = await factory.NewContextAsync();
        var page = await context.NewPageAsync();

        // Sign in through the form; the app lands on "My programme", empty so far, and the menu leads to the programme list.
        await page.GotoAsync("/account/login");
        await page.SignInAsync(coordinator.Email!);
        await Expect(page).ToHaveURLAsync(new Regex("/home$"));
        await Expect(page.Locator("#no-programme")).ToBeVisibleAsync();
        await page.ClickAsync("nav a[href='/programmes']");
        await Expect(page).ToHaveURLAsync(new Regex("/programmes$"));

        // Create a programme from the template.
        await page.ClickAsync("a[href='/programmes/create']");
        await Expect(page.Locator("h1")).ToHaveTextAsync("New programme");
        await page.FillAsync("#Input_Name", "Cleaner Production in the Dnipro Basin");
        await page.FillAsync("#Input_Organisers", "TEKNA; UNDP-GEF Dnipro Basin Environment Programme");
        await page.FillAsync("#Input_City", "Dnipro");
        await page.FillAsync("#Input_Country", "Ukraine");
        await page.FillAsync("#Input_FirstSessionStart", "2026-09-01");
        await page.SelectOptionAsync("#Input_WeeksBetweenSessions", "7");
        await page.ClickAsync("main form button[type=submit]");

        // The timeline: four sessions, seven weeks apart from Tuesday 1 September 2026.
        await page.WaitForURLAsync(new Regex("/programmes/[0-9a-f-]{36}$"));
        var programmeUrl = page.Url;
        var sessions = page.Locator("#timeline > li");
        await Expect(sessions).ToHaveCountAsync(4);
        Assert.Equal(["2026-09-01", "2026-10-20", "2026-12-08", "2027-01-26"], await StartDatesAsync(page));
        await Expect(page.Locator("h1")).ToHaveTextAsync("Cleaner Production in the Dnipro Basin");

        var session2 = page.Locator("#timeline > li[data-session='2']");
        var before = new Timeline(
            DateOnly.Parse(await session2.GetAttributeAsync("data-start") ?? string.Empty, CultureInfo.InvariantCulture),
            await session2.Locator(".session-dates").InnerTextAsync(),
            await page.Locator("#timeline > li[data-session='1'] .gap").InnerTextAsync(),
            await session2.Locator(".gap").InnerTextAsync());
        Assert.Contains(before.Session2Start.ToString("D", English), before.Session2Dates, StringComparison.Ordinal);
        // Session 1 is 3 days (1–3 Sep), so 46 days pass until session 2 on 20 Oct; session 2 ends 22 Oct, 46 days until 8 Dec.
        Assert.StartsWith("46 days until session 2", before.GapBefore, StringComparison.Ordinal);
        Assert.StartsWith("46 days until session 3", before.GapAfter, StringComparison.Ordinal);
        await page.ScreenshotAsync("timeline");

        // Reschedule session 2 one week later.
        await session2.GetByRole(AriaRole.Link, new() { Name = "Reschedule" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/sessions/2/edit$"));
        await Expect(page.Locator("h1")).ToContainTextAsync("Reschedule session 2");
        var startInput = page.Locator("#Input_StartDate");
        await Expect(startInput).ToHaveValueAsync("2026-10-20");
        var newStart = before.Session2Start.AddDays(7);
        await startInput.FillAsync(newStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.ScreenshotAsync("reschedule-session");
        await page.ClickAsync("main form button[type=submit]");

        // Back on the timeline, session 2 has moved by exactly seven days and the gaps around it changed.
        await page.WaitForURLAsync(programmeUrl);
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Session 2 has been saved.");
        await Expect(session2).ToHaveAttributeAsync("data-start", "2026-10-27");
        Assert.Equal(["2026-09-01", "2026-10-27", "2026-12-08", "2027-01-26"], await StartDatesAsync(page));
        var after = new Timeline(
            DateOnly.Parse(await session2.GetAttributeAsync("data-start") ?? string.Empty, CultureInfo.InvariantCulture),
            await session2.Locator(".session-dates").InnerTextAsync(),
            await page.Locator("#timeline > li[data-session='1'] .gap").InnerTextAsync(),
            await session2.Locator(".gap").InnerTextAsync());
        Assert.Equal(7, after.Session2Start.DayNumber - before.Session2Start.DayNumber);
        Assert.NotEqual(before.Session2Dates, after.Session2Dates);
        Assert.Contains(newStart.ToString("D", English), after.Session2Dates, StringComparison.Ordinal);
        Assert.DoesNotContain(before.Session2Start.ToString("D", English), after.Session2Dates, StringComparison.Ordinal);
        Assert.StartsWith("53 days until session 2", after.GapBefore, StringComparison.Ordinal);
        Assert.StartsWith("39 days until session 3", after.GapAfter, StringComparison.Ordinal);
        await page.ScreenshotAsync("timeline-after-reschedule");

        // The calendar file: four all-day events, session 2 starting on its new date.
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-ics"));
        Assert.EndsWith(".ics", download.SuggestedFilename, StringComparison.Ordinal);
        var path = await download.PathAsync();
        var ics = await File.ReadAllTextAsync(path);
        var unfolded = ics.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        var events = Regex.Matches(unfolded, "BEGIN:VEVENT\r\n(.*?)END:VEVENT", RegexOptions.Singleline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(4, events.Count);
        var session2Event = Assert.Single(events, e => e.Contains("— session 2\r\n", StringComparison.Ordinal));
        Assert.Contains("DTSTART;VALUE=DATE:20261027\r\n", session2Event, StringComparison.Ordinal);
        Assert.Contains("DTEND;VALUE=DATE:20261030\r\n", session2Event, StringComparison.Ordinal);
        Assert.DoesNotContain("20261020", unfolded, StringComparison.Ordinal);

        // The same timeline on a phone.
        await using var phone = await factory.NewContextAsync(phone: true, storageState: await context.StorageStateAsync());
        var phonePage = await phone.NewPageAsync();
        await phonePage.GotoAsync(programmeUrl);
        await Expect(phonePage.Locator("#timeline > li")).ToHaveCountAsync(4);
        await phonePage.ScreenshotAsync("timeline-phone");
        await AssertFitsWidthAsync(phonePage, "the timeline");

        // On a phone the navigation folds behind the toggler; opened, it shows the language switcher.
        await phonePage.ClickAsync(".navbar-toggler");
        await Expect(phonePage.Locator("#mainNav")).ToHaveClassAsync(new Regex(@"\bcollapse show\b")); // the transition has ended
        await Expect(phonePage.Locator("#culture-select")).ToBeVisibleAsync();
        await phonePage.ScreenshotAsync("menu-phone");
        await AssertFitsWidthAsync(phonePage, "the timeline with the menu open");
    }

    private static async Task<string[]> StartDatesAsync(IPage page)
    {
        var items = await page.Locator("#timeline > li").AllAsync();
        var dates = new List<string>();
        foreach (var item in items)
        {
            dates.Add(await item.GetAttributeAsync("data-start") ?? "(none)");
        }

        return [.. dates];
    }

    private static async Task AssertFitsWidthAsync(IPage page, string what)
    {
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"On a 390px phone screen {what} is {overflow}px too wide (the page scrolls sideways).");
    }

    private sealed record Timeline(DateOnly Session2Start, string Session2Dates, string GapBefore, string GapAfter);
}
