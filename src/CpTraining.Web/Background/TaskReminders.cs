using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Background;

/// <summary>
/// Sends the "due in 3 days" and "overdue" reminders of home tasks (in-app, and by e-mail to those who want them)
/// every <c>TaskReminders:Interval</c> (default one hour). Work is claimed with FOR UPDATE SKIP LOCKED, and each
/// submission remembers the due date it was reminded for, so any number of app instances send each reminder once;
/// an extension gives a new due date and so a new reminder. Off in the "Testing" environment (tests call
/// <see cref="RunOnceAsync"/> themselves) and when <c>TaskReminders:Enabled</c> is false.
/// </summary>
internal sealed partial class TaskReminders(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    IHostEnvironment environment,
    TimeProvider time,
    ILogger<TaskReminders> logger) : BackgroundService
{
    /// <summary>Submissions claimed and handled per transaction; keeps locks short.</summary>
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var enabled = configuration.GetValue("TaskReminders:Enabled", !environment.IsEnvironment("Testing"));
        if (!enabled)
        {
            LogDisabled(logger);
            return;
        }

        var interval = configuration.GetValue("TaskReminders:Interval", TimeSpan.FromHours(1));
        if (interval < TimeSpan.FromSeconds(10))
        {
            interval = TimeSpan.FromSeconds(10);
        }

        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                using var scope = scopes.CreateScope();
                var sent = await RunOnceAsync(
                    scope.ServiceProvider.GetRequiredService<AppDbContext>(),
                    scope.ServiceProvider.GetRequiredService<TaskNotifier>(),
                    time,
                    stoppingToken);
                if (sent > 0)
                {
                    LogSent(logger, sent);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// One pass over the open work: reminds the writers of every submission that needs a reminder today (today at
    /// its programme's venue) and records it. <paramref name="notifier"/> must use <paramref name="db"/> (take both from
    /// the same scope), so the notifications, e-mails and the "reminded" marks commit together. Returns the number
    /// of reminders (submissions) handled.
    /// </summary>
    public static async Task<int> RunOnceAsync(AppDbContext db, TaskNotifier notifier, TimeProvider time, CancellationToken ct = default)
    {
        var handled = 0;
        var after = Guid.Empty;
        while (true)
        {
            var (count, last) = await db.Database.CreateExecutionStrategy().ExecuteAsync(() => RunBatchAsync(db, notifier, time, after, ct));
            handled += count;
            if (last is not { } next)
            {
                return handled;
            }

            after = next;
        }
    }

    /// <summary>One batch in its own transaction; returns the reminders sent and the last id looked at (null: no more work).</summary>
    private static async Task<(int Count, Guid? Last)> RunBatchAsync(AppDbContext db, TaskNotifier notifier, TimeProvider time, Guid after, CancellationToken ct)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        // Candidates by UTC date with a day's slack either side for the venues' time zones; the domain decides
        // with the venue's date below. Work already reminded for its current due date, and work past its
        // cut-off, is left out, so a run on a quiet day reads almost nothing.
        var utcToday = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var dueBy = utcToday.AddDays(4);
        var closedBefore = utcToday.AddDays(-2);
        var batch = await db.Submissions
            .FromSql($"""
                SELECT *, xmin FROM submissions
                WHERE status IN ('NotStarted', 'Draft')
                  AND GREATEST(due_date, extended_until) <= {dueBy}
                  AND (due_soon_reminded_for IS DISTINCT FROM GREATEST(due_date, extended_until)
                       OR overdue_reminded_for IS DISTINCT FROM GREATEST(due_date, extended_until))
                  AND (cut_off IS NULL OR GREATEST(cut_off, extended_until) >= {closedBefore})
                  AND id > {after}
                ORDER BY id
                LIMIT {BatchSize}
                FOR UPDATE SKIP LOCKED
                """)
            .ToListAsync(ct);
        if (batch.Count == 0)
        {
            return (0, null);
        }

        var taskIds = batch.Select(s => s.HomeTaskId).Distinct().ToList();
        var tasks = await db.HomeTasks.AsNoTracking()
            .Where(h => taskIds.Contains(h.Id))
            .Select(h => new { h.Id, h.Title, Zone = db.Programmes.Where(p => p.Id == h.ProgrammeId).Select(p => p.TimeZoneId).First() })
            .ToDictionaryAsync(h => h.Id, ct);

        var sent = 0;
        foreach (var submission in batch)
        {
            var task = tasks[submission.HomeTaskId];
            var today = time.TodayIn(task.Zone);
            NotificationKind kind;
            if (submission.NeedsDueSoonReminder(today))
            {
                kind = NotificationKind.TaskDueSoon;
                submission.MarkDueSoonReminded();
            }
            else if (submission.NeedsOverdueReminder(today))
            {
                kind = NotificationKind.TaskOverdue;
                submission.MarkOverdueReminded();
            }
            else
            {
                continue;
            }

            var writers = await TaskPeople.WritersAsync(db, submission.ProgrammeId, submission.CompanyId, submission.UserId);
            await notifier.NotifyAsync(kind, writers, task.Title, TaskNotifier.IsoDate(submission.EffectiveDueDate), "/tasks/" + submission.Id);
            sent++;
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return (sent, batch.Count < BatchSize ? null : batch[^1].Id);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Home task reminders are off (TaskReminders:Enabled, or the Testing environment)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sent {Count} home task reminders")]
    private static partial void LogSent(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Home task reminders failed")]
    private static partial void LogFailed(ILogger logger, Exception ex);
}
