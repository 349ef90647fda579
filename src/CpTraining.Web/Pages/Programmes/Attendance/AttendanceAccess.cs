using System.Security.Claims;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.Attendance;

/// <summary>
/// What one user may do with a programme's attendance and groups, read in one query so that pages listing many
/// companies stay at a constant number of queries. The rules follow <see cref="CompanyAuthorizationHandler"/>:
/// administrators and the programme's coordinators record for everyone; a trainer records for the companies
/// assigned to them and reads the rest; participants see only their own record.
/// </summary>
public sealed record AttendanceRights(string UserId, bool IsAdministrator, bool IsCoordinator, bool IsTrainer, bool IsMember)
{
    /// <summary>Sees the whole programme's attendance (grid and statistics).</summary>
    public bool MayViewAll => IsAdministrator || IsCoordinator || IsTrainer;

    /// <summary>Manages the programme as a whole (working groups, advisors in training).</summary>
    public bool MayManage => IsAdministrator || IsCoordinator;

    public bool MayRecord(Participant participant) =>
        MayManage || (IsTrainer && participant.CompanyId is not null && participant.TrainerUserId == UserId);

    public static async Task<AttendanceRights> LoadAsync(AppDbContext db, ClaimsPrincipal user, Guid programmeId)
    {
        var standing = await ProgrammeStanding.LoadAsync(db, user, programmeId);
        return new AttendanceRights(standing.UserId, standing.IsAdministrator, standing.Coordinates, standing.Trains, standing.IsMember);
    }
}

/// <summary>
/// A participant of a programme: an engineer of an actively enrolled company, or a CP advisor in training
/// (no company). Managers, trainers and coordinators are not participants.
/// </summary>
public sealed record Participant(string UserId, string Name, string Email, Guid? CompanyId, string? CompanyName, string? TrainerUserId)
{
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
