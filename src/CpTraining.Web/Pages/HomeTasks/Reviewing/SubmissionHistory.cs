using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.HomeTasks.Reviewing;

/// <summary>One submitted version as the pages show it: frozen text, its files, who handed it in, and the feedback given on it.</summary>
public sealed record VersionView(
    int Number,
    string Text,
    IReadOnlyList<FileView> Files,
    string SubmittedByName,
    DateTimeOffset SubmittedAt,
    bool IsLate,
    IReadOnlyList<ReviewView> Reviews);

public sealed record FileView(Guid Id, string FileName, long Length);

public sealed record ReviewView(int VersionNumber, ReviewDecision Decision, string? Feedback, string ReviewerName, DateTimeOffset At);

/// <summary>
/// Every submitted version of one piece of work with its files and reviews, in three queries whatever the number
/// of versions. Only files stored for this submission are linked (a version's file ids are never trusted alone).
/// </summary>
internal static class SubmissionHistory
{
    public static async Task<IReadOnlyList<VersionView>> LoadAsync(AppDbContext db, Guid submissionId, string unknownName)
    {
        var versions = await db.SubmissionVersions.AsNoTracking()
            .Where(v => v.SubmissionId == submissionId)
            .OrderBy(v => v.Number)
            .Select(v => new { Version = v, Name = db.Users.Where(u => u.Id == v.SubmittedBy).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync();
        var files = await db.StoredFiles.AsNoTracking()
            .Where(f => f.OwnerKind == FileOwnerKind.Submission && f.OwnerId == submissionId)
            .Select(f => new FileView(f.Id, f.FileName, f.Length))
            .ToDictionaryAsync(f => f.Id);
        var reviews = await db.Reviews.AsNoTracking()
            .Where(r => r.SubmissionId == submissionId)
            .OrderBy(r => r.At)
            .Select(r => new { Review = r, Name = db.Users.Where(u => u.Id == r.ReviewerId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync();
        return versions
            .Select(v => new VersionView(
                v.Version.Number,
                v.Version.Text,
                v.Version.FileIds.Where(files.ContainsKey).Select(id => files[id]).ToList(),
                v.Name ?? unknownName,
                v.Version.SubmittedAt,
                v.Version.IsLate,
                reviews
                    .Where(r => r.Review.VersionNumber == v.Version.Number)
                    .Select(r => new ReviewView(r.Review.VersionNumber, r.Review.Decision, r.Review.Feedback, r.Name ?? unknownName, r.Review.At))
                    .ToList()))
            .ToList();
    }
}
