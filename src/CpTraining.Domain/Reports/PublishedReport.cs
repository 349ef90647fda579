namespace CpTraining.Domain.Reports;

/// <summary>Which report a published version or a share link is of.</summary>
public enum ReportKind
{
    /// <summary>One company's report for its management.</summary>
    Company,

    /// <summary>The programme report for the final session and its investors.</summary>
    Programme,
}

/// <summary>
/// One published version of a report: its snapshot frozen as data (JSON) the moment the coordinator published it,
/// so the report reads the same however the options and balances change later. Versions are numbered from 1 per
/// report and never changed or deleted: a later publication is a new version and the old ones stay downloadable.
/// </summary>
public sealed class PublishedReport : RaisesEvents
{
    public const int NameMaxLength = 200;

    private PublishedReport()
    {
        SnapshotJson = ContentHash = PublishedBy = PublishedByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    /// <summary>The company of a company report; null for the programme report.</summary>
    public Guid? CompanyId { get; private set; }

    public ReportKind Kind { get; private set; }

    public int Version { get; private set; }

    /// <summary>The report's date as printed on its cover: the day it was published.</summary>
    public DateOnly ReportDate { get; private set; }

    public DateTimeOffset PublishedAt { get; private set; }

    public string PublishedBy { get; private set; }

    public string PublishedByName { get; private set; }

    /// <summary>The report snapshot as JSON (a CompanyReportSnapshot or a ProgrammeReportSnapshot by <see cref="Kind"/>).</summary>
    public string SnapshotJson { get; private set; }

    /// <summary>The hash of the snapshot's content without its date: equal hashes mean nothing changed.</summary>
    public string ContentHash { get; private set; }

    /// <summary>
    /// Publishes the next version of a report. A report is published at the final session (from its first day), when
    /// the results are presented; publishing again is refused when nothing changed since the latest version.
    /// </summary>
    public static PublishedReport Publish(
        Guid programmeId,
        Guid? companyId,
        PublishedReport? latest,
        string snapshotJson,
        string contentHash,
        DateOnly today,
        DateOnly? finalSessionStart,
        string userId,
        string userName,
        DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(snapshotJson);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentHash);
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (finalSessionStart is not { } start)
        {
            throw new DomainException("A report is published at the final session, and this programme has no sessions yet.");
        }

        if (today < start)
        {
            throw new DomainException("A report is published at the final session: from {0:D}.", start);
        }

        var kind = companyId is null ? ReportKind.Programme : ReportKind.Company;
        if (latest is not null)
        {
            if (latest.ProgrammeId != programmeId || latest.CompanyId != companyId || latest.Kind != kind)
            {
                throw new ArgumentException("The latest version is of another report.", nameof(latest));
            }

            if (string.Equals(latest.ContentHash, contentHash, StringComparison.Ordinal))
            {
                throw new DomainException("Nothing has changed since version {0}, published on {1:D}: there is no new version to publish.", latest.Version, latest.ReportDate);
            }
        }

        var published = new PublishedReport
        {
            Id = Guid.NewGuid(),
            ProgrammeId = programmeId,
            CompanyId = companyId,
            Kind = kind,
            Version = (latest?.Version ?? 0) + 1,
            ReportDate = today,
            PublishedAt = now,
            PublishedBy = userId,
            PublishedByName = string.IsNullOrWhiteSpace(userName) ? userId : userName.Trim()[..Math.Min(userName.Trim().Length, NameMaxLength)],
            SnapshotJson = snapshotJson,
            ContentHash = contentHash,
        };
        published.Raise(new ReportPublished(programmeId, companyId, published.Version));
        return published;
    }
}
