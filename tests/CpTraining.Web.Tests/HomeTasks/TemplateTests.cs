using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.HomeTasks;
using CpTraining.TestSupport;
using CpTraining.Web.Tests.Programmes;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.HomeTasks.ProgrammeTasksSetup;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>The programme's task templates: the coordinator edits, adds, removes, reorders and restores them.</summary>
public sealed class TemplateTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task A_new_programme_has_the_standard_tasks_after_sessions_1_to_3()
    {
        var w = await factory.SeedTaskWorldAsync();
        var page = await (await factory.ClientAsync(w.Coordinator)).GetDocumentAsync(Templates(w.Id));

        Assert.Equal([4, 3, 3], page.QuerySelectorAll(".templates-after").Select(s => s.QuerySelectorAll("li[data-template]").Length));
        Assert.Equal(
            ["Mass and energy balance of the focus process", "Cost of the waste streams", "Causes of losses"],
            TitlesAfter(page, 2));
        Assert.Null(page.QuerySelector("#restore-standard"));
    }

    [Fact]
    public async Task The_coordinator_edits_adds_reorders_and_removes_templates()
    {
        var w = await factory.SeedTaskWorldAsync();
        var client = await factory.ClientAsync(w.Coordinator);
        var url = Templates(w.Id);
        var page = await client.GetDocumentAsync(url);

        // Edit: the form opens with the template's text, saving changes it.
        var costs = TemplateId(page, "Cost of the waste streams");
        var editor = await client.GetDocumentAsync(url + "?template=" + costs);
        Assert.Equal("Change the task template", editor.QuerySelector("#template-form-title")!.TextContent.Trim());
        var form = FormClient.FormValues(editor, "#template-form");
        Assert.Equal("Cost of the waste streams", form["Input.Title"]);
        Assert.Equal("true", form["Input.Attach.Worksheet"]); // the standard cost-of-losses task takes the balance worksheet
        form["Input.Title"] = "Cost of waste and losses";
        form["Input.Instructions"] = "Use **last year's** invoices.";
        form.Remove("Input.IsPresented");
        ProgrammePages.RedirectTarget(await client.PostAsync(url + "?handler=Save", new FormUrlEncodedContent(form)));

        // Add after session 2: it goes last.
        var adder = await client.GetDocumentAsync(url);
        form = FormClient.FormValues(adder, "#template-form");
        form["Input.AfterSession"] = "2";
        form["Input.Title"] = "Water meter readings";
        form["Input.Instructions"] = "Weekly readings of the main meters.";
        form["Input.Attach.Worksheet"] = "true";
        ProgrammePages.RedirectTarget(await client.PostAsync(url + "?handler=Save", new FormUrlEncodedContent(form)));

        page = await client.GetDocumentAsync(url);
        Assert.Equal(["Mass and energy balance of the focus process", "Cost of waste and losses", "Causes of losses", "Water meter readings"], TitlesAfter(page, 2));
        var changed = page.QuerySelector($"li[data-template='{TemplateId(page, "Cost of waste and losses")}']")!;
        Assert.Null(changed.QuerySelector(".template-presented"));
        Assert.Contains("<strong>last year's</strong>", changed.QuerySelector(".markdown")!.InnerHtml, StringComparison.Ordinal);

        // Up and down; the ends cannot move further.
        var water = TemplateId(page, "Water meter readings");
        ProgrammePages.RedirectTarget(await PostAsync(client, page, url + "?handler=MoveUp", water));
        ProgrammePages.RedirectTarget(await PostAsync(client, page, url + "?handler=MoveUp", water));
        var mass = TemplateId(page, "Mass and energy balance of the focus process");
        ProgrammePages.RedirectTarget(await PostAsync(client, page, url + "?handler=MoveDown", mass));
        page = await client.GetDocumentAsync(url);
        Assert.Equal(["Water meter readings", "Mass and energy balance of the focus process", "Cost of waste and losses", "Causes of losses"], TitlesAfter(page, 2));
        var first = page.QuerySelector(".templates-after[data-after='2'] li[data-template]")!;
        Assert.True(first.QuerySelector("button[formaction*='handler=MoveUp']")!.HasAttribute("disabled"));

        // Remove: the rest close up.
        ProgrammePages.RedirectTarget(await PostAsync(client, page, url + "?handler=Remove", mass));
        page = await client.GetDocumentAsync(url);
        Assert.Equal(["Water meter readings", "Cost of waste and losses", "Causes of losses"], TitlesAfter(page, 2));
        await using var db = factory.NewDbContext();
        Assert.Equal([1, 2, 3], await db.TaskTemplates.Where(x => x.ProgrammeId == w.Id && x.AfterSession == 2).OrderBy(x => x.Position).Select(x => x.Position).ToListAsync());
        Assert.Equal(4, await db.TaskTemplates.CountAsync(x => x.ProgrammeId == w.Id && x.AfterSession == 1));
        Assert.Equal(
            [TaskAttachments.Worksheet, TaskAttachments.Worksheet, TaskAttachments.None],
            await db.TaskTemplates.Where(x => x.ProgrammeId == w.Id && x.AfterSession == 2).OrderBy(x => x.Position).Select(x => x.Attachments).ToListAsync());
    }

    [Fact]
    public async Task Bad_input_is_shown_next_to_the_field_and_a_stale_edit_is_refused_with_the_text_kept()
    {
        var w = await factory.SeedTaskWorldAsync();
        var client = await factory.ClientAsync(w.Coordinator);
        var url = Templates(w.Id);
        var page = await client.GetDocumentAsync(url);
        var id = TemplateId(page, "CP team and plan");

        var form = FormClient.FormValues(await client.GetDocumentAsync(url + "?template=" + id), "#template-form");
        form["Input.Title"] = "   ";
        var empty = await FormClient.ParseAsync(await client.PostAsync(url + "?handler=Save", new FormUrlEncodedContent(form)));
        Assert.Equal("This field is required.", FormClient.FieldError(empty, "Input.Title"));

        // Two editors: the first saves, the second is refused and keeps their text.
        var mine = FormClient.FormValues(await client.GetDocumentAsync(url + "?template=" + id), "#template-form");
        var theirs = FormClient.FormValues(await client.GetDocumentAsync(url + "?template=" + id), "#template-form");
        theirs["Input.Title"] = "CP team, roles and plan";
        ProgrammePages.RedirectTarget(await client.PostAsync(url + "?handler=Save", new FormUrlEncodedContent(theirs)));
        mine["Input.Instructions"] = "My careful rewrite.";
        var stale = await client.PostAsync(url + "?handler=Save", new FormUrlEncodedContent(mine));

        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var conflict = await FormClient.ParseAsync(stale);
        Assert.Contains(FormClient.Errors(conflict), e => e.StartsWith("Someone else changed or removed this task template", StringComparison.Ordinal));
        Assert.Equal("My careful rewrite.", ((IHtmlTextAreaElement)conflict.QuerySelector("#Input_Instructions")!).Value);
        Assert.Equal(["CP team, roles and plan"], TitlesAfter(conflict, 1).Where(t => t.StartsWith("CP team", StringComparison.Ordinal)));

        // Saving the kept text again is a deliberate overwrite.
        ProgrammePages.RedirectTarget(await client.PostAsync(url + "?handler=Save", new FormUrlEncodedContent(FormClient.FormValues(conflict, "#template-form"))));
        await using var db = factory.NewDbContext();
        Assert.Equal("My careful rewrite.", await db.TaskTemplates.Where(x => x.Id == id).Select(x => x.Instructions).SingleAsync());
    }

    [Fact]
    public async Task The_standard_set_is_restored_only_when_the_programme_has_no_templates()
    {
        var w = await factory.SeedTaskWorldAsync();
        await using (var db = factory.NewDbContext())
        {
            await db.TaskTemplates.Where(x => x.ProgrammeId == w.Id).ExecuteDeleteAsync();
        }

        var client = await factory.ClientAsync(w.Coordinator);
        var url = Templates(w.Id);
        var empty = await client.GetDocumentAsync(url);
        Assert.NotNull(empty.QuerySelector("#no-templates"));
        var restore = empty.QuerySelector("#restore-standard")!;

        ProgrammePages.RedirectTarget(await PostAsync(client, empty, url + "?handler=Restore", null));

        var page = await client.GetDocumentAsync(url);
        Assert.Equal(10, page.QuerySelectorAll("li[data-template]").Length);
        Assert.Null(page.QuerySelector("#restore-standard"));

        // A second restore (a resent form) doubles nothing.
        var again = await PostAsync(client, empty, url + "?handler=Restore", null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("The standard tasks can only be restored when the programme has no task templates.", FormClient.Errors(await FormClient.ParseAsync(again)));
        await using var check = factory.NewDbContext();
        Assert.Equal(10, await check.TaskTemplates.CountAsync(x => x.ProgrammeId == w.Id));
        Assert.NotNull(restore);
    }

    [Fact]
    public async Task Trainers_read_the_templates_but_cannot_change_them()
    {
        var w = await factory.SeedTaskWorldAsync();
        var trainer = await factory.ClientAsync(w.Trainer);
        var url = Templates(w.Id);
        var page = await trainer.GetDocumentAsync(url);

        Assert.Equal(10, page.QuerySelectorAll("li[data-template]").Length);
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
        var id = TemplateId(page, "CP team and plan");
        var token = FormClient.Token(page);
        foreach (var handler in new[] { "Save", "MoveUp", "Remove", "Restore" })
        {
            var response = await trainer.PostAsync(url + "?handler=" + handler, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["template"] = id.ToString(),
                ["Input.TemplateId"] = id.ToString(),
                ["Input.AfterSession"] = "1",
                ["Input.Title"] = "Hijacked",
            }));
            RedirectAssert.ToAccessDenied(response);
        }

        var engineer = await factory.ClientAsync(w.Anna);
        RedirectAssert.ToAccessDenied(await engineer.GetAsync(url));
        await using var db = factory.NewDbContext();
        Assert.Equal(
            ["Company description and process flow chart", "Formulation of the environmental problems", "CP team and plan", "Choice of the focus area"],
            await db.TaskTemplates.Where(x => x.ProgrammeId == w.Id && x.AfterSession == 1).OrderBy(x => x.Position).Select(x => x.Title).ToListAsync());
    }

    private static List<string> TitlesAfter(IHtmlDocument page, int after) =>
        page.QuerySelectorAll($".templates-after[data-after='{after}'] li[data-template] .template-title").Select(x => x.TextContent.Trim()).ToList();

    private static Guid TemplateId(IHtmlDocument page, string title) =>
        Guid.Parse(page.QuerySelectorAll("li[data-template]").Single(li => li.QuerySelector(".template-title")!.TextContent.Trim() == title).GetAttribute("data-template")!);

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, IHtmlDocument page, string url, Guid? template)
    {
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = FormClient.Token(page) };
        if (template is { } id)
        {
            fields["template"] = id.ToString();
        }

        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }
}
