using System.Security.Claims;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Tasks;

/// <summary>
/// What one user may do with one company's (or person's) work on a home task, read in one query. The rules follow
/// <see cref="CompanyAuthorizationHandler"/>: administrators and the programme's coordinators see and review all work
/// and may reopen it after the cut-off; the company's assigned trainer reviews it and grants extensions up to the
/// cut-off; other trainers of the programme read it; the company's engineers write it and its managers read it while
/// the company is actively enrolled; work given to one person is written by that person. Nobody else sees it.
/// </summary>
public sealed record SubmissionRights(
    Guid SubmissionId,
    Guid ProgrammeId,
    Guid? CompanyId,
    string UserId,
    bool MayView,
    bool MayWork,
    bool MayReview,
    bool IsCoordinator)
{
    /// <summary>Grant extensions: coordinators (beyond and after the cut-off too) and reviewers (up to the cut-off).</summary>
    public bool MayExtend => MayReview;

    /// <summary>Null when the submission does not exist (so the page answers 404 for it and for a guessed id alike).</summary>
    public static async Task<SubmissionRights?> LoadAsync(AppDbContext db, ClaimsPrincipal user, Guid submissionId)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        var row = await db.Submissions.AsNoTracking()
            .Where(s => s.Id == submissionId)
            .Select(s => new
            {
                s.ProgrammeId,
                s.CompanyId,
                s.UserId,
                Enrolment = db.Enrolments
                    .Where(e => e.ProgrammeId == s.ProgrammeId && e.CompanyId == s.CompanyId)
                    .Select(e => new { e.TrainerUserId, e.ArchivedAt })
                    .FirstOrDefault(),
                Roles = db.ProgrammeMembers
                    .Where(m => m.ProgrammeId == s.ProgrammeId && m.UserId == userId)
                    .Select(m => new { m.Role, m.CompanyId })
                    .ToList(),
            })
            .SingleOrDefaultAsync();
        if (row is null)
        {
            return null;
        }

        var isAdministrator = user.IsInRole(Roles.Administrator);
        var coordinates = isAdministrator
            || (row.Roles.Exists(r => r.Role == ProgrammeRole.Coordinator) && user.IsInRole(Roles.Coordinator));
        var trains = row.Roles.Exists(r => r.Role == ProgrammeRole.Trainer);
        var active = row.CompanyId is null || row.Enrolment is { ArchivedAt: null };
        var trainsThisCompany = trains && active
            && (row.CompanyId is null || row.Enrolment?.TrainerUserId == userId);
        var inTeam = active && row.CompanyId is not null && row.Roles.Exists(r => r.CompanyId == row.CompanyId);
        var engineer = active && row.CompanyId is not null
            && row.Roles.Exists(r => r.CompanyId == row.CompanyId && r.Role == ProgrammeRole.Engineer);
        var isTheIndividual = row.UserId is not null && row.UserId == userId
            && row.Roles.Exists(r => r.Role is ProgrammeRole.Engineer or ProgrammeRole.AdvisorInTraining) && active;
        var mayWork = row.UserId is null ? engineer : isTheIndividual;
        return new SubmissionRights(
            submissionId,
            row.ProgrammeId,
            row.CompanyId,
            userId,
            MayView: coordinates || trains || (row.UserId is null ? inTeam : isTheIndividual || (inTeam && trains)),
            MayWork: mayWork,
            MayReview: coordinates || trainsThisCompany,
            IsCoordinator: coordinates);
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
