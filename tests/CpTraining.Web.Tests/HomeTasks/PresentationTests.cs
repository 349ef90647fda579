using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.TestSupport;
using CpTraining.Web.Tests.Programmes;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.HomeTasks.ProgrammeTasksSetup;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>The presentations of home tasks at the next session: ordered and scheduled by the coordinator, read by all.</summary>
public sealed class PresentationTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private const string Task = "Company description and process flow chart";

    [Fact]
    public async Task The_coordinator_orders_and_schedules_and_the_agenda_lists_them_in_that_order()
    {
        var w = await SeedAsync();
        var client = await factory.ClientAsync(w.Coordinator);
        var url = Presentations(w.Id, 2);
        var page = await client.GetDocumentAsync(url);
        Assert.Equal(["Alpha Textiles", "Beta Foods", "Gamma Metal"], Companies(page));
        Assert.All(page.QuerySelectorAll(".presentation-task"), td => Assert.Equal(Task, td.TextContent.Trim()));

        // Gamma up twice: first. Alpha down once: last. The top row cannot go up.
        var gamma = Row(page, "Gamma Metal");
        ProgrammePages.RedirectTarget(await PostAsync(client, page, url + "?handler=MoveUp", gamma));
        ProgrammePages.RedirectTarget(await PostAsync(client, page, url + "?handler=MoveUp", gamma));
        ProgrammePages.RedirectTarget(await PostAsync(client, page, url + "?handler=MoveDown", Row(page, "Alpha Textiles")));
        page = await client.GetDocumentAsync(url);
        Assert.Equal(["Gamma Metal", "Beta Foods", "Alpha Textiles"], Companies(page));
        Assert.True(page.QuerySelector("#presentations tbody tr button[formaction*='handler=MoveUp']")!.HasAttribute("disabled"));

        // Schedule Alpha's: Anna presents on day 1 at 10:00 for 20 minutes.
        var alpha = Row(page, "Alpha Textiles");
        var editor = await client.GetDocumentAsync(url + "?presentation=" + alpha);
        Assert.Equal(["", w.Anna.Id], editor.QuerySelectorAll("#Input_PresenterUserId option").Select(o => o.GetAttribute("value")!));
        var form = FormClient.FormValues(editor, "#schedule-form");
        form["Input.PresenterUserId"] = w.Anna.Id;
        form["Input.Day"] = "1";
        form["Input.Start"] = "10:00";
        form["Input.Minutes"] = "20";
        ProgrammePages.RedirectTarget(await client.PostAsync(url + "?handler=Schedule", new FormUrlEncodedContent(form)));

        page = await client.GetDocumentAsync(url);
        var row = page.QuerySelector($"tr[data-presentation='{alpha}']")!;
        Assert.Equal("Anna", row.QuerySelector(".presentation-presenter")!.TextContent.Trim());
        Assert.StartsWith("Day 1 — ", row.QuerySelector(".presentation-day")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal(new TimeOnly(10, 0).ToString("t", ProgrammePages.English) + "–" + new TimeOnly(10, 20).ToString("t", ProgrammePages.English), row.QuerySelector(".presentation-time")!.TextContent.Trim());
        Assert.Equal("20", row.QuerySelector(".presentation-minutes")!.TextContent.Trim());

        // The session's agenda lists them in the coordinator's order, for every member (an engineer of Beta here).
        var agenda = await (await factory.ClientAsync(w.Boris)).GetDocumentAsync(ProgrammePages.Agenda(w.Id, 2));
        var items = agenda.QuerySelectorAll("#agenda-presentations li").ToList();
        Assert.Equal(["Gamma Metal", "Beta Foods", "Alpha Textiles"], items.Select(li => li.QuerySelector(".presentation-company")!.TextContent.Trim()));
        Assert.Contains("Anna", items[2].TextContent, StringComparison.Ordinal);
        Assert.Contains("Day 1", items[2].TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_schedules_are_refused_next_to_the_field()
    {
        var w = await SeedAsync();
        var client = await factory.ClientAsync(w.Coordinator);
        var url = Presentations(w.Id, 2);
        var alpha = Row(await client.GetDocumentAsync(url), "Alpha Textiles");
        var editor = await client.GetDocumentAsync(url + "?presentation=" + alpha);

        async Task<IHtmlDocument> PostAsync(Dictionary<string, string> changes)
        {
            var form = FormClient.FormValues(editor, "#schedule-form");
            foreach (var (key, value) in changes)
            {
                form[key] = value;
            }

            var response = await client.PostAsync(url + "?handler=Schedule", new FormUrlEncodedContent(form));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return await FormClient.ParseAsync(response);
        }

        Assert.Equal("Choose an engineer of the company as the presenter.", FormClient.FieldError(await PostAsync(new() { ["Input.PresenterUserId"] = w.Boris.Id }), "Input.PresenterUserId"));
        Assert.Equal("A presentation lasts from 5 to 120 minutes.", FormClient.FieldError(await PostAsync(new() { ["Input.Minutes"] = "200" }), "Input.Minutes"));
        Assert.Equal("Give both the day and the start time, or neither.", FormClient.FieldError(await PostAsync(new() { ["Input.Day"] = "2" }), "Input.Start"));
        Assert.Equal("The session has days 1 to 3.", FormClient.FieldError(await PostAsync(new() { ["Input.Day"] = "5", ["Input.Start"] = "09:00" }), "Input.Day"));

        await using var db = factory.NewDbContext();
        var saved = await db.Presentations.SingleAsync(p => p.Id == alpha);
        Assert.Equal((null, null, null, 15), (saved.PresenterUserId, saved.Day, saved.Start, saved.Minutes));
    }

    [Fact]
    public async Task Members_read_the_presentations_but_only_the_coordinator_changes_them()
    {
        var w = await SeedAsync();
        var url = Presentations(w.Id, 2);
        await using var before = factory.NewDbContext();
        var order = await before.Presentations.Where(p => p.ProgrammeId == w.Id).OrderBy(p => p.Position).Select(p => p.Id).ToListAsync();

        foreach (var user in new[] { w.Anna, w.Mark, w.Trainer })
        {
            var client = await factory.ClientAsync(user);
            var page = await client.GetDocumentAsync(url);
            Assert.Equal(["Alpha Textiles", "Beta Foods", "Gamma Metal"], Companies(page));
            Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
            RedirectAssert.ToAccessDenied(await PostAsync(client, page, url + "?handler=MoveUp", order[2]));
            var schedule = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = FormClient.Token(page),
                ["Input.PresentationId"] = order[0].ToString(),
                ["Input.PresenterUserId"] = w.Anna.Id,
                ["Input.Minutes"] = "30",
            };
            RedirectAssert.ToAccessDenied(await client.PostAsync(url + "?handler=Schedule", new FormUrlEncodedContent(schedule)));
        }

        var outsider = await factory.ClientAsync(await factory.CreateUserAsync(Web.Identity.Roles.Engineer));
        RedirectAssert.ToAccessDenied(await outsider.GetAsync(url));
        await using var after = factory.NewDbContext();
        Assert.Equal(order, await after.Presentations.Where(p => p.ProgrammeId == w.Id).OrderBy(p => p.Position).Select(p => p.Id).ToListAsync());
        Assert.Equal(0, await after.Presentations.CountAsync(p => p.ProgrammeId == w.Id && (p.Minutes != 15 || p.PresenterUserId != null)));
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.ClientAsync(w.Coordinator)).GetAsync(Presentations(w.Id, 9))).StatusCode);
    }

    /// <summary>The first session-1 task given to all three companies: three presentations at session 2.</summary>
    private async Task<TaskWorld> SeedAsync()
    {
        var w = await factory.SeedTaskWorldAsync();
        var client = await factory.ClientAsync(w.Coordinator);
        var page = await client.GetDocumentAsync(Assign(w.Id, 1));
        ProgrammePages.RedirectTarget(await client.PostFieldsAsync(Assign(w.Id, 1), AssignForm(page, Task)));
        return w;
    }

    private static List<string> Companies(IHtmlDocument page) =>
        page.QuerySelectorAll("#presentations .presentation-company").Select(td => td.TextContent.Trim()).ToList();

    private static Guid Row(IHtmlDocument page, string company) =>
        Guid.Parse(page.QuerySelectorAll("#presentations tbody tr").Single(tr => tr.QuerySelector(".presentation-company")!.TextContent.Trim() == company).GetAttribute("data-presentation")!);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, IHtmlDocument page, string url, Guid presentation) =>
        client.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormClient.Token(page),
            ["presentation"] = presentation.ToString(),
        }));
}
