using CpTraining.Domain.Balances;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Balances.Transfer;

/// <summary>A trainer's comment on a frozen stream, with its author; <see cref="At"/> in the programme's time zone.</summary>
public sealed record StreamCommentView(Guid StreamId, string Text, string Author, DateTimeOffset At);

/// <summary>The worksheet frozen with one submitted version, its closure, and the comments on its streams.</summary>
public sealed record FrozenWorksheetView(int VersionNumber, WorksheetSnapshot Sheet, MassBalance Mass, IReadOnlyList<StreamCommentView> Comments)
{
    public IReadOnlyDictionary<Guid, string> StepNames { get; } = Sheet.Steps.ToDictionary(s => s.Id, s => s.Name);

    public IEnumerable<StreamCommentView> On(Guid streamId) => Comments.Where(c => c.StreamId == streamId);
}

/// <summary>What <c>_FrozenWorksheet.cshtml</c> renders: a version's frozen worksheet, and whether to offer comment forms.</summary>
public sealed record FrozenWorksheetPartial(FrozenWorksheetView View, Guid SubmissionId, bool MayComment);

/// <summary>
/// The worksheets frozen in one piece of work's versions, with the trainers' stream comments, in two queries. The
/// figures shown are the snapshot's, never the live worksheet's: what the trainer reviews does not change later.
/// </summary>
public static class FrozenWorksheets
{
    public static async Task<IReadOnlyDictionary<int, FrozenWorksheetView>> LoadAsync(AppDbContext db, Guid submissionId, TimeZoneInfo zone, string unknownName)
    {
        var versions = await db.SubmissionVersions.AsNoTracking()
            .Where(v => v.SubmissionId == submissionId && v.Worksheet != null)
            .Select(v => new { v.Number, v.Worksheet })
            .ToListAsync();
        if (versions.Count == 0)
        {
            return new Dictionary<int, FrozenWorksheetView>();
        }

        var comments = await db.StreamComments.AsNoTracking()
            .Where(c => c.SubmissionId == submissionId)
            .OrderBy(c => c.At)
            .Select(c => new { c.VersionNumber, c.StreamId, c.Text, c.At, Author = db.Users.Where(u => u.Id == c.AuthorId).Select(u => u.DisplayName).FirstOrDefault() })
            .ToListAsync();
        return versions.ToDictionary(
            v => v.Number,
            v => new FrozenWorksheetView(
                v.Number,
                v.Worksheet!,
                BalanceEvaluation.Mass(v.Worksheet!),
                comments
                    .Where(c => c.VersionNumber == v.Number)
                    .Select(c => new StreamCommentView(c.StreamId, c.Text, string.IsNullOrWhiteSpace(c.Author) ? unknownName : c.Author, TimeZoneInfo.ConvertTime(c.At, zone)))
                    .ToList()));
    }
}
