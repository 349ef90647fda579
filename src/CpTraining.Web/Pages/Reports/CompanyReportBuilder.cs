using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Domain.Reports;
using CpTraining.Web.Checks;
using CpTraining.Web.Data;
using CpTraining.Web.Pages.EmissionFactors;
using CpTraining.Web.Pages.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Reports;

/// <summary>
/// Reads company report snapshots: the programme and companies, the CP teams and trainers, each company's focus-process
/// worksheet (its first worksheet in the programme), the emission factors in force, the options registers and every
/// participant's attendance and accepted home tasks — a constant number of queries however many companies are read,
/// so the programme report (every company) costs the same number of round trips as one company report.
/// </summary>
public static class CompanyReportBuilder
{
    /// <summary>Without the data-quality findings; null when the company is not enrolled in the programme.</summary>
    public static Task<CompanyReportSnapshot?> BuildAsync(AppDbContext db, Guid programmeId, Guid companyId, DateOnly reportDate, CancellationToken cancellationToken) =>
        BuildAsync(db, programmeId, companyId, reportDate, null, cancellationToken);

    /// <summary>Without the data-quality findings (no localiser to write them with).</summary>
    public static Task<IReadOnlyList<CompanyReportSnapshot>> BuildManyAsync(
        AppDbContext db, Guid programmeId, IReadOnlyCollection<Guid>? companyIds, DateOnly reportDate, CancellationToken cancellationToken) =>
        BuildManyAsync(db, programmeId, companyIds, reportDate, null, cancellationToken);

    /// <summary>Null when the company is not enrolled in the programme.</summary>
    public static async Task<CompanyReportSnapshot?> BuildAsync(
        AppDbContext db, Guid programmeId, Guid companyId, DateOnly reportDate, IStringLocalizer? t, CancellationToken cancellationToken) =>
        (await BuildManyAsync(db, programmeId, [companyId], reportDate, t, cancellationToken)).SingleOrDefault();

