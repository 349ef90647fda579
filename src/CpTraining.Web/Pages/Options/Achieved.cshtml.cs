using System.Globalization;
using CpTraining.Domain;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
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
/// Evidence is uploaded with the rules of home-task files (see <see cref="Tasks.WorkModel"/>): rights are checked
/// before the body is read, the form is read within <see cref="MaxRequestBytes"/> and its antiforgery token validated
/// by the handlers, every file is inspected (<see cref="FileInspector"/>) before anything is written, and the files
/// are stored in the transaction that saves the option. Every form carries the option's row version (xmin): a stale
/// form is refused with the input kept.
/// </remarks>
[Authorize]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class AchievedModel(
    AccessControl accessControl,
    AppDbContext db,
    IAntiforgery antiforgery,
    TimeProvider time,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Bytes: the evidence files at 20 MB each and 1 MB for the other fields.</summary>
    public const long MaxRequestBytes = (FileInspector.MaxFileBytes * CpOption.MaxEvidenceFiles) + (1024 * 1024);

    /// <summary>Blank substance rows offered below the recorded ones.</summary>
    public const int BlankSubstanceRows = 2;

    public InputModel Input { get; set; } = new();

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

    /// <summary>Files were chosen in a post that saved nothing: the browser cannot keep them.</summary>
    public bool ChosenFilesNotKept { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid optionId)
    {
        var refused = await CheckAsync(optionId, Right.View);
        if (refused is not null)
        {
            return refused;
        }

        await LoadAsync(optionId);
        Input = InputModel.From(Option, Version, CultureInfo.CurrentCulture);
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
        Input = InputModel.From(Option, Version, CultureInfo.CurrentCulture);
        var option = await db.CpOptions.SingleAsync(o => o.Id == optionId);
        if (db.Entry(option).Property<uint>("Version").CurrentValue != posted)
        {
            return await ConflictAsync(optionId, filesChosen: false);
        }

        try
        {
            option.MoveTo(OptionStatus.Verified, null, Access.UserId, time.GetUtcNow());
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            ModelState.AddModelError(string.Empty, t[ex.MessageTemplate, [.. ex.Arguments]]);
            return Page();
        }

        db.Record(time, Access.UserId, option.ProgrammeId, "option.verified", Subject(option), OptionStatus.Implemented.ToString(), Describe(option.Achieved, option.EvidenceFileIds.Count));
        try
        {
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(optionId, filesChosen: false);
        }

        TempData["Success"] = t["The results have been verified; they now count as achieved."].Value;
        return RedirectToPage(new { optionId });
    }

    private Guid RouteOptionId => Guid.Parse((string)RouteData.Values["optionId"]!);

    private async Task<IActionResult> SaveAsync(Guid optionId, bool implement)
    {
        var refused = await PrepareAsync(optionId, Right.Edit);
        if (refused is not null)
        {
            return refused;
        }

        var chosen = ChosenFiles();
        if (!IsRecordable)
        {
            ModelState.AddModelError(string.Empty, t["Only a selected or implemented option has achieved results."]);
            return Refused(chosen.Count > 0);
        }

        var results = Parse();
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
                ModelState.AddModelError(
                    "Input.Files",
                    ex.Arguments.Contains(name) ? t[ex.MessageTemplate, [.. ex.Arguments]] : t["“{0}”: {1}", name, t[ex.MessageTemplate, [.. ex.Arguments]]]);
            }
        }

        var keptCount = Option.EvidenceFileIds.Count(id => !Input.RemoveFileIds.Contains(id));
        if (keptCount + chosen.Count > CpOption.MaxEvidenceFiles)
        {
            ModelState.AddModelError("Input.Files", t["Attach at most {0} files as evidence.", CpOption.MaxEvidenceFiles]);
        }

        if (results is null || !ModelState.IsValid)
        {
            return Refused(chosen.Count > 0);
        }

        string? voided = null;
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                voided = null;
                await using var transaction = await db.Database.BeginTransactionAsync();
                var option = await db.CpOptions.SingleAsync(o => o.Id == optionId);
                var version = db.Entry(option).Property<uint>("Version");
                if (version.CurrentValue != Input.Version)
                {
                    throw new StaleFormException();
                }

                var now = time.GetUtcNow();
                var before = Describe(option.Achieved, option.EvidenceFileIds.Count);
                var wasVerified = option.Status == OptionStatus.Verified;
                var files = inspected
                    .Select(i => (i.Upload, Stored: new StoredFile(option.ProgrammeId, FileOwnerKind.OptionEvidence, option.Id, i.File, Access.UserId, now)))
                    .ToList();
                var removed = option.EvidenceFileIds.Where(Input.RemoveFileIds.Contains).ToHashSet();
                var fileIds = option.EvidenceFileIds.Where(f => !removed.Contains(f)).Concat(files.Select(f => f.Stored.Id)).ToList();
                option.RecordAchieved(results, fileIds, now);
                db.Record(time, Access.UserId, option.ProgrammeId, "option.achieved-recorded", Subject(option), before, Describe(option.Achieved, fileIds.Count));
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
                foreach (var (upload, stored) in files)
                {
                    await using var content = upload.OpenReadStream();
                    await FileStore.SaveAsync(db, stored, content, HttpContext.RequestAborted);
                }

                if (removed.Count > 0)
                {
                    db.StoredFiles.RemoveRange(await db.StoredFiles
                        .Where(f => removed.Contains(f.Id) && f.OwnerKind == FileOwnerKind.OptionEvidence && f.OwnerId == option.Id)
                        .ToListAsync());
                }

                await db.SaveChangesAsync(HttpContext.RequestAborted);
                await transaction.CommitAsync(HttpContext.RequestAborted);
            });
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            AddError(ex);
            await LoadAsync(optionId);
            return Refused(chosen.Count > 0);
        }
        catch (Exception ex) when (ex is StaleFormException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return await ConflictAsync(optionId, chosen.Count > 0);
        }

        TempData["Success"] = (implement
            ? t["The results have been saved and the option is implemented. A trainer or coordinator verifies them next."].Value
            : t["The results have been saved."].Value) + (voided is null ? string.Empty : " " + voided);
        return RedirectToPage(new { optionId });
    }

    /// <summary>Reads the numbers in the reader's culture; every unreadable or refused figure becomes a field error.</summary>
    private AchievedResults? Parse()
    {
        var culture = CultureInfo.CurrentCulture;
        decimal? Number(string? text, string field)
        {
            try
            {
                return NumberParser.ParseOptional(text, culture, field);
            }
            catch (DomainException ex)
            {
                AddError(ex);
                return null;
            }
        }

        var investment = Number(Input.ActualInvestment, nameof(InputModel.ActualInvestment));
        var savings = Number(Input.AnnualSavings, nameof(InputModel.AnnualSavings));
        var water = Number(Input.WaterCubicMetres, nameof(InputModel.WaterCubicMetres));
        var energy = Number(Input.EnergyMegawattHours, nameof(InputModel.EnergyMegawattHours));
        var co2 = Number(Input.TonnesCo2, nameof(InputModel.TonnesCo2));
        var solid = Number(Input.SolidWasteTonnes, nameof(InputModel.SolidWasteTonnes));
        var hazardous = Number(Input.HazardousWasteTonnes, nameof(InputModel.HazardousWasteTonnes));
        var wastewater = Number(Input.WastewaterCubicMetres, nameof(InputModel.WastewaterCubicMetres));
        var raw = Number(Input.RawMaterialTonnes, nameof(InputModel.RawMaterialTonnes));
        // One entry per row, blank rows included (the aggregate skips them), so that a refusal names its own row.
        var substances = new List<SubstanceReduction>();
        for (var i = 0; i < Input.Substances.Count; i++)
        {
            var row = Input.Substances[i];
            var field = $"Substances[{i}].KilogramsPerYear";
            if (string.IsNullOrWhiteSpace(row.Name) && string.IsNullOrWhiteSpace(row.KilogramsPerYear))
            {
                substances.Add(new SubstanceReduction(string.Empty, 0));
            }
            else if (string.IsNullOrWhiteSpace(row.Name))
            {
                ModelState.AddModelError($"Input.Substances[{i}].Name", t["Name the substance."]);
            }
            else if (string.IsNullOrWhiteSpace(row.KilogramsPerYear))
            {
                ModelState.AddModelError($"Input.{field}", t["Enter the kilograms a year."]);
            }
            else if (Number(row.KilogramsPerYear, field) is { } kg)
            {
                substances.Add(new SubstanceReduction(row.Name, kg));
            }
        }

        if (Input.ImplementedOn is null)
        {
            ModelState.AddModelError("Input.ImplementedOn", t["Enter the date the option was implemented."]);
        }

        // The aggregate's rules are checked even when some field could not be read, so that every error shows at once.
        // The future-date rule is the aggregate's too (RecordAchieved); checked here so it shows with the others.
        if (Input.ImplementedOn is { } on && DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime.AddDays(1)) < on)
        {
            ModelState.AddModelError("Input.ImplementedOn", t["The date of implementation cannot be in the future."]);
        }

        var reductions = Reductions.None;
        try
        {
            reductions = Reductions.Create(water, energy, co2, solid, hazardous, wastewater, raw, substances);
        }
        catch (DomainException ex)
        {
            AddError(ex);
        }

        AchievedResults? results = null;
        try
        {
            results = AchievedResults.Create(Input.ImplementedOn ?? DateOnly.MinValue, investment, savings, reductions, Input.Notes);
        }
        catch (DomainException ex)
        {
            AddError(ex);
        }

        return ModelState.IsValid ? results : null;
    }

    private void AddError(DomainException ex)
    {
        if (ex.Field is null or "Status")
        {
            ModelState.AddModelError(string.Empty, t[ex.MessageTemplate, [.. ex.Arguments]]);
        }
        else
        {
            ModelState.AddDomainError(ex, t);
        }
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
        var refused = await CheckAsync(optionId, right);
        if (refused is not null)
        {
            return refused;
        }

        switch (await UploadForm.ReadAsync(HttpContext, antiforgery, MaxRequestBytes))
        {
            case UploadFormOutcome.NotAForm or UploadFormOutcome.BadToken:
                return BadRequest();
            case UploadFormOutcome.TooLarge:
                return await TooLargeAsync(optionId);
        }

        await TryUpdateModelAsync(Input, "Input");
        await LoadAsync(optionId);
        return null;
    }

    private async Task<IActionResult> TooLargeAsync(Guid optionId)
    {
        await LoadAsync(optionId);
        Input = InputModel.From(Option, Version, CultureInfo.CurrentCulture);
        Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
        ModelState.AddModelError(string.Empty, t[
            "The upload was too large (more than {0} MB at once), so nothing was saved and your input could not be read back. Attach at most {1} files of at most {2} MB each.",
            MaxRequestBytes / 1024 / 1024,
            CpOption.MaxEvidenceFiles,
            FileInspector.MaxFileBytes / 1024 / 1024]);
        return Page();
    }

    private async Task<IActionResult> ConflictAsync(Guid optionId, bool filesChosen)
    {
        await LoadAsync(optionId);
        Conflict = true;
        ModelState.AddModelError(string.Empty, t["Someone else changed this option while you were editing it, so your change was not saved. The figures below are as they left them; your input is kept in the form. Check it and save again."]);
        ModelState.Remove("Input.Version");
        Input.Version = Version;
        return Refused(filesChosen);
    }

    private PageResult Refused(bool filesChosen)
    {
        ChosenFilesNotKept = filesChosen;
        return Page();
    }

    private List<IFormFile> ChosenFiles() =>
        Request.HasFormContentType
            ? Request.Form.Files.GetFiles("Input.Files").Where(f => !string.IsNullOrEmpty(f.FileName)).ToList()
            : [];

    private async Task LoadAsync(Guid optionId)
    {
        Option = await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId);
        Version = await db.CpOptions.Where(o => o.Id == optionId).Select(o => EF.Property<uint>(o, "Version")).SingleAsync();
        Planned = (await OptionsRegister.AssessAsync(db, Option.ProgrammeId, [Option], HttpContext.RequestAborted))[0].Assessment;
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

    public sealed class SubstanceInput
    {
        public string? Name { get; set; }

        public string? KilogramsPerYear { get; set; }
    }

    /// <summary>Numbers as typed (read in the user's culture by the handler), so that a refused entry is shown as typed.</summary>
    public sealed class InputModel
    {
        public DateOnly? ImplementedOn { get; set; }

        public string? ActualInvestment { get; set; }

        public string? AnnualSavings { get; set; }

        public string? WaterCubicMetres { get; set; }

        public string? EnergyMegawattHours { get; set; }

        public string? TonnesCo2 { get; set; }

        public string? SolidWasteTonnes { get; set; }

        public string? HazardousWasteTonnes { get; set; }

        public string? WastewaterCubicMetres { get; set; }

        public string? RawMaterialTonnes { get; set; }

        public List<SubstanceInput> Substances { get; set; } = [];

        public string? Notes { get; set; }

        /// <summary>The option's row version (xmin) the form was opened with.</summary>
        public uint Version { get; set; }

        public List<Guid> RemoveFileIds { get; set; } = [];

        public static InputModel From(CpOption option, uint version, CultureInfo culture)
        {
            string? N(decimal? v) => v?.ToString("0.############", culture);
            var a = option.Achieved;
            var r = a?.Reductions ?? Reductions.None;
            return new InputModel
            {
                ImplementedOn = a?.ImplementedOn,
                ActualInvestment = N(a?.ActualInvestment),
                AnnualSavings = N(a?.AnnualSavings),
                WaterCubicMetres = N(r.WaterCubicMetres),
                EnergyMegawattHours = N(r.EnergyMegawattHours),
                TonnesCo2 = N(r.TonnesCo2),
                SolidWasteTonnes = N(r.SolidWasteTonnes),
                HazardousWasteTonnes = N(r.HazardousWasteTonnes),
                WastewaterCubicMetres = N(r.WastewaterCubicMetres),
                RawMaterialTonnes = N(r.RawMaterialTonnes),
                Substances = r.Substances.Select(s => new SubstanceInput { Name = s.Name, KilogramsPerYear = N(s.KilogramsPerYear) }).ToList(),
                Notes = a?.Notes,
                Version = version,
            };
        }
    }

    /// <summary>The row version has moved since the form was opened.</summary>
    private sealed class StaleFormException : Exception;
}
