using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CpTraining.Web.Pages.HomeTasks;

/// <summary>
/// Saves the writer's draft, or hands it in as a version, with the files chosen in the form: one transaction through
/// <see cref="SaveFlow"/>, so that the text, the new files and the files taken off are saved together or not at all.
/// </summary>
internal sealed class WorkSubmission(AppDbContext db, SaveFlow save, TimeProvider time)
{
    private const string IdempotencyIndex = "ix_submission_versions_submission_id_idempotency_key";

    /// <summary>
    /// The result, the version made by a submit, and whether the same form had been submitted before (then nothing
    /// new was made). Broken rules are in the page's model state; a conflict means someone else saved first.
    /// </summary>
    public async Task<(SaveResult Result, int? Version, bool Replayed)> SaveAsync(PageModel page, WorkView view, string userId, WorkForm input, InspectedUploads inspected, bool submit)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(inspected);
        var aborted = page.HttpContext.RequestAborted;
        var key = input.IdempotencyKey == Guid.Empty ? Guid.NewGuid() : input.IdempotencyKey;
        var today = time.TodayIn(view.Zone.Id);
        int? made = null;
        var replayed = false;
        try
        {
            var result = await save.SaveInTransactionAsync(page, async () =>
            {
                (made, replayed) = (null, false);

                // Saves of one submission are serialised, so a double-clicked Submit waits for the first click's
                // version and then finds it by its key instead of failing on the row version.
                _ = await db.Database.ExecuteSqlAsync($"SELECT 1 FROM submissions WHERE id = {view.SubmissionId} FOR UPDATE", aborted);
                var submission = await db.Submissions.Include(s => s.Versions).SingleAsync(s => s.Id == view.SubmissionId, aborted);
                if (submit && submission.Versions.Any(v => v.IdempotencyKey == key))
                {
                    replayed = true;
                    return false;
                }

                var now = time.GetUtcNow();
                var files = inspected.For(submission.ProgrammeId, FileOwnerKind.Submission, submission.Id, userId, now);
                var removed = submission.DraftFileIds.Where(input.RemoveFileIds.Contains).ToHashSet();
                var fileIds = submission.DraftFileIds.Where(f => !removed.Contains(f)).Concat(files.Ids).ToList();

                // The business rules first (locked, closed, too many files), so the writer reads the rule in words;
                // then the row version the form was opened with: someone else's save in between is a conflict.
                if (submit)
                {
                    var (worksheet, options) = await WorkAttachment.FreezeAsync(db, submission, aborted);
                    made = submission.Submit(input.Text, fileIds, userId, now, today, key, worksheet, options).Number;
                }
                else
                {
                    submission.SaveDraft(input.Text, fileIds, userId, now, today);
                }

                save.Expect(submission, input.Version);
                await files.StoreAsync(db, aborted);

                // Files taken off the draft that no version keeps are deleted with it (versions' files never are).
                var kept = submission.Versions.SelectMany(v => v.FileIds).ToHashSet();
                await FileStore.RemoveAsync(db, FileOwnerKind.Submission, submission.Id, [.. removed.Where(f => !kept.Contains(f))], aborted);

                // The audit entry and the trainer's notification follow from the submission's event (Events).
                return true;
            });
            return (result, made, replayed);
        }
        catch (DbUpdateException ex) when (submit && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: IdempotencyIndex })
        {
            // Two requests with the same form raced past the lock-free path: the other one made the version.
            db.ChangeTracker.Clear();
            return (SaveResult.Saved, null, true);
        }
    }
}
