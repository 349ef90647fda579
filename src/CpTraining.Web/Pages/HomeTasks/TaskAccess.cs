using CpTraining.Web.Data;
using CpTraining.Web.Identity;

namespace CpTraining.Web.Pages.HomeTasks;

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
