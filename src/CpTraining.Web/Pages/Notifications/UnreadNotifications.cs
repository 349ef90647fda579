using System.Security.Claims;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Notifications;

/// <summary>
/// The number of unread notifications for the layout's "Notifications" link: one indexed count
/// (ix_notifications_unread) per page view of a signed-in person, read once per request.
/// </summary>
public sealed class UnreadNotifications(AppDbContext db)
{
    private int? _count;

    public async Task<int> CountAsync(ClaimsPrincipal user)
    {
        if (_count is { } known)
        {
            return known;
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        _count = userId is null ? 0 : await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAt == null);
        return _count.Value;
    }
}
