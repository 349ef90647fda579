using System.Net;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Infrastructure;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.HomeTasks.WorkPageSetup;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// The work page as the engineers, the manager and the trainer use it: draft → submit → locked, the same form
/// submitted twice (one after the other and at the same moment), two engineers saving the same draft, preview,
/// Markdown with a script in it, and who may read and write.
/// </summary>
public sealed class WorkPageTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task Draft_then_submit_makes_version_1_notifies_the_trainer_and_locks_the_work()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        var url = WorkWorld.Work(world.WorkA);

        AssertRedirectedBack(await WriteAsync(alice, world.WorkA, "Save", "We dye **cotton**."), world.WorkA);
        var page = await alice.GetDocumentAsync(url);
        Assert.Equal("Draft", page.QuerySelector("#work-status")!.TextContent.Trim());
        Assert.Contains("Last saved by Alice Engineer at", page.QuerySelector("#last-saved")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("We dye **cotton**.", TextArea(page));

        factory.Clock.Set(factory.Clock.GetUtcNow().AddHours(1));
        AssertRedirectedBack(await WriteAsync(alice, world.WorkA, "Submit", "We dye **cotton** and wool."), world.WorkA);

        var work = await factory.LoadAsync(world.WorkA);
        Assert.Equal(SubmissionStatus.Submitted, work.Status);
        var version = Assert.Single(work.Versions);
        Assert.Equal((1, "We dye **cotton** and wool.", world.Alice.Id, false), (version.Number, version.Text, version.SubmittedBy, version.IsLate));
        await using (var db = factory.NewDbContext())
        {
            Assert.Equal(
                ["task.draft-saved", "task.submitted"],
                await db.AuditEntries.Where(a => a.ProgrammeId == world.ProgrammeId).OrderBy(a => a.At).Select(a => a.Action).ToListAsync());
            var notification = await db.Notifications.SingleAsync(n => n.UserId == world.Trainer.Id);
            Assert.Equal((NotificationKind.TaskSubmitted, "Company description", "Company A"), (notification.Kind, notification.Subject, notification.Detail));
            Assert.Equal($"/tasks/{world.WorkA}/review", notification.Link);
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.To == world.Trainer.Email && m.Subject.Contains("Company A submitted home task")));
        }

        // Locked: no form; the page says why, shows the submitted text and version 1.
        page = await alice.GetDocumentAsync(url);
        Assert.Null(page.QuerySelector("#work-form"));
        Assert.Equal("This work has been submitted and is locked until the trainer reviews it.", page.QuerySelector("#locked-reason")!.TextContent.Trim());
        Assert.Equal("cotton", page.QuerySelector("#current-text strong")!.TextContent);
        Assert.Contains("submitted by Alice Engineer", page.QuerySelector(".work-version[data-version='1']")!.TextContent, StringComparison.Ordinal);

        // A save posted anyway is refused with the rule in words; the text is kept for copying; nothing changes.
        var refused = await PostAsync(alice, world.WorkA, "Save", new()
        {
            ["__RequestVerificationToken"] = FormClient.Token(page),
            ["Input.Text"] = "Changed after submitting",
            ["Input.Version"] = "0",
            ["Input.IdempotencyKey"] = Guid.NewGuid().ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var result = await FormClient.ParseAsync(refused);
        Assert.Contains("This work has been submitted and is locked until the trainer reviews it.", FormClient.Errors(result));
        Assert.Equal("Changed after submitting", result.QuerySelector("#unsaved-text textarea")!.TextContent);
        var after = await factory.LoadAsync(world.WorkA);
        Assert.Equal(("We dye **cotton** and wool.", 1), (after.DraftText, after.Versions.Count));
    }

    [Fact]
    public async Task The_same_form_submitted_twice_makes_one_version()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        var form = Form(await alice.GetDocumentAsync(WorkWorld.Work(world.WorkA)));
        form["Input.Text"] = "Our answer.";

        AssertRedirectedBack(await PostAsync(alice, world.WorkA, "Submit", form), world.WorkA);
        AssertRedirectedBack(await PostAsync(alice, world.WorkA, "Submit", form), world.WorkA);

        var work = await factory.LoadAsync(world.WorkA);
        Assert.Single(work.Versions);
        await using var db = factory.NewDbContext();
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == world.Trainer.Id));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.ProgrammeId == world.ProgrammeId && a.Action == "task.submitted"));
    }

    [Fact]
    public async Task Two_simultaneous_posts_of_the_same_form_make_one_version()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        var form = Form(await alice.GetDocumentAsync(WorkWorld.Work(world.WorkA)));
        form["Input.Text"] = "Our answer, double-clicked.";

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(alice, world.WorkA, "Submit", form, [("plan.pdf", Pdf)])));

        Assert.All(responses, r => AssertRedirectedBack(r, world.WorkA));
        var work = await factory.LoadAsync(world.WorkA);
        var version = Assert.Single(work.Versions);
        Assert.Single(version.FileIds);
        Assert.Equal(1, await factory.StoredFileCountAsync(world.WorkA));
    }

    [Fact]
    public async Task Second_engineer_saving_the_same_draft_sees_a_conflict_and_keeps_their_text()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        var bob = await factory.ClientAsync(world.Bob);
        var aliceForm = Form(await alice.GetDocumentAsync(WorkWorld.Work(world.WorkA)));
        var bobForm = Form(await bob.GetDocumentAsync(WorkWorld.Work(world.WorkA)));

        aliceForm["Input.Text"] = "Alice's balance of the *dyeing* line.";
        AssertRedirectedBack(await PostAsync(alice, world.WorkA, "Save", aliceForm), world.WorkA);
        bobForm["Input.Text"] = "Bob's flow chart.";
        var conflict = await PostAsync(bob, world.WorkA, "Save", bobForm, [("flow.pdf", Pdf)]);

        Assert.Equal(HttpStatusCode.OK, conflict.StatusCode);
        var page = await FormClient.ParseAsync(conflict);
        Assert.Contains(FormClient.Errors(page), e => e.StartsWith("Someone else saved this work while you were editing it", StringComparison.Ordinal));
        Assert.Equal("Bob's flow chart.", TextArea(page));
        Assert.Equal("dyeing", page.QuerySelector("#conflict-text em")!.TextContent);
        Assert.Contains("Saved by Alice Engineer", page.QuerySelector("#conflict h3")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#files-not-kept"));
        var saved = await factory.LoadAsync(world.WorkA);
        Assert.Equal("Alice's balance of the *dyeing* line.", saved.DraftText);
        Assert.Equal(0, await factory.StoredFileCountAsync(world.WorkA));

        // Bob merges and saves again from the re-rendered form: now it goes through.
        var merged = Form(page);
        merged["Input.Text"] = "Alice's balance of the *dyeing* line.\n\nBob's flow chart.";
        AssertRedirectedBack(await PostAsync(bob, world.WorkA, "Save", merged), world.WorkA);
        var final = await factory.LoadAsync(world.WorkA);
        Assert.Equal((merged["Input.Text"], world.Bob.Id), (final.DraftText, final.LastSavedBy));
    }

    [Fact]
    public async Task Preview_renders_the_text_and_saves_nothing()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        var form = Form(await alice.GetDocumentAsync(WorkWorld.Work(world.WorkA)));
        form["Input.Text"] = "| Stream | t/yr |\n| --- | --- |\n| Waste water | **1 200** |";

        var response = await PostAsync(alice, world.WorkA, "Preview", form);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Equal("1 200", page.QuerySelector("#preview table td strong")!.TextContent);
        Assert.Equal(form["Input.Text"], TextArea(page));
        Assert.Equal(form["Input.IdempotencyKey"], Form(page)["Input.IdempotencyKey"]);
        var work = await factory.LoadAsync(world.WorkA);
        Assert.Equal((SubmissionStatus.NotStarted, null), (work.Status, work.DraftText));
    }

    [Fact]
    public async Task A_script_in_the_answer_is_shown_as_text()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        const string payload = "<script>alert(1)</script> and <img src=x onerror=alert(2)> [link](javascript:alert(3))";

        var preview = await FormClient.ParseAsync(await WriteAsync(alice, world.WorkA, "Preview", payload));
        Assert.Empty(preview.QuerySelectorAll("main script, main img, main [onerror]"));
        Assert.Contains("<script>alert(1)</script>", preview.QuerySelector("#preview")!.TextContent, StringComparison.Ordinal);

        AssertRedirectedBack(await WriteAsync(alice, world.WorkA, "Submit", payload), world.WorkA);
        var trainer = await factory.ClientAsync(world.Trainer);
        var page = await trainer.GetDocumentAsync(WorkWorld.Work(world.WorkA));

        Assert.Empty(page.QuerySelectorAll("main script, main img, main [onerror]"));
        Assert.DoesNotContain(page.QuerySelectorAll("main a"), a => (a.GetAttribute("href") ?? string.Empty).StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("<script>alert(1)</script>", page.QuerySelector("#current-text")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engineer_of_company_B_is_refused_company_As_work()
    {
        var world = await CreateAsync(factory);
        var boris = await factory.ClientAsync(world.Boris);
        var token = FormClient.Token(await boris.GetDocumentAsync(WorkWorld.Work(world.WorkB)));

        RedirectAssert.ToAccessDenied(await boris.GetAsync(WorkWorld.Work(world.WorkA)));
        foreach (var handler in new[] { "Save", "Submit", "Preview" })
        {
            var response = await PostAsync(boris, world.WorkA, handler, new()
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Text"] = "Hijacked",
                ["Input.IdempotencyKey"] = Guid.NewGuid().ToString(),
            }, [("x.pdf", Pdf)]);
            RedirectAssert.ToAccessDenied(response);
        }

        var work = await factory.LoadAsync(world.WorkA);
        Assert.Equal((SubmissionStatus.NotStarted, null), (work.Status, work.DraftText));
        Assert.Equal(0, await factory.StoredFileCountAsync(world.WorkA));
    }

    [Fact]
    public async Task Manager_of_the_company_reads_the_work_but_cannot_write_it()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        AssertRedirectedBack(await WriteAsync(alice, world.WorkA, "Save", "Draft by *Alice*."), world.WorkA);
        var mona = await factory.ClientAsync(world.Mona);

        var page = await mona.GetDocumentAsync(WorkWorld.Work(world.WorkA));

        Assert.Null(page.QuerySelector("#work-form"));
        Assert.Null(page.QuerySelector("#locked-reason"));
        Assert.Equal("Alice", page.QuerySelector("#current-text em")!.TextContent);
        Assert.Equal("company", page.QuerySelector("#instructions strong")!.TextContent);
        var response = await PostAsync(mona, world.WorkA, "Save", new()
        {
            ["__RequestVerificationToken"] = FormClient.Token(page),
            ["Input.Text"] = "Manager's change",
        });
        RedirectAssert.ToAccessDenied(response);
        Assert.Equal("Draft by *Alice*.", (await factory.LoadAsync(world.WorkA)).DraftText);
    }

    [Fact]
    public async Task Trainer_sees_the_review_link_and_no_form()
    {
        var world = await CreateAsync(factory);
        var trainer = await factory.ClientAsync(world.Trainer);

        var page = await trainer.GetDocumentAsync(WorkWorld.Work(world.WorkA));

        Assert.Null(page.QuerySelector("#work-form"));
        Assert.Equal($"/tasks/{world.WorkA}/review", page.QuerySelector("#review-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Unknown_work_is_not_found()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);

        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync(WorkWorld.Work(Guid.NewGuid()))).StatusCode);
    }

    [Fact]
    public async Task Work_after_the_due_date_is_late_and_after_the_cut_off_closed()
    {
        var world = await CreateAsync(factory, cutOff: "2026-06-25");
        factory.Clock.Set(new DateTimeOffset(2026, 6, 22, 9, 0, 0, TimeSpan.Zero));
        var alice = await factory.ClientAsync(world.Alice);

        var page = await alice.GetDocumentAsync(WorkWorld.Work(world.WorkA));
        Assert.NotNull(page.QuerySelector("#work-late"));
        Assert.NotNull(page.QuerySelector("#work-form"));
        AssertRedirectedBack(await WriteAsync(alice, world.WorkA, "Submit", "Late, but here."), world.WorkA);
        Assert.True(Assert.Single((await factory.LoadAsync(world.WorkA)).Versions).IsLate);

        var boris = await factory.ClientAsync(world.Boris);
        var form = Form(await boris.GetDocumentAsync(WorkWorld.Work(world.WorkB)));
        factory.Clock.Set(new DateTimeOffset(2026, 6, 26, 9, 0, 0, TimeSpan.Zero));
        await CpTrainingFactory.SignInAsync(boris, world.Boris.Email!); // the sign-in lasts 8 hours
        form["Input.Text"] = "Too late.";
        var refused = await FormClient.ParseAsync(await PostAsync(boris, world.WorkB, "Submit", form));
        Assert.Contains(FormClient.Errors(refused), e => e.StartsWith("Submission closed after the cut-off", StringComparison.Ordinal));
        Assert.Equal("Too late.", refused.QuerySelector("#unsaved-text textarea")!.TextContent);
        Assert.NotNull(refused.QuerySelector("#work-closed"));
        Assert.Empty((await factory.LoadAsync(world.WorkB)).Versions);
        factory.ResetClock();
    }
}
