using System.Net;
using CpTraining.Domain;
using CpTraining.Domain.HomeTasks;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// Late work and extensions over HTTP. The task is due Wednesday 10 June 2026 with a cut-off on Saturday 20 June:
/// work first handed in after the due date is marked late; an extension moves the due date so it is not; after the
/// cut-off the trainer is told only a coordinator can reopen, and once the coordinator has, the engineer can submit.
/// </summary>
public sealed class ExtensionTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    /// <summary>Posts the extension form as the page shows it (with its row version).</summary>
    private static async Task<HttpResponseMessage> GrantFromPageAsync(HttpClient client, Guid submissionId, string until, string reason)
    {
        var page = await client.GetDocumentAsync(ReviewSetup.Extension(submissionId));
        var form = FormClient.FormValues(page, "#extension-form");
        form["Input.Until"] = until;
        form["Input.Reason"] = reason;
        return await client.PostAsync(ReviewSetup.Extension(submissionId), new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Work_submitted_after_the_due_date_is_marked_late_in_the_queue_and_the_history()
    {
        var w = await factory.CreateWorldAsync("Late");
        factory.SetToday(ReviewWorld.Due);
        await factory.SubmitAsync(w.SubmissionB, w.EngineerB, "On time");
        factory.SetToday(ReviewWorld.Due.AddDays(1));
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "One day late");
        var coordinator = await factory.ClientAsync(w.Coordinator);

        var queue = await coordinator.GetDocumentAsync(ReviewSetup.Queue());
        var versionsA = await coordinator.GetDocumentAsync(ReviewSetup.Versions(w.SubmissionA));
        var versionsB = await coordinator.GetDocumentAsync(ReviewSetup.Versions(w.SubmissionB));

        Assert.NotNull(queue.QuerySelector($"#queue tr[data-submission='{w.SubmissionA}'] .late-badge"));
        Assert.Null(queue.QuerySelector($"#queue tr[data-submission='{w.SubmissionB}'] .late-badge"));
        Assert.Equal("Late", versionsA.QuerySelector("#versions [data-version='1'] .late-badge")!.TextContent.Trim());
        Assert.Null(versionsB.QuerySelector("#versions .late-badge"));
        Assert.True((await factory.LoadAsync(w.SubmissionA)).Versions[0].IsLate);
    }

    [Fact]
    public async Task A_trainer_grants_an_extension_and_work_in_time_for_it_is_not_late()
    {
        var w = await factory.CreateWorldAsync("Extend");
        var trainer = await factory.ClientAsync(w.TrainerA);

        var page = await trainer.GetDocumentAsync(ReviewSetup.Extension(w.SubmissionA));
        Assert.Equal(ReviewWorld.Due.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), page.QuerySelector("#due-date")!.TextContent.Trim());
        Assert.Equal(ReviewWorld.CutOff.ToString("D", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), page.QuerySelector("#cut-off")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#trainer-limit"));
        var granted = await GrantFromPageAsync(trainer, w.SubmissionA, "2026-06-17", "Plant shut down for maintenance 8–12 June.");

        Assert.Equal(ReviewSetup.Extension(w.SubmissionA), RedirectAssert.Target(granted));
        var shown = await trainer.GetDocumentAsync(ReviewSetup.Extension(w.SubmissionA));
        Assert.Contains("Plant shut down for maintenance", shown.QuerySelector("#extended-until")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Extend Trainer A", shown.QuerySelector("#extended-until")!.TextContent, StringComparison.Ordinal);

        factory.SetToday(new DateOnly(2026, 6, 16));
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "Answer after the original due date");
        trainer = await factory.ClientAsync(w.TrainerA);
        var saved = await factory.LoadAsync(w.SubmissionA);
        Assert.Equal(new DateOnly(2026, 6, 17), saved.ExtendedUntil);
        Assert.False(saved.Versions[0].IsLate);
        var versions = await trainer.GetDocumentAsync(ReviewSetup.Versions(w.SubmissionA));
        Assert.Null(versions.QuerySelector(".late-badge"));

        await using var db = factory.NewDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.ProgrammeId == w.ProgrammeId && a.Action == "task.extended");
        Assert.Equal(w.TrainerA.Id, audit.ActorUserId);
        Assert.Equal("2026-06-17: Plant shut down for maintenance 8–12 June.", audit.After);
        Assert.Null(audit.Before);
    }

    [Fact]
    public async Task After_the_cut_off_only_a_coordinator_can_reopen_and_then_the_engineer_can_submit()
    {
        var w = await factory.CreateWorldAsync("Reopen");
        factory.SetToday(ReviewWorld.CutOff.AddDays(1));

        // Closed: the engineer cannot hand in the work.
        var closed = await Assert.ThrowsAsync<DomainException>(() => factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "Too late"));
        Assert.Equal("Submission closed after the cut-off ({0:d}); ask the coordinator to reopen it.", closed.MessageTemplate);

        // The trainer is told, on the page and when trying.
        var trainer = await factory.ClientAsync(w.TrainerA);
        var page = await trainer.GetDocumentAsync(ReviewSetup.Extension(w.SubmissionA));
        Assert.Contains("only a coordinator can reopen this work", page.QuerySelector("#closed-notice")!.TextContent, StringComparison.Ordinal);
        var refused = await GrantFromPageAsync(trainer, w.SubmissionA, "2026-06-26", "Please reopen.");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await FormClient.ParseAsync(refused);
        Assert.Equal($"The cut-off ({ReviewWorld.CutOff.ToString("d", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}) has passed; only a coordinator can reopen this work.", refusedPage.QuerySelector("#form-errors li")!.TextContent.Trim());
        Assert.Equal("Please reopen.", refusedPage.QuerySelector("#Input_Reason")!.TextContent.Trim());
        Assert.Null((await factory.LoadAsync(w.SubmissionA)).ExtendedUntil);

        // The coordinator reopens it; the engineer submits, on time for the new date.
        var coordinator = await factory.ClientAsync(w.Coordinator);
        var reopened = await GrantFromPageAsync(coordinator, w.SubmissionA, "2026-06-26", "Director ill; agreed at the steering group.");
        Assert.Equal(HttpStatusCode.Redirect, reopened.StatusCode);
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "Handed in after reopening");
        var saved = await factory.LoadAsync(w.SubmissionA);
        Assert.Equal(SubmissionStatus.Submitted, saved.Status);
        Assert.False(saved.Versions[0].IsLate);
    }

    [Fact]
    public async Task A_trainer_cannot_extend_beyond_the_cut_off_but_a_coordinator_can()
    {
        var w = await factory.CreateWorldAsync("Beyond");
        var trainer = await factory.ClientAsync(w.TrainerA);
        var coordinator = await factory.ClientAsync(w.Coordinator);

        var refused = await FormClient.ParseAsync(await GrantFromPageAsync(trainer, w.SubmissionA, "2026-06-25", "Long shutdown."));
        var allowed = await GrantFromPageAsync(coordinator, w.SubmissionA, "2026-06-25", "Long shutdown.");

        Assert.StartsWith("A trainer can extend up to the cut-off", FormClient.FieldError(refused, "Input.Until"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, allowed.StatusCode);
        Assert.Equal(new DateOnly(2026, 6, 25), (await factory.LoadAsync(w.SubmissionA)).ExtendedUntil);
    }

    [Fact]
    public async Task Bad_input_is_shown_next_to_the_fields_and_nothing_is_saved()
    {
        var w = await factory.CreateWorldAsync("Input");
        var trainer = await factory.ClientAsync(w.TrainerA);

        var missing = await FormClient.ParseAsync(await GrantFromPageAsync(trainer, w.SubmissionA, string.Empty, string.Empty));
        var beforeDue = await FormClient.ParseAsync(await GrantFromPageAsync(trainer, w.SubmissionA, "2026-06-09", "Reason"));
        var notADate = await GrantFromPageAsync(trainer, w.SubmissionA, "tomorrow", "Reason");

        Assert.Equal("Enter a date.", FormClient.FieldError(missing, "Input.Until"));
        Assert.Equal("Give the reason for the extension.", FormClient.FieldError(missing, "Input.Reason"));
        Assert.StartsWith("An extension must end after the due date", FormClient.FieldError(beforeDue, "Input.Until"), StringComparison.Ordinal);
        Assert.Equal("Reason", beforeDue.QuerySelector("#Input_Reason")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, notADate.StatusCode);
        Assert.Null((await factory.LoadAsync(w.SubmissionA)).ExtendedUntil);
    }

    [Fact]
    public async Task Submitted_work_needs_no_extension()
    {
        var w = await factory.CreateWorldAsync("NoNeed");
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "Answer");
        var trainer = await factory.ClientAsync(w.TrainerA);

        var page = await trainer.GetDocumentAsync(ReviewSetup.Extension(w.SubmissionA));
        var posted = await trainer.PostFormAsync(ReviewSetup.Extension(w.SubmissionA), new() { ["Input.Until"] = "2026-06-15", ["Input.Reason"] = "Why not." });

        Assert.Null(page.QuerySelector("#extension-form"));
        Assert.Equal("This work has been submitted and waits for review; it needs no extension.", page.QuerySelector("#no-extension-needed")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Null((await factory.LoadAsync(w.SubmissionA)).ExtendedUntil);
    }

    [Fact]
    public async Task Two_people_extending_at_once_the_second_is_told_and_keeps_the_input()
    {
        var w = await factory.CreateWorldAsync("Twice");
        var trainer = await factory.ClientAsync(w.TrainerA);
        var coordinator = await factory.ClientAsync(w.Coordinator);
        var opened = FormClient.FormValues(await trainer.GetDocumentAsync(ReviewSetup.Extension(w.SubmissionA)), "#extension-form");

        await GrantFromPageAsync(coordinator, w.SubmissionA, "2026-06-14", "Coordinator's reason.");
        opened["Input.Until"] = "2026-06-15";
        opened["Input.Reason"] = "Trainer's reason.";
        var response = await trainer.PostAsync(ReviewSetup.Extension(w.SubmissionA), new FormUrlEncodedContent(opened));

        var page = await FormClient.ParseAsync(response);
        Assert.Contains("Someone else changed this work", page.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Trainer's reason.", page.QuerySelector("#Input_Reason")!.TextContent.Trim());
        Assert.Equal("2026-06-15", page.QuerySelector("#Input_Until")!.GetAttribute("value"));
        Assert.Contains("Coordinator's reason.", page.QuerySelector("#extended-until")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 6, 14), (await factory.LoadAsync(w.SubmissionA)).ExtendedUntil);
    }

    [Fact]
    public async Task Only_the_company_trainer_and_coordinators_may_extend()
    {
        var w = await factory.CreateWorldAsync("WhoExtends");
        var trainerB = await factory.ClientAsync(w.TrainerB);
        var engineerA = await factory.ClientAsync(w.EngineerA1);

        RedirectAssert.ToAccessDenied(await trainerB.GetAsync(ReviewSetup.Extension(w.SubmissionA)));
        RedirectAssert.ToAccessDenied(await engineerA.GetAsync(ReviewSetup.Extension(w.SubmissionA)));
        Assert.Equal(HttpStatusCode.OK, (await trainerB.GetAsync(ReviewSetup.Extension(w.SubmissionB))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await trainerB.GetAsync(ReviewSetup.Extension(Guid.NewGuid()))).StatusCode);
    }
}
