using System.ComponentModel.DataAnnotations;
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

namespace CpTraining.Web.Pages.Programmes.Sessions;

/// <summary>
/// Reschedule one session: dates, length, venue and daily times. Two people editing the same session: the
/// second save is refused (PostgreSQL xmin) and shown what the first one changed; nothing is overwritten silently.
/// </summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class EditModel(AppDbContext db, AccessControl access, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ProgrammeName { get; private set; } = string.Empty;

    public int Number { get; private set; }

    public bool IsFinal { get; private set; }

    /// <summary>The neighbouring sessions, shown so the coordinator sees the room there is to move.</summary>
    public SessionView? Previous { get; private set; }

    public SessionView? Next { get; private set; }

    /// <summary>What someone else changed since this form was opened, after a refused save.</summary>
    public IReadOnlyList<Change> ConflictingChanges { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int number)
    {
        var denied = await CheckAsync(id, number);
        if (denied is not null)
        {
            return denied;
        }

        var saved = await LoadSavedAsync(id, number);
        Input = new InputModel
        {
            StartDate = saved.StartDate, Days = saved.Days, Venue = saved.Venue,
            DailyStart = saved.DailyStart, DailyEnd = saved.DailyEnd,
        };
        Input.RememberOriginal(saved);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int number)
    {
        var denied = await CheckAsync(id, number);
        if (denied is not null)
        {
            return denied;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        // The rules involve the neighbouring sessions, so reschedules of one programme are serialised: the programme
        // row is locked, then its sessions are read and checked as committed.
        var result = await save.SaveLockedAsync(this, LockedRow.Programme, id, async () =>
        {
            var programme = await db.Programmes
                .Include(p => p.Sessions).ThenInclude(s => s.Agenda)
                .SingleAsync(p => p.Id == id);
            save.Expect(programme.Session(number), Input.Version);
            programme.RescheduleSession(
                number,
                Input.StartDate!.Value,
                Input.Days!.Value,
                Input.Venue,
                Input.DailyStart,
                Input.DailyEnd,
                time.TodayIn(programme.TimeZoneId),
                mayCorrectHeldSessions: access.Can(Operation.Administer));
            return true;
        });
        switch (result)
        {
            case SaveResult.Conflict:
                var saved = await LoadSavedAsync(id, number);
                ConflictingChanges = Input.ChangesSinceOpened(saved, t);
                Input.RememberOriginal(saved);
                ModelState.AddConflict(
                    t["Someone else saved this session while you were editing it, so your changes were not saved. Their changes are listed below; your input is kept. Save again to replace their values with yours, or cancel."],
                    [.. ModelState.Keys.Where(k => k.StartsWith("Input.Original", StringComparison.Ordinal) || k == "Input.Version")]);
                return Page();
            case SaveResult.Refused:
                return Page();
        }

        TempData["Success"] = t["Session {0} has been saved.", number].Value;
        return RedirectToPage("/Programmes/Details", new { id });
    }

    private async Task<SavedSession> LoadSavedAsync(Guid id, int number) =>
        await db.Sessions.AsNoTracking()
            .Where(s => s.ProgrammeId == id && s.Number == number)
            .Select(s => new SavedSession(s.StartDate, s.Days, s.Venue, s.DailyStart, s.DailyEnd, EF.Property<uint>(s, "Version")))
            .SingleAsync();

    private async Task<IActionResult?> CheckAsync(Guid id, int number)
    {
        var found = await db.Sessions.AsNoTracking()
            .Where(s => s.ProgrammeId == id && s.Number == number)
            .Select(s => new { s.IsFinal, ProgrammeName = db.Programmes.Where(p => p.Id == id).Select(p => p.Name).Single() })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return NotFound();
        }

        if (!await access.CanAsync(Operation.ManageProgramme, new ProgrammeResource(id)))
        {
            return Forbid();
        }

        ProgrammeName = found.ProgrammeName;
        Number = number;
        IsFinal = found.IsFinal;
        var neighbours = await db.Sessions.AsNoTracking()
            .Where(s => s.ProgrammeId == id && (s.Number == number - 1 || s.Number == number + 1))
            .Select(s => new SessionView(s.Id, s.Number, s.StartDate, s.Days, s.Venue, s.DailyStart, s.DailyEnd, s.IsFinal))
            .ToListAsync();
        Previous = neighbours.Find(s => s.Number == number - 1);
        Next = neighbours.Find(s => s.Number == number + 1);
        return null;
    }

    public sealed record SavedSession(DateOnly StartDate, int Days, string? Venue, TimeOnly? DailyStart, TimeOnly? DailyEnd, uint Version);

    public sealed record Change(string Field, string Before, string After);

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a date.")]
        [Display(Name = "Start date")]
        public DateOnly? StartDate { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [Range(PlenarySession.MinDays, PlenarySession.MaxDays, ErrorMessage = "A session lasts from {1} to {2} days.")]
        [Display(Name = "Number of days")]
        public int? Days { get; set; }

        [StringLength(PlenarySession.VenueMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Venue")]
        public string? Venue { get; set; }

        [Display(Name = "Daily start time")]
        public TimeOnly? DailyStart { get; set; }

        [Display(Name = "Daily end time")]
        public TimeOnly? DailyEnd { get; set; }

        // What the form showed when it was opened: the row version for the concurrency check, and the values
        // so that a refused save can say what the other person changed.
        public uint Version { get; set; }

        public DateOnly? OriginalStartDate { get; set; }

        public int? OriginalDays { get; set; }

        public string? OriginalVenue { get; set; }

        public TimeOnly? OriginalDailyStart { get; set; }

        public TimeOnly? OriginalDailyEnd { get; set; }

        public void RememberOriginal(SavedSession saved)
        {
            Version = saved.Version;
            OriginalStartDate = saved.StartDate;
            OriginalDays = saved.Days;
            OriginalVenue = saved.Venue;
            OriginalDailyStart = saved.DailyStart;
            OriginalDailyEnd = saved.DailyEnd;
        }

        public IReadOnlyList<Change> ChangesSinceOpened(SavedSession saved, IStringLocalizer t)
        {
            var none = t["(none)"].Value;
            var changes = new List<Change>();
            void Compare(string field, object? before, object? after, string format)
            {
                if (!Equals(before, after))
                {
                    changes.Add(new Change(t[field], Format(before, format, none), Format(after, format, none)));
                }
            }

            Compare("Start date", OriginalStartDate, saved.StartDate, "D");
            Compare("Number of days", OriginalDays, saved.Days, string.Empty);
            Compare("Venue", OriginalVenue, saved.Venue, string.Empty);
            Compare("Daily start time", OriginalDailyStart, saved.DailyStart, "t");
            Compare("Daily end time", OriginalDailyEnd, saved.DailyEnd, "t");
            return changes;
        }

        private static string Format(object? value, string format, string none) => value switch
        {
            null => none,
            IFormattable f => f.ToString(format.Length == 0 ? null : format, System.Globalization.CultureInfo.CurrentCulture),
            _ => value.ToString() ?? none,
        };
    }
}
