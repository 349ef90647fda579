using System.Text;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes;

/// <summary>The programme's sessions as an iCalendar file (one VEVENT per session; UID = session id, so re-imports update).</summary>
[Authorize]
public sealed class CalendarModel(AppDbContext db, AccessControl access, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var programme = await ProgrammeView.LoadAsync(db, id);
        if (programme is null)
        {
            return NotFound();
        }

        if (!await access.CanAsync(Operation.SeeProgramme, new ProgrammeResource(id)))
        {
            return Forbid();
        }

        var agendas = await db.AgendaItems.AsNoTracking()
            .Where(i => programme.Sessions.Select(s => s.Id).Contains(i.SessionId))
            .OrderBy(i => i.Day).ThenBy(i => i.Position)
            .Select(i => new { i.SessionId, i.Topic })
            .ToListAsync();
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(programme.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        var now = time.GetUtcNow();
        var events = programme.Sessions.Select(s =>
        {
            var description = new StringBuilder();
            if (s.IsFinal)
            {
                description.AppendLine(t["Final session: management and potential investors are invited."]);
            }

            foreach (var topic in agendas.Where(a => a.SessionId == s.Id).Select(a => a.Topic))
            {
                description.Append("- ").AppendLine(topic);
            }

            return new CalendarEvent(
                $"{s.Id}@cptraining",
                t["{0} — session {1}", programme.Name, s.Number],
                description.ToString().TrimEnd(),
                s.Venue ?? $"{programme.City}, {programme.Country}",
                s.StartDate,
                s.Days,
                s.DailyStart,
                s.DailyEnd,
                now);
        });
        var ics = ICalendarWriter.Write(programme.Name, zone, events, now);
        return File(Encoding.UTF8.GetBytes(ics), "text/calendar; charset=utf-8", FileName(programme.Name));
    }

    private static string FileName(string name)
    {
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        while (safe.Contains("--", StringComparison.Ordinal))
        {
            safe = safe.Replace("--", "-", StringComparison.Ordinal);
        }

        return (safe.Length == 0 ? "programme" : safe[..Math.Min(safe.Length, 80)]) + ".ics";
    }
}
