using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.Attendance;

/// <summary>
/// A participant of a programme: an engineer of an actively enrolled company, or a CP advisor in training
/// (no company). Managers, trainers and coordinators are not participants.
/// </summary>
public sealed record Participant(string UserId, string Name, string Email, Guid? CompanyId, string? CompanyName, string? TrainerUserId)
{
    /// <summary>Attendance is recorded by whoever manages the participant's company (the programme, for advisors in training).</summary>
    public bool MayBeRecordedBy(Standing standing, Guid programmeId) => CompanyId is { } companyId
        ? standing.Can(Operation.ManageCompany, new CompanyResource(programmeId, companyId))
        : standing.Can(Operation.ManageProgramme, new ProgrammeResource(programmeId));

    /// <summary>All participants in one query, ordered by company (advisors in training last) and name.</summary>
    public static async Task<IReadOnlyList<Participant>> LoadAsync(AppDbContext db, Guid programmeId)
    {
        var rows = await (
            from m in db.ProgrammeMembers.AsNoTracking()
            where m.ProgrammeId == programmeId && (m.Role == ProgrammeRole.Engineer || m.Role == ProgrammeRole.AdvisorInTraining)
            join u in db.Users on m.UserId equals u.Id
            from e in db.Enrolments.Where(e => e.ProgrammeId == programmeId && e.CompanyId == m.CompanyId).DefaultIfEmpty()
            from c in db.Companies.Where(c => c.Id == m.CompanyId).DefaultIfEmpty()
            where m.CompanyId == null || (e != null && e.ArchivedAt == null)
            select new Participant(
                u.Id,
                u.DisplayName,
                u.Email ?? string.Empty,
                m.CompanyId,
                c == null ? null : c.Name,
                e == null ? null : e.TrainerUserId))
            .ToListAsync();

        // A person who is both an engineer and an advisor in training is listed once, with the company.
        return rows
            .GroupBy(p => p.UserId)
            .Select(g => g.OrderBy(p => p.CompanyId is null).First())
            .OrderBy(p => p.CompanyId is null)
            .ThenBy(p => p.CompanyName, StringComparer.CurrentCulture)
            .ThenBy(p => p.CompanyId)
            .ThenBy(p => p.Name, StringComparer.CurrentCulture)
            .ThenBy(p => p.Email, StringComparer.Ordinal)
            .ToList();
    }
}
