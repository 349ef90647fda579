using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Background;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// Seeding for the overview, notification and reminder tests: home tasks and work in any state made through the
/// domain and saved directly. Today is Monday 1 June 2026 unless a test moves the clock; the programmes start on
/// 26 May 2026 (session 1 held, session 2 on 14 July).
/// </summary>
internal static class HomeTasksSetup
{
    public static readonly DateOnly FirstSession = new(2026, 5, 26);

    public static readonly DateTimeOffset June1 = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    public static string Overview(Guid programmeId, int after = 1, string? query = null) =>
        $"/programmes/{programmeId}/tasks/overview?after={after}" + (query is null ? string.Empty : "&" + query);

    public static string Csv(Guid programmeId, int after = 1, string? query = null) =>
        $"/programmes/{programmeId}/tasks/overview?handler=Csv&after={after}" + (query is null ? string.Empty : "&" + query);

    /// <summary>A task given after <paramref name="after"/>, assigned on 1 June.</summary>
    public static HomeTask Task(Guid programmeId, string title, DateOnly due, int after = 1, DateOnly? cutOff = null) =>
        HomeTask.Assign(programmeId, after, 4, null, title, "Do it.", [], due, cutOff, true, "coordinator", June1, DateOnly.FromDateTime(June1.UtcDateTime));

    public static DateTimeOffset At(DateOnly day, int hour = 10) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    /// <summary>Hands in a version on <paramref name="day"/> (late when after the effective due date).</summary>
    public static Submission Submitted(this Submission s, DateOnly day, string by = "engineer")
    {
        s.Submit("Our answer.", [], by, At(day), day, Guid.NewGuid());
        return s;
    }

    public static Submission Drafted(this Submission s, DateOnly day, string by = "engineer")
    {
        s.SaveDraft("Work in progress.", [], by, At(day), day);
        return s;
    }

    /// <summary>Saves the tasks and their work in one go.</summary>
    public static async Task SaveAsync(this CpTrainingFactory factory, IEnumerable<HomeTask> tasks, IEnumerable<Submission> work)
    {
        await using var db = factory.NewDbContext();
        db.HomeTasks.AddRange(tasks);
        db.Submissions.AddRange(work);
        await db.SaveChangesAsync();
    }

    /// <summary>Runs the reminders once, as the background service does, with the app's services and clock.</summary>
    public static async Task<int> RunRemindersAsync(this CpTrainingFactory factory)
    {
        using var scope = factory.Services.CreateScope();
        return await TaskReminders.RunOnceAsync(
            scope.ServiceProvider.GetRequiredService<AppDbContext>(),
            scope.ServiceProvider.GetRequiredService<TaskNotifier>(),
            factory.Clock);
    }

    public static async Task SetTaskEmailsAsync(this CpTrainingFactory factory, AppUser user, bool on)
    {
        await using var db = factory.NewDbContext();
        var stored = await db.Users.FindAsync(user.Id);
        stored!.TaskEmails = on;
        await db.SaveChangesAsync();
    }
}
