using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Domain.Reports;
using CpTraining.Web.Data;
using CpTraining.Web.Pages.EmissionFactors;
using CpTraining.Web.Pages.Options;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Reports;

/// <summary>
/// Reads one company's report snapshot: the programme and company, the CP team and trainer, the focus-process
/// worksheet (the company's first worksheet in the programme), the emission factors in force, the options register
/// and every participant's attendance and accepted home tasks — a constant number of queries.
/// </summary>
public static class CompanyReportBuilder
{
    /// <summary>Null when the company is not enrolled in the programme.</summary>
    public static async Task<CompanyReportSnapshot?> BuildAsync(AppDbContext db, Guid programmeId, Guid companyId, DateOnly reportDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var head = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == programmeId && e.CompanyId == companyId)
            .Select(e => new
            {
                Programme = db.Programmes.Where(p => p.Id == programmeId)
                    .Select(p => new { p.Name, p.Organisers, p.City, p.Country, p.Language }).Single(),
                Company = db.Companies.Where(c => c.Id == companyId)
                    .Select(c => new { c.Name, c.SectorName, c.City, c.Country, c.ProductionDescription, c.EnvironmentalProblem }).Single(),
                Trainer = db.Users.Where(u => u.Id == e.TrainerUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            return null;
        }

        var team = await db.ProgrammeMembers.AsNoTracking()
            .Where(m => m.ProgrammeId == programmeId && m.CompanyId == companyId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m.UserId, m.Role, u.DisplayName, u.Position })
            .OrderBy(m => m.Role).ThenBy(m => m.DisplayName)
            .ToListAsync(cancellationToken);
        var sheet = await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .Where(w => w.ProgrammeId == programmeId && w.CompanyId == companyId)
            .OrderBy(w => w.CreatedAt)
            .FirstOrDefaultAsync(cancellationToken);
        var factors = await EmissionFactorCatalogue.LoadAsync(db);
        var options = await OptionsRegister.SnapshotAsync(db, programmeId, companyId, cancellationToken);

        // Attendance: the marks of the team on the programme's sessions; tasks: the company's work and each person's own.
        var userIds = team.Select(m => m.UserId).ToList();
        var marks = await db.AttendanceMarks.AsNoTracking()
            .Where(a => userIds.Contains(a.UserId) && db.Sessions.Any(s => s.Id == a.SessionId && s.ProgrammeId == programmeId))
            .Select(a => new { a.UserId, a.Status })
            .ToListAsync(cancellationToken);
        var work = await db.Submissions.AsNoTracking()
            .Where(s => s.ProgrammeId == programmeId && (s.CompanyId == companyId || (s.UserId != null && userIds.Contains(s.UserId))))
            .Select(s => new { s.UserId, s.CompanyId, s.Status })
            .ToListAsync(cancellationToken);
        var participants = team
            .Where(m => m.Role is ProgrammeRole.Engineer or ProgrammeRole.Manager)
            .Select(m =>
            {
                var own = marks.Where(a => a.UserId == m.UserId).ToList();
                var tasks = work.Where(s => (s.UserId == null && s.CompanyId == companyId) || s.UserId == m.UserId).ToList();
                return new Participation(
                    m.DisplayName,
                    m.Role,
                    own.Count(a => a.Status == AttendanceStatus.Present),
                    own.Count,
                    tasks.Count(s => s.Status == SubmissionStatus.Accepted),
                    tasks.Count);
            })
            .ToList();

        return new CompanyReportSnapshot(
            programmeId,
            head.Programme.Name,
            head.Programme.Organisers,
            head.Programme.City,
            head.Programme.Country,
            head.Programme.Language,
            companyId,
            head.Company.Name,
            head.Company.SectorName,
            head.Company.City,
            head.Company.Country,
            head.Company.ProductionDescription,
            head.Company.EnvironmentalProblem,
            reportDate,
            head.Trainer,
            team.Select(m => new TeamMember(m.DisplayName, m.Role, m.Position)).ToList(),
            sheet?.Snapshot(),
            factors.Factors.ToList(),
            options,
            participants);
    }
}
