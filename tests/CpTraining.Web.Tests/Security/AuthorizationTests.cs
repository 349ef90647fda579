using System.Net;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Security;

/// <summary>
/// Who may open what. The app answers a refusal the way the cookie handler does: anonymous → 302 to
/// /account/login?ReturnUrl=…; signed in but not allowed (role policy or per-programme check) → 302 to
/// /account/access-denied?ReturnUrl=…, a page that answers 403.
/// </summary>
public sealed class AuthorizationTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static readonly DateOnly FirstSession = new(2026, 9, 1);

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession);
        using var client = factory.NewClient();

        string[] urls =
        [
            "/programmes",
            "/programmes/create",
            $"/programmes/{programme.Id}",
            $"/programmes/{programme.Id}/calendar.ics",
            $"/programmes/{programme.Id}/sessions/1/agenda",
            $"/programmes/{programme.Id}/edit",
            "/accounts",
            "/accounts/create",
            "/admin/outbox",
            "/account/change-password",
        ];
        foreach (var url in urls)
        {
            RedirectAssert.ToSignIn(await client.GetAsync(url), url);
        }

        // The query string is kept for after sign-in.
        RedirectAssert.ToSignIn(await client.GetAsync("/programmes?status=Running"), "/programmes?status=Running");

        // The sign-in page itself and the start page are open.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Anonymous_posts_are_sent_to_sign_in_and_change_nothing()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession, name: "Anonymous post target");
        using var client = factory.NewClient();
        var token = FormClient.Token(await client.GetDocumentAsync("/account/login"));

        var url = $"/programmes/{programme.Id}/edit";
        var response = await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(ProgrammeFields("Renamed anonymously")) { ["__RequestVerificationToken"] = token }));

        RedirectAssert.ToSignIn(response, url);
        await using var db = factory.NewDbContext();
        Assert.Equal("Anonymous post target", await db.Programmes.Where(p => p.Id == programme.Id).Select(p => p.Name).SingleAsync());
    }

    [Theory]
    [InlineData(Roles.Trainer)]
    [InlineData(Roles.Engineer)]
    [InlineData(Roles.Manager)]
    public async Task Only_coordinators_and_administrators_open_programme_creation(string role)
    {
        var (client, _) = await factory.SignedInClientAsync(role);
        var name = "Created by " + role;

        RedirectAssert.ToAccessDenied(await client.GetAsync("/programmes/create"), "/programmes/create");
        var response = await PostWithTokenAsync(client, "/programmes/create", CreateFields(name));

        RedirectAssert.ToAccessDenied(response, "/programmes/create");
        await using var db = factory.NewDbContext();
        Assert.False(await db.Programmes.AnyAsync(p => p.Name == name));

        // The list does not offer the button either.
        var list = await client.GetDocumentAsync("/programmes");
        Assert.Null(list.QuerySelector("a[href='/programmes/create']"));
    }

    [Fact]
    public async Task Access_denied_page_answers_403()
    {
        var (client, _) = await factory.SignedInClientAsync(Roles.Engineer);

        var response = await client.GetAsync("/account/access-denied?ReturnUrl=%2Fprogrammes%2Fcreate");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Access denied", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Roles.Engineer, ProgrammeRole.Engineer)]
    [InlineData(Roles.Manager, ProgrammeRole.Manager)]
    [InlineData(Roles.Trainer, ProgrammeRole.Trainer)]
    // Being listed as a coordinator of the programme is not enough without the Coordinator account role.
    [InlineData(Roles.Engineer, ProgrammeRole.Coordinator)]
    public async Task Members_who_do_not_coordinate_cannot_edit_the_programme(string accountRole, ProgrammeRole programmeRole)
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession, name: "Members only " + Guid.NewGuid());
        var (client, member) = await factory.SignedInClientAsync(accountRole);
        await factory.AddMemberAsync(programme.Id, member, programmeRole);
        var before = await SnapshotAsync(programme.Id);

        // They can see it...
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/programmes/{programme.Id}")).StatusCode);

        // ...but not open or post any editing page.
        foreach (var (url, fields) in EditRequests(programme.Id, before.FirstAgendaItem))
        {
            var path = url.Split('?')[0];
            RedirectAssert.ToAccessDenied(await client.GetAsync(path), path);
            RedirectAssert.ToAccessDenied(await PostWithTokenAsync(client, url, fields), url);
        }

        Assert.Equal(before, await SnapshotAsync(programme.Id));
    }

    [Fact]
    public async Task A_coordinator_cannot_see_or_change_a_programme_they_do_not_coordinate()
    {
        var owner = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(owner, FirstSession, name: "Someone else's programme " + Guid.NewGuid());
        var (client, other) = await factory.SignedInClientAsync(Roles.Coordinator);
        var own = await factory.CreateProgrammeAsync(other, FirstSession, name: "My own programme " + Guid.NewGuid());
        var before = await SnapshotAsync(programme.Id);

        foreach (var url in new[]
        {
            $"/programmes/{programme.Id}",
            $"/programmes/{programme.Id}/calendar.ics",
            $"/programmes/{programme.Id}/sessions/1/agenda",
        })
        {
            RedirectAssert.ToAccessDenied(await client.GetAsync(url), url);
        }

        foreach (var (url, fields) in EditRequests(programme.Id, before.FirstAgendaItem))
        {
            var path = url.Split('?')[0];
            RedirectAssert.ToAccessDenied(await client.GetAsync(path), path);
            RedirectAssert.ToAccessDenied(await PostWithTokenAsync(client, url, fields), url);
        }

        Assert.Equal(before, await SnapshotAsync(programme.Id));

        var list = await client.GetDocumentAsync("/programmes");
        Assert.Null(list.QuerySelector($"a[href='/programmes/{programme.Id}']"));
        Assert.NotNull(list.QuerySelector($"a[href='/programmes/{own.Id}']"));
        Assert.DoesNotContain(programme.Name, list.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_programme_is_not_found_rather_than_forbidden()
    {
        var (client, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var id = Guid.NewGuid();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/programmes/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/programmes/{id}/edit")).StatusCode);
    }

    [Theory]
    [InlineData(Roles.Trainer, ProgrammeRole.Trainer)]
    [InlineData(Roles.Engineer, ProgrammeRole.Engineer)]
    [InlineData(Roles.Manager, ProgrammeRole.Manager)]
    public async Task Members_view_the_timeline_agenda_and_calendar_without_edit_links(string accountRole, ProgrammeRole programmeRole)
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession, name: "Viewed by members " + Guid.NewGuid());
        var (client, member) = await factory.SignedInClientAsync(accountRole);
        await factory.AddMemberAsync(programme.Id, member, programmeRole);

        var timeline = await client.GetDocumentAsync($"/programmes/{programme.Id}");
        Assert.Equal(4, timeline.QuerySelectorAll("#timeline > li").Length);
        Assert.Empty(timeline.QuerySelectorAll("main a[href$='/edit']"));

        var agenda = await client.GetDocumentAsync($"/programmes/{programme.Id}/sessions/1/agenda");
        Assert.Empty(agenda.QuerySelectorAll("main a[href$='/edit']"));

        var ics = await client.GetAsync($"/programmes/{programme.Id}/calendar.ics");
        Assert.Equal(HttpStatusCode.OK, ics.StatusCode);
        Assert.Equal("text/calendar", ics.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("BEGIN:VCALENDAR", await ics.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var list = await client.GetDocumentAsync("/programmes");
        Assert.NotNull(list.QuerySelector($"a[href='/programmes/{programme.Id}']"));
    }

    [Fact]
    public async Task The_programme_coordinator_may_edit_it()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession, name: "Coordinated " + Guid.NewGuid());

        var timeline = await client.GetDocumentAsync($"/programmes/{programme.Id}");
        Assert.NotNull(timeline.QuerySelector($"a[href='/programmes/{programme.Id}/edit']"));
        foreach (var url in new[] { $"/programmes/{programme.Id}/edit", $"/programmes/{programme.Id}/sessions/1/edit", $"/programmes/{programme.Id}/sessions/1/agenda/edit" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task An_administrator_may_do_everything_without_being_a_member()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession, name: "Administered " + Guid.NewGuid());
        var (client, _) = await factory.SignedInClientAsync(Roles.Administrator);
        var before = await SnapshotAsync(programme.Id);

        foreach (var url in new[]
        {
            "/programmes", "/programmes/create", $"/programmes/{programme.Id}", $"/programmes/{programme.Id}/calendar.ics",
            $"/programmes/{programme.Id}/sessions/1/agenda", "/accounts", "/accounts/create", "/admin/outbox",
        })
        {
            Assert.True((await client.GetAsync(url)).StatusCode == HttpStatusCode.OK, url);
        }

        var list = await client.GetDocumentAsync("/programmes");
        Assert.NotNull(list.QuerySelector($"a[href='/programmes/{programme.Id}']"));

        // Edit the details.
        var edit = await client.GetDocumentAsync($"/programmes/{programme.Id}/edit");
        var values = FormClient.FormValues(edit);
        values["Input.Name"] = "Renamed by the administrator";
        var response = await client.PostAsync($"/programmes/{programme.Id}/edit", new FormUrlEncodedContent(values));
        Assert.Equal($"/programmes/{programme.Id}", RedirectAssert.Target(response));

        // Reschedule a session.
        var session = await client.GetDocumentAsync($"/programmes/{programme.Id}/sessions/1/edit");
        values = FormClient.FormValues(session);
        values["Input.Venue"] = "Hotel Fregat";
        response = await client.PostAsync($"/programmes/{programme.Id}/sessions/1/edit", new FormUrlEncodedContent(values));
        Assert.Equal($"/programmes/{programme.Id}", RedirectAssert.Target(response));

        // Add an agenda item.
        var agenda = await client.GetDocumentAsync($"/programmes/{programme.Id}/sessions/1/agenda/edit");
        values = FormClient.FormValues(agenda, "form[action*='handler=Save']");
        values["Input.Topic"] = "Welcome by the administrator";
        response = await client.PostAsync($"/programmes/{programme.Id}/sessions/1/agenda/edit?handler=Save", new FormUrlEncodedContent(values));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var after = await SnapshotAsync(programme.Id);
        Assert.Equal("Renamed by the administrator", after.Name);
        Assert.Equal("Hotel Fregat", after.Session1Venue);
        Assert.Equal(before.Session1AgendaItems + 1, after.Session1AgendaItems);
    }

    [Theory]
    [InlineData(Roles.Coordinator)]
    [InlineData(Roles.Trainer)]
    [InlineData(Roles.Engineer)]
    [InlineData(Roles.Manager)]
    public async Task Only_administrators_open_the_outbox(string role)
    {
        var (client, _) = await factory.SignedInClientAsync(role);

        RedirectAssert.ToAccessDenied(await client.GetAsync("/admin/outbox"), "/admin/outbox");
        var home = await client.GetDocumentAsync("/programmes");
        Assert.Null(home.QuerySelector("a[href='/admin/outbox']"));
    }

    [Theory]
    [InlineData(Roles.Trainer)]
    [InlineData(Roles.Engineer)]
    [InlineData(Roles.Manager)]
    public async Task Only_coordinators_and_administrators_manage_accounts(string role)
    {
        var (client, _) = await factory.SignedInClientAsync(role);
        var email = $"invited-by-{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";

        RedirectAssert.ToAccessDenied(await client.GetAsync("/accounts"), "/accounts");
        RedirectAssert.ToAccessDenied(await client.GetAsync("/accounts/create"), "/accounts/create");
        var response = await PostWithTokenAsync(client, "/accounts/create", new()
        {
            ["Input.DisplayName"] = "Sneaky", ["Input.Email"] = email, ["Input.Role"] = Roles.Engineer, ["Input.Language"] = "en",
        });

        RedirectAssert.ToAccessDenied(response, "/accounts/create");
        await using var db = factory.NewDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    [Fact]
    public async Task A_coordinator_opens_accounts_but_cannot_create_an_administrator()
    {
        var (client, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var email = $"would-be-admin-{Guid.NewGuid():N}@test.local";

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts")).StatusCode);
        var form = await client.GetDocumentAsync("/accounts/create");
        Assert.Null(form.QuerySelector("select[name='Input.Role'] option[value='Administrator']"));
        Assert.NotNull(form.QuerySelector("select[name='Input.Role'] option[value='Coordinator']"));

        var response = await client.PostFormAsync("/accounts/create", new()
        {
            ["Input.DisplayName"] = "Would-be Admin", ["Input.Email"] = email, ["Input.Role"] = Roles.Administrator, ["Input.Language"] = "en",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Equal("You may not give this role.", FormClient.FieldError(page, "Input.Role"));
        await using var db = factory.NewDbContext();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == email));
    }

    [Fact]
    public async Task A_removed_role_takes_effect_within_a_minute()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts")).StatusCode);

        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = (await users.FindByIdAsync(coordinator.Id))!;
            Assert.True((await users.RemoveFromRoleAsync(user, Roles.Coordinator)).Succeeded);
            Assert.True((await users.AddToRoleAsync(user, Roles.Engineer)).Succeeded);
        }

        var start = factory.Clock.GetUtcNow();
        try
        {
            // Within the validation interval the cookie's roles still hold...
            factory.Clock.Set(start.AddSeconds(30));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/accounts")).StatusCode);

            // ...after it the security-stamp validator rebuilds the principal from the database (role changes do not
            // change the stamp, so the person stays signed in) and the new roles apply.
            factory.Clock.Set(start.AddSeconds(61));
            RedirectAssert.ToAccessDenied(await client.GetAsync("/accounts"), "/accounts");
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/programmes")).StatusCode);
        }
        finally
        {
            factory.Clock.Set(start);
        }
    }

    /// <summary>Posts with an antiforgery token taken from the programme list (the user may not open the target page to get one).</summary>
    private static async Task<HttpResponseMessage> PostWithTokenAsync(HttpClient client, string url, Dictionary<string, string> fields)
    {
        var token = FormClient.Token(await client.GetDocumentAsync("/programmes"));
        return await client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token }));
    }

    /// <summary>Every editing endpoint of a programme with a plausible form for it.</summary>
    private static IEnumerable<(string Url, Dictionary<string, string> Fields)> EditRequests(Guid id, Guid agendaItem)
    {
        yield return ($"/programmes/{id}/edit", ProgrammeFields("Renamed without permission"));
        yield return ($"/programmes/{id}/sessions/1/edit", new() { ["Input.StartDate"] = "2026-09-08", ["Input.Days"] = "2", ["Input.Venue"] = "Elsewhere" });
        yield return ($"/programmes/{id}/sessions/1/agenda/edit?handler=Save", new() { ["Input.Day"] = "1", ["Input.Topic"] = "Added without permission" });
        yield return ($"/programmes/{id}/sessions/1/agenda/edit?handler=Remove", new() { ["item"] = agendaItem.ToString() });
    }

    private static Dictionary<string, string> ProgrammeFields(string name) => new()
    {
        ["Input.Name"] = name, ["Input.Organisers"] = "TEKNA", ["Input.City"] = "Kherson", ["Input.Country"] = "Ukraine",
        ["Input.Language"] = "en", ["Input.TimeZoneId"] = "UTC",
    };

    private static Dictionary<string, string> CreateFields(string name) => new(ProgrammeFields(name))
    {
        ["Input.FirstSessionStart"] = "2026-09-01", ["Input.WeeksBetweenSessions"] = "7",
    };

    private async Task<Snapshot> SnapshotAsync(Guid id)
    {
        await using var db = factory.NewDbContext();
        var programme = await db.Programmes.AsNoTracking().Include(p => p.Sessions).ThenInclude(s => s.Agenda).SingleAsync(p => p.Id == id);
        var first = programme.Sessions[0];
        return new Snapshot(programme.Name, first.StartDate, first.Days, first.Venue, first.Agenda.Count, first.Agenda[0].Id);
    }

    private sealed record Snapshot(string Name, DateOnly Session1Start, int Session1Days, string? Session1Venue, int Session1AgendaItems, Guid FirstAgendaItem);
}
