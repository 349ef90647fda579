using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Data;

/// <summary>The row whose lock serialises a kind of change.</summary>
internal enum LockedRow
{
    /// <summary>Schedule, agenda, enrolment and team changes: their rules involve the programme's other rows.</summary>
    Programme,

    /// <summary>Attendance marks and working groups of one session.</summary>
    Session,
}

internal static class RowLocks
{
    /// <summary>
    /// Runs <paramref name="work"/> as one retriable transaction (the retrying execution strategy requires it)
    /// holding <c>SELECT … FOR UPDATE</c> on the programme or session row, so changes whose rules read other
    /// rows are checked against what is committed. The work loads what it needs after the lock; when it
    /// returns true its changes are saved and committed, when false nothing is.
    /// </summary>
    public static Task InLockedTransactionAsync(this AppDbContext db, LockedRow row, Guid id, Func<Task<bool>> work) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            _ = row == LockedRow.Programme
                ? await db.Database.ExecuteSqlAsync($"SELECT 1 FROM programmes WHERE id = {id} FOR UPDATE")
                : await db.Database.ExecuteSqlAsync($"SELECT 1 FROM sessions WHERE id = {id} FOR UPDATE");
            if (await work())
            {
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            }
        });
}
