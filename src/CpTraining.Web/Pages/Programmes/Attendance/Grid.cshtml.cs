using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.Attendance;

/// <summary>
/// Attendance of one session day: a row per participant, grouped by company, saved with one button. Coordinators
/// and administrators record every row, a trainer the rows of the companies assigned to them (the rest read-only).
/// The form posts back what it showed; a row that someone else changed meanwhile is not overwritten but shown.
/// </summary>
[Authorize]
public sealed class GridModel(AppDbContext db, AccessControl access, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    private string _userId = string.Empty;

    [BindProperty]
    public List<RowInput> Rows { get; set; } = [];

    public Guid ProgrammeId { get; private set; }

    public string ProgrammeName { get; private set; } = string.Empty;

    public SessionView Session { get; private set; } = null!;

    public int Day { get; private set; }

    public DateOnly Today { get; private set; }

    /// <summary>The venue's time zone: when a mark was recorded is shown in it.</summary>
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;

    public bool DayHasBegun => Session.StartDate.AddDays(Day - 1) <= Today;

    public IReadOnlyList<GridRow> Grid { get; private set; } = [];

    /// <summary>Rows someone else changed after this form was opened, after a refused save.</summary>
    public IReadOnlyList<Conflict> Conflicts { get; private set; } = [];

    public bool MayRecordAny => Grid.Any(r => r.Editable);

    public async Task<IActionResult> OnGetAsync(Guid id, int number, int? day)
    {
        var refused = await LoadAsync(id, number, day);
        if (refused is not null)
        {
            return refused;
        }

        Rows = Grid.Where(r => r.Editable).Select(r => new RowInput { UserId = r.Participant.UserId, Status = r.Mark?.Status, OriginalStatus = r.Mark?.Status, OriginalStamp = Stamp(r.Mark) }).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int number, int? day)
    {
        var refused = await LoadAsync(id, number, day);
        if (refused is not null)
        {
            return refused;
        }

        // Every posted row must be a participant this user may record; the form never shows others as inputs.
        var editable = Grid.Where(r => r.Editable).ToDictionary(r => r.Participant.UserId);
        if (!MayRecordAny || Rows.Exists(r => !editable.ContainsKey(r.UserId)))
        {
            return Forbid();
        }

        var changed = Rows.Where(r => r.Status is not null && r.Status != r.OriginalStatus).ToList();
        var recordedBy = _userId;
        var conflicts = new List<Conflict>();

        // Saves of one session are serialised (the session row is locked), so the comparison with what the form
        // showed and the write see the same marks.
        var result = await save.SaveLockedAsync(this, LockedRow.Session, Session.Id, async () =>
        {
            conflicts.Clear();
            var session = await db.Sessions
                .Include(s => s.Attendance.Where(a => a.Day == Day))
                .SingleAsync(s => s.Id == Session.Id);
            foreach (var row in changed)
            {
                var current = session.Attendance.FirstOrDefault(a => a.UserId == row.UserId);
                if (current?.Status != row.OriginalStatus || Stamp(current) != row.OriginalStamp)
                {
                    conflicts.Add(new Conflict(row.UserId, row.OriginalStatus, current?.Status, row.Status));
                }
            }

            if (conflicts.Count > 0)
            {
                // Nothing is saved; the page shows these rows.
                throw new StaleFormException();
            }

            var at = time.GetUtcNow();
            foreach (var row in changed)
            {
                session.MarkAttendance(row.UserId, Day, row.Status!.Value, recordedBy, Today, at);
            }

            return true;
        });
        if (result == SaveResult.Refused)
        {
            return Page();
        }

        if (result == SaveResult.Conflict)
        {
            // Show the marks as saved now; rows the user changed keep the user's choice, and their originals become
            // the current marks so that saving again applies the choice deliberately.
            await ReloadMarksAsync();
            Conflicts = conflicts;
            var posted = Rows.ToDictionary(r => r.UserId);
            ModelState.Clear();
            Rows = Grid.Where(r => r.Editable).Select(r =>
            {
                var mine = posted.GetValueOrDefault(r.Participant.UserId);
                var keepMine = mine?.Status is not null && mine.Status != mine.OriginalStatus;
                return new RowInput
                {
                    UserId = r.Participant.UserId,
                    Status = keepMine ? mine!.Status : r.Mark?.Status,
                    OriginalStatus = r.Mark?.Status,
                    OriginalStamp = Stamp(r.Mark),
                };
            }).ToList();
            ModelState.AddModelError(string.Empty, t["Someone else changed some of these marks while you were editing, so nothing was saved. The rows are highlighted below with the mark saved now; your choices are kept. Save again to replace their marks with yours."]);
            return Page();
        }

        TempData["Success"] = t["Attendance for day {0} of session {1} has been saved.", Day, Session.Number].Value;
        return RedirectToPage(new { id, number, day = Day });
    }

    /// <summary>A mark's version as the form carries it: when it was recorded, in ticks (0: not marked).</summary>
    private static long Stamp(MarkView? mark) => mark?.RecordedAt.UtcTicks ?? 0;

    private static long Stamp(AttendanceMark? mark) => mark?.RecordedAt.UtcTicks ?? 0;

    private async Task<IActionResult?> LoadAsync(Guid id, int number, int? day)
    {
        var found = await SessionView.FindAsync(db, id, number);
        if (found is null)
        {
            return NotFound();
        }

        var rights = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!rights.Can(Operation.SeeAllCompanies, inProgramme))
        {
            return Forbid();
        }

        ProgrammeId = id;
        ProgrammeName = found.Name;
        Session = found.Session;
        Today = time.TodayIn(found.TimeZoneId);
        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(found.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;
        _userId = rights.UserId;

        // Default: today while the session runs, else its first day.
        var todayInSession = Today.DayNumber - Session.StartDate.DayNumber + 1;
        Day = day ?? (todayInSession >= 1 && todayInSession <= Session.Days ? todayInSession : 1);
        if (Day < 1 || Day > Session.Days)
        {
            return NotFound();
        }

        var participants = await Participant.LoadAsync(db, id);
        var marks = await LoadMarksAsync();
        Grid = participants.Select(p => new GridRow(p, p.MayBeRecordedBy(rights, id), marks.GetValueOrDefault(p.UserId))).ToList();
        return null;
    }

    private async Task ReloadMarksAsync()
    {
        var marks = await LoadMarksAsync();
        Grid = Grid.Select(r => r with { Mark = marks.GetValueOrDefault(r.Participant.UserId) }).ToList();
    }

    private async Task<Dictionary<string, MarkView>> LoadMarksAsync() =>
        await db.AttendanceMarks.AsNoTracking()
            .Where(a => a.SessionId == Session.Id && a.Day == Day)
            .Select(a => new MarkView(
                a.UserId,
                a.Status,
                a.RecordedAt,
                db.Users.Where(u => u.Id == a.RecordedBy).Select(u => u.DisplayName).FirstOrDefault()))
            .ToDictionaryAsync(m => m.UserId);

    public sealed record MarkView(string UserId, AttendanceStatus Status, DateTimeOffset RecordedAt, string? RecordedByName);

    public sealed record GridRow(Participant Participant, bool Editable, MarkView? Mark);

    /// <summary>A row someone else changed meanwhile: what the form showed, what is saved now, and what the user chose.</summary>
    public sealed record Conflict(string UserId, AttendanceStatus? Shown, AttendanceStatus? Saved, AttendanceStatus? Chosen);

    public sealed class RowInput
    {
        public string UserId { get; set; } = string.Empty;

        public AttendanceStatus? Status { get; set; }

        // What the form showed, to detect a mark changed by someone else before this save.
        public AttendanceStatus? OriginalStatus { get; set; }

        public long OriginalStamp { get; set; }
    }
}