    /// <summary>
    /// The snapshots of <paramref name="companyIds"/> (every actively enrolled company when null) by company name;
    /// companies not enrolled in the programme are left out. With a localiser, each snapshot carries the company's
    /// data-quality findings and their reviews (<see cref="CompanyFindings"/>), written in the programme's language.
    /// </summary>
    public static async Task<IReadOnlyList<CompanyReportSnapshot>> BuildManyAsync(
        AppDbContext db, Guid programmeId, IReadOnlyCollection<Guid>? companyIds, DateOnly reportDate, IStringLocalizer? t, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var heads = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == programmeId && (companyIds == null ? e.ArchivedAt == null : companyIds.Contains(e.CompanyId)))
            .Join(db.Companies, e => e.CompanyId, c => c.Id, (e, c) => new
            {
                c.Id,
                c.Name,
                c.SectorName,
                c.City,
                c.Country,
                c.ProductionDescription,
                c.EnvironmentalProblem,
                Trainer = db.Users.Where(u => u.Id == e.TrainerUserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .OrderBy(c => c.Name).ThenBy(c => c.Id)
            .ToListAsync(cancellationToken);
        if (heads.Count == 0)
        {
            return [];
        }

        var ids = heads.Select(h => h.Id).ToList();
        var programme = await db.Programmes.AsNoTracking()
            .Where(p => p.Id == programmeId)
            .Select(p => new { p.Name, p.Organisers, p.City, p.Country, p.Language, Logos = EF.Property<Guid[]>(p, "_logoFileIds") })
            .SingleAsync(cancellationToken);
        var team = await db.ProgrammeMembers.AsNoTracking()
            .Where(m => m.ProgrammeId == programmeId && m.CompanyId != null && ids.Contains(m.CompanyId.Value))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { CompanyId = m.CompanyId!.Value, m.UserId, m.Role, u.DisplayName, u.Position })
            .OrderBy(m => m.Role).ThenBy(m => m.DisplayName)
            .ToListAsync(cancellationToken);

        // Every worksheet of these companies: the first of each is its focus process (and gives its currency), and all
        // of them give the reductions of the options' linked streams, as the options pages compute them.
        var sheets = await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .Where(w => w.ProgrammeId == programmeId && ids.Contains(w.CompanyId))
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .ToListAsync(cancellationToken);
        var snapshots = sheets.ToDictionary(s => s.Id, s => s.Snapshot());
        var factors = await EmissionFactorCatalogue.LoadAsync(db);
        var options = await db.CpOptions.AsNoTracking()
            .Where(o => o.ProgrammeId == programmeId && ids.Contains(o.CompanyId))
            .OrderBy(o => o.Number)
            .ToListAsync(cancellationToken);
        var frozen = (await OptionsRegister.WithEvidenceNamesAsync(
                db, options.Select(o => OptionsRegister.SnapshotOf(o, snapshots, factors, heads.First(h => h.Id == o.CompanyId).Country)).ToList(), cancellationToken))
            .ToDictionary(o => o.Id);

        // Attendance: the marks of the teams on the programme's sessions; tasks: the company's work and each person's own.
        var userIds = team.Select(m => m.UserId).Distinct().ToList();
        var marks = await db.AttendanceMarks.AsNoTracking()
            .Where(a => userIds.Contains(a.UserId) && db.Sessions.Any(s => s.Id == a.SessionId && s.ProgrammeId == programmeId))
            .Select(a => new { a.UserId, a.Status })
            .ToListAsync(cancellationToken);
        var work = await db.Submissions.AsNoTracking()
            .Where(s => s.ProgrammeId == programmeId && ((s.CompanyId != null && ids.Contains(s.CompanyId.Value)) || (s.UserId != null && userIds.Contains(s.UserId))))
            .Select(s => new { s.UserId, s.CompanyId, s.Status })
            .ToListAsync(cancellationToken);
        var reviews = t is null ? [] : await CompanyFindings.ReviewsAsync(db, programmeId, ids, cancellationToken);

        return heads.Select(head =>
        {
            var companyId = head.Id;
            var own = team.Where(m => m.CompanyId == companyId).ToList();
            var first = sheets.FirstOrDefault(s => s.CompanyId == companyId);
            var currency = first?.Currency ?? Currencies.DefaultFor(programme.Country);
            var register = new Domain.Options.OptionsRegisterSnapshot(
                programmeId,
                companyId,
                currency,
                options.Where(o => o.CompanyId == companyId).Select(o => frozen[o.Id]).ToList());
            var participants = own
                .Where(m => m.Role is ProgrammeRole.Engineer or ProgrammeRole.Manager)
                .Select(m =>
                {
                    var days = marks.Where(a => a.UserId == m.UserId).ToList();
                    var tasks = work.Where(s => (s.UserId == null && s.CompanyId == companyId) || s.UserId == m.UserId).ToList();
                    return new Participation(
                        m.DisplayName,
                        m.Role,
                        days.Count(a => a.Status == AttendanceStatus.Present),
                        days.Count,
                        tasks.Count(s => s.Status == SubmissionStatus.Accepted),
                        tasks.Count);
                })
                .ToList();
            IReadOnlyList<DataQualityItem>? quality = null;
            if (t is not null)
            {
                using var language = ReportCulture.Use(programme.Language);
                quality =
                [
                    .. CompanyFindings.Of(
                            [.. sheets.Where(s => s.CompanyId == companyId).Select(s => snapshots[s.Id])],
                            register.Options,
                            factors,
                            head.Country,
                            reviews.GetValueOrDefault(companyId, []),
                            t)
                        .Select(f => new DataQualityItem(f.Rule, f.Severity, f.SubjectKey, f.Where, f.Message, f.Review?.Comment, f.Review?.ByName, f.Review?.At)),
                ];
            }

            return new CompanyReportSnapshot(
                programmeId,
                programme.Name,
                programme.Organisers,
                programme.City,
                programme.Country,
                programme.Language,
                companyId,
                head.Name,
                head.SectorName,
                head.City,
                head.Country,
                head.ProductionDescription,
                head.EnvironmentalProblem,
                reportDate,
                head.Trainer,
                own.Select(m => new TeamMember(m.DisplayName, m.Role, m.Position)).ToList(),
                first is null ? null : snapshots[first.Id],
                factors.Factors.ToList(),
                register,
                participants,
                quality,
                programme.Logos);
        }).ToList();
    }
}
