using System.ComponentModel.DataAnnotations;
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

namespace CpTraining.Web.Pages.HomeTasks.Reviewing;

/// <summary>
/// Grants a company (or person) more time on a home task, with a reason. The company's trainer extends up to the
/// cut-off while it has not passed; a coordinator also beyond it and after it, which reopens closed work. The rules
/// are the domain's (<see cref="Submission.GrantExtension"/>), judged on today's date at the programme's venue.
/// </summary>
[Authorize]
public sealed class ExtensionModel(AppDbContext db, AccessControl access, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public SubmissionSummary Summary { get; private set; } = null!;

    public SubmissionRights Rights { get; private set; } = null!;

    /// <summary>Today at the programme's venue.</summary>
    public DateOnly Today { get; private set; }

    public bool IsOpen => Summary.Status is SubmissionStatus.NotStarted or SubmissionStatus.Draft or SubmissionStatus.Returned;

    /// <summary>Past the cut-off and not handed in: only a coordinator can reopen it.</summary>
    public bool IsClosed => Summary.Status is SubmissionStatus.NotStarted or SubmissionStatus.Draft && Summary.ClosesAfter is { } last && Today > last;

    /// <summary>Set after a refused save: someone else changed the work meanwhile.</summary>
    public bool Conflict { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid submissionId)
    {
        var refused = await LoadAsync(submissionId);
        if (refused is not null)
        {
            return refused;
        }

        Input = new InputModel { Version = Summary.Version };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid submissionId)
    {
        var refused = await LoadAsync(submissionId);
        if (refused is not null)
        {
            return refused;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await save.SaveAsync(this, async () =>
        {
            var submission = save.Expect(await db.Submissions.SingleAsync(s => s.Id == submissionId), Input.Version);
            submission.GrantExtension(Input.Until!.Value, Input.Reason, Rights.UserId, Rights.IsCoordinator, Today);
            return true;
        });
        switch (result)
        {
            case SaveResult.Conflict:
                Summary = await SubmissionSummary.LoadAsync(db, submissionId);
                Conflict = true;
                Input.Version = Summary.Version;
                ModelState.AddConflict(t["Someone else changed this work while you were editing, so the extension was not saved. Its current dates are shown; your input is kept. Save again to grant it."], "Input.Version");
                return Page();
            case SaveResult.Refused:
                return Page();
        }

        TempData["Success"] = t["{0} has an extension until {1:D}.", Summary.Owner, Input.Until!.Value].Value;
        return RedirectToPage(new { submissionId });
    }


    private async Task<IActionResult?> LoadAsync(Guid submissionId)
    {
        var rights = await SubmissionRights.LoadAsync(db, access, submissionId);
        if (rights is null)
        {
            return NotFound();
        }

        if (!rights.MayExtend)
        {
            return Forbid();
        }

        Rights = rights;
        Summary = await SubmissionSummary.LoadAsync(db, submissionId);
        Today = time.TodayIn(Summary.TimeZoneId);
        return null;
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter a date.")]
        [Display(Name = "New due date")]
        public DateOnly? Until { get; set; }

        [Required(ErrorMessage = "Give the reason for the extension.")]
        [StringLength(Submission.ReasonMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Reason")]
        public string? Reason { get; set; }

        /// <summary>The submission's row version (xmin) when the form was opened.</summary>
        public uint Version { get; set; }
    }
}
