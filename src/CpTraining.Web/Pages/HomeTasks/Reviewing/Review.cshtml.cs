using System.ComponentModel.DataAnnotations;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using CpTraining.Web.Pages.Balances.Transfer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.HomeTasks.Reviewing;

/// <summary>
/// A trainer reviews the submitted version: reads its text and files and the feedback on earlier versions, writes
/// feedback and accepts the work or returns it for revision (reasons required). The writers are notified in the same
/// transaction. A review taken on a page that someone else changed meanwhile (another reviewer, a resubmission) is
/// refused through the row version and the reviewer's feedback is kept in the form. Reviews are never edited.
/// </summary>
[Authorize]
public sealed class ReviewModel(AppDbContext db, AccessControl access, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The two buttons' values.</summary>
    public const string AcceptDecision = "accept";
    public const string ReturnDecision = "return";

    [BindProperty]
    public InputModel Input { get; set; } = new();

    public SubmissionSummary Summary { get; private set; } = null!;

    public SubmissionRights Rights { get; private set; } = null!;

    /// <summary>All versions, oldest first; the last one is the one under review when the work is submitted.</summary>
    public IReadOnlyList<VersionView> Versions { get; private set; } = [];

    public VersionView? Latest => Versions.Count == 0 ? null : Versions[^1];

    /// <summary>Set after a refused save: the work changed meanwhile and the posted feedback was not saved.</summary>
    public bool Conflict { get; private set; }

    /// <summary>Per version number: the worksheet frozen with it and the comments on its streams.</summary>
    public IReadOnlyDictionary<int, FrozenWorksheetView> FrozenWorksheets { get; private set; } = new Dictionary<int, FrozenWorksheetView>();

    /// <summary>The options register frozen in each version that carried it, by version number.</summary>
    public IReadOnlyDictionary<int, Domain.Options.OptionsRegisterSnapshot> FrozenOptions { get; private set; } = new Dictionary<int, Domain.Options.OptionsRegisterSnapshot>();

    /// <summary>A comment on one stream of a version's frozen worksheet (the forms beside the streams).</summary>
    [BindProperty]
    public CommentModel Comment { get; set; } = new();

    public bool MayDecide => Summary.Status == SubmissionStatus.Submitted && Latest is not null;

    public async Task<IActionResult> OnGetAsync(Guid submissionId)
    {
        var refused = await AuthorizeAsync(submissionId);
        if (refused is not null)
        {
            return refused;
        }

        await LoadAsync(submissionId);
        Input = new InputModel { Version = Summary.Version, VersionNumber = Latest?.Number ?? 0 };
        return Page();
    }

    /// <summary>Accepts the work or returns it for revision (the decision form's two buttons).</summary>
    public async Task<IActionResult> OnPostDecideAsync(Guid submissionId)
    {
        var refused = await AuthorizeAsync(submissionId);
        if (refused is not null)
        {
            return refused;
        }

        if (Input.Decision is not (AcceptDecision or ReturnDecision))
        {
            ModelState.AddModelError(string.Empty, t["Choose “Accept” or “Return for revision”."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(submissionId);
            return Page();
        }

        var returning = Input.Decision == ReturnDecision;
        var result = await save.SaveAsync(this, async () =>
        {
            var submission = await db.Submissions
                .Include(s => s.Versions)
                .Include(s => s.Reviews)
                .AsSplitQuery()
                .SingleAsync(s => s.Id == submissionId);

            // The form reviewed the work as it was then; anything since (another review, a resubmission) wins. Checked
            // here so the reviewer hears what happened, and again by the database (xmin) when saving.
            save.Expect(submission, Input.Version);
            if (submission.LatestVersion?.Number != Input.VersionNumber)
            {
                throw new StaleFormException();
            }

            var now = time.GetUtcNow();
            // The writers' notification and the audit entry follow from the review's event (Events).
            _ = returning
                ? submission.Return(Input.Feedback, Rights.UserId, now)
                : submission.Accept(Input.Feedback, Rights.UserId, now);
            return true;
        });
        switch (result)
        {
            case SaveResult.Conflict:
                return await ConflictAsync(submissionId);
            case SaveResult.Refused:
                await LoadAsync(submissionId);
                return Page();
        }

        var owner = (await SubmissionSummary.LoadAsync(db, submissionId)).Owner;
        TempData["Success"] = (returning
            ? t["The work has been returned for revision; {0} will be notified.", owner]
            : t["The work has been accepted; {0} will be notified.", owner]).Value;
        return RedirectToPage(new { submissionId });
    }

    /// <summary>
    /// Comments on one stream of the worksheet frozen in a version. Comments are added, never edited, and do not
    /// touch the work's row version, so they never conflict with a decision being written.
    /// </summary>
    public async Task<IActionResult> OnPostCommentAsync(Guid submissionId)
    {
        var refused = await AuthorizeAsync(submissionId);
        if (refused is not null)
        {
            return refused;
        }

        // Only the comment's fields matter here; the decision form's fields are not posted.
        foreach (var key in ModelState.Keys.Where(k => !k.StartsWith("Comment.", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (!ModelState.IsValid)
        {
            // The comment forms sit in a table: their errors are shown above the page.
            var message = ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage).FirstOrDefault(m => m.Length > 0) ?? t["The comment could not be read."];
            ModelState.AddModelError(string.Empty, message);
            await LoadAsync(submissionId);
            Input = new InputModel { Version = Summary.Version, VersionNumber = Latest?.Number ?? 0 };
            return Page();
        }

        var result = await save.SaveAsync(this, async () =>
        {
            var submission = await db.Submissions.Include(s => s.Versions).AsSplitQuery().SingleAsync(s => s.Id == submissionId);
            db.StreamComments.Add(submission.CommentOnStream(Comment.VersionNumber, Comment.StreamId, Comment.Text, Rights.UserId, time.GetUtcNow()));
            return true;
        }, FormFields.AllAbove);
        if (result != SaveResult.Saved)
        {
            await LoadAsync(submissionId);
            Input = new InputModel { Version = Summary.Version, VersionNumber = Latest?.Number ?? 0 };
            return Page();
        }

        TempData["Success"] = t["Your comment on the stream has been saved."].Value;
        return RedirectToPage(new { submissionId });
    }

    /// <summary>The work changed after the page was opened: nothing was saved; show it as it is now and keep the feedback.</summary>
    private async Task<IActionResult> ConflictAsync(Guid submissionId)
    {
        await LoadAsync(submissionId);
        Conflict = true;

        // The form now carries the current row version: deciding again is a deliberate choice on what is shown.
        Input.Version = Summary.Version;
        Input.VersionNumber = Latest?.Number ?? 0;
        ModelState.AddConflict(
            t["Someone else reviewed or changed this work while you were reading it, so your decision was not saved. Its current state is shown below; your feedback is kept."],
            "Input.Version",
            "Input.VersionNumber");
        return Page();
    }

    private async Task<IActionResult?> AuthorizeAsync(Guid submissionId)
    {
        var rights = await SubmissionRights.LoadAsync(db, access, submissionId);
        if (rights is null)
        {
            return NotFound();
        }

        if (!rights.MayReview)
        {
            return Forbid();
        }

        Rights = rights;
        return null;
    }

    private async Task LoadAsync(Guid submissionId)
    {
        Summary = await SubmissionSummary.LoadAsync(db, submissionId);
        Versions = await SubmissionHistory.LoadAsync(db, submissionId, t["(unknown)"]);
        FrozenWorksheets = await Balances.Transfer.FrozenWorksheets.LoadAsync(db, submissionId, Summary.Zone, t["(unknown)"]);
        FrozenOptions = await db.SubmissionVersions.AsNoTracking()
            .Where(v => v.SubmissionId == submissionId && v.Options != null)
            .ToDictionaryAsync(v => v.Number, v => v.Options!);
    }

    public sealed class CommentModel
    {
        public int VersionNumber { get; set; }

        public Guid StreamId { get; set; }

        [StringLength(StreamComment.TextMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Comment")]
        public string? Text { get; set; }
    }

    public sealed class InputModel
    {
        [StringLength(Submission.FeedbackMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Feedback")]
        public string? Feedback { get; set; }

        /// <summary>Which button was pressed: <see cref="AcceptDecision"/> or <see cref="ReturnDecision"/>.</summary>
        public string? Decision { get; set; }

        /// <summary>The submission's row version (xmin) when the page was opened.</summary>
        public uint Version { get; set; }

        /// <summary>The version number the reviewer read.</summary>
        public int VersionNumber { get; set; }
    }
}
