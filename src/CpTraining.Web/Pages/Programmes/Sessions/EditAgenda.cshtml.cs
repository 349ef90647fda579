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

/// <summary>The programme's coordinators add, change, reorder and remove agenda items of a session.</summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class EditAgendaModel(AppDbContext db, AccessControl access, SaveFlow save, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public AgendaView Agenda { get; private set; } = null!;

    /// <summary>The item being edited, or null when the form adds a new one.</summary>
    public Guid? EditingId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int number, Guid? item)
    {
        var denied = await LoadAsync(id, number);
        if (denied is not null)
        {
            return denied;
        }

        var existing = Agenda.Items.FirstOrDefault(i => i.Id == item);
        if (existing is not null)
        {
            EditingId = existing.Id;
            var version = await db.AgendaItems.AsNoTracking().Where(i => i.Id == existing.Id).Select(i => EF.Property<uint>(i, "Version")).SingleAsync();
            Input = new InputModel
            {
                ItemId = existing.Id, Day = existing.Day, Start = existing.Start, End = existing.End,
                Topic = existing.Topic, Presenter = existing.Presenter, Version = version,
            };
        }
        else
        {
            Input = new InputModel { Day = 1 };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id, int number)
    {
        var denied = await LoadAsync(id, number);
        if (denied is not null)
        {
            return denied;
        }

        EditingId = Input.ItemId;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await SaveLockedAsync(id, number, session =>
        {
            if (Input.ItemId is { } itemId)
            {
                // An item that is not in this session is the domain's to refuse ("no longer exists").
                if (session.Agenda.SingleOrDefault(i => i.Id == itemId) is { } item)
                {
                    save.Expect(item, Input.Version);
                }

                session.ChangeAgendaItem(itemId, Input.Day!.Value, Input.Topic, Input.Start, Input.End, Input.Presenter);
            }
            else
            {
                session.AddAgendaItem(Input.Day!.Value, Input.Topic, Input.Start, Input.End, Input.Presenter);
            }
        });
        switch (result)
        {
            case SaveResult.Conflict:
                ModelState.AddConflict(t["Someone else changed or removed this agenda item while you were editing it, so your changes were not saved. The agenda above shows the saved state; open the item again to edit it."]);
                await LoadAsync(id, number);
                return Page();
            case SaveResult.Refused:
                return Page();
        }

        TempData["Success"] = t["The agenda has been saved."].Value;
        return RedirectToPage(new { id, number });
    }

    public Task<IActionResult> OnPostMoveUpAsync(Guid id, int number, Guid item) =>
        ChangeAsync(id, number, session => session.MoveAgendaItem(item, -1));

    public Task<IActionResult> OnPostMoveDownAsync(Guid id, int number, Guid item) =>
        ChangeAsync(id, number, session => session.MoveAgendaItem(item, +1));

    public Task<IActionResult> OnPostRemoveAsync(Guid id, int number, Guid item) =>
        ChangeAsync(id, number, session => session.RemoveAgendaItem(item));

    private async Task<IActionResult> ChangeAsync(Guid id, int number, Action<PlenarySession> change)
    {
        var denied = await LoadAsync(id, number);
        if (denied is not null)
        {
            return denied;
        }

        // The buttons post no item form: only the change's own refusals count.
        ModelState.Clear();
        switch (await SaveLockedAsync(id, number, change))
        {
            case SaveResult.Conflict:
                ModelState.AddConflict(t["Someone else changed the agenda at the same time; nothing was changed. Check the agenda and try again."]);
                await LoadAsync(id, number);
                return Page();
            case SaveResult.Refused:
                return Page();
        }

        return RedirectToPage(new { id, number });
    }

    /// <summary>
    /// Applies an agenda change under the programme's row lock, the same lock rescheduling takes, so an item
    /// cannot be added to a day that a simultaneous reschedule is removing, and positions stay unique.
    /// </summary>
    private Task<SaveResult> SaveLockedAsync(Guid id, int number, Action<PlenarySession> change) =>
        save.SaveLockedAsync(this, LockedRow.Programme, id, async () =>
        {
            change(await db.Sessions.Include(s => s.Agenda).SingleAsync(s => s.ProgrammeId == id && s.Number == number));
            return true;
        });

    private async Task<IActionResult?> LoadAsync(Guid id, int number)
    {
        var agenda = await AgendaView.LoadAsync(db, id, number);
        if (agenda is null)
        {
            return NotFound();
        }

        if (!await access.CanAsync(Operation.ManageProgramme, new ProgrammeResource(id)))
        {
            return Forbid();
        }

        Agenda = agenda;
        return null;
    }

    public sealed class InputModel
    {
        public Guid? ItemId { get; set; }

        public uint Version { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [Range(1, PlenarySession.MaxDays, ErrorMessage = "The day must be between {1} and {2}.")]
        [Display(Name = "Day")]
        public int? Day { get; set; }

        [Display(Name = "Start time")]
        public TimeOnly? Start { get; set; }

        [Display(Name = "End time")]
        public TimeOnly? End { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [StringLength(AgendaItem.TopicMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Topic")]
        public string Topic { get; set; } = string.Empty;

        [StringLength(AgendaItem.PresenterMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Presenter")]
        public string? Presenter { get; set; }
    }
}
