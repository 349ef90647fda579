using CpTraining.Domain.Certificates;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Pages.Programmes.Attendance;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Certificates;

/// <summary>A certificate as the lists show it.</summary>
public sealed record CertificateSummary(Guid Id, string UserId, string Code, DateOnly CompletionDate, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt, string? RevocationReason);

/// <summary>One participant measured against the programme's completion rule, and their certificate if issued.</summary>
public sealed record EligibilityRow(Participant Person, CompletionResult Result, CertificateSummary? Certificate);

/// <summary>
/// Every participant of a programme (engineers of actively enrolled companies and advisors in training) against its
/// completion rule, in a fixed number of queries: the rule, the sessions, the marks, the home-task work and the
/// certificates. Days held are the session days that have begun at the venue by <c>today</c>; the tasks given to a
/// participant are their company's work and the tasks given to them personally. The completion date is the last day
/// of the final session.
/// </summary>
public sealed record Eligibility(
    string ProgrammeName,
    string Organisers,
    string Language,
    CompletionRule Rule,
    uint? RuleVersion,
    int DaysHeld,
    DateOnly Today,
    DateOnly? FinalSessionStart,
    DateOnly? CompletionDate,
    IReadOnlyList<EligibilityRow> Rows)
{
    /// <summary>
    /// Certificates are handed out at the final session, so they can be issued once it has begun (not earlier: a
    /// participant who met the rule after session 1 has not completed the programme).
    /// </summary>
    public bool MayIssue => FinalSessionStart is { } start && Today >= start;

    public static async Task<Eligibility?> LoadAsync(AppDbContext db, Guid programmeId, TimeProvider time)
    {
        var programme = await db.Programmes.AsNoTracking()
            .Where(p => p.Id == programmeId)
            .Select(p => new { p.Name, p.Organisers, p.Language, p.TimeZoneId, Sessions = p.Sessions.Select(s => new { s.Id, s.Number, s.StartDate, s.Days }).ToList() })
            .SingleOrDefaultAsync();
        if (programme is null)
        {
            return null;
        }

        var stored = await db.CompletionRules.AsNoTracking()
            .Where(r => r.ProgrammeId == programmeId)
            .Select(r => new { Rule = r, Version = EF.Property<uint>(r, "Version") })
            .SingleOrDefaultAsync();
        var rule = stored?.Rule ?? CompletionRule.DefaultFor(programmeId);

        var today = time.TodayIn(programme.TimeZoneId);
        var heldDays = programme.Sessions
            .SelectMany(s => Enumerable.Range(1, s.Days).Select(d => (s.Id, Day: d, Date: s.StartDate.AddDays(d - 1))))
            .Where(d => d.Date <= today)
            .ToList();

        // The programme is completed on the last day of its last session: the date the certificates carry.
        var final = programme.Sessions.MaxBy(s => s.Number);
        var participants = await Participant.LoadAsync(db, programmeId);
        var marks = (await db.AttendanceMarks.AsNoTracking()
                .Where(a => db.Sessions.Any(s => s.Id == a.SessionId && s.ProgrammeId == programmeId))
                .Select(a => new { a.UserId, a.SessionId, a.Day, a.Status })
                .ToListAsync())
            .ToDictionary(a => (a.UserId, a.SessionId, a.Day), a => a.Status);
        var work = await db.Submissions.AsNoTracking()
            .Where(s => s.ProgrammeId == programmeId)
            .Select(s => new { s.CompanyId, s.UserId, s.Status })
            .ToListAsync();
        var certificates = (await db.Certificates.AsNoTracking()
                .Where(c => c.ProgrammeId == programmeId)
                .Select(c => new CertificateSummary(c.Id, c.UserId, c.Code, c.CompletionDate, c.IssuedAt, c.RevokedAt, c.RevocationReason))
                .ToListAsync())
            .ToDictionary(c => c.UserId);

        var rows = participants.Select(p =>
        {
            var days = heldDays.Select(d => marks.TryGetValue((p.UserId, d.Id, d.Day), out var status) ? status : (AttendanceStatus?)null);
            var given = work.Where(w => w.UserId == p.UserId || (w.UserId == null && p.CompanyId != null && w.CompanyId == p.CompanyId)).ToList();
            var result = rule.Evaluate(days, given.Count, given.Count(w => w.Status == SubmissionStatus.Accepted));
            return new EligibilityRow(p, result, certificates.GetValueOrDefault(p.UserId));
        }).ToList();

        return new Eligibility(
            programme.Name,
            programme.Organisers,
            programme.Language,
            rule,
            stored?.Version,
            heldDays.Count,
            today,
            final?.StartDate,
            final?.StartDate.AddDays(final.Days - 1),
            rows);
    }
}
