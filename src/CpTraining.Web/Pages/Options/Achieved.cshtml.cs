using System.Globalization;
using CpTraining.Domain.Options;
using CpTraining.Web.Checks;
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

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// What an implemented option really achieved (issue 6, point 7): the date implemented, the actual investment, the
/// measured savings and reductions, notes and evidence files, beside the planned figures with the difference. The
/// company's writers record results (selected, implemented or verified options), mark the option implemented; only
/// the company's trainer, coordinators and administrators verify (an independent check). Only verified results count
/// as achieved; changing verified results voids the verification (<see cref="CpOption.RecordAchieved"/>).
/// </summary>
/// <remarks>
/// Evidence goes through the upload pipeline (<see cref="Uploads"/>): rights are checked before the body is read, the
/// form is read within <see cref="MaxRequestBytes"/> by the handlers, every file is inspected before anything is
/// written, and the files are stored in the transaction that saves the option (<see cref="SaveFlow"/>). Every form
/// carries the option's row version (xmin): a stale form is refused with the input kept.
/// </remarks>
[Authorize]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class AchievedModel(
    AccessControl accessControl,
    AppDbContext db,
    IAntiforgery antiforgery,
    SaveFlow save,
    TimeProvider time,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Bytes: the evidence files at 20 MB each and 1 MB for the other fields.</summary>
    public const long MaxRequestBytes = (FileInspector.MaxFileBytes * CpOption.MaxEvidenceFiles) + (1024 * 1024);

    /// <summary>Blank substance rows offered below the recorded ones.</summary>
    public const int BlankSubstanceRows = 2;

    /// <summary>Bound by the handlers after the form has been read within the limits.</summary>
    public AchievedForm Input { get; set; } = new();

    public EnrolledCompany Access { get; private set; } = null!;

    public CpOption Option { get; private set; } = null!;

    /// <summary>The planned figures: the option's economics and effective reductions.</summary>
    public OptionAssessment Planned { get; private set; } = null!;

    public uint Version { get; private set; }

    public IReadOnlyList<EvidenceFile> Evidence { get; private set; } = [];

    public string? VerifiedByName { get; private set; }

    /// <summary>Selected, implemented or verified: results can be recorded.</summary>
    public bool IsRecordable => Option.Status is OptionStatus.Selected or OptionStatus.Implemented or OptionStatus.Verified;

    public bool MayWrite => Access.MayEdit && IsRecordable;

    public bool Conflict { get; private set; }

    public FindingsBlock Findings { get; private set; } = FindingsBlock.None;

    /// <summary>Files were chosen in a post that saved nothing: the browser cannot keep them.</summary>
    public bool ChosenFilesNotKept { get; private set; }

    /// <summary>Refusals next to their fields, status names in the reader's language; the status has no field here.</summary>
    private FormFields Fields => OptionText.Fields(t, "Input").Above("Status");

    private Guid RouteOptionId => Guid.Parse((string)RouteData.Values["optionId"]!);

    public async Task<IActionResult> OnGetAsync(Guid optionId)
    {
        var refused = await CheckAsync(optionId, Right.View);
        if (refused is not null)
        {
            return refused;
        }

        await LoadAsync(optionId);
        Input = AchievedForm.From(Option, Version, CultureInfo.CurrentCulture);
        return Page();
    }

    // The POST handlers take no parameters: binding one would read the form before the rights and size are checked.
    public Task<IActionResult> OnPostSaveAsync() => SaveAsync(RouteOptionId, implement: false);

    /// <summary>Saves the form and moves the selected option to implemented (which needs the date).</summary>
    public Task<IActionResult> OnPostImplementAsync() => SaveAsync(RouteOptionId, implement: true);

    /// <summary>Implemented → verified: the company's trainer, a coordinator or an administrator only.</summary>
    public async Task<IActionResult> OnPostVerifyAsync()
    {
        var optionId = RouteOptionId;
        var refused = await PrepareAsync(optionId, Right.Manage);
        if (refused is not null)
        {
            return refused;
        }

        // The verify form posts only the row version; the results form below shows the recorded figures.
        var posted = Input.Version;
        Input = AchievedForm.From(Option, Version, CultureInfo.CurrentCulture);
        var result = await save.SaveAsync(this, async () =>
        {
            var option = save.Expect(await db.CpOptions.SingleAsync(o => o.Id == optionId), posted);
            option.MoveTo(OptionStatus.Verified, null, Access.UserId, time.GetUtcNow());
            db.Record(time, Access.UserId, option.ProgrammeId, "option.verified", Subject(option), OptionStatus.Implemented.ToString(), Describe(option.Achieved, option.EvidenceFileIds.Count));
            return true;
        }, Fields);
        switch (result)
        {
            case SaveResult.Conflict:
                return await ConflictAsync(optionId);
            case SaveResult.Refused:
                return Page();
        }

        TempData["Success"] = t["The results have been verified; they now count as achieved."].Value;
        return RedirectToPage(new { optionId });
    }

    /// <summary>
    /// Records the results with the evidence: the option's rules (its status, a date in the future, how many files) are
    /// its own (<see cref="CpOption.RecordAchieved"/>) and come back as field errors.
    /// </summary>
    private async Task<IActionResult> SaveAsync(Guid optionId, bool implement)
    {
        var refused = await PrepareAsync(optionId, Right.Edit);
        if (refused is not null)
        {
            return refused;
        }

        var results = Input.Read(ModelState, t, Fields);
        var inspected = Uploads.Inspect(Uploads.Chosen(Request, "Input.Files"), ModelState, t, "Input.Files");
        if (results is null || !ModelState.IsValid)
        {
            return Refused();
        }

        string? voided = null;
        var result = await save.SaveInTransactionAsync(this, async () =>
        {
            voided = null;
            var option = save.Expect(await db.CpOptions.SingleAsync(o => o.Id == optionId), Input.Version);
            var now = time.GetUtcNow();
            var before = Describe(option.Achieved, option.EvidenceFileIds.Count);
            var wasVerified = option.Status == OptionStatus.Verified;
            var files = inspected.For(option.ProgrammeId, FileOwnerKind.OptionEvidence, option.Id, Access.UserId, now);
            var removed = option.EvidenceFileIds.Where(Input.RemoveFileIds.Contains).ToList();
            option.RecordAchieved(results, option.EvidenceFileIds.Except(removed).Concat(files.Ids), now);
            db.Record(time, Access.UserId, option.ProgrammeId, "option.achieved-recorded", Subject(option), before, Describe(option.Achieved, option.EvidenceFileIds.Count));
            if (wasVerified && option.Status != OptionStatus.Verified)
            {
                voided = t["The results had been verified; your change voids the verification until they are checked again."].Value;
                db.Record(time, Access.UserId, option.ProgrammeId, "option.verification-voided", Subject(option), OptionStatus.Verified.ToString(), option.Status.ToString());
            }

            if (implement)
            {
                option.MoveTo(OptionStatus.Implemented, null, Access.UserId, now);
                db.Record(time, Access.UserId, option.ProgrammeId, "option.implemented", Subject(option), OptionStatus.Selected.ToString(), results.ImplementedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            }

            // The option's row first (its xmin guards the whole change), then the files in the same transaction.
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            await files.StoreAsync(db, HttpContext.RequestAborted);
            await FileStore.RemoveAsync(db, FileOwnerKind.OptionEvidence, option.Id, removed, HttpContext.RequestAborted);
            return true;
        }, Fields);
        switch (result)
        {
            case SaveResult.Conflict:
                return await ConflictAsync(optionId);
            case SaveResult.Refused:
                await LoadAsync(optionId);
                return Refused();
        }

        TempData["Success"] = (implement
            ? t["The results have been saved and the option is implemented. A trainer or coordinator verifies them next."].Value
            : t["The results have been saved."].Value) + (voided is null ? string.Empty : " " + voided);
        return RedirectToPage(new { optionId });
    }

    private enum Right
    {
        View,
        Edit,
        Manage,
    }

    /// <summary>404 for an unknown option; refused unless the user has the right (checked per company and programme).</summary>
    private async Task<IActionResult?> CheckAsync(Guid optionId, Right right)
    {
        var head = await db.CpOptions.AsNoTracking()
            .Where(o => o.Id == optionId)
            .Select(o => new { o.ProgrammeId, o.CompanyId })
            .SingleOrDefaultAsync();
        var access = head is null ? null : await accessControl.EnrolledCompanyAsync(head.ProgrammeId, head.CompanyId);
        if (access is null)
        {
            return NotFound();
        }

        var allowed = right switch
        {
            Right.Manage => access.MayManage,
            Right.Edit => access.MayEdit,
            _ => access.MayView,
        };
        if (!allowed)
        {
            return Forbid();
        }

        Access = access;
        return null;
    }

    /// <summary>Rights first (before the body is read), then the form within the limits, its token, the binding.</summary>
    private async Task<IActionResult?> PrepareAsync(Guid optionId, Right right)
    {
        var refused = await CheckAsync(optionId, right)
            ?? await Uploads.ReadFormAsync(this, antiforgery, MaxRequestBytes, () => TooLargeAsync(optionId));
        if (refused is not null)
        {
            return refused;
        }

        await TryUpdateModelAsync(Input, "Input");
        await LoadAsync(optionId);
        return null;
    }

    private async Task<IActionResult> TooLargeAsync(Guid optionId)
    {
        await LoadAsync(optionId);
        Input = AchievedForm.From(Option, Version, CultureInfo.CurrentCulture);
        ModelState.AddModelError(string.Empty, t[
            "The upload was too large (more than {0} MB at once), so nothing was saved and your input could not be read back. Attach at most {1} files of at most {2} MB each.",
            MaxRequestBytes / 1024 / 1024,
            CpOption.MaxEvidenceFiles,
            FileInspector.MaxFileBytes / 1024 / 1024]);
        return Page();
    }

    private async Task<IActionResult> ConflictAsync(Guid optionId)
    {
        await LoadAsync(optionId);
        Conflict = true;
        Input.Version = Version;
        ModelState.AddConflict(t["Someone else changed this option while you were editing it, so your change was not saved. The figures below are as they left them; your input is kept in the form. Check it and save again."], "Input.Version");
        return Refused();
    }

    private PageResult Refused()
    {
        ChosenFilesNotKept = Uploads.Chosen(Request, "Input.Files").Count > 0;
        return Page();
    }

    private async Task LoadAsync(Guid optionId)
    {
        Option = await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId);
        Version = await db.CpOptions.Where(o => o.Id == optionId).Select(o => EF.Property<uint>(o, "Version")).SingleAsync();
        Planned = (await OptionsRegister.AssessAsync(db, Option.ProgrammeId, [Option], HttpContext.RequestAborted))[0].Assessment;
        Findings = FindingsBlock.For(CompanyFindings.OfOptions([Planned], await CompanyFindings.ReviewsAsync(db, Option.ProgrammeId, Option.CompanyId, HttpContext.RequestAborted), t).Where(f => f.IsAbout(CompanyFindings.OptionKey(optionId) + "/achieved")), showWhere: false, Access);
        var ids = Option.EvidenceFileIds.ToList();
        var files = await db.StoredFiles.AsNoTracking()
            .Where(f => ids.Contains(f.Id) && f.OwnerKind == FileOwnerKind.OptionEvidence && f.OwnerId == optionId)
            .Select(f => new EvidenceFile(f.Id, f.FileName, f.Length))
            .ToDictionaryAsync(f => f.Id);
        Evidence = ids.Where(files.ContainsKey).Select(id => files[id]).ToList();
        VerifiedByName = Option.VerifiedBy is { } by
            ? await db.Users.AsNoTracking().Where(u => u.Id == by).Select(u => u.DisplayName ?? u.Email).SingleOrDefaultAsync() ?? t["(removed account)"]
            : null;
    }

    private static string Subject(CpOption option) =>
        $"O{option.Number} {option.Title}" is { Length: > 400 } s ? s[..399] + "…" : $"O{option.Number} {option.Title}";

    /// <summary>For the audit log: invariant figures.</summary>
    private static string? Describe(AchievedResults? results, int files) => results is null
        ? null
        : string.Create(CultureInfo.InvariantCulture, $"implemented {results.ImplementedOn:yyyy-MM-dd}, investment {results.ActualInvestment}, savings {results.AnnualSavings}/yr, {files} file(s)");

    public sealed record EvidenceFile(Guid Id, string FileName, long Length);
}
