using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using CpTraining.Web.Background;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.HomeTasks;

/// <summary>
/// Moves a task's due date and cut-off for everyone it was given to (each company's extension stays), and changes what
/// engineers attach to it (a balance worksheet, their options register). Only the
/// programme's coordinators and administrators: the dates are a programme-wide decision, while trainers help one
/// company with an extension on the company's own work. Two people changing the dates at once: the second save is
/// refused (xmin) and shown the saved dates, with their own input kept.
/// </summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class EditModel(AppDbContext db, AccessControl access, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public TaskProgramme Programme { get; private set; } = null!;

    public SavedTask Saved { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid taskId)
    {
        var refused = await LoadAsync(id, taskId);
        if (refused is not null)
        {
            return refused;
        }

        Input = new InputModel { DueDate = Saved.DueDate, CutOff = Saved.CutOff, Attach = AttachmentChoice.Of(Saved.Attachments), Version = Saved.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid taskId)
    {
        var refused = await LoadAsync(id, taskId);
        if (refused is not null)
        {
            return refused;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await save.SaveLockedAsync(this, LockedRow.Programme, id, async () =>
        {
            var task = save.Expect(await db.HomeTasks.SingleAsync(h => h.Id == taskId), Input.Version);
            var (dueBefore, cutOffBefore, attachBefore) = (task.DueDate, task.CutOff, task.Attachments);
            task.ChangeDates(Input.DueDate!.Value, Input.CutOff, time.TodayIn(Programme.TimeZoneId));
            task.ChangeAttachments(Input.Attach.ToFlags());
            var actor = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
            if (task.Attachments != attachBefore)
            {
                db.Record(time, actor, id, "task.attachments-changed", task.Title, attachBefore.ToString(), task.Attachments.ToString());
            }

            if (task.DueDate == dueBefore && task.CutOff == cutOffBefore)
            {
                return task.Attachments != attachBefore;
            }

            foreach (var submission in await db.Submissions.Where(s => s.HomeTaskId == taskId).ToListAsync())
            {
                submission.ChangeDates(task.DueDate, task.CutOff);
            }

            db.Record(time, actor, id, "task.dates-changed", task.Title, Dates(dueBefore, cutOffBefore), Dates(task.DueDate, task.CutOff));
            return true;
        });
        switch (result)
        {
            case SaveResult.Conflict:
                await LoadAsync(id, taskId);
                Input.Version = Saved.Version;
                ModelState.AddConflict(t["Someone else changed this task's dates while you were editing them, so your changes were not saved. The saved dates are shown above; your input is kept. Save again to replace them with yours."], "Input.Version");
                return Page();
            case SaveResult.Refused:
                return Page();
        }

        TempData["Success"] = t["The dates of “{0}” have been saved.", Saved.Title].Value;
        return RedirectToPage("/Programmes/HomeTasks/Index", new { id });
    }

    private static string Dates(DateOnly due, DateOnly? cutOff) =>
        "due " + TaskNotifier.IsoDate(due) + (cutOff is { } c ? "; cut-off " + c.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty);

    private async Task<IActionResult?> LoadAsync(Guid id, Guid taskId)
    {
        var programme = await TaskProgramme.LoadAsync(db, id);
        var task = programme is null
            ? null
            : await db.HomeTasks.AsNoTracking()
                .Where(h => h.Id == taskId && h.ProgrammeId == id)
                .Select(h => new SavedTask(h.Id, h.Title, h.AfterSession, h.DueDate, h.CutOff, h.Attachments, EF.Property<uint>(h, "Version")))
                .SingleOrDefaultAsync();
        if (programme is null || task is null)
        {
            return NotFound();
        }

        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!standing.Can(Operation.ManageProgramme, inProgramme))
        {
            return Forbid();
        }

        Programme = programme;
        Saved = task;
        return null;
    }

    public sealed record SavedTask(Guid Id, string Title, int AfterSession, DateOnly DueDate, DateOnly? CutOff, Domain.HomeTasks.TaskAttachments Attachments, uint Version);

    public sealed class InputModel
    {
        public uint Version { get; set; }

        [Required(ErrorMessage = "Enter a date.")]
        [Display(Name = "Due date")]
        public DateOnly? DueDate { get; set; }

        [Display(Name = "Cut-off (optional)")]
        public DateOnly? CutOff { get; set; }

        public AttachmentChoice Attach { get; set; } = new();
    }
}
