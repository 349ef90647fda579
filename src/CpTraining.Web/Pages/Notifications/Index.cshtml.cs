using System.Security.Claims;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Notifications;

/// <summary>
/// The signed-in person's in-app notifications, newest first, and their choice whether home-task e-mails are sent
/// too. Everyone signed in has this page, and it only ever reads and changes the person's own notifications: a
/// notification of someone else is answered 404, like one that does not exist.
/// </summary>
[Authorize]
public sealed class IndexModel(
    AppDbContext db,
    UserManager<AppUser> users,
    AccessControl access,
    TimeProvider time,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The list shows this many; older ones stay in the database but are not worth scrolling to.</summary>
    public const int Shown = 200;

    [BindProperty]
    public bool TaskEmails { get; set; }

    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public int Unread { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public async Task OnGetAsync()
    {
        TaskEmails = await db.Users.AsNoTracking().Where(u => u.Id == UserId).Select(u => u.TaskEmails).SingleOrDefaultAsync();
        await LoadAsync();
    }

    /// <summary>Marks the notification read and opens its page. Only app-relative links are followed (never another site).</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid notificationId)
    {
        var notification = await db.Notifications.SingleOrDefaultAsync(n => n.Id == notificationId && n.UserId == UserId);
        if (notification is null)
        {
            return NotFound();
        }

        notification.MarkRead(time.GetUtcNow());
        await db.SaveChangesAsync();
        return Url.IsLocalUrl(notification.Link) ? LocalRedirect(notification.Link) : RedirectToPage();
    }

    public async Task<IActionResult> OnPostMarkAllReadAsync()
    {
        var unread = await db.Notifications.Where(n => n.UserId == UserId && n.ReadAt == null).ToListAsync();
        var now = time.GetUtcNow();
        foreach (var notification in unread)
        {
            notification.MarkRead(now);
        }

        await db.SaveChangesAsync();
        TempData["Success"] = t["All notifications are marked as read."].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSettingsAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Forbid();
        }

        user.TaskEmails = TaskEmails;
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            // Another change to the account at the same moment (concurrency stamp): nothing saved, the choice kept.
            ModelState.AddModelError(nameof(TaskEmails), t["Your account was changed at the same moment; save your choice again."]);
            await LoadAsync();
            return Page();
        }

        TempData["Success"] = TaskEmails
            ? t["You will get e-mails about home tasks."].Value
            : t["You will no longer get e-mails about home tasks; notifications still appear here."].Value;
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Items = await db.Notifications.AsNoTracking()
            .Where(n => n.UserId == UserId)
            .OrderByDescending(n => n.CreatedAt).ThenBy(n => n.Id)
            .Take(Shown)
            .ToListAsync();
        Unread = (await access.StandingAsync()).UnreadNotifications;
    }
}
