using System.Globalization;
using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Background;

/// <summary>
/// Tells people about home tasks: an in-app <see cref="Notification"/> for each, and an e-mail through the outbox for
/// those who have not turned task e-mails off, in their own language. Adds to the context without saving, so the
/// messages are committed with the change that causes them, or not at all.
/// </summary>
public sealed class TaskNotifier(AppDbContext db, IStringLocalizer<SharedResource> t, IConfiguration configuration, TimeProvider time, IHttpContextAccessor http)
{
    /// <summary>
    /// Notifies the people. <c>subject</c> is the task's title; <c>detail</c> is kind-specific: a due date (ISO
    /// yyyy-MM-dd, <see cref="IsoDate"/>) for assigned/due/overdue, the company for submitted; <c>link</c> is the
    /// app-relative path of the page to open, e.g. "/tasks/work/…".
    /// </summary>
    public async Task NotifyAsync(NotificationKind kind, IEnumerable<string> userIds, string subject, string? detail, string link)
    {
        var ids = userIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var people = await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.PreferredLanguage, u.TaskEmails })
            .ToListAsync();
        var now = time.GetUtcNow();
        var baseUrl = BaseUrl();
        foreach (var person in people)
        {
            db.Notifications.Add(new Notification(person.Id, kind, subject, detail, link, now));
            if (!person.TaskEmails || string.IsNullOrEmpty(person.Email))
            {
                continue;
            }

            var previous = CultureInfo.CurrentUICulture;
            var previousCulture = CultureInfo.CurrentCulture;
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (Cultures.Text(person.PreferredLanguage), Cultures.Formatting(person.PreferredLanguage));
            try
            {
                var text = Text(kind, subject, detail, t);
                db.OutboxMessages.Add(new OutboxMessage(
                    person.Email,
                    text,
                    t["Hello {0},\n\n{1}\n\nOpen it here: {2}\n\nYou can turn these e-mails off on your notifications page: {3}", person.DisplayName, text, baseUrl + link, baseUrl + "/notifications"],
                    now));
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
                CultureInfo.CurrentCulture = previousCulture;
            }
        }
    }

    /// <summary>The notification's sentence in the current UI culture.</summary>
    public static string Text(NotificationKind kind, string subject, string? detail, IStringLocalizer t)
    {
        var shown = DateOnly.TryParseExact(detail, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("D", CultureInfo.CurrentCulture)
            : detail ?? string.Empty;
        return kind switch
        {
            NotificationKind.TaskAssigned => t["New home task “{0}”, due {1}.", subject, shown],
            NotificationKind.TaskDueSoon => t["Home task “{0}” is due on {1}.", subject, shown],
            NotificationKind.TaskOverdue => t["Home task “{0}” was due on {1} and has not been submitted yet.", subject, shown],
            NotificationKind.TaskReturned => t["Home task “{0}” was returned for revision; see the trainer's feedback.", subject],
            NotificationKind.TaskAccepted => t["Home task “{0}” was accepted.", subject],
            NotificationKind.TaskSubmitted => t["{1} submitted home task “{0}” for review.", subject, shown],
            _ => subject,
        };
    }

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string BaseUrl()
    {
        if (Uri.TryCreate(configuration["CPTRAINING_PUBLIC_URL"], UriKind.Absolute, out var configured))
        {
            return configured.GetLeftPart(UriPartial.Authority);
        }

        // Without a configured address (development), the request's own address; background jobs fall back to the
        // address scripts/run serves on.
        var request = http.HttpContext?.Request;
        return request is null ? "http://localhost:5080" : $"{request.Scheme}://{request.Host}";
    }
}
