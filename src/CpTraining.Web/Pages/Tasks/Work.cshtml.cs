using System.ComponentModel.DataAnnotations;
using CpTraining.Domain;
using CpTraining.Domain.Balances;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Options;
using CpTraining.Web.Background;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.Web.Pages.Options;
using CpTraining.Web.Pages.Worksheets.Transfer;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace CpTraining.Web.Pages.Tasks;

/// <summary>
/// The work page of one company's (or person's) home task: the instructions, the current text and files, every
/// submitted version with its feedback, and — for the people who write it, while it is editable — one form to write
/// the Markdown answer, preview it, attach files, save the draft and submit.
/// </summary>
/// <remarks>
/// <para>Nothing the writer typed is ever lost: refused files, broken rules and a conflicting save all re-render the
/// form with the posted text. A save checks the row version the form was opened with (xmin), so the second of two
/// engineers saving the same draft is shown the first one's text to merge instead of overwriting it.</para>
/// <para>Uploaded files are checked (<see cref="FileInspector"/>) before anything is written, then stored in the
/// same transaction as the draft or version: if any part fails, nothing is saved and no file is left behind.</para>
/// <para>Upload size: the page raises the server's body limit to <see cref="MaxRequestBytes"/> (10 files of 20 MB
/// plus the text), and the framework buffers a multipart body above 64 KB to a temporary file, so memory stays
/// bounded. Any single file over 20 MB inside that limit reaches the handler and is refused by name with the text
/// kept. A request over the limit is answered 413 with a message: refused from its Content-Length before the body is
/// read, or — for a body without a length — when the server stops reading it at the limit
/// (<see cref="Microsoft.AspNetCore.Http.BadHttpRequestException"/>/<see cref="InvalidDataException"/>). The form is
/// therefore read by the handlers, not by model binding or the automatic antiforgery filter (which would read it
/// first and turn the refusal into a bare 400); the handlers validate the antiforgery token right after reading it.
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
    TimeProvider time,
    TaskNotifier notifier,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Bytes: 10 files of 20 MB each and 1 MB for the text and the form's other fields.</summary>
    public const long MaxRequestBytes = (FileInspector.MaxFileBytes * FileInspector.MaxFilesPerSubmission) + (1024 * 1024);

    private const string IdempotencyIndex = "ix_submission_versions_submission_id_idempotency_key";

    /// <summary>Bound by the handlers after the form has been read within the limits (see remarks).</summary>
    public InputModel Input { get; set; } = new();

    public SubmissionRights Rights { get; private set; } = null!;

    public Guid SubmissionId { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public string ProgrammeName { get; private set; } = string.Empty;

    public string TaskTitle { get; private set; } = string.Empty;

    public string Instructions { get; private set; } = string.Empty;

    public int AfterSession { get; private set; }

    /// <summary>"Company", or "Person (Company)" for work given to one person.</summary>
    public string Owner { get; private set; } = string.Empty;

    public SubmissionStatus Status { get; private set; }

    /// <summary>The shared draft, or the submitted text right after a submission (Markdown).</summary>
    public string? CurrentText { get; private set; }

    public IReadOnlyList<FileView> CurrentFiles { get; private set; } = [];

    public IReadOnlyList<FileView> InstructionFiles { get; private set; } = [];

    public string? LastSavedBy { get; private set; }

    public DateTimeOffset? LastSavedAt { get; private set; }

    public DateOnly DueDate { get; private set; }

    public DateOnly EffectiveDueDate { get; private set; }

    public DateOnly? ClosesAfter { get; private set; }

    public DateOnly? ExtendedUntil { get; private set; }

    public string? ExtensionReason { get; private set; }

    public bool IsLate { get; private set; }

    public bool IsExtended { get; private set; }

    public bool IsClosed { get; private set; }

    public IReadOnlyList<VersionView> Versions { get; private set; } = [];

    /// <summary>The form is shown: the user writes this work and it is neither with the trainer, accepted nor closed.</summary>
    public bool IsEditable { get; private set; }

    /// <summary>Why a writer cannot edit now (null when they can, or when they are only a reader).</summary>
    public string? LockedReason { get; private set; }

    /// <summary>The posted text to render as a preview (Preview button); nothing was saved.</summary>
    public string? Preview { get; private set; }

    /// <summary>What someone else saved meanwhile, shown beside the user's kept text to merge.</summary>
    public ConflictView? Conflict { get; private set; }

    /// <summary>Files were chosen in a post that saved nothing: the browser cannot keep them, so the user is told to choose them again.</summary>
    public bool ChosenFilesNotKept { get; private set; }

    /// <summary>The posted text could not be put back in the form (it was not saved): shown read-only so it can be copied.</summary>
    public string? UnsavedText { get; private set; }

    /// <summary>The balance worksheet attached to the work (frozen into each submitted version); null: none.</summary>
    public WorksheetChoice? AttachedWorksheet { get; private set; }

    /// <summary>The task asks for the company's CP options register (<see cref="TaskAttachments.Options"/>).</summary>
    public bool TakesOptions { get; private set; }

    public bool OptionsAttached { get; private set; }

    /// <summary>How many options the company's register has now (shown beside the attach button).</summary>
    public int OptionCount { get; private set; }

    public Guid? OptionsCompanyId { get; private set; }

    /// <summary>The options register frozen in each submitted version, by version number.</summary>
    public IReadOnlyDictionary<int, OptionsRegisterSnapshot> FrozenOptions { get; private set; } = new Dictionary<int, OptionsRegisterSnapshot>();

    /// <summary>The task asks for a balance worksheet (<see cref="TaskAttachments.Worksheet"/>).</summary>
    public bool TakesWorksheet { get; private set; }

    /// <summary>The company's worksheets in the programme, for the writer to attach one.</summary>
    public IReadOnlyList<WorksheetChoice> Worksheets { get; private set; } = [];

    /// <summary>Per version number: the worksheet frozen with it and the trainers' comments on its streams.</summary>
    public IReadOnlyDictionary<int, FrozenWorksheetView> FrozenWorksheets { get; private set; } = new Dictionary<int, FrozenWorksheetView>();

    private TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>A time in the programme's time zone, for "last saved at" and version times.</summary>
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

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
        var version = await LoadAsync(submissionId);
        Input = new InputModel { Text = CurrentText, Version = version, IdempotencyKey = Guid.NewGuid() };
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
        ChosenFilesNotKept = ChosenFiles().Count > 0;
        return Page();
    }

    // The POST handlers take no parameters: binding one would read the form before the handler can check its size.
    public Task<IActionResult> OnPostSaveAsync() => SaveAsync(RouteSubmissionId, submit: false);

    public Task<IActionResult> OnPostSubmitAsync() => SaveAsync(RouteSubmissionId, submit: true);

    /// <summary>
    /// Attaches one of the company's worksheets in the programme; a worksheet of another company or programme (a
    /// forged id) is refused by <see cref="Submission.AttachWorksheet"/> and nothing is written.
    /// </summary>
    public Task<IActionResult> OnPostAttachAsync() => AttachAsync(RouteSubmissionId, detach: false);

    public Task<IActionResult> OnPostDetachAsync() => AttachAsync(RouteSubmissionId, detach: true);

    /// <summary>Attaches the company's options register: each submitted version then freezes it, with its evaluations.</summary>
    public Task<IActionResult> OnPostAttachOptionsAsync() => AttachAsync(RouteSubmissionId, detach: false, options: true);

    public Task<IActionResult> OnPostDetachOptionsAsync() => AttachAsync(RouteSubmissionId, detach: true, options: true);

    private async Task<IActionResult> AttachAsync(Guid submissionId, bool detach, bool options = false)
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
            Input = new InputModel { Text = CurrentText, Version = Input.Version, IdempotencyKey = Input.IdempotencyKey == Guid.Empty ? Guid.NewGuid() : Input.IdempotencyKey };
        }

        var filesChosen = ChosenFiles().Count > 0;
        var worksheetId = Guid.TryParse(Request.Form["WorksheetId"], out var id) ? id : (Guid?)null;
        if (!options && !detach && worksheetId is null)
        {
            ModelState.AddModelError("WorksheetId", t["Choose a worksheet to attach."]);
        }

        if (!ModelState.IsValid)
        {
            return Refused(filesChosen);
        }

        var submission = await db.Submissions.SingleAsync(s => s.Id == submissionId);
        if (options && !detach
            && !(await db.HomeTasks.Where(h => h.Id == submission.HomeTaskId).Select(h => h.Attachments).SingleAsync()).HasFlag(TaskAttachments.Options))
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, t["This task does not ask for the options register."]);
            return Refused(filesChosen);
        }

        var subject = Shorten($"{TaskTitle} · {Owner}", 400);
        try
        {
            if (textPosted && (Input.Text ?? string.Empty) != (CurrentText ?? string.Empty))
            {
                // Saved as a draft would be: someone else's save since the page was opened is a conflict.
                db.Entry(submission).Property<uint>("Version").OriginalValue = Input.Version;
                submission.SaveDraft(Input.Text, submission.DraftFileIds, Rights.UserId, time.GetUtcNow(), time.TodayIn(Zone.Id));
                db.Record(time, Rights.UserId, submission.ProgrammeId, "task.draft-saved", subject, null, $"{submission.DraftFileIds.Count} file(s)");
            }

            WorksheetChoice? chosen = null;
            if (options)
            {
                submission.AttachOptions(!detach, time.TodayIn(Zone.Id));
            }
            else if (detach)
            {
                submission.AttachWorksheet(null, time.TodayIn(Zone.Id));
            }
            else
            {
                var sheet = await db.Worksheets.AsNoTracking()
                    .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
                    .AsSplitQuery()
                    .SingleOrDefaultAsync(w => w.Id == worksheetId);
                if (sheet is null)
                {
                    db.ChangeTracker.Clear();
                    ModelState.AddModelError("WorksheetId", t["Only a worksheet of this company in this programme can be attached."]);
                    return Refused(filesChosen);
                }

                submission.AttachWorksheet(sheet.Snapshot(), time.TodayIn(Zone.Id));
                chosen = new WorksheetChoice(sheet.Id, sheet.Name);
            }

            if (options)
            {
                db.Record(time, Rights.UserId, submission.ProgrammeId, detach ? "task.options-detached" : "task.options-attached", subject, null, null);
            }
            else
            {
                db.Record(time, Rights.UserId, submission.ProgrammeId, detach ? "task.worksheet-detached" : "task.worksheet-attached", subject, AttachedWorksheet?.Name, chosen?.Name);
            }

            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            if (ex.Field == "WorksheetId")
            {
                ModelState.AddModelError("WorksheetId", t[ex.MessageTemplate, [.. ex.Arguments]]);
            }
            else
            {
                ModelState.AddDomainError(ex, t);
            }

            return Refused(filesChosen);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            if (textPosted)
            {
                return await ConflictAsync(submissionId, filesChosen);
            }

            ModelState.AddModelError("WorksheetId", t["Someone else changed this work meanwhile; nothing was changed. Try again."]);
            await LoadAsync(submissionId);
            return Page();
        }

        TempData["Success"] = (options, detach) switch
        {
            (true, true) => t["The options register has been detached."].Value,
            (true, false) => t["The options register has been attached; each version you submit freezes it as it is then."].Value,
            (false, true) => t["The worksheet has been detached."].Value,
            _ => t["The worksheet has been attached; each version you submit freezes it as it is then."].Value,
        };
        return RedirectToPage(new { submissionId });
    }

    private Guid RouteSubmissionId => Guid.Parse((string)RouteData.Values["submissionId"]!);

    private async Task<IActionResult> SaveAsync(Guid submissionId, bool submit)
    {
        var refused = await PrepareAsync(submissionId);
        if (refused is not null)
        {
            return refused;
        }

        var chosen = ChosenFiles();
        if (!ModelState.IsValid)
        {
            return Refused(chosen.Count > 0);
        }

        if (chosen.Count > FileInspector.MaxFilesPerSubmission)
        {
            ModelState.AddModelError("Input.Files", t["You chose {0} files; attach at most {1} files to one submission.", chosen.Count, FileInspector.MaxFilesPerSubmission]);
            return Refused(filesChosen: true);
        }

        // Every file is checked before anything is written; each refusal names its file.
        var inspected = new List<(IFormFile Upload, InspectedFile File)>();
        foreach (var upload in chosen)
        {
            try
            {
                await using var content = upload.OpenReadStream();
                inspected.Add((upload, FileInspector.Inspect(upload.FileName, content)));
            }
            catch (DomainException ex)
            {
                // Most refusals name the file; the zip-bomb ones do not, so the name is put in front of them.
                var name = FileInspector.SanitiseFileName(upload.FileName);
                if (ex.Arguments.Contains(name))
                {
                    ModelState.AddDomainError(ex, t);
                }
                else
                {
                    ModelState.AddModelError("Input.Files", t["“{0}”: {1}", name, t[ex.MessageTemplate, [.. ex.Arguments]]]);
                }
            }
        }

        if (!ModelState.IsValid)
        {
            return Refused(filesChosen: true);
        }

        var key = Input.IdempotencyKey == Guid.Empty ? Guid.NewGuid() : Input.IdempotencyKey;
        var today = time.TodayIn(Zone.Id);
        int? madeVersion = null;
        var replayed = false;
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                (madeVersion, replayed) = (null, false);
                await using var transaction = await db.Database.BeginTransactionAsync();

                // Saves of one submission are serialised, so a double-clicked Submit waits for the first click's
                // version and then finds it by its key instead of failing on the row version.
                _ = await db.Database.ExecuteSqlAsync($"SELECT 1 FROM submissions WHERE id = {submissionId} FOR UPDATE");
                var submission = await db.Submissions.Include(s => s.Versions).SingleAsync(s => s.Id == submissionId);
                if (submit && submission.Versions.Any(v => v.IdempotencyKey == key))
                {
                    replayed = true;
                    return;
                }

                var now = time.GetUtcNow();
                var files = inspected
                    .Select(i => (i.Upload, Stored: new StoredFile(submission.ProgrammeId, FileOwnerKind.Submission, submission.Id, i.File, Rights.UserId, now)))
                    .ToList();
                var removed = submission.DraftFileIds.Where(Input.RemoveFileIds.Contains).ToHashSet();
                var fileIds = submission.DraftFileIds.Where(f => !removed.Contains(f)).Concat(files.Select(f => f.Stored.Id)).ToList();

                // The business rules first (locked, closed, too many files), so the writer reads the rule in words.
                if (submit)
                {
                    // The attached worksheet is read inside the transaction, its row share-locked so that an edit
                    // cannot land between the reads: the version freezes one consistent state of it.
                    WorksheetSnapshot? frozen = null;
                    if (submission.WorksheetId is { } worksheetId)
                    {
                        _ = await db.Database.ExecuteSqlAsync($"SELECT 1 FROM worksheets WHERE id = {worksheetId} FOR SHARE");
                        frozen = (await db.Worksheets.AsNoTracking()
                            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
                            .AsSplitQuery()
                            .SingleAsync(w => w.Id == worksheetId)).Snapshot();
                    }

                    // The options register likewise: the company's options share-locked, then read and assessed.
                    OptionsRegisterSnapshot? frozenOptions = null;
                    if (submission is { OptionsAttached: true, CompanyId: { } optionsCompanyId })
                    {
                        _ = await db.Database.ExecuteSqlAsync($"SELECT 1 FROM cp_options WHERE programme_id = {submission.ProgrammeId} AND company_id = {optionsCompanyId} FOR SHARE");
                        frozenOptions = await OptionsRegister.SnapshotAsync(db, submission.ProgrammeId, optionsCompanyId, HttpContext.RequestAborted);
                    }

                    madeVersion = submission.Submit(Input.Text, fileIds, Rights.UserId, now, today, key, frozen, frozenOptions).Number;
                }
                else
                {
                    submission.SaveDraft(Input.Text, fileIds, Rights.UserId, now, today);
                }

                // Then the row version the form was opened with: someone else's save in between is a conflict.
                var version = db.Entry(submission).Property<uint>("Version");
                if (version.OriginalValue != Input.Version)
                {
                    throw new DraftConflictException();
                }

                foreach (var (upload, stored) in files)
                {
                    await using var content = upload.OpenReadStream();
                    await FileStore.SaveAsync(db, stored, content, HttpContext.RequestAborted);
                }

                // Files taken off the draft that no version keeps are deleted with it (versions' files never are).
                var kept = submission.Versions.SelectMany(v => v.FileIds).ToHashSet();
                var orphans = removed.Where(f => !kept.Contains(f)).ToList();
                if (orphans.Count > 0)
                {
                    db.StoredFiles.RemoveRange(await db.StoredFiles
                        .Where(f => orphans.Contains(f.Id) && f.OwnerKind == FileOwnerKind.Submission && f.OwnerId == submission.Id)
                        .ToListAsync());
                }

                var subject = Shorten($"{TaskTitle} · {Owner}", 400);
                if (submit)
                {
                    db.Record(time, Rights.UserId, submission.ProgrammeId, "task.submitted", subject, null, $"version {madeVersion}, {fileIds.Count} file(s)");
                    var reviewer = await TaskPeople.ReviewerAsync(db, submission.ProgrammeId, submission.CompanyId);
                    if (reviewer is not null)
                    {
                        await notifier.NotifyAsync(NotificationKind.TaskSubmitted, [reviewer], TaskTitle, Owner, $"/tasks/{submission.Id}/review");
                    }
                }
                else
                {
                    db.Record(time, Rights.UserId, submission.ProgrammeId, "task.draft-saved", subject, null, $"{fileIds.Count} file(s)");
                }

                await db.SaveChangesAsync(HttpContext.RequestAborted);
                await transaction.CommitAsync(HttpContext.RequestAborted);
            });
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            ModelState.AddDomainError(ex, t);
            await LoadAsync(submissionId);
            return Refused(chosen.Count > 0);
        }
        catch (Exception ex) when (ex is DraftConflictException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(submissionId, chosen.Count > 0);
        }
        catch (DbUpdateException ex) when (submit && ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: IdempotencyIndex })
        {
            // Two requests with the same form raced past the lock-free path: the other one made the version.
            db.ChangeTracker.Clear();
            replayed = true;
        }

        TempData["Success"] = submit
            ? replayed
                ? t["This form had already been submitted; it was submitted once."].Value
                : t["Version {0} has been submitted. It is locked until the trainer reviews it.", madeVersion!.Value].Value
            : t["Your draft has been saved."].Value;
        return RedirectToPage(new { submissionId });
    }

    /// <summary>
    /// Checks that the user writes this work (404 unknown, refused otherwise, before the body is read), reads the
    /// form within the limits, validates its antiforgery token and binds it; loads what the page shows.
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
        switch (await UploadForm.ReadAsync(HttpContext, antiforgery, MaxRequestBytes))
        {
            case UploadFormOutcome.NotAForm or UploadFormOutcome.BadToken:
                return BadRequest();
            case UploadFormOutcome.TooLarge:
                return await TooLargeAsync(submissionId);
        }

        await TryUpdateModelAsync(Input, "Input");
        await LoadAsync(submissionId);
        return null;
    }

    /// <summary>413 with the page and a message; the text could not be read back, so the saved draft is shown.</summary>
    private async Task<IActionResult> TooLargeAsync(Guid submissionId)
    {
        var version = await LoadAsync(submissionId);
        Input = new InputModel { Text = CurrentText, Version = version, IdempotencyKey = Guid.NewGuid() };
        Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        ModelState.AddModelError(string.Empty, t[
            "The upload was too large (more than {0} MB at once), so nothing was saved and your text could not be read back. Attach at most {1} files of at most {2} MB each, and save your text before adding large files.",
            MaxRequestBytes / 1024 / 1024,
            FileInspector.MaxFilesPerSubmission,
            FileInspector.MaxFileBytes / 1024 / 1024]);
        return Page();
    }

    /// <summary>Someone else saved first: their text beside the user's kept text; the next save replaces theirs.</summary>
    private async Task<IActionResult> ConflictAsync(Guid submissionId, bool filesChosen)
    {
        var version = await LoadAsync(submissionId);
        Conflict = new ConflictView(CurrentText, LastSavedBy, LastSavedAt, Status);
        ModelState.AddModelError(string.Empty, t["Someone else saved this work while you were editing it, so your changes were not saved. Their text is shown beside yours; your text is kept in the form. Merge the two and save again."]);
        ModelState.Remove("Input.Version");
        Input.Version = version;
        return Refused(filesChosen);
    }

    /// <summary>Re-renders with the posted text kept (read-only when the form is no longer shown).</summary>
    private PageResult Refused(bool filesChosen)
    {
        ChosenFilesNotKept = filesChosen;
        if (!IsEditable && !string.IsNullOrEmpty(Input.Text) && Input.Text != CurrentText)
        {
            UnsavedText = Input.Text;
        }

        return Page();
    }

    private List<IFormFile> ChosenFiles() =>
        Request.HasFormContentType
            ? Request.Form.Files.GetFiles("Input.Files").Where(f => !string.IsNullOrEmpty(f.FileName)).ToList()
            : [];

    /// <summary>Loads everything the page shows; returns the submission's row version.</summary>
    private async Task<uint> LoadAsync(Guid submissionId)
    {
        var row = await db.Submissions.AsNoTracking()
            .Where(s => s.Id == submissionId)
            .Select(s => new
            {
                Version = EF.Property<uint>(s, "Version"),
                Task = db.HomeTasks.Single(h => h.Id == s.HomeTaskId),
                Programme = db.Programmes.Where(p => p.Id == s.ProgrammeId).Select(p => new { p.Name, p.TimeZoneId }).Single(),
                Company = db.Companies.Where(c => c.Id == s.CompanyId).Select(c => c.Name).FirstOrDefault(),
                Person = db.Users.Where(u => u.Id == s.UserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleAsync();
        var submission = await db.Submissions.AsNoTracking()
            .Include(s => s.Versions)
            .Include(s => s.Reviews)
            .AsSplitQuery()
            .SingleAsync(s => s.Id == submissionId);

        Zone = TimeZoneInfo.TryFindSystemTimeZoneById(row.Programme.TimeZoneId, out var zone) ? zone : TimeZoneInfo.Utc;
        var today = time.TodayIn(row.Programme.TimeZoneId);
        var taskId = row.Task.Id;
        var fileIds = row.Task.InstructionFileIds
            .Concat(submission.DraftFileIds)
            .Concat(submission.Versions.SelectMany(v => v.FileIds))
            .Distinct()
            .ToList();
        var files = await db.StoredFiles.AsNoTracking()
            .Where(f => fileIds.Contains(f.Id)
                && ((f.OwnerKind == FileOwnerKind.HomeTask && f.OwnerId == taskId) || (f.OwnerKind == FileOwnerKind.Submission && f.OwnerId == submissionId)))
            .Select(f => new FileView(f.Id, f.FileName, f.Length))
            .ToDictionaryAsync(f => f.Id);
        var userIds = submission.Versions.Select(v => v.SubmittedBy)
            .Concat(submission.Reviews.Select(r => r.ReviewerId))
            .Append(submission.LastSavedBy)
            .OfType<string>()
            .Distinct()
            .ToList();
        var names = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName);
        string Name(string? id) => id is null ? string.Empty : names.GetValueOrDefault(id) ?? t["(removed account)"];
        List<FileView> Files(IEnumerable<Guid> ids) => ids.Where(files.ContainsKey).Select(id => files[id]).ToList();

        SubmissionId = submissionId;
        ProgrammeId = submission.ProgrammeId;
        ProgrammeName = row.Programme.Name;
        TaskTitle = row.Task.Title;
        Instructions = row.Task.Instructions;
        AfterSession = row.Task.AfterSession;
        TakesWorksheet = row.Task.TakesWorksheet;
        TakesOptions = row.Task.TakesOptions;
        OptionsAttached = submission.OptionsAttached;
        InstructionFiles = Files(row.Task.InstructionFileIds);
        Owner = TaskPeople.Describe(row.Company, submission.UserId is null ? null : row.Person);
        Status = submission.Status;
        CurrentText = submission.DraftText;
        CurrentFiles = Files(submission.DraftFileIds);
        LastSavedBy = submission.LastSavedBy is null ? null : Name(submission.LastSavedBy);
        LastSavedAt = submission.LastSavedAt;
        DueDate = submission.DueDate;
        EffectiveDueDate = submission.EffectiveDueDate;
        ClosesAfter = submission.ClosesAfter;
        ExtendedUntil = submission.ExtendedUntil;
        ExtensionReason = submission.ExtensionReason;
        IsLate = submission.IsLateOn(today);
        IsExtended = submission.IsExtended;
        IsClosed = submission.IsClosedOn(today);
        Versions = submission.Versions
            .OrderByDescending(v => v.Number)
            .Select(v => new VersionView(
                v.Number,
                Name(v.SubmittedBy),
                v.SubmittedAt,
                v.IsLate,
                Files(v.FileIds),
                submission.Reviews
                    .Where(r => r.VersionNumber == v.Number)
                    .Select(r => new ReviewView(r.Decision, r.Feedback, Name(r.ReviewerId), r.At))
                    .ToList()))
            .ToList();
        LockedReason = !Rights.MayWork ? null : Status switch
        {
            SubmissionStatus.Submitted => t["This work has been submitted and is locked until the trainer reviews it."].Value,
            SubmissionStatus.Accepted => t["This work has been accepted; accepted work is final."].Value,
            _ when IsClosed => t["Submission closed after the cut-off ({0:d}); ask the coordinator to reopen it.", ClosesAfter!.Value].Value,
            _ => null,
        };
        IsEditable = Rights.MayWork && LockedReason is null;
        FrozenWorksheets = await global::CpTraining.Web.Pages.Worksheets.Transfer.FrozenWorksheets.LoadAsync(db, submissionId, Zone, t["(unknown)"]);
        AttachedWorksheet = submission.WorksheetId is { } attached
            ? await db.Worksheets.AsNoTracking().Where(w => w.Id == attached).Select(w => new WorksheetChoice(w.Id, w.Name)).SingleOrDefaultAsync()
            : null;
        Worksheets = IsEditable && (TakesWorksheet || AttachedWorksheet is not null) && submission.CompanyId is { } companyId
            ? await db.Worksheets.AsNoTracking()
                .Where(w => w.ProgrammeId == submission.ProgrammeId && w.CompanyId == companyId)
                .OrderBy(w => w.Name)
                .Select(w => new WorksheetChoice(w.Id, w.Name))
                .ToListAsync()
            : [];
        FrozenOptions = submission.Versions.Where(v => v.Options is not null).ToDictionary(v => v.Number, v => v.Options!);
        OptionCount = IsEditable && (TakesOptions || OptionsAttached) && submission.CompanyId is { } optionsOf
            ? await db.CpOptions.CountAsync(o => o.ProgrammeId == submission.ProgrammeId && o.CompanyId == optionsOf)
            : 0;
        OptionsCompanyId = submission.CompanyId;
        return row.Version;
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    public sealed record FileView(Guid Id, string FileName, long Length);

    public sealed record WorksheetChoice(Guid Id, string Name);

    public sealed record ReviewView(ReviewDecision Decision, string? Feedback, string Reviewer, DateTimeOffset At);

    public sealed record VersionView(int Number, string SubmittedBy, DateTimeOffset SubmittedAt, bool IsLate, IReadOnlyList<FileView> Files, IReadOnlyList<ReviewView> Reviews);

    /// <summary>The other person's saved text and who saved it when.</summary>
    public sealed record ConflictView(string? Text, string? SavedBy, DateTimeOffset? SavedAt, SubmissionStatus Status);

    public sealed class InputModel
    {
        [StringLength(Submission.TextMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Your answer")]
        public string? Text { get; set; }

        /// <summary>The row version (xmin) the form was opened with.</summary>
        public uint Version { get; set; }

        /// <summary>Made when the form is opened and kept on re-render: the same form submitted twice makes one version.</summary>
        public Guid IdempotencyKey { get; set; }

        /// <summary>Draft files ticked "remove".</summary>
        public List<Guid> RemoveFileIds { get; set; } = [];
    }

    /// <summary>The row version has moved since the form was opened.</summary>
    private sealed class DraftConflictException : Exception;
}
