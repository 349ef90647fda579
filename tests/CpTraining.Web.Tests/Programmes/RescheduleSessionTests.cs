using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Programmes;

/// <summary>
/// The reschedule form of one session. Unless a test says otherwise, today is Monday 1 June 2026 and the programme
/// starts on Tuesday 1 September 2026 with sessions 7 weeks apart: 1–3 Sep, 20–22 Oct, 8–10 Dec 2026 and the final
/// session 26–27 Jan 2027.
/// </summary>
public sealed class RescheduleSessionTests : IClassFixture<CpTrainingFactory>
{
    private static readonly DateOnly FirstSession = new(2026, 9, 1);
    private readonly CpTrainingFactory _factory;

    public RescheduleSessionTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Moving_session_2_by_a_week_shows_the_new_dates_and_gaps_on_the_timeline()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var response = await SaveAsync(client, programme.Id, 2, f => f["Input.StartDate"] = "2026-10-27");

        Assert.Equal(ProgrammePages.Timeline(programme.Id), ProgrammePages.RedirectTarget(response));
        var timeline = await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));
        Assert.Contains("Session 2 has been saved.", timeline.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        // Tuesday 27 – Thursday 29 October 2026.
        Assert.Contains(
            $"{ProgrammePages.Long(new DateOnly(2026, 10, 27))} – {ProgrammePages.Long(new DateOnly(2026, 10, 29))}",
            ProgrammePages.SessionDates(timeline, 2),
            StringComparison.Ordinal);
        Assert.Contains(ProgrammePages.Long(new DateOnly(2026, 9, 1)), ProgrammePages.SessionDates(timeline, 1), StringComparison.Ordinal);
        Assert.Contains(ProgrammePages.Long(new DateOnly(2026, 12, 8)), ProgrammePages.SessionDates(timeline, 3), StringComparison.Ordinal);
        // Home-task gaps: 4 Sep – 26 Oct = 27 + 26 days; 30 Oct – 7 Dec = 2 + 30 + 7 days; 11 Dec – 25 Jan = 21 + 25 days.
        Assert.Equal(
            ["53 days until session 2 — home tasks", "39 days until session 3 — home tasks", "46 days until session 4 — home tasks"],
            timeline.QuerySelectorAll("#timeline .gap").Select(g => g.TextContent.Trim()));
        Assert.Equal(new DateOnly(2026, 10, 27), (await SavedAsync(programme.Id, 2)).StartDate);
    }

    [Fact]
    public async Task Venue_days_and_daily_times_are_saved_and_shown()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var response = await SaveAsync(client, programme.Id, 2, f =>
        {
            f["Input.Days"] = "4";
            f["Input.Venue"] = "  Hotel Fregat, Kherson  ";
            f["Input.DailyStart"] = "10:00";
            f["Input.DailyEnd"] = "16:30";
        });

        ProgrammePages.RedirectTarget(response);
        var saved = await SavedAsync(programme.Id, 2);
        Assert.Equal((4, "Hotel Fregat, Kherson", new TimeOnly(10, 0), new TimeOnly(16, 30)), (saved.Days, saved.Venue, saved.DailyStart, saved.DailyEnd));
        var timeline = await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));
        var card = timeline.QuerySelector("#timeline > li[data-session='2'] .card")!.TextContent;
        Assert.Contains("Hotel Fregat, Kherson", card, StringComparison.Ordinal);
        // Tuesday 20 – Friday 23 October 2026.
        Assert.Contains($"{ProgrammePages.Long(new DateOnly(2026, 10, 20))} – {ProgrammePages.Long(new DateOnly(2026, 10, 23))}", card, StringComparison.Ordinal);
        Assert.Contains("4 days", card, StringComparison.Ordinal);
        Assert.Contains($"{new TimeOnly(10, 0).ToString("t", ProgrammePages.English)}–{new TimeOnly(16, 30).ToString("t", ProgrammePages.English)}", card, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("6")]
    [InlineData("40")]
    public async Task Session_length_outside_1_to_5_days_is_a_field_error(string days)
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var page = await RefusedAsync(await SaveAsync(client, programme.Id, 2, f => f["Input.Days"] = days));

        Assert.Equal("A session lasts from 1 to 5 days.", FormClient.FieldError(page, "Input.Days"));
        Assert.Equal(days, FormClient.FormValues(page)["Input.Days"]);
        Assert.Equal(3, (await SavedAsync(programme.Id, 2)).Days);
    }

    [Theory]
    [InlineData("abc", "The value 'abc' is not valid for Start date.")]
    [InlineData("2026-13-01", "The value '2026-13-01' is not valid for Start date.")]
    [InlineData("", "Enter a date.")]
    public async Task Unreadable_start_date_is_a_field_error_not_a_server_error(string start, string message)
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var page = await RefusedAsync(await SaveAsync(client, programme.Id, 2, f =>
        {
            f["Input.StartDate"] = start;
            f["Input.Venue"] = "Kept venue";
        }));

        Assert.Equal(message, FormClient.FieldError(page, "Input.StartDate"));
        Assert.Equal(start, FormClient.FormValues(page)["Input.StartDate"]);
        Assert.Equal("Kept venue", FormClient.FormValues(page)["Input.Venue"]);
        Assert.Equal(new DateOnly(2026, 10, 20), (await SavedAsync(programme.Id, 2)).StartDate);
    }

    [Fact]
    public async Task Session_2_starting_before_session_1_ends_names_session_1()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        // Session 1 runs 1–3 September; session 2 on 3 September would overlap its last day.
        var page = await RefusedAsync(await SaveAsync(client, programme.Id, 2, f => f["Input.StartDate"] = "2026-09-03"));

        Assert.Equal(
            $"Session 2 must start after session 1 ends ({ProgrammePages.Short(new DateOnly(2026, 9, 3))}); sessions take place in number order and do not overlap.",
            FormClient.FieldError(page, "Input.StartDate"));
        Assert.Equal("2026-09-03", FormClient.FormValues(page)["Input.StartDate"]);
        Assert.Equal(new DateOnly(2026, 10, 20), (await SavedAsync(programme.Id, 2)).StartDate);
    }

    [Fact]
    public async Task Session_2_running_into_session_3_names_session_3()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        // 4 – 8 December would end on the first day of session 3.
        var page = await RefusedAsync(await SaveAsync(client, programme.Id, 2, f =>
        {
            f["Input.StartDate"] = "2026-12-04";
            f["Input.Days"] = "5";
        }));

        Assert.Equal(
            $"Session 2 must end before session 3 starts ({ProgrammePages.Short(new DateOnly(2026, 12, 8))}); sessions take place in number order and do not overlap.",
            FormClient.FieldError(page, "Input.StartDate"));
    }

    [Fact]
    public async Task Session_3_cannot_move_after_the_final_session()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var page = await RefusedAsync(await SaveAsync(client, programme.Id, 3, f => f["Input.StartDate"] = "2027-02-09"));

        Assert.Equal(
            $"Session 3 must end before the final session (session 4) starts on {ProgrammePages.Short(new DateOnly(2027, 1, 26))}; the final session is the last one.",
            FormClient.FieldError(page, "Input.StartDate"));
        Assert.Equal(new DateOnly(2026, 12, 8), (await SavedAsync(programme.Id, 3)).StartDate);
    }

    [Fact]
    public async Task Upcoming_session_cannot_be_moved_into_the_past()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var page = await RefusedAsync(await SaveAsync(client, programme.Id, 1, f => f["Input.StartDate"] = "2026-05-26"));

        Assert.Equal(
            $"An upcoming session cannot be moved into the past (today is {ProgrammePages.Short(new DateOnly(2026, 6, 1))}).",
            FormClient.FieldError(page, "Input.StartDate"));
        Assert.Equal(FirstSession, (await SavedAsync(programme.Id, 1)).StartDate);
    }

    [Fact]
    public async Task Upcoming_session_can_be_moved_to_today()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        ProgrammePages.RedirectTarget(await SaveAsync(client, programme.Id, 1, f => f["Input.StartDate"] = "2026-06-01"));

        Assert.Equal(new DateOnly(2026, 6, 1), (await SavedAsync(programme.Id, 1)).StartDate);
    }

    [Fact]
    public async Task Coordinator_cannot_change_a_session_that_has_begun()
    {
        // Session 1 ran 26–28 May 2026, before today (1 June).
        var (client, programme) = await CoordinatorWithProgrammeAsync(new DateOnly(2026, 5, 26));

        var page = await RefusedAsync(await SaveAsync(client, programme.Id, 1, f => f["Input.Venue"] = "Corrected venue"));

        var error = Assert.Single(FormClient.Errors(page));
        Assert.Equal(
            $"Session 1 has already begun ({ProgrammePages.Short(new DateOnly(2026, 5, 26))} – {ProgrammePages.Short(new DateOnly(2026, 5, 28))}); only an administrator can correct a session that has been held.",
            error);
        Assert.Null((await SavedAsync(programme.Id, 1)).Venue);
    }

    [Fact]
    public async Task Coordinator_cannot_change_a_session_that_is_running_today()
    {
        // Session 1 runs 31 May – 2 June 2026; today is its second day.
        var (client, programme) = await CoordinatorWithProgrammeAsync(new DateOnly(2026, 5, 31));

        var page = await RefusedAsync(await SaveAsync(client, programme.Id, 1, f => f["Input.Days"] = "2"));

        Assert.Contains("only an administrator can correct a session that has been held", Assert.Single(FormClient.Errors(page)), StringComparison.Ordinal);
        Assert.Equal(3, (await SavedAsync(programme.Id, 1)).Days);
    }

    [Fact]
    public async Task Administrator_can_correct_a_held_session_even_into_the_past()
    {
        var (_, coordinator) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 5, 26));
        var (admin, _) = await _factory.SignedInClientAsync(Roles.Administrator);

        // It actually took place a day earlier, 25–27 May, at the Kherson chamber of commerce.
        var response = await SaveAsync(admin, programme.Id, 1, f =>
        {
            f["Input.StartDate"] = "2026-05-25";
            f["Input.Venue"] = "Kherson chamber of commerce";
        });

        ProgrammePages.RedirectTarget(response);
        var saved = await SavedAsync(programme.Id, 1);
        Assert.Equal((new DateOnly(2026, 5, 25), 3, "Kherson chamber of commerce"), (saved.StartDate, saved.Days, saved.Venue));
    }

    [Fact]
    public async Task Shortening_a_session_below_its_agenda_is_a_field_error()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        // Session 1's template agenda has items on day 3.
        var page = await RefusedAsync(await SaveAsync(client, programme.Id, 1, f => f["Input.Days"] = "2"));

        Assert.Equal(
            "The agenda has items on day 3; move or remove them before shortening the session to 2 days.",
            FormClient.FieldError(page, "Input.Days"));
    }

    [Theory]
    [InlineData("09:00", "", "Input.DailyEnd", "Give both the daily start and end time, or neither for all-day sessions.")]
    [InlineData("", "17:00", "Input.DailyStart", "Give both the daily start and end time, or neither for all-day sessions.")]
    [InlineData("17:00", "09:00", "Input.DailyEnd", "The daily end time must be after the start time.")]
    [InlineData("09:00", "09:00", "Input.DailyEnd", "The daily end time must be after the start time.")]
    [InlineData("9 o'clock", "17:00", "Input.DailyStart", "The value '9 o'clock' is not valid for Daily start time.")]
    public async Task Daily_times_must_be_both_given_and_in_order(string start, string end, string field, string message)
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var page = await RefusedAsync(await SaveAsync(client, programme.Id, 2, f =>
        {
            f["Input.DailyStart"] = start;
            f["Input.DailyEnd"] = end;
        }));

        Assert.Equal(message, FormClient.FieldError(page, field));
        var saved = await SavedAsync(programme.Id, 2);
        Assert.Equal((null, null), (saved.DailyStart, saved.DailyEnd));
    }

    [Fact]
    public async Task Second_of_two_simultaneous_edits_sees_what_the_first_changed_and_can_save_again()
    {
        var (first, coordinator) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var (second, colleague) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await _factory.CreateProgrammeAsync(coordinator, FirstSession);
        await _factory.AddMemberAsync(programme.Id, colleague, ProgrammeRole.Coordinator);
        var url = ProgrammePages.EditSession(programme.Id, 2);
        var firstForm = await first.GetDocumentAsync(url);
        var secondForm = await second.GetDocumentAsync(url);

        var firstFields = FormClient.FormValues(firstForm);
        firstFields["Input.Venue"] = "Hotel Ukraina";
        ProgrammePages.RedirectTarget(await first.PostAsync(firstForm, url, firstFields));

        var secondFields = FormClient.FormValues(secondForm);
        secondFields["Input.StartDate"] = "2026-10-27";
        var refused = await second.PostAsync(secondForm, url, secondFields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await FormClient.ParseAsync(refused);
        Assert.Contains("Someone else saved this session while you were editing it", Assert.Single(FormClient.Errors(page)), StringComparison.Ordinal);
        var changes = page.QuerySelectorAll("#conflict-changes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["Venue: (none) → Hotel Ukraina"], changes);
        var shown = FormClient.FormValues(page);
        Assert.Equal("2026-10-27", shown["Input.StartDate"]);
        Assert.Equal(string.Empty, shown["Input.Venue"]);
        var afterConflict = await SavedAsync(programme.Id, 2);
        Assert.Equal((new DateOnly(2026, 10, 20), "Hotel Ukraina"), (afterConflict.StartDate, afterConflict.Venue));

        // Keeping the colleague's venue and saving again goes through.
        shown["Input.Venue"] = "Hotel Ukraina";
        var again = await second.PostAsync(page, url, shown);

        Assert.Equal(ProgrammePages.Timeline(programme.Id), ProgrammePages.RedirectTarget(again));
        var saved = await SavedAsync(programme.Id, 2);
        Assert.Equal((new DateOnly(2026, 10, 27), "Hotel Ukraina"), (saved.StartDate, saved.Venue));
    }

    [Fact]
    public async Task Members_who_do_not_coordinate_and_strangers_may_not_reschedule()
    {
        var (owner, programme) = await CoordinatorWithProgrammeAsync();
        var (stranger, _) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var (engineer, engineerUser) = await _factory.SignedInClientAsync(Roles.Engineer);
        var (trainer, trainerUser) = await _factory.SignedInClientAsync(Roles.Trainer);
        await _factory.AddMemberAsync(programme.Id, engineerUser, ProgrammeRole.Engineer);
        await _factory.AddMemberAsync(programme.Id, trainerUser, ProgrammeRole.Trainer);
        var url = ProgrammePages.EditSession(programme.Id, 2);

        ProgrammePages.AssertAccessDenied(await stranger.GetAsync(url));
        ProgrammePages.AssertAccessDenied(await engineer.GetAsync(url));
        ProgrammePages.AssertAccessDenied(await trainer.GetAsync(url));

        // A stranger's post with a valid token of their own is refused too.
        var ownerForm = FormClient.FormValues(await owner.GetDocumentAsync(url));
        ownerForm["Input.Venue"] = "Stranger's venue";
        var token = FormClient.Token(await stranger.GetDocumentAsync("/programmes/create"));
        ownerForm["__RequestVerificationToken"] = token;
        ProgrammePages.AssertAccessDenied(await stranger.PostAsync(url, new FormUrlEncodedContent(ownerForm)));
        Assert.Null((await SavedAsync(programme.Id, 2)).Venue);

        // The timeline offers no reschedule link to the engineer.
        var timeline = await engineer.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));
        Assert.Empty(timeline.QuerySelectorAll("a[href$='/edit']"));
    }

    [Fact]
    public async Task Session_that_does_not_exist_is_not_found()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ProgrammePages.EditSession(programme.Id, 5))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(ProgrammePages.EditSession(Guid.NewGuid(), 1))).StatusCode);
    }

    [Fact]
    public async Task Two_coordinators_moving_neighbouring_sessions_at_once_cannot_make_them_overlap()
    {
        // Each move is valid on its own; together they would overlap (session 2 on 24–26 Nov, session 3 on 25–27 Nov).
        for (var round = 0; round < 5; round++)
        {
            var (first, programme) = await CoordinatorWithProgrammeAsync();
            var (second, secondCoordinator) = await _factory.SignedInClientAsync(Roles.Coordinator);
            await _factory.AddMemberAsync(programme.Id, secondCoordinator, ProgrammeRole.Coordinator);
            var url2 = ProgrammePages.EditSession(programme.Id, 2);
            var url3 = ProgrammePages.EditSession(programme.Id, 3);
            var form2 = await first.GetDocumentAsync(url2);
            var form3 = await second.GetDocumentAsync(url3);
            var fields2 = FormClient.FormValues(form2);
            var fields3 = FormClient.FormValues(form3);
            fields2["Input.StartDate"] = "2026-11-24";
            fields3["Input.StartDate"] = "2026-11-25";

            var responses = await Task.WhenAll(first.PostAsync(form2, url2, fields2), second.PostAsync(form3, url3, fields3));

            Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Redirect);
            var refused = await FormClient.ParseAsync(Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK));
            Assert.Contains(FormClient.Errors(refused), e => e.Contains("sessions take place in number order and do not overlap", StringComparison.Ordinal));
            var session2 = await SavedAsync(programme.Id, 2);
            var session3 = await SavedAsync(programme.Id, 3);
            Assert.True(session2.EndDate < session3.StartDate, $"session 2 ends {session2.EndDate}, session 3 starts {session3.StartDate}");
        }
    }

    private async Task<(HttpClient Client, Programme Programme)> CoordinatorWithProgrammeAsync(DateOnly? firstSession = null)
    {
        var (client, coordinator) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await _factory.CreateProgrammeAsync(coordinator, firstSession ?? FirstSession);
        return (client, programme);
    }

    /// <summary>Opens the session's form, changes some fields and saves it.</summary>
    private static async Task<HttpResponseMessage> SaveAsync(HttpClient client, Guid programmeId, int number, Action<Dictionary<string, string>> change)
    {
        var url = ProgrammePages.EditSession(programmeId, number);
        var form = await client.GetDocumentAsync(url);
        var fields = FormClient.FormValues(form);
        change(fields);
        return await client.PostAsync(form, url, fields);
    }

    private static async Task<IHtmlDocument> RefusedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.NotNull(page.QuerySelector("form input[name='Input.StartDate']"));
        return page;
    }

    private async Task<PlenarySession> SavedAsync(Guid programmeId, int number)
    {
        await using var db = _factory.NewDbContext();
        return await db.Sessions.AsNoTracking().SingleAsync(s => s.ProgrammeId == programmeId && s.Number == number);
    }
}
