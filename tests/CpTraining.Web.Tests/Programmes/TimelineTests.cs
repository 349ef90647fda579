using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Programmes;

/// <summary>
/// The programme timeline. The programme starts on Tuesday 14 April 2026 with sessions 7 weeks apart:
/// 14–16 Apr, 2–4 Jun, 21–23 Jul and the final session 8–9 Sep 2026. Each test sets the clock it needs.
/// </summary>
public sealed class TimelineTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static readonly DateOnly FirstSession = new(2026, 4, 14);

    [Fact]
    public async Task Before_the_first_session_everything_is_planned()
    {
        SetToday(2026, 4, 13);
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var timeline = await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));

        Assert.Equal("planned", ProgrammeStatus(timeline));
        Assert.Equal(["planned", "planned", "planned", "planned"], SessionStatuses(timeline));
        Assert.Equal($"Next: session 1 in 1 days ({ProgrammePages.Long(FirstSession)}).", timeline.QuerySelector("#next-session")!.TextContent.Trim());
    }

    [Fact]
    public async Task During_session_2_the_programme_is_running_with_session_1_completed()
    {
        SetToday(2026, 6, 3);
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var timeline = await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));

        Assert.Equal("running", ProgrammeStatus(timeline));
        Assert.Equal(["completed", "running", "planned", "planned"], SessionStatuses(timeline));
        Assert.Equal("Running", timeline.QuerySelector("#timeline > li[data-session='2'] h3 .status-running")!.TextContent.Trim());
        // 3 June → 21 July: 27 days left in June + 21.
        Assert.Equal($"Next: session 3 in 48 days ({ProgrammePages.Long(new DateOnly(2026, 7, 21))}).", timeline.QuerySelector("#next-session")!.TextContent.Trim());
    }

    [Fact]
    public async Task Status_changes_on_the_first_and_the_last_day_of_a_session()
    {
        SetToday(2026, 4, 1);
        var (_, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession);

        // Session 2 runs 2–4 June.
        Assert.Equal("planned", await Session2StatusOnAsync(1));
        Assert.Equal("running", await Session2StatusOnAsync(2));
        Assert.Equal("running", await Session2StatusOnAsync(4));
        Assert.Equal("completed", await Session2StatusOnAsync(5));

        async Task<string> Session2StatusOnAsync(int juneDay)
        {
            // Signed in afresh each "day": the sign-in cookie expires after 8 hours of the app's clock.
            SetToday(2026, 6, juneDay);
            var client = factory.NewClient();
            await CpTrainingFactory.SignInAsync(client, coordinator.Email!);
            return ProgrammePages.SessionStatus(await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id)), 2);
        }
    }

    [Fact]
    public async Task Between_sessions_the_programme_is_still_running()
    {
        SetToday(2026, 5, 1);
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var timeline = await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));

        Assert.Equal("running", ProgrammeStatus(timeline));
        Assert.Equal(["completed", "planned", "planned", "planned"], SessionStatuses(timeline));
        // 1 May → 2 June: 30 days left in May + 2.
        Assert.Equal($"Next: session 2 in 32 days ({ProgrammePages.Long(new DateOnly(2026, 6, 2))}).", timeline.QuerySelector("#next-session")!.TextContent.Trim());
    }

    [Fact]
    public async Task After_the_final_session_everything_is_completed_and_nothing_is_next()
    {
        SetToday(2026, 9, 10);
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var timeline = await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));

        Assert.Equal("completed", ProgrammeStatus(timeline));
        Assert.Equal(["completed", "completed", "completed", "completed"], SessionStatuses(timeline));
        Assert.Null(timeline.QuerySelector("#next-session"));
    }

    [Fact]
    public async Task Status_follows_the_date_at_the_venue()
    {
        // 22:30 UTC on 1 June is already 2 June in Kyiv (UTC+2 or +3), the first day of session 2.
        factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 22, 30, 0, TimeSpan.Zero));
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeInZoneAsync(coordinator, FirstSession, "Europe/Kyiv");
        var utcProgramme = await factory.CreateProgrammeAsync(coordinator, FirstSession);

        var timeline = await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));

        Assert.Equal(["completed", "running", "planned", "planned"], SessionStatuses(timeline));
        // In a UTC venue it is still 1 June: session 2 has not begun.
        Assert.Equal("planned", ProgrammePages.SessionStatus(await client.GetDocumentAsync(ProgrammePages.Timeline(utcProgramme.Id)), 2));
    }

    [Fact]
    public async Task Timeline_shows_dates_lengths_and_the_home_task_gaps()
    {
        SetToday(2026, 4, 1);
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var timeline = await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));

        Assert.Equal(4, timeline.QuerySelectorAll("#timeline > li").Length);
        (DateOnly Start, DateOnly End, int Days)[] expected =
        [
            (new(2026, 4, 14), new(2026, 4, 16), 3),
            (new(2026, 6, 2), new(2026, 6, 4), 3),
            (new(2026, 7, 21), new(2026, 7, 23), 3),
            (new(2026, 9, 8), new(2026, 9, 9), 2),
        ];
        for (var n = 1; n <= 4; n++)
        {
            var (start, end, days) = expected[n - 1];
            var dates = ProgrammePages.SessionDates(timeline, n);
            Assert.Contains($"{ProgrammePages.Long(start)} – {ProgrammePages.Long(end)}", dates, StringComparison.Ordinal);
            Assert.Contains($"{days} days", dates, StringComparison.Ordinal);
        }

        // Seven weeks from start to start, less the 3 days of the session before: 49 − 3 = 46 days in between.
        Assert.Equal(
            ["46 days until session 2 — home tasks", "46 days until session 3 — home tasks", "46 days until session 4 — home tasks"],
            timeline.QuerySelectorAll("#timeline .gap").Select(g => g.TextContent.Trim()));
        var final = timeline.QuerySelector("#timeline > li[data-session='4']")!.TextContent;
        Assert.Contains("Final session", final, StringComparison.Ordinal);
        Assert.Contains("Management and potential investors are invited.", final, StringComparison.Ordinal);
        Assert.Equal(ProgrammePages.Calendar(programme.Id), timeline.QuerySelector("#download-ics")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Members_see_the_timeline_without_edit_links_and_strangers_are_refused()
    {
        SetToday(2026, 4, 1);
        var (_, programme) = await CoordinatorWithProgrammeAsync();
        var (engineer, engineerUser) = await factory.SignedInClientAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineerUser, ProgrammeRole.Engineer);
        var (stranger, _) = await factory.SignedInClientAsync(Roles.Coordinator);

        var timeline = await engineer.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));

        Assert.Equal(4, timeline.QuerySelectorAll("#timeline > li").Length);
        Assert.Empty(timeline.QuerySelectorAll("a[href$='/edit']"));
        ProgrammePages.AssertAccessDenied(await stranger.GetAsync(ProgrammePages.Timeline(programme.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(ProgrammePages.Timeline(Guid.NewGuid()))).StatusCode);
    }

    private void SetToday(int year, int month, int day) => factory.Clock.Set(new DateTimeOffset(year, month, day, 9, 0, 0, TimeSpan.Zero));

    private async Task<(HttpClient Client, Programme Programme)> CoordinatorWithProgrammeAsync()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        return (client, await factory.CreateProgrammeAsync(coordinator, FirstSession));
    }

    private static string ProgrammeStatus(IHtmlDocument timeline) =>
        ProgrammePages.StatusOf(timeline.QuerySelector("main p.text-muted .badge[class*='status-']")!);

    private static List<string> SessionStatuses(IHtmlDocument timeline) =>
        Enumerable.Range(1, 4).Select(n => ProgrammePages.SessionStatus(timeline, n)).ToList();
}
