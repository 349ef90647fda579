using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.HomeTasks;

/// <summary>
/// The programme's task templates per "after session": the coordinator edits, adds, removes and reorders them
/// before assigning, and can restore the standard Norwegian-model set when the programme has none. Trainers read
/// them (they assign from them). Edits of one template are checked with its row version (xmin); adding, moving and
/// removing take the programme's row lock so positions stay 1..n without gaps.
/// </summary>
[Authorize]
public sealed class TemplatesModel(AppDbContext db, AccessControl access, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public TaskProgramme Programme { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public IReadOnlyList<TemplateRow> Templates { get; private set; } = [];

    /// <summary>The template being edited, or null when the form adds a new one.</summary>
    public Guid? EditingId { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? template, int? after)
    {
        var refused = await LoadAsync(id, manage: false);
        if (refused is not null)
        {
            return refused;
        }

        var existing = Templates.FirstOrDefault(r => r.Id == template);
        if (existing is not null && CanManage)
        {
            EditingId = existing.Id;
            Input = new InputModel
            {
                TemplateId = existing.Id, AfterSession = existing.AfterSession, Title = existing.Title,
                Instructions = existing.Instructions, IsPresented = existing.IsPresented, Attach = AttachmentChoice.Of(existing.Attachments), Version = existing.Version,
            };
        }
        else
        {
            Input = new InputModel { AfterSession = after is { } a && Programme.HasTasksAfter(a) ? a : 1, IsPresented = true };
        }

        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id)
    {
        var refused = await LoadAsync(id, manage: true);
        if (refused is not null)
        {
            return refused;
        }

        EditingId = Input.TemplateId;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await save.SaveLockedAsync(this, LockedRow.Programme, id, async () =>
        {
            if (Input.TemplateId is { } templateId)
            {
                var template = save.Expect(await db.TaskTemplates.SingleOrDefaultAsync(x => x.Id == templateId && x.ProgrammeId == id), Input.Version);
                template.Change(Input.Title, Input.Instructions, Input.IsPresented);
                template.ChangeAttachments(Input.Attach.ToFlags());
            }
            else
            {
                var after = Input.AfterSession!.Value;
                var last = await db.TaskTemplates.Where(x => x.ProgrammeId == id && x.AfterSession == after).MaxAsync(x => (int?)x.Position) ?? 0;
                db.TaskTemplates.Add(TaskTemplate.Create(id, after, last + 1, Input.Title, Input.Instructions, Input.IsPresented, Programme.SessionCount, Input.Attach.ToFlags()));
            }

            return true;
        });
        switch (result)
        {
            case SaveResult.Conflict:
                await LoadTemplatesAsync(id);
                if (Templates.FirstOrDefault(r => r.Id == Input.TemplateId) is { } saved)
                {
                    // Saving again replaces their version with this one, knowingly.
                    Input.Version = saved.Version;
                    ModelState.Remove("Input.Version");
                }
                else
                {
                    ModelState.Remove("Input.TemplateId");
                    Input.TemplateId = null;
                    EditingId = null;
                }

                ModelState.AddConflict(t["Someone else changed or removed this task template while you were editing it, so your changes were not saved. Your text is kept below; the list shows the saved templates."]);
                return Page();
            case SaveResult.Refused:
                return Page();
        }

        TempData["Success"] = t["The task template has been saved."].Value;
        return RedirectToPage(new { id });
    }

    public Task<IActionResult> OnPostMoveUpAsync(Guid id, Guid template) => ChangeAsync(id, template, -1);

    public Task<IActionResult> OnPostMoveDownAsync(Guid id, Guid template) => ChangeAsync(id, template, +1);

    public Task<IActionResult> OnPostRemoveAsync(Guid id, Guid template) => ChangeAsync(id, template, 0);

    /// <summary>Adds the standard set, only while the programme has no templates at all (so nothing is doubled).</summary>
    public async Task<IActionResult> OnPostRestoreAsync(Guid id)
    {
        var refused = await LoadAsync(id, manage: true);
        if (refused is not null)
        {
            return refused;
        }

        var added = false;
        await db.InLockedTransactionAsync(LockedRow.Programme, id, async () =>
        {
            if (await db.TaskTemplates.AnyAsync(x => x.ProgrammeId == id))
            {
                return false;
            }

            db.TaskTemplates.AddRange(TaskTemplate.StandardSet(id, Programme.Language, Programme.SessionCount));
            db.Record(time, ActorId, id, "task-templates.restored", Programme.Name);
            added = true;
            return true;
        });
        if (!added)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, t["The standard tasks can only be restored when the programme has no task templates."]);
            await LoadTemplatesAsync(id);
            return Page();
        }

        TempData["Success"] = t["The standard task templates have been restored."].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Moves a template one place within its session (delta ±1) or removes it (delta 0); positions are renumbered.</summary>
    private async Task<IActionResult> ChangeAsync(Guid id, Guid templateId, int delta)
    {
        var refused = await LoadAsync(id, manage: true);
        if (refused is not null)
        {
            return refused;
        }

        var found = true;
        await db.InLockedTransactionAsync(LockedRow.Programme, id, async () =>
        {
            var template = await db.TaskTemplates.SingleOrDefaultAsync(x => x.Id == templateId && x.ProgrammeId == id);
            if (template is null)
            {
                found = false;
                return false;
            }

            var siblings = await db.TaskTemplates
                .Where(x => x.ProgrammeId == id && x.AfterSession == template.AfterSession)
                .OrderBy(x => x.Position)
                .ToListAsync();
            var index = siblings.IndexOf(template);
            if (delta == 0)
            {
                siblings.RemoveAt(index);
                db.TaskTemplates.Remove(template);
                db.Record(time, ActorId, id, "task-template.removed", template.Title);
            }
            else if (index + delta >= 0 && index + delta < siblings.Count)
            {
                (siblings[index], siblings[index + delta]) = (siblings[index + delta], siblings[index]);
            }

            for (var i = 0; i < siblings.Count; i++)
            {
                if (siblings[i].Position != i + 1)
                {
                    siblings[i].MoveTo(i + 1);
                }
            }

            return true;
        });
        if (!found)
        {
            ModelState.Clear();
            ModelState.AddModelError(string.Empty, t["This task template no longer exists; someone may have removed it."]);
            await LoadTemplatesAsync(id);
            return Page();
        }

        return RedirectToPage(new { id });
    }

    private string ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private async Task<IActionResult?> LoadAsync(Guid id, bool manage)
    {
        var programme = await TaskProgramme.LoadAsync(db, id);
        if (programme is null)
        {
            return NotFound();
        }

        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!standing.Can(Operation.SeeAllCompanies, inProgramme) || (manage && !standing.Can(Operation.ManageProgramme, inProgramme)))
        {
            return Forbid();
        }

        Programme = programme;
        CanManage = standing.Can(Operation.ManageProgramme, inProgramme);
        await LoadTemplatesAsync(id);
        return null;
    }

    private async Task LoadTemplatesAsync(Guid id) =>
        Templates = await db.TaskTemplates.AsNoTracking()
            .Where(x => x.ProgrammeId == id)
            .OrderBy(x => x.AfterSession).ThenBy(x => x.Position)
            .Select(x => new TemplateRow(x.Id, x.AfterSession, x.Position, x.Title, x.Instructions, x.IsPresented, x.Attachments, EF.Property<uint>(x, "Version")))
            .ToListAsync();

    public sealed record TemplateRow(Guid Id, int AfterSession, int Position, string Title, string Instructions, bool IsPresented, TaskAttachments Attachments, uint Version);

    public sealed class InputModel
    {
        public Guid? TemplateId { get; set; }

        public uint Version { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [Display(Name = "Given after session")]
        public int? AfterSession { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [StringLength(TaskTemplate.TitleMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Title")]
        public string Title { get; set; } = string.Empty;

        [StringLength(TaskTemplate.InstructionsMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Instructions (Markdown)")]
        public string? Instructions { get; set; }

        [Display(Name = "Presented at the next session")]
        public bool IsPresented { get; set; }

        public AttachmentChoice Attach { get; set; } = new();
    }
}
