using CpTraining.Domain.Reports;
using CpTraining.Web.Data;
using CpTraining.Web.Data.Configurations;
using CpTraining.Web.Infrastructure.Printing;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Reports;

/// <summary>A published version as the version lists show it.</summary>
public sealed record ReportVersionSummary(int Version, DateOnly ReportDate, DateTimeOffset PublishedAt, string PublishedByName, string ContentHash);

/// <summary>
/// Publishing and reading published report versions. A version stores the snapshot as JSON; its content hash leaves
/// the date out, so a report whose data did not change is not published twice.
/// </summary>
public static class ReportVersions
{
    /// <summary>The versions of one report, newest first (a null company: the programme report).</summary>
    public static Task<List<ReportVersionSummary>> ListAsync(AppDbContext db, Guid programmeId, Guid? companyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.PublishedReports.AsNoTracking()
            .Where(r => r.ProgrammeId == programmeId && r.CompanyId == companyId)
            .OrderByDescending(r => r.Version)
            .Select(r => new ReportVersionSummary(r.Version, r.ReportDate, r.PublishedAt, r.PublishedByName, r.ContentHash))
            .ToListAsync(cancellationToken);
    }

    /// <summary>One version's snapshot, or null when there is no such version of this report.</summary>
    public static async Task<(PublishedReport Version, T Snapshot)?> LoadAsync<T>(AppDbContext db, Guid programmeId, Guid? companyId, int? version, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.PublishedReports.AsNoTracking().Where(r => r.ProgrammeId == programmeId && r.CompanyId == companyId);
        var row = version is { } number
            ? await query.SingleOrDefaultAsync(r => r.Version == number, cancellationToken)
            : await query.OrderByDescending(r => r.Version).FirstOrDefaultAsync(cancellationToken);
        return row is null || JsonColumn.Deserialize<T>(row.SnapshotJson) is not { } snapshot ? null : (row, snapshot);
    }

    /// <summary>The hash of a snapshot's content, its date left out.</summary>
    public static string HashOf(CompanyReportSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return PrintDocument.Hash(JsonColumn.Serialize(snapshot with { ReportDate = default }));
    }

    /// <summary>The hash of a programme report snapshot's content, its dates left out.</summary>
    public static string HashOf(ProgrammeReportSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var undated = snapshot with { ReportDate = default, Companies = [.. snapshot.Companies.Select(c => c with { ReportDate = default })] };
        return PrintDocument.Hash(JsonColumn.Serialize(undated));
    }

    /// <summary>The first day of the programme's final session (its last), or null without sessions.</summary>
    public static async Task<(DateOnly Today, DateOnly? FinalSessionStart)> CalendarAsync(AppDbContext db, TimeProvider time, Guid programmeId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var programme = await db.Programmes.AsNoTracking()
            .Where(p => p.Id == programmeId)
            .Select(p => new { p.TimeZoneId, Final = p.Sessions.OrderByDescending(s => s.Number).Select(s => (DateOnly?)s.StartDate).FirstOrDefault() })
            .SingleAsync(cancellationToken);
        return (time.TodayIn(programme.TimeZoneId), programme.Final);
    }

    /// <summary>
    /// Publishes the next version of a report through the page's save flow, under the programme's row lock (two
    /// coordinators pressing "publish" at once get versions N and N+1, or one is told nothing changed).
    /// <paramref name="build"/> makes the snapshot for a date and returns it as JSON with its content hash. Returns how
    /// the save ended and the new version number; a broken rule (before the final session, nothing changed) is
    /// <see cref="SaveResult.Refused"/>, its message in the page's model state.
    /// </summary>
    internal static async Task<(SaveResult Result, int Version)> PublishAsync(
        SaveFlow save,
        PageModel page,
        AppDbContext db,
        TimeProvider time,
        Guid programmeId,
        Guid? companyId,
        Func<DateOnly, Task<(string Json, string Hash)>> build,
        string userId,
        string userName)
    {
        ArgumentNullException.ThrowIfNull(save);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(build);
        var published = 0;
        var result = await save.SaveLockedAsync(page, LockedRow.Programme, programmeId, async () =>
        {
            var (today, finalStart) = await CalendarAsync(db, time, programmeId, CancellationToken.None);
            var latest = await db.PublishedReports
                .Where(r => r.ProgrammeId == programmeId && r.CompanyId == companyId)
                .OrderByDescending(r => r.Version)
                .FirstOrDefaultAsync();
            var (json, hash) = await build(today);
            var version = PublishedReport.Publish(programmeId, companyId, latest, json, hash, today, finalStart, userId, userName, time.GetUtcNow());
            db.PublishedReports.Add(version);
            published = version.Version;
            return true;
        });
        return (result, published);
    }

    /// <summary>
    /// The rule for publishing with open data-quality warnings: refused (a broken rule, nothing saved) unless the
    /// coordinator confirmed them on the publish panel; confirmed, the list goes to the audit log with the publication.
    /// </summary>
    internal static void ConfirmOpenFindings(
        AppDbContext db, TimeProvider time, string userId, Guid programmeId, string subject, IReadOnlyList<(string Where, string Message)> open, bool confirmed)
    {
        ArgumentNullException.ThrowIfNull(open);
        if (open.Count == 0)
        {
            return;
        }

        if (!confirmed)
        {
            throw new Domain.DomainException(
                "The report has {0} open data-quality warnings. Read them on the publish panel and tick the box to publish with them, or have them fixed or reviewed first. Nothing was published.",
                open.Count);
        }

        db.Record(time, userId, programmeId, "report.published-with-open-findings", subject, null, string.Join("\n", open.Select(o => o.Where + ": " + o.Message)));
    }

    /// <summary>A snapshot as JSON for storing.</summary>
    public static string ToJson<T>(T snapshot) => JsonColumn.Serialize(snapshot);
}
