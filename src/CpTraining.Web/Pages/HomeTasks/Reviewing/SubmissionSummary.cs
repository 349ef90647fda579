using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Background;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.HomeTasks.Reviewing;

/// <summary>
/// What the review, version and extension pages show about one piece of work above their own content: programme,
/// task, whose work it is, its state and dates, read in one query. <see cref="Version"/> is the row version (xmin)
/// the forms carry, so a decision taken on a page that someone else changed meanwhile is refused, not applied.
/// </summary>
public sealed record SubmissionSummary(
    Guid Id,
    Guid ProgrammeId,
    string ProgrammeName,
    string TimeZoneId,
    Guid HomeTaskId,
    string TaskTitle,
    int AfterSession,
    Guid? CompanyId,
    string? CompanyName,
    string? UserId,
    string? PersonName,
    SubmissionStatus Status,
    DateOnly DueDate,
    DateOnly? CutOff,
    DateOnly? ExtendedUntil,
    string? ExtensionReason,
    string? ExtendedByName,
    uint Version)
{
    /// <summary>"Company", or "Person (Company)" for an individual's work.</summary>
    public string Owner => TaskPeople.Describe(CompanyName, PersonName);

    /// <summary>The venue's time zone: times on these pages are shown in it.</summary>
    public TimeZoneInfo Zone => TimeZoneInfo.TryFindSystemTimeZoneById(TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;

    /// <summary>The due date that counts (same rule as <see cref="Submission.EffectiveDueDate"/>).</summary>
    public DateOnly EffectiveDueDate => ExtendedUntil is { } e && e > DueDate ? e : DueDate;

    /// <summary>The last day work can be submitted (same rule as <see cref="Submission.ClosesAfter"/>).</summary>
    public DateOnly? ClosesAfter => CutOff is { } c ? (ExtendedUntil is { } e && e > c ? e : c) : null;

    public static async Task<SubmissionSummary> LoadAsync(AppDbContext db, Guid submissionId) =>
        await db.Submissions.AsNoTracking()
            .Where(s => s.Id == submissionId)
            .Select(s => new SubmissionSummary(
                s.Id,
                s.ProgrammeId,
                db.Programmes.Where(p => p.Id == s.ProgrammeId).Select(p => p.Name).Single(),
                db.Programmes.Where(p => p.Id == s.ProgrammeId).Select(p => p.TimeZoneId).Single(),
                s.HomeTaskId,
                db.HomeTasks.Where(t => t.Id == s.HomeTaskId).Select(t => t.Title).Single(),
                db.HomeTasks.Where(t => t.Id == s.HomeTaskId).Select(t => t.AfterSession).Single(),
                s.CompanyId,
                db.Companies.Where(c => c.Id == s.CompanyId).Select(c => c.Name).FirstOrDefault(),
                s.UserId,
                db.Users.Where(u => u.Id == s.UserId).Select(u => u.DisplayName).FirstOrDefault(),
                s.Status,
                s.DueDate,
                s.CutOff,
                s.ExtendedUntil,
                s.ExtensionReason,
                db.Users.Where(u => u.Id == s.ExtendedBy).Select(u => u.DisplayName).FirstOrDefault(),
                EF.Property<uint>(s, "Version")))
            .SingleAsync();
}

/// <summary>The header the submission pages share: breadcrumbs, title, state and the tabs this user may open.</summary>
public sealed record SubmissionHeaderView(SubmissionSummary Summary, bool MayReview, string Active);
