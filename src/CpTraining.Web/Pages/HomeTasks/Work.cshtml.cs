using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.HomeTasks;

/// <summary>
/// The work page of one company's (or person's) home task (<see cref="WorkView"/>) and — for the people who write it,
/// while it is editable — one form to write the Markdown answer, preview it, attach files, save the draft and submit.
/// </summary>
/// <remarks>
/// <para>Nothing the writer typed is ever lost: refused files, broken rules and a conflicting save all re-render the
/// form with the posted text. A save checks the row version the form was opened with (xmin, <see cref="SaveFlow"/>),
/// so the second of two engineers saving the same draft is shown the first one's text to merge instead of
/// overwriting it.</para>
/// <para>Files go through the upload pipeline (<see cref="Uploads"/>): the form is read by the handlers after the
/// rights are checked, within <see cref="MaxRequestBytes"/> (10 files of 20 MB plus the text; a request over it is
/// answered 413 with a message), every file is inspected before anything is written, and the files are stored in the
/// same transaction as the draft or version: if any part fails, nothing is saved and no file is left behind.
/// wwwroot/js/upload-limits.js checks sizes and count in the browser before anything is sent.</para>
/// </remarks>
[Authorize]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class WorkModel(
    AppDbContext db,
    AccessControl access,
    IAntiforgery antiforgery,
    SaveFlow save,
    TimeProvider time,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Bytes: 10 files of 20 MB each and 1 MB for the text and the form's other fields.</summary>
    public const long MaxRequestBytes = (FileInspector.MaxFileBytes * FileInspector.MaxFilesPerSubmission) + (1024 * 1024);

    /// <summary>Bound by the handlers after the form has been read within the limits.</summary>
    public WorkForm Input { get; set; } = new();

    public SubmissionRights Rights { get; private set; } = null!;

    public WorkView View { get; private set; } = null!;

    /// <summary>The posted text to render as a preview (Preview button); nothing was saved.</summary>
    public string? Preview { get; private set; }

    /// <summary>What someone else saved meanwhile, shown beside the user's kept text to merge.</summary>
    public WorkView.ConflictView? Conflict { get; private set; }

    /// <summary>Files were chosen in a post that saved nothing: the browser cannot keep them, so the user is told to choose them again.</summary>
    public bool ChosenFilesNotKept { get; private set; }

    /// <summary>The posted text could not be put back in the form (it was not saved): shown read-only so it can be copied.</summary>
    public string? UnsavedText { get; private set; }

    private bool FilesChosen => Uploads.Chosen(Request, "Input.Files").Count > 0;

    private Guid RouteSubmissionId => Guid.Parse((string)RouteData.Values["submissionId"]!);

    public async Task<IActionResult> OnGetAsync(Guid submissionId)
    {
        var rights = await SubmissionRights.LoadAsync(db, access, submissionId);
        if (rights is null)
        {
            return NotFound();
        }

        if (!rights.MayView)
        {
            return Forbid();
        }

        Rights = rights;
        View = await WorkView.LoadAsync(db, t, time, Rights, submissionId);
        Input = new WorkForm { Text = View.CurrentText, Version = View.Version, IdempotencyKey = Guid.NewGuid() };
        return Page();
    }

    /// <summary>Re-renders the form with the text rendered beside it; nothing is saved.</summary>
    public async Task<IActionResult> OnPostPreviewAsync()
    {
        var refused = await PrepareAsync(RouteSubmissionId);
        if (refused is not null)
        {
            return refused;
        }

        Preview = Input.Text ?? string.Empty;
        ChosenFilesNotKept = FilesChosen;
        return Page();
    }

    // The POST handlers take no parameters: binding one would read the form before the handler can check its size.
    public Task<IActionResult> OnPostSaveAsync() => SaveAsync(RouteSubmissionId, submit: false);

    public Task<IActionResult> OnPostSubmitAsync() => SaveAsync(RouteSubmissionId, submit: true);

    /// <summary>
    /// Attaches one of the company's worksheets in the programme; a worksheet of another company or programme (a
    /// forged id) is refused by <see cref="Submission.AttachWorksheet"/> and nothing is written.
    /// </summary>
    public Task<IActionResult> OnPostAttachAsync() => AttachAsync(RouteSubmissionId, new WorkAttachment(Options: false, Detach: false));

    public Task<IActionResult> OnPostDetachAsync() => AttachAsync(RouteSubmissionId, new WorkAttachment(Options: false, Detach: true));

    /// <summary>Attaches the company's options register: each submitted version then freezes it, with its evaluations.</summary>
    public Task<IActionResult> OnPostAttachOptionsAsync() => AttachAsync(RouteSubmissionId, new WorkAttachment(Options: true, Detach: false));

    public Task<IActionResult> OnPostDetachOptionsAsync() => AttachAsync(RouteSubmissionId, new WorkAttachment(Options: true, Detach: true));

    private async Task<IActionResult> AttachAsync(Guid submissionId, WorkAttachment attachment)
    {
        var refused = await PrepareAsync(submissionId);
        if (refused is not null)
        {
            return refused;
        }

        // The Attach and Detach buttons submit the answer form, so the text typed since the last save is saved with
        // the worksheet instead of being lost. A post without the text (an older page) changes the worksheet only.
        var textPosted = Request.Form.ContainsKey("Input.Text");
        if (!textPosted)
        {
            Input = new WorkForm { Text = View.CurrentText, Version = Input.Version, IdempotencyKey = Input.IdempotencyKey == Guid.Empty ? Guid.NewGuid() : Input.IdempotencyKey };
        }

        var worksheetId = Guid.TryParse(Request.Form["WorksheetId"], out var id) ? id : (Guid?)null;
        if (attachment is { Options: false, Detach: false } && worksheetId is null)
        {
            ModelState.AddModelError("WorksheetId", t["Choose a worksheet to attach."]);
        }

        if (attachment is { Options: true, Detach: false } && !View.TakesOptions)
        {
            ModelState.AddModelError(string.Empty, t["This task does not ask for the options register."]);
        }

        if (!ModelState.IsValid)
        {
            return Refused();
        }

        var today = time.TodayIn(View.Zone.Id);
        var result = await save.SaveAsync(this, async () =>
        {
            var submission = await db.Submissions.SingleAsync(s => s.Id == submissionId);
            if (textPosted && (Input.Text ?? string.Empty) != (View.CurrentText ?? string.Empty))
            {
                // Saved as a draft would be: someone else's save since the page was opened is a conflict.
                save.Expect(submission, Input.Version);
                submission.SaveDraft(Input.Text, submission.DraftFileIds, Rights.UserId, time.GetUtcNow(), today);
            }

            var before = attachment.Options ? null : View.AttachedWorksheet?.Name;
            return await attachment.ApplyAsync(db, submission, worksheetId, today, ModelState, t, (action, after) =>
                db.Record(time, Rights.UserId, submission.ProgrammeId, action, View.AuditSubject, before, after));
        }, new FormFields().Unprefixed("WorksheetId"));
        switch (result)
        {
            case SaveResult.Conflict when textPosted:
                return await ConflictAsync(submissionId);
            case SaveResult.Conflict:
                ModelState.AddModelError("WorksheetId", t["Someone else changed this work meanwhile; nothing was changed. Try again."]);
                View = await WorkView.LoadAsync(db, t, time, Rights, submissionId);
                return Page();
            case SaveResult.Refused:
                return Refused();
        }

        TempData["Success"] = attachment.Done(t);
        return RedirectToPage(new { submissionId });
    }

    private async Task<IActionResult> SaveAsync(Guid submissionId, bool submit)
    {
        var refused = await PrepareAsync(submissionId);
        if (refused is not null || !ModelState.IsValid)
        {
            return refused ?? Refused();
        }

        var chosen = Uploads.Chosen(Request, "Input.Files");
        if (chosen.Count > FileInspector.MaxFilesPerSubmission)
        {
            ModelState.AddModelError("Input.Files", t["You chose {0} files; attach at most {1} files to one submission.", chosen.Count, FileInspector.MaxFilesPerSubmission]);
            return Refused();
        }

        var inspected = Uploads.Inspect(chosen, ModelState, t, "Input.Files");
        if (!ModelState.IsValid)
        {
            return Refused();
        }

        var (result, madeVersion, replayed) = await new WorkSubmission(db, save, time).SaveAsync(this, View, Rights.UserId, Input, inspected, submit);
        switch (result)
        {
            case SaveResult.Conflict:
                return await ConflictAsync(submissionId);
            case SaveResult.Refused:
                View = await WorkView.LoadAsync(db, t, time, Rights, submissionId);
                return Refused();
        }

        TempData["Success"] = submit
            ? replayed
                ? t["This form had already been submitted; it was submitted once."].Value
                : t["Version {0} has been submitted. It is locked until the trainer reviews it.", madeVersion ?? 0].Value
            : t["Your draft has been saved."].Value;
        return RedirectToPage(new { submissionId });
    }

    /// <summary>
    /// Checks that the user writes this work (404 unknown, refused otherwise, before the body is read), reads the
    /// form within the limits (<see cref="Uploads.ReadFormAsync"/>) and binds it; loads what the page shows.
    /// </summary>
    private async Task<IActionResult?> PrepareAsync(Guid submissionId)
    {
        var rights = await SubmissionRights.LoadAsync(db, access, submissionId);
        if (rights is null)
        {
            return NotFound();
        }

        if (!rights.MayWork)
        {
            return Forbid();
        }

        Rights = rights;
        var refused = await Uploads.ReadFormAsync(this, antiforgery, MaxRequestBytes, () => TooLargeAsync(submissionId));
        if (refused is not null)
        {
            return refused;
        }

        await TryUpdateModelAsync(Input, "Input");
        View = await WorkView.LoadAsync(db, t, time, Rights, submissionId);
        return null;
    }

    /// <summary>The page with a message; the text could not be read back, so the saved draft is shown.</summary>
    private async Task<IActionResult> TooLargeAsync(Guid submissionId)
    {
        View = await WorkView.LoadAsync(db, t, time, Rights, submissionId);
        Input = new WorkForm { Text = View.CurrentText, Version = View.Version, IdempotencyKey = Guid.NewGuid() };
        ModelState.AddModelError(string.Empty, t[
            "The upload was too large (more than {0} MB at once), so nothing was saved and your text could not be read back. Attach at most {1} files of at most {2} MB each, and save your text before adding large files.",
            MaxRequestBytes / 1024 / 1024,
            FileInspector.MaxFilesPerSubmission,
            FileInspector.MaxFileBytes / 1024 / 1024]);
        return Page();
    }

    /// <summary>Someone else saved first: their text beside the user's kept text; the next save replaces theirs.</summary>
    private async Task<IActionResult> ConflictAsync(Guid submissionId)
    {
        View = await WorkView.LoadAsync(db, t, time, Rights, submissionId);
        Conflict = new WorkView.ConflictView(View.CurrentText, View.LastSavedBy, View.LastSavedAt, View.Status);
        Input.Version = View.Version;
        ModelState.AddConflict(t["Someone else saved this work while you were editing it, so your changes were not saved. Their text is shown beside yours; your text is kept in the form. Merge the two and save again."], "Input.Version");
        return Refused();
    }

    /// <summary>Re-renders with the posted text kept (read-only when the form is no longer shown).</summary>
    private PageResult Refused()
    {
        ChosenFilesNotKept = FilesChosen;
        if (!View.IsEditable && !string.IsNullOrEmpty(Input.Text) && Input.Text != View.CurrentText)
        {
            UnsavedText = Input.Text;
        }

        return Page();
    }
}
