using CpTraining.Web.Identity;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// The review queue shows each user exactly the submitted work they may review, oldest first: a trainer their own
/// companies' work, a coordinator their programme's, an administrator everything, engineers nothing.
/// </summary>
public sealed class QueueTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static List<string> Rows(AngleSharp.Html.Dom.IHtmlDocument page, string table = "#queue") =>
        page.QuerySelectorAll($"{table} tbody tr").Select(tr => tr.GetAttribute("data-submission")!).ToList();

    [Fact]
    public async Task Each_user_sees_only_the_work_they_may_review()
    {
        var w = await factory.CreateWorldAsync("Queue");
        var other = await factory.CreateWorldAsync("Elsewhere");
        factory.SetToday(new DateOnly(2026, 6, 2));
        await factory.SubmitAsync(w.SubmissionB, w.EngineerB, "B first");
        factory.SetToday(new DateOnly(2026, 6, 3));
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "A second");
        await factory.SubmitAsync(other.SubmissionA, other.EngineerA1, "Other programme");
        var administrator = await factory.CreateUserAsync(Roles.Administrator);

        var trainerA = await (await factory.ClientAsync(w.TrainerA)).GetDocumentAsync(ReviewSetup.Queue());
        var trainerB = await (await factory.ClientAsync(w.TrainerB)).GetDocumentAsync(ReviewSetup.Queue());
        var coordinator = await (await factory.ClientAsync(w.Coordinator)).GetDocumentAsync(ReviewSetup.Queue());
        var engineer = await (await factory.ClientAsync(w.EngineerA1)).GetDocumentAsync(ReviewSetup.Queue());
        var admin = await (await factory.ClientAsync(administrator)).GetDocumentAsync(ReviewSetup.Queue());

        Assert.Equal(new[] { w.SubmissionA.ToString() }, Rows(trainerA));
        Assert.Equal(new[] { w.SubmissionB.ToString() }, Rows(trainerB));
        Assert.Equal(new[] { w.SubmissionB.ToString(), w.SubmissionA.ToString() }, Rows(coordinator)); // oldest first
        Assert.Empty(Rows(engineer));
        Assert.NotNull(engineer.QuerySelector("#queue-empty"));
        Assert.Contains(other.SubmissionA.ToString(), Rows(admin));
        Assert.Contains(w.SubmissionA.ToString(), Rows(admin));

        var row = trainerA.QuerySelector($"#queue tr[data-submission='{w.SubmissionA}']")!;
        Assert.Equal(w.CompanyAName, row.QuerySelector(".owner")!.TextContent.Trim());
        Assert.Equal("1", row.QuerySelector(".version")!.TextContent.Trim());
        Assert.Equal(ReviewSetup.Review(w.SubmissionA), row.QuerySelector("a.task-link")!.GetAttribute("href"));
        Assert.Contains(w.TaskTitle, row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Queue", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trainer_who_is_not_assigned_to_the_company_does_not_see_its_work()
    {
        var w = await factory.CreateWorldAsync("Unassigned");
        var trainerInProgramme = await factory.PersonAsync(Roles.Trainer, "Unassigned Trainer");
        await factory.AddMemberAsync(w.ProgrammeId, trainerInProgramme, Domain.Programmes.ProgrammeRole.Trainer);
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "Answer");

        var page = await (await factory.ClientAsync(trainerInProgramme)).GetDocumentAsync(ReviewSetup.Queue());

        Assert.Empty(Rows(page));
    }

    [Fact]
    public async Task Reviewed_work_leaves_the_queue_and_is_listed_with_the_recent_filter()
    {
        var w = await factory.CreateWorldAsync("Recent");
        await factory.SubmitAsync(w.SubmissionA, w.EngineerA1, "Answer A");
        await factory.SubmitAsync(w.SubmissionB, w.EngineerB, "Answer B");
        var coordinator = await factory.ClientAsync(w.Coordinator);
        await coordinator.DecideAsync(w.SubmissionA, "return", "Revise.");

        var waiting = await coordinator.GetDocumentAsync(ReviewSetup.Queue());
        var withRecent = await coordinator.GetDocumentAsync(ReviewSetup.Queue(recent: true));
        factory.SetToday(new DateOnly(2026, 6, 20));
        coordinator = await factory.ClientAsync(w.Coordinator);
        var twoWeeksLater = await coordinator.GetDocumentAsync(ReviewSetup.Queue(recent: true));

        Assert.Equal(new[] { w.SubmissionB.ToString() }, Rows(waiting));
        Assert.Null(waiting.QuerySelector("#reviewed"));
        Assert.Equal(new[] { w.SubmissionB.ToString() }, Rows(withRecent));
        Assert.Equal(new[] { w.SubmissionA.ToString() }, Rows(withRecent, "#reviewed"));
        Assert.Equal("Returned", withRecent.QuerySelector("#reviewed .submission-status")!.GetAttribute("data-status"));
        Assert.True(withRecent.QuerySelector("#recent")!.HasAttribute("checked"));
        Assert.Empty(Rows(twoWeeksLater, "#reviewed"));
    }
}
