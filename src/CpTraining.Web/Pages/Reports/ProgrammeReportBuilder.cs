using CpTraining.Domain.Reports;
using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Pages.Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Reports;

/// <summary>
/// Reads the programme report's snapshot: the programme and the sessions held by the report date (today in the
/// programme's time zone), its people, the CP advisors trained (the participants who meet the completion rule, judged
/// exactly as the certificates page judges them) and every actively enrolled company's full report snapshot — a
/// constant number of queries whatever the number of companies.
/// </summary>
public static class ProgrammeReportBuilder
{
    /// <summary>Without the companies' data-quality findings; null when the programme does not exist.</summary>
    public static Task<ProgrammeReportSnapshot?> BuildAsync(AppDbContext db, Guid programmeId, TimeProvider time, CancellationToken cancellationToken) =>
        BuildAsync(db, programmeId, time, null, cancellationToken);

    /// <summary>Null when the programme does not exist; with a localiser, each company carries its data-quality findings.</summary>
    public static async Task<ProgrammeReportSnapshot?> BuildAsync(AppDbContext db, Guid programmeId, TimeProvider time, IStringLocalizer? t, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(time);
        var programme = await db.Programmes.AsNoTracking()
            .Where(p => p.Id == programmeId)
            .Select(p => new
            {
                p.Name,
                p.Organisers,
                p.City,
                p.Country,
                p.Language,
                p.TimeZoneId,
                Logos = EF.Property<Guid[]>(p, "_logoFileIds"),
                Sessions = p.Sessions.OrderBy(s => s.Number).Select(s => new { s.Number, s.StartDate, s.Days, s.Venue, s.IsFinal }).ToList(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (programme is null)
        {
            return null;
        }

        var today = time.TodayIn(programme.TimeZoneId);
        // People of the programme: staff, and the teams of actively enrolled companies.
        var people = await (
                from m in db.ProgrammeMembers.AsNoTracking()
                where m.ProgrammeId == programmeId
                join u in db.Users on m.UserId equals u.Id
                from c in db.Companies.Where(c => c.Id == m.CompanyId).DefaultIfEmpty()
                where m.CompanyId == null || db.Enrolments.Any(e => e.ProgrammeId == programmeId && e.CompanyId == m.CompanyId && e.ArchivedAt == null)
                select new ReportParticipant(u.DisplayName, c == null ? null : c.Name, m.Role))
            .ToListAsync(cancellationToken);
        var eligibility = await Eligibility.LoadAsync(db, programmeId, time);
        var companies = await CompanyReportBuilder.BuildManyAsync(db, programmeId, null, today, t, cancellationToken);

        return new ProgrammeReportSnapshot(
            programmeId,
            programme.Name,
            programme.Organisers,
            programme.City,
            programme.Country,
            programme.Language,
            today,
            programme.Sessions
                .Where(s => s.StartDate <= today)
                .Select(s => new SessionHeld(s.Number, s.StartDate, s.StartDate.AddDays(s.Days - 1), s.Venue, s.IsFinal))
                .ToList(),
            people
                .OrderBy(p => p.Role)
                .ThenBy(p => p.Company, StringComparer.CurrentCulture)
                .ThenBy(p => p.Name, StringComparer.CurrentCulture)
                .ToList(),
            eligibility!.Rows
                .Where(r => r.Result.Met)
                .Select(r => new AdvisorTrained(r.Person.Name, r.Person.CompanyName))
                .ToList(),
            companies,
            programme.Logos);
    }
}
