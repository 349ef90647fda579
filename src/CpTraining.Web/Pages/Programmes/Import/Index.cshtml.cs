using System.Security.Claims;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.Import;

/// <summary>
/// Enrols many companies and people from a CSV file: upload → preview (what would be created, and every bad line
/// with its number and reason; nothing is written) → confirm (checked again against the database, then written in
/// one transaction, all or nothing). For the programme's coordinators and administrators.
/// </summary>
/// <remarks>
/// The form is read by the handlers, not by model binding or the automatic antiforgery filter, so that a body over
/// the limit (cut off by the server, <see cref="EnrolmentCsv.MaxRequestBytes"/>) gets a message instead of a bare
/// 400; the antiforgery token is validated by the handlers right after reading the form, before anything else.
/// </remarks>
[Authorize(Policy = Policies.ManageProgrammes)]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(EnrolmentCsv.MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = EnrolmentCsv.MaxRequestBytes, ValueLengthLimit = EnrolmentCsv.MaxRequestBytes)]
public sealed class IndexModel(
    AppDbContext db,
    UserManager<AppUser> users,
    AccessControl access,
    IAntiforgery antiforgery,
    IDataProtectionProvider protection,
    TimeProvider time,
    IConfiguration configuration,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public Guid ProgrammeId { get; private set; }

    public string ProgrammeName { get; private set; } = string.Empty;

    /// <summary>The checked file; null before an upload.</summary>
    public ImportPlan? Plan { get; private set; }

    public string? FileName { get; private set; }

    /// <summary>The previewed file, protected, for the confirmation (see <see cref="PreviewPayload"/>).</summary>
    public string? Payload { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        return await CheckAsync() ?? Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync()
    {
        var refused = await CheckAsync() ?? await ReadFormAsync();
        if (refused is not null)
        {
            return refused;
        }

        var file = Request.Form.Files.GetFile("File");
        var (text, refusal) = await Uploads.ReadCsvAsync(
            file,
            EnrolmentCsv.MaxFileBytes,
            megabytes => t["The file is {0:N1} MB; the largest file accepted is 1 MB. Split it into smaller files.", megabytes],
            csvByContentType: true,
            t);
        if (text is null)
        {
            return Refuse(refusal!);
        }

        FileName = Path.GetFileName(file!.FileName);
        var programme = await LoadProgrammeAsync(tracked: false);
        Plan = await EnrolmentImport.PlanAsync(db, users, programme, EnrolmentCsv.Parse(text, t), time.GetUtcNow(), t);
        if (Plan.CanConfirm)
        {
            Payload = new PreviewPayload(protection, time).Protect(ProgrammeId, UserId, FileName, text);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync()
    {
        var refused = await CheckAsync() ?? await ReadFormAsync();
        if (refused is not null)
        {
            return refused;
        }

        var previewed = new PreviewPayload(protection, time).Unprotect(Request.Form["Payload"], ProgrammeId, UserId);
        if (previewed is null)
        {
            return Refuse(t["This preview has expired or is not valid. Upload the file again."]);
        }

        var (fileName, text) = previewed.Value;
        FileName = fileName;
        var parsed = EnrolmentCsv.Parse(text, t);
        ImportPlan? written = null;
        try
        {
            // One transaction, all or nothing, with the programme row locked so that imports and other changes to the
            // programme's teams are serialised; the file is checked again against what is committed now.
            await db.InLockedTransactionAsync(LockedRow.Programme, ProgrammeId, async () =>
            {
                var programme = await LoadProgrammeAsync(tracked: true);
                var plan = await EnrolmentImport.PlanAsync(db, users, programme, parsed, time.GetUtcNow(), t);
                if (!plan.CanConfirm)
                {
                    throw new ImportRejectedException(plan);
                }

                await EnrolmentImport.ApplyAsync(
                    db,
                    users,
                    programme,
                    plan,
                    fileName,
                    UserId,
                    time,
                    (address, token) => Url.AbsolutePage(configuration, "/Account/ResetPassword", new { email = address, token }),
                    t);
                written = plan;
                return true;
            });
        }
        catch (ImportRejectedException ex)
        {
            db.ChangeTracker.Clear();
            Plan = ex.Plan;
            ModelState.AddModelError(string.Empty, ex.Plan.HasWork || ex.Plan.Errors.Count > 0
                ? t["Nothing was imported: the programme has changed since the preview and the file no longer fits it. The reasons are listed below; correct the file and upload it again."]
                : t["Nothing to import: everyone in the file is already in their company's CP team."]);
            return Page();
        }

        TempData["Success"] = t[
            "Import done: {0} companies enrolled ({1} newly registered), {2} people added to CP teams; {3} invitations are in the outbox.",
            written!.CompaniesToEnrol,
            written.NewCompanies.Count(),
            written.MembersToAdd,
            written.AccountsToInvite].Value;
        return RedirectToPage("/Programmes/Details", new { id = ProgrammeId });
    }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>The programme exists (404) and the user may manage it (403).</summary>
    private async Task<IActionResult?> CheckAsync()
    {
        ProgrammeId = Guid.Parse((string)RouteData.Values["id"]!);
        var name = await db.Programmes.AsNoTracking().Where(p => p.Id == ProgrammeId).Select(p => p.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }

        if (!await access.CanAsync(Operation.ManageProgramme, new ProgrammeResource(ProgrammeId)))
        {
            return Forbid();
        }

        ProgrammeName = name;
        return null;
    }

    /// <summary>Reads the posted form within the page's limits, then checks its antiforgery token.</summary>
    private Task<IActionResult?> ReadFormAsync() =>
        Uploads.ReadFormAsync(this, antiforgery, EnrolmentCsv.MaxRequestBytes, () =>
            Task.FromResult(Refuse(t["The upload is too large: the largest file accepted is 1 MB. Split it into smaller files."])));

    private IActionResult Refuse(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    private async Task<Programme> LoadProgrammeAsync(bool tracked)
    {
        var query = db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).Where(p => p.Id == ProgrammeId);
        return await (tracked ? query : query.AsNoTracking()).SingleAsync();
    }
}
