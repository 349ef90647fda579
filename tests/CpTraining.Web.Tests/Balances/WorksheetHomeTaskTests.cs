using System.Net;
using CpTraining.Domain.Balances;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Tests.HomeTasks;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Balances;

/// <summary>
/// The engineer attaches the company's worksheet to the home task; submitting freezes it in the version, so the
/// trainer reviews exactly what was submitted, comments on its streams, and the engineer reads the comments.
/// </summary>
public sealed class WorksheetHomeTaskTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static async Task<HttpResponseMessage> AttachAsync(HttpClient client, Guid submissionId, Guid worksheetId, string handler = "Attach")
    {
        var page = await client.GetDocumentAsync(WorkWorld.Work(submissionId));
        return await client.PostAsync($"{WorkWorld.Work(submissionId)}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormClient.Token(page),
            ["WorksheetId"] = worksheetId.ToString(),
        }));
    }

    private async Task<Guid?> AttachedAsync(Guid submissionId)
    {
        await using var db = factory.NewDbContext();
        return await db.Submissions.Where(s => s.Id == submissionId).Select(s => s.WorksheetId).SingleAsync();
    }

    private async Task EditWaterAsync(TransferWorld world, decimal cubicMetres)
    {
        await using var db = factory.NewDbContext();
        var sheet = await db.Worksheets.Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams).SingleAsync(w => w.Id == world.WorksheetId);
        var water = sheet.Streams.Single(s => s.Name == "Water");
        sheet.ChangeStream(water.Id, water.ToSpec() with { Quantity = Quantity.Of(cubicMetres, Unit.CubicMetre, density: 998m) });
        await db.SaveChangesAsync();
    }

    /// <summary>Alice attaches the worksheet and submits; her client, the trainer's, and the worksheet as submitted.</summary>
    private async Task<(HttpClient Alice, HttpClient Tina, Worksheet Sheet)> SubmitWithWorksheetAsync(TransferWorld world)
    {
        var alice = await factory.ClientAsync(world.Work.Alice);
        await AttachAsync(alice, world.Work.WorkA, world.WorksheetId);
        await WorkPageSetup.WriteAsync(alice, world.Work.WorkA, "Submit", "Balance attached.");
        return (alice, await factory.ClientAsync(world.Work.Trainer), await TransferSetup.LoadAsync(factory, world.WorksheetId));
    }

    /// <summary>The comment form beside one row of the review page's frozen worksheet, filled with the text, and where it posts.</summary>
    private static async Task<(Dictionary<string, string> Form, string Action)> CommentFormAsync(HttpClient trainer, TransferWorld world, string row, string text)
    {
        var review = await trainer.GetDocumentAsync($"/tasks/{world.Work.WorkA}/review");
        var form = FormClient.FormValues(review, row + " form");
        form["Comment.Text"] = text;
        return (form, review.QuerySelector(row + " form")!.GetAttribute("action")!);
    }

    private static string AnnualOf(AngleSharp.Html.Dom.IHtmlDocument page, Guid streamId) =>
        page.QuerySelector($".frozen-worksheet tr[data-stream='{streamId}'] td.annual")!.TextContent.Trim();

    [Fact]
    public async Task Submitting_freezes_the_attached_worksheet_and_later_edits_do_not_change_what_is_shown()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Work.Alice);

        var page = await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA));
        Assert.Equal(["Dyeing line"], page.QuerySelectorAll("#attach-form option").Select(o => o.TextContent));
        WorkPageSetup.AssertRedirectedBack(await AttachAsync(alice, world.Work.WorkA, world.WorksheetId), world.Work.WorkA);
        Assert.Equal(world.WorksheetId, await AttachedAsync(world.Work.WorkA));
        Assert.Contains("Dyeing line", (await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA))).QuerySelector("#attached-worksheet")!.TextContent, StringComparison.Ordinal);

        // The worksheet alone is enough to submit.
        WorkPageSetup.AssertRedirectedBack(await WorkPageSetup.WriteAsync(alice, world.Work.WorkA, "Submit", string.Empty), world.Work.WorkA);
        await EditWaterAsync(world, 200m);

        var waterId = (await TransferSetup.LoadAsync(factory, world.WorksheetId)).Streams.Single(s => s.Name == "Water").Id;
        var work = await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA));
        Assert.Equal("95.808", AnnualOf(work, waterId)); // 96 m³ × 998 kg/m³ as submitted, not the 199.6 t of now
        var versions = await (await factory.ClientAsync(world.Work.Trainer)).GetDocumentAsync($"/tasks/{world.Work.WorkA}/versions");
        Assert.Equal("95.808", AnnualOf(versions, waterId));
        var review = await (await factory.ClientAsync(world.Work.Trainer)).GetDocumentAsync($"/tasks/{world.Work.WorkA}/review");
        Assert.Equal("95.808", AnnualOf(review, waterId));
        await using var db = factory.NewDbContext();
        var frozen = (await db.SubmissionVersions.AsNoTracking().SingleAsync(v => v.SubmissionId == world.Work.WorkA)).Worksheet!;
        Assert.Equal(96m * 998m, frozen.Streams.Single(s => s.Id == waterId).AnnualKilograms);
    }

    [Fact]
    public async Task The_trainer_comments_on_a_stream_and_the_engineer_reads_it_beside_the_stream()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var (alice, tina, sheet) = await SubmitWithWorksheetAsync(world);
        var waterId = sheet.Streams.Single(s => s.Name == "Water").Id;

        var (form, action) = await CommentFormAsync(tina, world, $".frozen-worksheet tr[data-stream='{waterId}']", "Is the water meter calibrated? 96 m³ looks high for 1.2 t of fabric.");
        var response = await tina.PostAsync(action, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var work = await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA));
        var comment = work.QuerySelector($".frozen-worksheet tr[data-stream='{waterId}'] .stream-comment")!.TextContent;
        Assert.Contains("Is the water meter calibrated?", comment, StringComparison.Ordinal);
        Assert.Contains("Tina Trainer", comment, StringComparison.Ordinal);
        Assert.Null(work.QuerySelector(".stream-comment-form")); // engineers read comments, they do not write them
        var versions = await alice.GetDocumentAsync($"/tasks/{world.Work.WorkA}/versions");
        Assert.Contains("Is the water meter calibrated?", versions.QuerySelector($".frozen-worksheet tr[data-stream='{waterId}']")!.TextContent, StringComparison.Ordinal);

        // A stream that is not in the frozen worksheet is refused with a message, and nothing is written.
        form["Comment.StreamId"] = Guid.NewGuid().ToString();
        var refused = await tina.PostAsync(action, new FormUrlEncodedContent(form));
        TransferSetup.AssertOk(refused);
        Assert.Contains("not in the worksheet submitted", (await FormClient.ParseAsync(refused)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        await using var db = factory.NewDbContext();
        Assert.Equal(1, await db.StreamComments.CountAsync(c => c.SubmissionId == world.Work.WorkA));
    }

    [Fact]
    public async Task The_trainer_comments_on_an_energy_stream_and_the_engineer_reads_it_beside_it()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var (alice, tina, sheet) = await SubmitWithWorksheetAsync(world);
        var row = $".frozen-worksheet .frozen-energy tr[data-stream='{Assert.Single(sheet.EnergyStreams).Id}']";

        var (form, action) = await CommentFormAsync(tina, world, row, "100 MWh of gas for one dyeing line: metered or from the invoice?");
        var response = await tina.PostAsync(action, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var work = await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA));
        Assert.Contains("metered or from the invoice?", work.QuerySelector(row + " .stream-comment")!.TextContent, StringComparison.Ordinal);
        Assert.Null(work.QuerySelector(row + " form"));
        var versions = await alice.GetDocumentAsync($"/tasks/{world.Work.WorkA}/versions");
        Assert.Contains("metered or from the invoice?", versions.QuerySelector(row)!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engineers_cannot_comment_on_streams()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var (alice, _, _) = await SubmitWithWorksheetAsync(world);
        var token = FormClient.Token(await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA)));

        var response = await alice.PostAsync($"/tasks/{world.Work.WorkA}/review?handler=Comment", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Comment.VersionNumber"] = "1",
            ["Comment.StreamId"] = Guid.NewGuid().ToString(),
            ["Comment.Text"] = "Self-review",
        }));

        RedirectAssert.ToAccessDenied(response);
    }

    [Fact]
    public async Task An_engineer_of_another_company_cannot_attach_this_companys_worksheet()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var boris = await factory.ClientAsync(world.Work.Boris);
        Assert.NotNull((await boris.GetDocumentAsync(WorkWorld.Work(world.Work.WorkB))).QuerySelector("#no-worksheets"));

        // Company A's worksheet id in a forged post to company B's work.
        var response = await AttachAsync(boris, world.Work.WorkB, world.WorksheetId);

        TransferSetup.AssertOk(response);
        Assert.Contains("Only a worksheet of this company", (await FormClient.ParseAsync(response)).QuerySelector("#worksheet-error")!.TextContent, StringComparison.Ordinal);
        Assert.Null(await AttachedAsync(world.Work.WorkB));

        // Nor to company A's own work, which Boris does not write.
        RedirectAssert.ToAccessDenied(await boris.PostAsync($"{WorkWorld.Work(world.Work.WorkA)}?handler=Attach", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormClient.Token(await boris.GetDocumentAsync(WorkWorld.Work(world.Work.WorkB))),
            ["WorksheetId"] = world.WorksheetId.ToString(),
        })));
        Assert.Null(await AttachedAsync(world.Work.WorkA));
    }

    [Fact]
    public async Task The_worksheet_section_shows_only_on_tasks_that_take_a_worksheet_or_already_have_one()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Work.Alice);
        Assert.NotNull((await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA))).QuerySelector("#worksheet #attach-form"));

        await SetAttachmentsAsync(world, TaskAttachments.Options);
        Assert.Null((await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA))).QuerySelector("#worksheet"));

        // Attached while the task took a worksheet: still shown (and can be detached) after the task stopped taking one.
        await SetAttachmentsAsync(world, TaskAttachments.Worksheet);
        await AttachAsync(alice, world.Work.WorkA, world.WorksheetId);
        await SetAttachmentsAsync(world, TaskAttachments.None);
        var page = await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA));
        Assert.Contains("Dyeing line", page.QuerySelector("#worksheet #attached-worksheet")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#detach-button"));
    }

    [Fact]
    public async Task Attaching_saves_the_answer_text_typed_before_instead_of_losing_it()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Work.Alice);
        var page = await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA));

        // What the browser sends for the Attach button: the answer form (form="work-form") with the select in it.
        var form = FormClient.FormValues(page, "#work-form");
        form["Input.Text"] = "Typed before attaching: the dyeing line loses 95 m³ of water a batch.";
        form["WorksheetId"] = world.WorksheetId.ToString();
        var action = page.QuerySelector("#attach-button")!.GetAttribute("formaction")!;
        Assert.Equal("work-form", page.QuerySelector("#attach-button")!.GetAttribute("form"));
        Assert.Equal("work-form", page.QuerySelector("#WorksheetId")!.GetAttribute("form"));
        WorkPageSetup.AssertRedirectedBack(await alice.PostAsync(action, new FormUrlEncodedContent(form)), world.Work.WorkA);

        Assert.Equal(world.WorksheetId, await AttachedAsync(world.Work.WorkA));
        var after = await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA));
        Assert.Equal(form["Input.Text"], after.QuerySelector("#Input_Text")!.TextContent.Trim());

        // Detaching from a page opened before someone else saved: a conflict, the typed text kept beside theirs.
        await WorkPageSetup.WriteAsync(await factory.ClientAsync(world.Work.Bob), world.Work.WorkA, "Save", "Bob's text.");
        var stale = FormClient.FormValues(after, "#work-form");
        stale["Input.Text"] = "Alice's second text.";
        var refused = await alice.PostAsync(after.QuerySelector("#detach-button")!.GetAttribute("formaction")!, new FormUrlEncodedContent(stale));
        TransferSetup.AssertOk(refused);
        var shown = await FormClient.ParseAsync(refused);
        Assert.Equal("Alice's second text.", shown.QuerySelector("#Input_Text")!.TextContent.Trim());
        Assert.Contains("Bob's text.", shown.QuerySelector("#conflict-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(world.WorksheetId, await AttachedAsync(world.Work.WorkA));
    }

    private async Task SetAttachmentsAsync(TransferWorld world, TaskAttachments attachments)
    {
        await using var db = factory.NewDbContext();
        (await db.HomeTasks.SingleAsync(h => h.Id == world.Work.TaskId)).ChangeAttachments(attachments);
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task The_worksheet_can_be_detached_before_submitting()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Work.Alice);
        await AttachAsync(alice, world.Work.WorkA, world.WorksheetId);

        WorkPageSetup.AssertRedirectedBack(await AttachAsync(alice, world.Work.WorkA, world.WorksheetId, "Detach"), world.Work.WorkA);

        Assert.Null(await AttachedAsync(world.Work.WorkA));
        WorkPageSetup.AssertRedirectedBack(await WorkPageSetup.WriteAsync(alice, world.Work.WorkA, "Submit", "No balance after all."), world.Work.WorkA);
        await using var db = factory.NewDbContext();
        Assert.Null((await db.SubmissionVersions.AsNoTracking().SingleAsync(v => v.SubmissionId == world.Work.WorkA)).Worksheet);
    }
}
