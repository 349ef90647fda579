using System.Globalization;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Background;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Tests.Attendance;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// The "due in 3 days" and "overdue" reminders: sent once to the company's engineers (in-app always, by e-mail
/// unless turned off), never twice for the same due date even when two app instances run at once, again after an
/// extension, and never for work already handed in. The task is due on Monday 15 June 2026.
/// </summary>
public sealed class ReminderTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static readonly DateOnly Due = new(2026, 6, 15);

    [Fact]
    public async Task Due_in_three_days_reminds_each_engineer_once()
    {
        var w = await WorldAsync();

        factory.Clock.Set(HomeTasksSetup.At(Due.AddDays(-4), 9));
        await factory.RunRemindersAsync();
        Assert.Empty(await NotificationsAsync(w, NotificationKind.TaskDueSoon));

        factory.Clock.Set(HomeTasksSetup.At(Due.AddDays(-3), 9));
        await factory.RunRemindersAsync();
        var first = await NotificationsAsync(w, NotificationKind.TaskDueSoon);
        Assert.Equal(new[] { w.Anna.Id, w.Bohdan.Id }.Order(StringComparer.Ordinal), first.Select(n => n.UserId).Order(StringComparer.Ordinal));
        Assert.All(first, n => Assert.Equal(("/tasks/" + w.Open.Id, "Company description", "2026-06-15"), (n.Link, n.Subject, n.Detail)));

        // The same day again, and the next day: nothing new.
        await factory.RunRemindersAsync();
        factory.Clock.Set(HomeTasksSetup.At(Due.AddDays(-2), 9));
        await factory.RunRemindersAsync();
        Assert.Equal(2, (await NotificationsAsync(w, NotificationKind.TaskDueSoon)).Count);

        // Work already handed in, and work given to another company that is not due yet, got nothing.
        Assert.Empty(await NotificationsForAsync(w.Submitted.Id));
    }

    [Fact]
    public async Task Emails_go_only_to_people_who_want_them()
    {
        var w = await WorldAsync();
        await factory.SetTaskEmailsAsync(w.Bohdan, on: false);

        factory.Clock.Set(HomeTasksSetup.At(Due.AddDays(-3), 9));
        await factory.RunRemindersAsync();

        Assert.Equal(2, (await NotificationsAsync(w, NotificationKind.TaskDueSoon)).Count);
        var mail = Assert.Single(await MailsAsync(w));
        Assert.Equal(w.Anna.Email, mail.To);
        Assert.Equal($"Home task “Company description” is due on {Due.ToString("D", CultureInfo.GetCultureInfo("en-GB"))}.", mail.Subject);
        Assert.Contains("/tasks/" + w.Open.Id, mail.Body, StringComparison.Ordinal);
        Assert.Contains("/notifications", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Overdue_work_is_reminded_once_and_not_after_the_cut_off()
    {
        var w = await WorldAsync();

        factory.Clock.Set(HomeTasksSetup.At(Due, 9));
        await factory.RunRemindersAsync();
        Assert.Empty(await NotificationsAsync(w, NotificationKind.TaskOverdue));

        factory.Clock.Set(HomeTasksSetup.At(Due.AddDays(1), 9));
        await factory.RunRemindersAsync();
        await factory.RunRemindersAsync();
        factory.Clock.Set(HomeTasksSetup.At(Due.AddDays(2), 9));
        await factory.RunRemindersAsync();

        var overdue = await NotificationsAsync(w, NotificationKind.TaskOverdue);
        Assert.Equal(new[] { w.Anna.Id, w.Bohdan.Id }.Order(StringComparer.Ordinal), overdue.Select(n => n.UserId).Order(StringComparer.Ordinal));
        Assert.Equal(2, (await MailsAsync(w)).Count(m => m.Subject.Contains("has not been submitted yet", StringComparison.Ordinal)));

        // Work past its cut-off (closed) is not reminded: the late company's task closed on 10 June.
        Assert.Empty(await NotificationsForAsync(w.Closed.Id));
    }

    [Fact]
    public async Task An_extension_makes_a_new_due_soon_reminder()
    {
        var w = await WorldAsync();
        factory.Clock.Set(HomeTasksSetup.At(Due.AddDays(-3), 9));
        await factory.RunRemindersAsync();

        await using (var db = factory.NewDbContext())
        {
            var work = await db.Submissions.SingleAsync(s => s.Id == w.Open.Id);
            work.GrantExtension(Due.AddDays(7), "Measurements take longer", "trainer", isCoordinator: false, Due.AddDays(-3));
            await db.SaveChangesAsync();
        }

        factory.Clock.Set(HomeTasksSetup.At(Due.AddDays(1), 9));
        await factory.RunRemindersAsync();
        Assert.Empty(await NotificationsAsync(w, NotificationKind.TaskOverdue));

        factory.Clock.Set(HomeTasksSetup.At(Due.AddDays(4), 9));
        await factory.RunRemindersAsync();
        await factory.RunRemindersAsync();

        var dueSoon = await NotificationsAsync(w, NotificationKind.TaskDueSoon);
        Assert.Equal(4, dueSoon.Count);
        Assert.Equal(["2026-06-15", "2026-06-15", "2026-06-22", "2026-06-22"], dueSoon.Select(n => n.Detail!).Order());
    }

    [Fact]
    public async Task Two_instances_running_at_once_send_each_reminder_once()
    {
        var w = await WorldAsync();
        factory.Clock.Set(HomeTasksSetup.At(Due.AddDays(-3), 9));

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(factory.RunRemindersAsync)));

        Assert.Equal(2, (await NotificationsAsync(w, NotificationKind.TaskDueSoon)).Count);
        Assert.Equal(2, (await MailsAsync(w)).Count);
    }

    [Fact]
    public async Task The_background_service_is_off_in_tests()
    {
        var w = await WorldAsync();
        factory.Clock.Set(HomeTasksSetup.At(Due.AddDays(-3), 9));

        // The app has been running (hosted services started); without an explicit run nothing is sent.
        await factory.NewClient().GetAsync("/health/live");
        await Task.Delay(200);

        Assert.Empty(await NotificationsForAsync(w.Open.Id));
        Assert.Contains(factory.Services.GetServices<IHostedService>(), s => s is TaskReminders);
    }

    private async Task<List<Notification>> NotificationsAsync(World w, NotificationKind kind)
    {
        await using var db = factory.NewDbContext();
        return await db.Notifications.AsNoTracking().Where(n => n.Link == "/tasks/" + w.Open.Id && n.Kind == kind).ToListAsync();
    }

    private async Task<List<Notification>> NotificationsForAsync(Guid submissionId)
    {
        await using var db = factory.NewDbContext();
        return await db.Notifications.AsNoTracking().Where(n => n.Link == "/tasks/" + submissionId).ToListAsync();
    }

    private async Task<List<OutboxMessage>> MailsAsync(World w)
    {
        await using var db = factory.NewDbContext();
        string[] to = [w.Anna.Email!, w.Bohdan.Email!];
        return await db.OutboxMessages.AsNoTracking().Where(m => to.Contains(m.To)).ToListAsync();
    }

    private sealed record World(AppUser Anna, AppUser Bohdan, Submission Open, Submission Submitted, Submission Closed);

    /// <summary>
    /// Company A (engineers Anna and Bohdan, a manager who is not told) with a task due 15 June, not started; company
    /// B has submitted it; company C's task with a cut-off of 10 June is closed.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        factory.Clock.Set(HomeTasksSetup.June1);
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, HomeTasksSetup.FirstSession, "Reminders");
        var a = await factory.EnrolCompanyAsync(programme.Id, "A");
        var b = await factory.EnrolCompanyAsync(programme.Id, "B");
        var c = await factory.EnrolCompanyAsync(programme.Id, "C");
        var anna = await factory.EngineerAsync(programme.Id, a.Id, "Anna");
        var bohdan = await factory.EngineerAsync(programme.Id, a.Id, "Bohdan");
        await factory.AddMemberAsync(programme.Id, await factory.CreateUserAsync(Roles.Manager), ProgrammeRole.Manager, a.Id);
        await factory.EngineerAsync(programme.Id, b.Id, "Bela");
        await factory.EngineerAsync(programme.Id, c.Id, "Chen");
        var task = HomeTasksSetup.Task(programme.Id, "Company description", Due);
        var early = HomeTasksSetup.Task(programme.Id, "Choice of the focus area", new DateOnly(2026, 6, 5), cutOff: new DateOnly(2026, 6, 10));
        var open = Submission.ForCompany(task, a.Id);
        var submitted = Submission.ForCompany(task, b.Id).Submitted(new DateOnly(2026, 6, 1));
        var closed = Submission.ForCompany(early, c.Id);
        await factory.SaveAsync([task, early], [open, submitted, closed]);
        return new World(anna, bohdan, open, submitted, closed);
    }
}
