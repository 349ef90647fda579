using System.Net;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// The notifications page (newest first, unread highlighted, open marks read and follows only app-relative links,
/// mark all read, the e-mail setting) and the navigation bar's unread count and task links.
/// </summary>
public sealed class NotificationTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task Lists_own_notifications_newest_first_with_the_unread_ones_marked()
    {
        var (client, me, _, ids) = await WorldAsync();

        var page = await client.GetDocumentAsync("/notifications");

        var items = page.QuerySelectorAll("#notifications li").ToList();
        Assert.Equal([ids.Returned, ids.Assigned, ids.External, ids.Accepted], items.Select(li => Guid.Parse(li.GetAttribute("data-notification")!)));
        Assert.Equal("Home task “Cost of the waste streams” was returned for revision; see the trainer's feedback.", Text(items[0]));
        Assert.Equal("New home task “Company description”, due " + new DateOnly(2026, 6, 10).ToString("D", Programmes.ProgrammePages.English) + ".", Text(items[1]));
        Assert.Equal(["true", "true", "true", "false"], items.Select(li => li.GetAttribute("data-unread")!));
        Assert.Contains("notification-unread", items[0].ClassName, StringComparison.Ordinal);
        Assert.DoesNotContain("notification-unread", items[3].ClassName ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("Unread:", items[0].QuerySelector(".visually-hidden")!.TextContent.Trim());
        Assert.Equal("3 unread", page.QuerySelector("#list-heading")!.TextContent.Trim());
        Assert.DoesNotContain("Someone else's", page.Body!.TextContent, StringComparison.Ordinal);

        var link = page.QuerySelector("#nav-notifications")!;
        Assert.Equal("/notifications", link.GetAttribute("href"));
        Assert.Equal("Notifications, 3 unread", link.GetAttribute("aria-label"));
        Assert.Equal("3", page.QuerySelector("#unread-count")!.TextContent.Trim());
        Assert.Equal("true", page.QuerySelector("#unread-count")!.GetAttribute("aria-hidden"));
        Assert.NotNull(me);
    }

    [Fact]
    public async Task Opening_a_notification_marks_it_read_and_opens_its_page()
    {
        var (client, _, _, ids) = await WorldAsync();

        var response = await OpenAsync(client, ids.Returned);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/tasks/" + ids.Task, response.Headers.Location!.OriginalString);
        await using var db = factory.NewDbContext();
        Assert.NotNull((await db.Notifications.SingleAsync(n => n.Id == ids.Returned)).ReadAt);
        var page = await client.GetDocumentAsync("/home");
        Assert.Equal("Notifications, 2 unread", page.QuerySelector("#nav-notifications")!.GetAttribute("aria-label"));
    }

    [Fact]
    public async Task A_link_to_another_site_is_never_followed()
    {
        var (client, _, _, ids) = await WorldAsync();

        var response = await OpenAsync(client, ids.External);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/notifications", RedirectAssert.Target(response));
        await using var db = factory.NewDbContext();
        Assert.NotNull((await db.Notifications.SingleAsync(n => n.Id == ids.External)).ReadAt);
    }

    [Fact]
    public async Task Someone_elses_notification_cannot_be_opened()
    {
        var (client, _, _, ids) = await WorldAsync();

        var response = await OpenAsync(client, ids.Others);
        var unknown = await OpenAsync(client, Guid.NewGuid());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await using var db = factory.NewDbContext();
        Assert.Null((await db.Notifications.SingleAsync(n => n.Id == ids.Others)).ReadAt);
    }

    [Fact]
    public async Task Mark_all_read_reads_only_ones_own()
    {
        var (client, me, other, ids) = await WorldAsync();

        var response = await client.PostFormAsync("/notifications", [], "/notifications?handler=MarkAllRead");

        Assert.Equal("/notifications", RedirectAssert.Target(response));
        await using var db = factory.NewDbContext();
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.UserId == me.Id && n.ReadAt == null));
        Assert.Equal(1, await db.Notifications.CountAsync(n => n.UserId == other.Id && n.ReadAt == null));
        var page = await client.GetDocumentAsync("/notifications");
        Assert.Equal("All notifications are marked as read.", page.QuerySelector(".alert-success")!.TextContent.Trim());
        Assert.Equal("Notifications", page.QuerySelector("#nav-notifications")!.GetAttribute("aria-label"));
        Assert.Null(page.QuerySelector("#unread-count"));
        Assert.Null(page.QuerySelector("#mark-all-read"));
        Assert.NotEqual(Guid.Empty, ids.Task);
    }

    [Fact]
    public async Task The_email_setting_is_saved()
    {
        var (client, me, _, _) = await WorldAsync();
        var page = await client.GetDocumentAsync("/notifications");
        Assert.True(page.QuerySelector("#TaskEmails")!.HasAttribute("checked"));

        var off = await client.PostFormAsync("/notifications", new() { ["TaskEmails"] = "false" }, "/notifications?handler=Settings");

        Assert.Equal("/notifications", RedirectAssert.Target(off));
        await using (var db = factory.NewDbContext())
        {
            Assert.False(await db.Users.Where(u => u.Id == me.Id).Select(u => u.TaskEmails).SingleAsync());
        }

        page = await client.GetDocumentAsync("/notifications");
        Assert.False(page.QuerySelector("#TaskEmails")!.HasAttribute("checked"));
        Assert.Contains("no longer get e-mails", page.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);

        await client.PostFormAsync("/notifications", new() { ["TaskEmails"] = "true" }, "/notifications?handler=Settings");
        await using (var db = factory.NewDbContext())
        {
            Assert.True(await db.Users.Where(u => u.Id == me.Id).Select(u => u.TaskEmails).SingleAsync());
        }
    }

    [Fact]
    public async Task Navigation_has_my_tasks_for_everyone_and_review_for_trainers_and_coordinators()
    {
        foreach (var (role, reviews) in new[] { (Roles.Engineer, false), (Roles.Manager, false), (Roles.Trainer, true), (Roles.Coordinator, true), (Roles.Administrator, true) })
        {
            var (client, _) = await factory.SignedInClientAsync(role);
            var page = await client.GetDocumentAsync("/home");
            Assert.Equal("/tasks", page.QuerySelector("#nav-my-tasks")!.GetAttribute("href"));
            Assert.Equal("My tasks", page.QuerySelector("#nav-my-tasks")!.TextContent.Trim());
            Assert.Equal(reviews, page.QuerySelector("#nav-review[href='/tasks/review']") is not null);
            Assert.Equal("Notifications", page.QuerySelector("#nav-notifications")!.GetAttribute("aria-label"));
        }

        var anonymous = await factory.NewClient().GetDocumentAsync("/");
        Assert.Null(anonymous.QuerySelector("#nav-notifications"));
        Assert.Null(anonymous.QuerySelector("#nav-my-tasks"));
    }

    [Fact]
    public async Task Signed_out_people_are_sent_to_sign_in()
    {
        var response = await factory.NewClient().GetAsync("/notifications");

        RedirectAssert.ToSignIn(response, "/notifications");
    }

    private static string Text(AngleSharp.Dom.IElement item)
    {
        var button = item.QuerySelector("button")!;
        var hidden = button.QuerySelector(".visually-hidden")?.TextContent ?? string.Empty;
        return button.TextContent.Replace(hidden, string.Empty, StringComparison.Ordinal).Trim();
    }

    private static async Task<HttpResponseMessage> OpenAsync(HttpClient client, Guid id) =>
        await client.PostFormAsync("/notifications", [], $"/notifications?handler=Open&notificationId={id}");

    private sealed record Ids(Guid Task, Guid Accepted, Guid External, Guid Assigned, Guid Returned, Guid Others);

    /// <summary>A person with four notifications (the oldest read, one with a link to another site) and someone else with one.</summary>
    private async Task<(HttpClient Client, AppUser Me, AppUser Other, Ids Ids)> WorldAsync()
    {
        factory.Clock.Set(HomeTasksSetup.June1);
        var me = await factory.CreateUserAsync(Roles.Engineer);
        var other = await factory.CreateUserAsync(Roles.Engineer);
        var task = Guid.NewGuid();
        var start = HomeTasksSetup.June1;
        var accepted = new Notification(me.Id, NotificationKind.TaskAccepted, "Choice of the focus area", null, "/tasks/" + Guid.NewGuid(), start.AddDays(-3));
        accepted.MarkRead(start.AddDays(-2));
        var external = new Notification(me.Id, NotificationKind.TaskDueSoon, "Team and plan", "2026-06-04", "https://evil.example/phish", start.AddDays(-2));
        var assigned = new Notification(me.Id, NotificationKind.TaskAssigned, "Company description", "2026-06-10", "/tasks/" + Guid.NewGuid(), start.AddDays(-1));
        var returned = new Notification(me.Id, NotificationKind.TaskReturned, "Cost of the waste streams", null, "/tasks/" + task, start);
        var others = new Notification(other.Id, NotificationKind.TaskAssigned, "Someone else's task", "2026-06-10", "/tasks/" + Guid.NewGuid(), start);
        await using (var db = factory.NewDbContext())
        {
            db.Notifications.AddRange(accepted, external, assigned, returned, others);
            await db.SaveChangesAsync();
        }

        var client = factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, me.Email!);
        return (client, me, other, new Ids(task, accepted.Id, external.Id, assigned.Id, returned.Id, others.Id));
    }
}
