using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// A programme (first session Tuesday 26 May 2026; today is Monday 1 June 2026) with companies A and B, each with its
/// own trainer and engineers, and a home task given after session 1, due Wednesday 10 June with a cut-off on Saturday
/// 20 June, that both companies work on. Made directly through the domain (the work pages are not under test here).
/// </summary>
internal sealed record ReviewWorld(
    Guid ProgrammeId,
    string ProgrammeName,
    Guid CompanyA,
    Guid CompanyB,
    AppUser Coordinator,
    AppUser TrainerA,
    AppUser TrainerB,
    AppUser EngineerA1,
    AppUser EngineerA2,
    AppUser ManagerA,
    AppUser EngineerB,
    Guid TaskId,
    string TaskTitle,
    Guid SubmissionA,
    Guid SubmissionB)
{
    public static readonly DateOnly Due = new(2026, 6, 10);
    public static readonly DateOnly CutOff = new(2026, 6, 20);

    public string CompanyAName => ProgrammeName + " company A";

    public string CompanyBName => ProgrammeName + " company B";
}

internal static class ReviewSetup
{
    public static string Queue(bool recent = false) => recent ? "/tasks/review?recent=true" : "/tasks/review";

    public static string Review(Guid submissionId) => $"/tasks/{submissionId}/review";

    /// <summary>Where the review form posts its decision (accept or return).</summary>
    public static string Decide(Guid submissionId) => Review(submissionId) + "?handler=Decide";

    public static string Versions(Guid submissionId) => $"/tasks/{submissionId}/versions";

    public static string Extension(Guid submissionId) => $"/tasks/{submissionId}/extension";

    /// <summary>Sets "now" to noon UTC of the day (the programme's time zone is UTC).</summary>
    public static void SetToday(this CpTrainingFactory factory, DateOnly day) =>
        factory.Clock.Set(new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero));

    public static async Task<ReviewWorld> CreateWorldAsync(this CpTrainingFactory factory, string name)
    {
        factory.ResetClock();
        var coordinator = await factory.PersonAsync(Roles.Coordinator, name + " Coordinator");
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 5, 26), name);
        var a = await factory.EnrolCompanyAsync(programme.Id, name + " company A");
        var b = await factory.EnrolCompanyAsync(programme.Id, name + " company B");
        var trainerA = await factory.PersonAsync(Roles.Trainer, name + " Trainer A");
        var trainerB = await factory.PersonAsync(Roles.Trainer, name + " Trainer B");
        await using (var db = factory.NewDbContext())
        {
            var loaded = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == programme.Id);
            loaded.AssignTrainer(a.Id, trainerA.Id);
            loaded.AssignTrainer(b.Id, trainerB.Id);
            await db.SaveChangesAsync();
        }

        var engineerA1 = await factory.MemberAsync(programme.Id, a.Id, Roles.Engineer, ProgrammeRole.Engineer, name + " Engineer A1");
        var engineerA2 = await factory.MemberAsync(programme.Id, a.Id, Roles.Engineer, ProgrammeRole.Engineer, name + " Engineer A2");
        var managerA = await factory.MemberAsync(programme.Id, a.Id, Roles.Manager, ProgrammeRole.Manager, name + " Manager A");
        var engineerB = await factory.MemberAsync(programme.Id, b.Id, Roles.Engineer, ProgrammeRole.Engineer, name + " Engineer B");

        var title = name + ": company description";
        var task = HomeTask.Assign(programme.Id, 1, programme.Sessions.Count, null, title, "Describe the company.", [], ReviewWorld.Due, ReviewWorld.CutOff, true, coordinator.Id, factory.Clock.GetUtcNow(), factory.Clock.Today);
        var sa = Submission.ForCompany(task, a.Id);
        var sb = Submission.ForCompany(task, b.Id);
        await using (var db = factory.NewDbContext())
        {
            db.HomeTasks.Add(task);
            db.Submissions.AddRange(sa, sb);
            await db.SaveChangesAsync();
        }

        return new ReviewWorld(programme.Id, name, a.Id, b.Id, coordinator, trainerA, trainerB, engineerA1, engineerA2, managerA, engineerB, task.Id, title, sa.Id, sb.Id);
    }

    /// <summary>An engineer hands the work in (as the work page would), on the clock's day.</summary>
    public static async Task SubmitAsync(this CpTrainingFactory factory, Guid submissionId, AppUser engineer, string text)
    {
        await using var db = factory.NewDbContext();
        var submission = await db.Submissions.Include(s => s.Versions).Include(s => s.Reviews).SingleAsync(s => s.Id == submissionId);
        submission.SaveDraft(text, [], engineer.Id, factory.Clock.GetUtcNow(), factory.Clock.Today);
        submission.Submit(text, [], engineer.Id, factory.Clock.GetUtcNow(), factory.Clock.Today, Guid.NewGuid());
        await db.SaveChangesAsync();
    }

    public static async Task<Submission> LoadAsync(this CpTrainingFactory factory, Guid submissionId)
    {
        await using var db = factory.NewDbContext();
        return await db.Submissions.AsNoTracking().Include(s => s.Versions).Include(s => s.Reviews).SingleAsync(s => s.Id == submissionId);
    }

    private static async Task<AppUser> MemberAsync(this CpTrainingFactory factory, Guid programmeId, Guid companyId, string accountRole, ProgrammeRole role, string name)
    {
        var user = await factory.PersonAsync(accountRole, name);
        await factory.AddMemberAsync(programmeId, user, role, companyId);
        return user;
    }

    /// <summary>Posts the page's review form with the feedback and the pressed button ("accept" or "return").</summary>
    public static async Task<HttpResponseMessage> DecideAsync(this HttpClient client, Guid submissionId, string decision, string? feedback)
    {
        var page = await client.GetDocumentAsync(Review(submissionId));
        var form = FormClient.FormValues(page, "#review-form");
        return await client.PostDecisionAsync(submissionId, form, decision, feedback);
    }

    /// <summary>Posts previously read review-form values (to act on a page opened earlier).</summary>
    public static async Task<HttpResponseMessage> PostDecisionAsync(this HttpClient client, Guid submissionId, Dictionary<string, string> form, string decision, string? feedback)
    {
        var fields = new Dictionary<string, string>(form)
        {
            ["Input.Feedback"] = feedback ?? string.Empty,
            ["Input.Decision"] = decision,
        };
        return await client.PostAsync(Decide(submissionId), new FormUrlEncodedContent(fields));
    }
}
