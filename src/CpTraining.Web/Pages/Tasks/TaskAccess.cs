using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Tasks;

/// <summary>
/// What the signed-in person may do with one piece of home-task work: <see cref="Operation.SeeWork"/>,
/// <see cref="Operation.DoWork"/> and <see cref="Operation.ReviewWork"/> on it (the rules are in <see cref="Standing"/>).
/// </summary>
public sealed record SubmissionRights(Guid SubmissionId, WorkResource Work, Standing Standing)
{
    public Guid ProgrammeId => Work.ProgrammeId;

    public Guid? CompanyId => Work.CompanyId;

    public string UserId => Standing.UserId;

    public bool MayView => Standing.Can(Operation.SeeWork, Work);

    public bool MayWork => Standing.Can(Operation.DoWork, Work);

    public bool MayReview => Standing.Can(Operation.ReviewWork, Work);

    /// <summary>Grant extensions: coordinators (beyond and after the cut-off too) and reviewers (up to the cut-off).</summary>
    public bool MayExtend => MayReview;

    /// <summary>Administrators and the programme's coordinators: reopen work after the cut-off.</summary>
    public bool IsCoordinator => Standing.Can(Operation.ManageProgramme, new ProgrammeResource(ProgrammeId));

    /// <summary>Null when the submission does not exist (so the page answers 404 for it and for a guessed id alike).</summary>
    public static async Task<SubmissionRights?> LoadAsync(AppDbContext db, AccessControl access, Guid submissionId)
    {
        var (standing, work) = await access.StandingWithAsync(() => db.Submissions
            .Where(s => s.Id == submissionId)
            .Select(s => new WorkResource(
                s.ProgrammeId,
                s.CompanyId,
                s.UserId,
                s.CompanyId == null || db.Enrolments.Any(e => e.ProgrammeId == s.ProgrammeId && e.CompanyId == s.CompanyId && e.ArchivedAt == null)))
            .FirstOrDefault());
        return work is null ? null : new SubmissionRights(submissionId, work, standing);
    }
}

/// <summary>Who to tell about a piece of work: the people who write it, and the trainer who reviews it.</summary>
internal static class TaskPeople
{
    /// <summary>Engineers of the companies (active enrolments), or the person for individual work.</summary>
    public static async Task<List<string>> WritersAsync(AppDbContext db, Guid programmeId, Guid? companyId, string? individualUserId)
    {
        if (individualUserId is not null)
        {
            return [individualUserId];
        }

        return await db.ProgrammeMembers.AsNoTracking()
            .Where(m => m.ProgrammeId == programmeId && m.CompanyId == companyId && m.Role == ProgrammeRole.Engineer)
            .Where(m => db.Enrolments.Any(e => e.ProgrammeId == programmeId && e.CompanyId == companyId && e.ArchivedAt == null))
            .Select(m => m.UserId)
            .Distinct()
            .ToListAsync();
    }

    /// <summary>The company's assigned trainer, if any.</summary>
    public static async Task<string?> ReviewerAsync(AppDbContext db, Guid programmeId, Guid? companyId) =>
        companyId is null
            ? null
            : await db.Enrolments.AsNoTracking()
                .Where(e => e.ProgrammeId == programmeId && e.CompanyId == companyId)
                .Select(e => e.TrainerUserId)
                .SingleOrDefaultAsync();

    /// <summary>"Company" for company work, "Person (Company)" for an individual's; for lists and messages.</summary>
    public static string Describe(string? companyName, string? personName) =>
        personName is null ? companyName ?? string.Empty : companyName is null ? personName : $"{personName} ({companyName})";
}
