using System.Globalization;
using CpTraining.Domain.Balances;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.Web.Infrastructure.Saving;
using CpTraining.Web.Pages.Programmes.Import;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Balances.Transfer;

/// <summary>
/// Imports material streams into a worksheet from a CSV file in the template's columns: upload → preview (the
/// streams that would be added, the steps that would be created, and every bad line with its number and column;
/// nothing is written) → confirm (the file is checked again against the worksheet as it is then, and written all at
/// once, or nothing). Numbers are read in the uploader's culture (a decimal comma in Ukrainian; the point is always
/// accepted). For the people who may edit the worksheet.
/// </summary>
/// <remarks>
/// The confirmation carries the previewed file in a protected hidden field (<see cref="PreviewPayload"/>, bound to
/// this worksheet and user, valid one hour) and the worksheet's row version (xmin) seen by the preview: any change to
/// the worksheet meanwhile refuses the import, so nothing is added on top of a worksheet the user has not seen. The
/// form is read by the handlers (not by model binding or the automatic antiforgery filter) so that a body over the
/// limit gets a message instead of a bare 400.
/// </remarks>
[Authorize]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(StreamCsv.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = StreamCsv.MaxRequestBytes, ValueLengthLimit = StreamCsv.MaxRequestBytes)]
public sealed class ImportModel(
    AppDbContext db,
    AccessControl access,
    IAntiforgery antiforgery,
    IDataProtectionProvider protection,
    SaveFlow save,
    TimeProvider time,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public EnrolledCompany Rights { get; private set; } = null!;

    public string WorksheetName { get; private set; } = string.Empty;

    /// <summary>The checked file; null before an upload.</summary>
    public StreamImportPlan? Plan { get; private set; }

    public string? FileName { get; private set; }

    /// <summary>The previewed file, protected, for the confirmation.</summary>
    public string? Payload { get; private set; }

    /// <summary>The worksheet's row version the preview was made against.</summary>
    public uint Version { get; private set; }

    public bool CreateMissingSteps { get; private set; }

    public IReadOnlyList<string> StepNames { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid worksheetId) => await CheckAsync(worksheetId) ?? Page();

    /// <summary>The template: the header line and two example lines.</summary>
    public async Task<IActionResult> OnGetTemplateAsync(Guid worksheetId) =>
        await CheckAsync(worksheetId) ?? File(StreamCsv.Template(), "text/csv; charset=utf-8", "streams-template.csv");

    public async Task<IActionResult> OnPostPreviewAsync(Guid worksheetId)
    {
        var refused = await CheckAsync(worksheetId) ?? await ReadFormAsync();
        if (refused is not null)
        {
            return refused;
        }

        CreateMissingSteps = Request.Form["CreateMissingSteps"].Contains("true");
        var file = Request.Form.Files.GetFile("File");
        var (text, refusal) = await Uploads.ReadCsvAsync(
            file,
            StreamCsv.MaxFileBytes,
            megabytes => t["The file is {0:N1} MB; the largest file accepted is {1} MB.", megabytes, StreamCsv.MaxFileBytes / 1024 / 1024],
            csvByContentType: false,
            t);
        if (text is null)
        {
            return Refuse(refusal!);
        }

        FileName = Path.GetFileName(file!.FileName);
        Version = await db.Worksheets.Where(w => w.Id == worksheetId).Select(w => EF.Property<uint>(w, "Version")).SingleAsync();
        var sheet = await LoadAsync(worksheetId, tracked: false);
        Plan = StreamImport.Apply(sheet, StreamCsv.Parse(text, t), CreateMissingSteps, CultureInfo.CurrentCulture, t);
        if (Plan.CanConfirm)
        {
            Payload = new PreviewPayload(protection, time).Protect(worksheetId, Rights.UserId, FileName, text);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(Guid worksheetId)
    {
        var refused = await CheckAsync(worksheetId) ?? await ReadFormAsync();
        if (refused is not null)
        {
            return refused;
        }

        CreateMissingSteps = Request.Form["CreateMissingSteps"].Contains("true");
        var previewed = new PreviewPayload(protection, time).Unprotect(Request.Form["Payload"], worksheetId, Rights.UserId);
        if (previewed is null || !uint.TryParse(Request.Form["Version"], NumberStyles.None, CultureInfo.InvariantCulture, out var seen))
        {
            return Refuse(t["This preview has expired or is not valid. Upload the file again."]);
        }

        (FileName, var text) = previewed.Value;
        var parsed = StreamCsv.Parse(text, t);
        StreamImportPlan? plan = null;
        var result = await save.SaveInTransactionAsync(this, async () =>
        {
            plan = null;
            _ = await db.Database.ExecuteSqlAsync($"SELECT 1 FROM worksheets WHERE id = {worksheetId} FOR UPDATE");
            var sheet = save.Expect(await LoadAsync(worksheetId, tracked: true), seen);
            plan = StreamImport.Apply(sheet, parsed, CreateMissingSteps, CultureInfo.CurrentCulture, t);
            if (!plan.CanConfirm)
            {
                return false;
            }

            // Touches the worksheet row so that its row version moves: an editor's form opened before the import
            // is refused as a conflict instead of overwriting what was imported.
            db.Entry(sheet).Property(w => w.Name).IsModified = true;
            db.Record(time, Rights.UserId, Rights.ProgrammeId, "worksheet.imported", sheet.Name, null, $"{plan.Streams.Count} stream(s), {plan.Energy.Count} energy carrier(s), {plan.NewSteps.Count} new step(s) from {FileName}");
            return true;
        });
        var changed = result == SaveResult.Conflict;
        if (changed || plan is not { CanConfirm: true })
        {
            db.ChangeTracker.Clear();
            Plan = changed ? null : plan;
            ModelState.AddModelError(string.Empty, changed
                ? t["Nothing was imported: the worksheet was changed after the preview. Upload the file again to preview it against the worksheet as it is now."]
                : t["Nothing was imported: the file no longer fits the worksheet. The reasons are listed below; correct the file and upload it again."]);
            return Page();
        }

        TempData["Success"] = t["Import done: {0} streams and {1} energy carriers added, {2} steps created.", plan.Streams.Count, plan.Energy.Count, plan.NewSteps.Count].Value;
        return Redirect($"/worksheets/{worksheetId}");
    }

    /// <summary>The worksheet exists (404) and the user may edit it (403).</summary>
    private async Task<IActionResult?> CheckAsync(Guid worksheetId)
    {
        var rights = await WorksheetCompany.LoadAsync(db, access, worksheetId);
        if (rights is null)
        {
            return NotFound();
        }

        if (!rights.MayEdit)
        {
            return Forbid();
        }

        Rights = rights;
        var sheet = await db.Worksheets.AsNoTracking().Where(w => w.Id == worksheetId)
            .Select(w => new { w.Name, Steps = w.Steps.OrderBy(s => s.Position).Select(s => s.Name).ToList() })
            .SingleAsync();
        (WorksheetName, StepNames) = (sheet.Name, sheet.Steps);
        return null;
    }

    /// <summary>Reads the posted form within the page's limits, then checks its antiforgery token.</summary>
    private Task<IActionResult?> ReadFormAsync() =>
        Uploads.ReadFormAsync(this, antiforgery, StreamCsv.MaxRequestBytes, () =>
            Task.FromResult<IActionResult>(Refuse(t["The upload is too large: the largest file accepted is {0} MB.", StreamCsv.MaxFileBytes / 1024 / 1024])));

    private PageResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    private async Task<Worksheet> LoadAsync(Guid worksheetId, bool tracked)
    {
        var query = db.Worksheets.Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams).AsSplitQuery().Where(w => w.Id == worksheetId);
        return await (tracked ? query : query.AsNoTracking()).SingleAsync();
    }
}
