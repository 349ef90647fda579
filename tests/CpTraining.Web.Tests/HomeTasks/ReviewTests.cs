using System.Net;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Infrastructure;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// Reviewing home tasks over HTTP: the trainer returns submitted work (reasons required), the company resubmits, the
/// trainer accepts; both versions, the feedback on each and the diff are shown; the engineers are notified in the app
/// and by e-mail; a decision on a page someone else changed meanwhile is refused with the feedback kept.
/// </summary>
public sealed class ReviewTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task Submit_return_resubmit_accept_keeps_two_versions_with_their_feedback_and_a_diff()
    {
        var w = await factory.CreateWorldAsync("Journey");
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "# Company\nTextile finishing plant.\nWastewater: 120 m3/day\nEmployees: 340");
        var trainer = await factory.ClientAsync(w.TrainerA);

        // The trainer reads the submitted version.
        var page = await trainer.GetDocumentAsync(ReviewSetup.Review(w.SubmissionA));
        Assert.Equal("1", page.QuerySelector("#submitted-version")!.GetAttribute("data-version"));
        Assert.Contains("Textile finishing plant.", page.QuerySelector("#submitted-version .submission-text")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Company", page.QuerySelector("#submitted-version .submission-text h1")!.TextContent.Trim());
        Assert.Contains("Journey Engineer A1", page.QuerySelector("#submitted-version")!.TextContent, StringComparison.Ordinal);

        // Returning without reasons is refused next to the feedback field; nothing changes.
        var noReasons = await trainer.DecideAsync(w.SubmissionA, "return", "   ");
        Assert.Equal(HttpStatusCode.OK, noReasons.StatusCode);
        var refused = await FormClient.ParseAsync(noReasons);
        Assert.Equal("Say what must be revised: the feedback is required when returning work.", FormClient.FieldError(refused, "Input.Feedback"));
        Assert.Equal(SubmissionStatus.Submitted, (await factory.LoadAsync(w.SubmissionA)).Status);

        // Returned with reasons.
        var returned = await trainer.DecideAsync(w.SubmissionA, "return", "Measure the wastewater; *estimate* is not enough.");
        Assert.Equal(ReviewSetup.Review(w.SubmissionA), RedirectAssert.Target(returned));
        var afterReturn = await factory.LoadAsync(w.SubmissionA);
        Assert.Equal(SubmissionStatus.Returned, afterReturn.Status);
        var firstReview = Assert.Single(afterReturn.Reviews);
        Assert.Equal((1, ReviewDecision.Returned, w.TrainerA.Id), (firstReview.VersionNumber, firstReview.Decision, firstReview.ReviewerId));
        var shown = await trainer.GetDocumentAsync(ReviewSetup.Review(w.SubmissionA));
        Assert.Null(shown.QuerySelector("#review-form"));
        Assert.Contains("returned for revision", shown.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);

        // The company revises and resubmits; the trainer accepts version 2.
        factory.SetToday(new DateOnly(2026, 6, 5));
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA2, "# Company\nTextile finishing plant.\nWastewater: 134 m3/day (measured 3–4 June)\nEmployees: 340\nWater meter installed.");
        trainer = await factory.ClientAsync(w.TrainerA); // days later: a new sign-in
        var second = await trainer.GetDocumentAsync(ReviewSetup.Review(w.SubmissionA));
        Assert.Equal("2", second.QuerySelector("#submitted-version")!.GetAttribute("data-version"));
        Assert.Contains("Measure the wastewater", second.QuerySelector("#earlier-versions [data-version='1'] .feedback")!.TextContent, StringComparison.Ordinal);
        var accepted = await trainer.DecideAsync(w.SubmissionA, "accept", "Good balance of the **water** use.");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        var final = await factory.LoadAsync(w.SubmissionA);
        Assert.Equal(SubmissionStatus.Accepted, final.Status);
        Assert.Equal(new[] { (1, ReviewDecision.Returned), (2, ReviewDecision.Accepted) }, final.Reviews.Select(r => (r.VersionNumber, r.Decision)));

        // The version history, as an engineer of the company sees it.
        var engineer = await factory.ClientAsync(w.EngineerA1);
        var history = await engineer.GetDocumentAsync(ReviewSetup.Versions(w.SubmissionA));
        var v1 = history.QuerySelector("#versions [data-version='1']")!;
        var v2 = history.QuerySelector("#versions [data-version='2']")!;
        Assert.Contains("Journey Engineer A1", v1.QuerySelector(".version-meta")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Journey Engineer A2", v2.QuerySelector(".version-meta")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Returned", v1.QuerySelector(".feedback")!.GetAttribute("data-decision"));
        Assert.Contains("Measure the wastewater", v1.QuerySelector(".feedback")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Accepted", v2.QuerySelector(".feedback")!.GetAttribute("data-decision"));
        Assert.Equal("water", v2.QuerySelector(".feedback .markdown strong")!.TextContent);
        Assert.Contains("Journey Trainer A", v2.QuerySelector(".feedback")!.TextContent, StringComparison.Ordinal);

        // Default diff: version 1 → version 2, with the changed lines marked in words as well as signs.
        Assert.Contains("version 1 to version 2", history.QuerySelector("#diff-heading")!.TextContent, StringComparison.Ordinal);
        var removed = history.QuerySelectorAll("#diff tr[data-kind=removed] .diff-text").Select(td => td.TextContent).ToList();
        var added = history.QuerySelectorAll("#diff tr[data-kind=added] .diff-text").Select(td => td.TextContent).ToList();
        Assert.Equal(new[] { "Wastewater: 120 m3/day" }, removed);
        Assert.Equal(new[] { "Wastewater: 134 m3/day (measured 3–4 June)", "Water meter installed." }, added);
        Assert.Equal(3, history.QuerySelectorAll("#diff tr[data-kind=unchanged]").Length);
        Assert.All(history.QuerySelectorAll("#diff tr[data-kind=added] .diff-marker"), td => Assert.Equal("+added", td.TextContent));
        Assert.All(history.QuerySelectorAll("#diff tr[data-kind=removed] .diff-marker"), td => Assert.Equal("−removed", td.TextContent));
        Assert.Contains("2 line(s) added, 1 line(s) removed.", history.QuerySelector("#diff-summary")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Engineers_are_notified_in_the_app_and_by_email_when_work_is_returned_and_accepted()
    {
        var w = await factory.CreateWorldAsync("Notify");
        await using (var db = factory.NewDbContext())
        {
            // A2 turned task e-mails off: in-app notification only.
            await db.Users.Where(u => u.Id == w.EngineerA2.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.TaskEmails, false));
        }

        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "Answer");
        var trainer = await factory.ClientAsync(w.TrainerA);

        await trainer.DecideAsync(w.SubmissionA, "return", "Add the flow chart.");
        factory.SetToday(new DateOnly(2026, 6, 3));
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "Answer with flow chart");
        trainer = await factory.ClientAsync(w.TrainerA);
        await trainer.DecideAsync(w.SubmissionA, "accept", null);

        await using var check = factory.NewDbContext();
        var writers = new[] { w.EngineerA1.Id, w.EngineerA2.Id };
        var notifications = await check.Notifications.Where(n => n.Subject == w.TaskTitle).OrderBy(n => n.CreatedAt).ToListAsync();
        Assert.Equal(4, notifications.Count);
        Assert.Equal(writers.Order(), notifications.Where(n => n.Kind == NotificationKind.TaskReturned).Select(n => n.UserId).Order());
        Assert.Equal(writers.Order(), notifications.Where(n => n.Kind == NotificationKind.TaskAccepted).Select(n => n.UserId).Order());
        Assert.All(notifications, n => Assert.Equal($"/tasks/{w.SubmissionA}", n.Link));
        Assert.DoesNotContain(notifications, n => n.UserId == w.ManagerA.Id || n.UserId == w.EngineerB.Id);

        var mails = await check.OutboxMessages.Where(m => m.Subject.Contains(w.TaskTitle)).OrderBy(m => m.CreatedAt).ToListAsync();
        Assert.Equal(new[] { w.EngineerA1.Email, w.EngineerA1.Email }, mails.Select(m => m.To));
        Assert.Equal($"Home task “{w.TaskTitle}” was returned for revision; see the trainer's feedback.", mails[0].Subject);
        Assert.Equal($"Home task “{w.TaskTitle}” was accepted.", mails[1].Subject);
        Assert.Contains($"/tasks/{w.SubmissionA}", mails[0].Body, StringComparison.Ordinal);

        var audit = await check.AuditEntries.Where(a => a.ProgrammeId == w.ProgrammeId && a.Action.StartsWith("task.")).OrderBy(a => a.At).Select(a => new { a.Action, a.ActorUserId, a.Subject }).ToListAsync();
        Assert.Equal(new[] { "task.returned", "task.accepted" }, audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(w.TrainerA.Id, a.ActorUserId));
        Assert.All(audit, a => Assert.Contains(w.CompanyAName, a.Subject, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_decision_on_work_someone_else_reviewed_meanwhile_is_refused_and_the_feedback_kept()
    {
        var w = await factory.CreateWorldAsync("Race");
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "Answer");
        var trainer = await factory.ClientAsync(w.TrainerA);
        var coordinator = await factory.ClientAsync(w.Coordinator);
        var opened = FormClient.FormValues(await trainer.GetDocumentAsync(ReviewSetup.Review(w.SubmissionA)), "#review-form");

        var first = await coordinator.DecideAsync(w.SubmissionA, "accept", "Accepted by the coordinator.");
        var late = await trainer.PostDecisionAsync(w.SubmissionA, opened, "return", "Please add the **balance**.");

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        var page = await FormClient.ParseAsync(late);
        Assert.Contains("Someone else reviewed or changed this work", page.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Please add the **balance**.", page.QuerySelector("#unsaved-feedback-text")!.TextContent);
        Assert.Equal("Accepted", page.QuerySelector(".submission-status")!.GetAttribute("data-status"));
        var saved = await factory.LoadAsync(w.SubmissionA);
        Assert.Equal(SubmissionStatus.Accepted, saved.Status);
        Assert.Equal("Accepted by the coordinator.", Assert.Single(saved.Reviews).Feedback);
    }

    [Fact]
    public async Task A_decision_on_an_older_version_after_a_resubmission_is_refused()
    {
        var w = await factory.CreateWorldAsync("Stale");
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "Version one");
        var trainer = await factory.ClientAsync(w.TrainerA);
        var coordinator = await factory.ClientAsync(w.Coordinator);
        var opened = FormClient.FormValues(await trainer.GetDocumentAsync(ReviewSetup.Review(w.SubmissionA)), "#review-form");
        await coordinator.DecideAsync(w.SubmissionA, "return", "Revise.");
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "Version two");

        var response = await trainer.PostDecisionAsync(w.SubmissionA, opened, "accept", "Fine.");

        var page = await FormClient.ParseAsync(response);
        Assert.Contains("Someone else reviewed or changed this work", page.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2", page.QuerySelector("#submitted-version")!.GetAttribute("data-version"));
        Assert.Equal("Fine.", page.QuerySelector("#Input_Feedback")!.TextContent.Trim());
        var saved = await factory.LoadAsync(w.SubmissionA);
        Assert.Equal(SubmissionStatus.Submitted, saved.Status);
        Assert.Single(saved.Reviews);

        // Deciding again on what is now shown works.
        var again = await trainer.PostDecisionAsync(w.SubmissionA, FormClient.FormValues(page, "#review-form"), "accept", "Fine.");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(new[] { 1, 2 }, (await factory.LoadAsync(w.SubmissionA)).Reviews.Select(r => r.VersionNumber));
    }

    [Fact]
    public async Task Markdown_in_submissions_and_feedback_cannot_run_script()
    {
        var w = await factory.CreateWorldAsync("Xss");
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "<script>alert('x')</script>\n[click](javascript:alert(1))");
        var trainer = await factory.ClientAsync(w.TrainerA);

        await trainer.DecideAsync(w.SubmissionA, "return", "<img src=x onerror=alert(1)>");
        var review = await trainer.GetDocumentAsync(ReviewSetup.Review(w.SubmissionA));
        var versions = await trainer.GetDocumentAsync(ReviewSetup.Versions(w.SubmissionA));

        foreach (var page in new[] { review, versions })
        {
            Assert.Empty(page.QuerySelectorAll("main script, main img, main [onerror]"));
            Assert.DoesNotContain(page.QuerySelectorAll("main a"), a => (a.GetAttribute("href") ?? string.Empty).StartsWith("javascript", StringComparison.OrdinalIgnoreCase));
        }

        Assert.Contains("<script>alert('x')</script>", review.QuerySelector("#submitted-version .submission-text")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Work_not_yet_submitted_has_nothing_to_review()
    {
        var w = await factory.CreateWorldAsync("Nothing");
        var coordinator = await factory.ClientAsync(w.Coordinator);

        var page = await coordinator.GetDocumentAsync(ReviewSetup.Review(w.SubmissionB));
        var versions = await coordinator.GetDocumentAsync(ReviewSetup.Versions(w.SubmissionB));

        Assert.NotNull(page.QuerySelector("#nothing-to-review"));
        Assert.Null(page.QuerySelector("#review-form"));
        Assert.NotNull(versions.QuerySelector("#no-versions"));
    }

    [Fact]
    public async Task Only_reviewers_may_open_the_review_page_and_decide()
    {
        var w = await factory.CreateWorldAsync("Refuse");
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "Answer A");
        await factory.SubmitAsync(w.SubmissionB, w.EngineerB, "Answer B");
        var engineerA = await factory.ClientAsync(w.EngineerA1);
        var trainerB = await factory.ClientAsync(w.TrainerB);
        var token = FormClient.Token(await engineerA.GetDocumentAsync("/account/change-password"));

        RedirectAssert.ToAccessDenied(await engineerA.GetAsync(ReviewSetup.Review(w.SubmissionA)));
        RedirectAssert.ToAccessDenied(await trainerB.GetAsync(ReviewSetup.Review(w.SubmissionA)));
        Assert.Equal(HttpStatusCode.OK, (await trainerB.GetAsync(ReviewSetup.Review(w.SubmissionB))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await trainerB.GetAsync(ReviewSetup.Review(Guid.NewGuid()))).StatusCode);
        var forged = await engineerA.PostAsync(ReviewSetup.Decide(w.SubmissionA), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Decision"] = "accept",
            ["Input.Feedback"] = "Self-approved",
        }));

        RedirectAssert.ToAccessDenied(forged);
        var saved = await factory.LoadAsync(w.SubmissionA);
        Assert.Equal(SubmissionStatus.Submitted, saved.Status);
        Assert.Empty(saved.Reviews);
    }
}
