using System.ComponentModel.DataAnnotations;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Background;
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
/// The home-task presentations at a session: which company presents which task, who presents, on which day and
/// when. Every member of the programme reads them (they are part of the agenda); the coordinator orders them with
/// up/down buttons and sets presenter, day, start and length. Ordering takes the programme's row lock (the same one
/// assigning takes when it appends presentations); a schedule change is checked with the row version (xmin).
/// </summary>
[Authorize]
public sealed class PresentationsModel(AppDbContext db, AccessControl access, SaveFlow save, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public Guid ProgrammeId { get; private set; }

    public string ProgrammeName { get; private set; } = string.Empty;

    public SessionView Session { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public IReadOnlyList<PresentationRow> Presentations { get; private set; } = [];

    /// <summary>The presentation whose schedule form is open (coordinators only).</summary>
    public PresentationRow? Editing { get; private set; }

    /// <summary>Who may present <see cref="Editing"/>: the company's engineers, or the person whose work it is.</summary>
    public IReadOnlyList<(string UserId, string Name)> Presenters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int number, Guid? presentation)
    {
        var refused = await LoadAsync(id, number, manage: false);
        if (refused is not null)
        {
            return refused;
        }

        if (CanManage && Presentations.FirstOrDefault(p => p.Id == presentation) is { } row)
        {
            await OpenAsync(row);
            Input = new InputModel
            {
                PresentationId = row.Id, Version = row.Version, PresenterUserId = row.PresenterUserId,
                Day = row.Day, Start = row.Start, Minutes = row.Minutes,
            };
        }

        return Page();
    }

    public Task<IActionResult> OnPostMoveUpAsync(Guid id, int number, Guid presentation) => MoveAsync(id, number, presentation, -1);

    public Task<IActionResult> OnPostMoveDownAsync(Guid id, int number, Guid presentation) => MoveAsync(id, number, presentation, +1);

    public async Task<IActionResult> OnPostScheduleAsync(Guid id, int number)
    {
        var refused = await LoadAsync(id, number, manage: true);
        if (refused is not null)
        {
            return refused;
        }

        var row = Presentations.FirstOrDefault(p => p.Id == Input.PresentationId);
        if (row is null)
        {
            ModelState.AddModelError(string.Empty, t["This presentation is no longer on the agenda; someone may have changed it."]);
            return Page();
        }

        await OpenAsync(row);
        if (Input.PresenterUserId is { Length: > 0 } presenter && !Presenters.Any(p => p.UserId == presenter))
        {
            ModelState.AddModelError("Input.PresenterUserId", t["Choose an engineer of the company as the presenter."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await save.SaveAsync(this, async () =>
        {
            var entity = save.Expect(await db.Presentations.SingleOrDefaultAsync(p => p.Id == row.Id), Input.Version);
            entity.Schedule(string.IsNullOrEmpty(Input.PresenterUserId) ? null : Input.PresenterUserId, Input.Day, Input.Start, Input.Minutes!.Value, Session.Days);
            return true;
        });
        switch (result)
        {
            case SaveResult.Conflict:
                await LoadPresentationsAsync();
                Input.Version = Presentations.FirstOrDefault(p => p.Id == row.Id)?.Version ?? Input.Version;
                ModelState.AddConflict(t["Someone else changed this presentation while you were editing it, so your changes were not saved. The list shows the saved schedule; your input is kept. Save again to replace it with yours."], "Input.Version");
                return Page();
            case SaveResult.Refused:
                return Page();
        }

        TempData["Success"] = t["The presentation has been scheduled."].Value;
        return RedirectToPage(new { id, number });
    }

    private async Task<IActionResult> MoveAsync(Guid id, int number, Guid presentation, int delta)
    {
        var refused = await LoadAsync(id, number, manage: true);
        if (refused is not null)
        {
            return refused;
        }

        // The buttons post no schedule form: only the move's own refusals count.
        ModelState.Clear();
        var result = await save.SaveLockedAsync(this, LockedRow.Programme, id, async () =>
        {
            var all = await db.Presentations.Where(p => p.ProgrammeId == id && p.SessionNumber == number).ToListAsync();
            PresentationOrder.Move(all, presentation, delta);
            return true;
        });
        if (result != SaveResult.Saved)
        {
            if (result == SaveResult.Conflict)
            {
                ModelState.AddConflict(t["Someone else changed the agenda at the same time; nothing was changed. Check the agenda and try again."]);
            }

            await LoadPresentationsAsync();
            return Page();
        }

        return RedirectToPage(new { id, number });
    }

    private async Task OpenAsync(PresentationRow row)
    {
        Editing = row;
        var engineers = row.CompanyId is { } companyId
            ? await db.ProgrammeMembers.AsNoTracking()
                .Where(m => m.ProgrammeId == ProgrammeId && m.CompanyId == companyId && m.Role == ProgrammeRole.Engineer)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName })
                .ToListAsync()
            : [];
        var people = engineers.Select(e => (e.Id, e.DisplayName)).ToList();
        if (row.PersonUserId is { } person && !people.Exists(p => p.Id == person))
        {
            people.Add((person, row.PersonName ?? string.Empty));
        }

        Presenters = people.DistinctBy(p => p.Item1).OrderBy(p => p.Item2, StringComparer.CurrentCulture).ToList();
    }

    private async Task<IActionResult?> LoadAsync(Guid id, int number, bool manage)
    {
        var found = await SessionView.FindAsync(db, id, number);
        if (found is null)
        {
            return NotFound();
        }

        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!standing.Can(Operation.SeeProgramme, inProgramme) || (manage && !standing.Can(Operation.ManageProgramme, inProgramme)))
        {
            return Forbid();
        }

        ProgrammeId = id;
        ProgrammeName = found.Name;
        Session = found.Session;
        CanManage = standing.Can(Operation.ManageProgramme, inProgramme);
        await LoadPresentationsAsync();
        return null;
    }

    private async Task LoadPresentationsAsync() =>
        Presentations = await PresentationRow.LoadAsync(db, ProgrammeId, Session.Number);

    public sealed class InputModel
    {
        public Guid PresentationId { get; set; }

        public uint Version { get; set; }

        [Display(Name = "Presenter")]
        public string? PresenterUserId { get; set; }

        [Range(1, PlenarySession.MaxDays, ErrorMessage = "The day must be between {1} and {2}.")]
        [Display(Name = "Day")]
        public int? Day { get; set; }

        [Display(Name = "Start time")]
        public TimeOnly? Start { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [Range(Presentation.MinMinutes, Presentation.MaxMinutes, ErrorMessage = "A presentation lasts from {1} to {2} minutes.")]
        [Display(Name = "Minutes")]
        public int? Minutes { get; set; } = 15;
    }
}

/// <summary>One presentation as the presentations page and the session agenda show it, read in one query.</summary>
public sealed record PresentationRow(
    Guid Id,
    int Position,
    Guid? CompanyId,
    string? CompanyName,
    string? PersonUserId,
    string? PersonName,
    string TaskTitle,
    string? PresenterUserId,
    string? PresenterName,
    int? Day,
    TimeOnly? Start,
    int Minutes,
    uint Version)
{
    public TimeOnly? End => Start?.AddMinutes(Minutes);

    /// <summary>"Company", or "Person (Company)" for one person's work.</summary>
    public string Who => TaskPeople.Describe(CompanyName, PersonName);

    public static async Task<IReadOnlyList<PresentationRow>> LoadAsync(AppDbContext db, Guid programmeId, int sessionNumber) =>
        await (
            from p in db.Presentations.AsNoTracking()
            where p.ProgrammeId == programmeId && p.SessionNumber == sessionNumber
            join s in db.Submissions on p.SubmissionId equals s.Id
            join h in db.HomeTasks on s.HomeTaskId equals h.Id
            orderby p.Position
            select new PresentationRow(
                p.Id,
                p.Position,
                s.CompanyId,
                db.Companies.Where(c => c.Id == s.CompanyId).Select(c => c.Name).FirstOrDefault(),
                s.UserId,
                db.Users.Where(u => u.Id == s.UserId).Select(u => u.DisplayName).FirstOrDefault(),
                h.Title,
                p.PresenterUserId,
                db.Users.Where(u => u.Id == p.PresenterUserId).Select(u => u.DisplayName).FirstOrDefault(),
                p.Day,
                p.Start,
                p.Minutes,
                EF.Property<uint>(p, "Version")))
            .ToListAsync();
}
