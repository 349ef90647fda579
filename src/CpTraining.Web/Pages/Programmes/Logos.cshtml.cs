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

namespace CpTraining.Web.Pages.Programmes;

/// <summary>
/// The organisers' logos on the programme's report covers (issue 15): the programme's coordinators (and administrators)
/// upload PNG or JPEG images up to 1 MB, remove them and put them in order. SVG is refused (it can carry scripts and
/// links). The upload goes through the one upload pipeline (<see cref="Uploads"/>): rights first, then the form within
/// its limit and its antiforgery token, then the file's type by its content.
/// </summary>
[Authorize(Policy = Policies.ManageProgrammes)]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class LogosModel(AppDbContext db, AccessControl access, IAntiforgery antiforgery, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>1 MB per logo.</summary>
    public const long MaxLogoBytes = 1024 * 1024;

    /// <summary>The form may be a little larger than the file (its other fields and the multipart framing).</summary>
    public const long MaxRequestBytes = MaxLogoBytes + (64 * 1024);

    public static readonly IReadOnlyList<string> Extensions = [".png", ".jpg", ".jpeg"];

    public string ProgrammeName { get; private set; } = string.Empty;

    public IReadOnlyList<LogoRow> Logos { get; private set; } = [];

    /// <summary>What the user typed as the logo's name (kept when the file is refused).</summary>
    public string? LogoName { get; private set; }

    public sealed record LogoRow(Guid FileId, string FileName, long Length);

    public async Task<IActionResult> OnGetAsync(Guid id) => await CheckAsync(id) ?? await ShowAsync(id);

    public async Task<IActionResult> OnPostUploadAsync(Guid id)
    {
        var refused = await CheckAsync(id) ?? await Uploads.ReadFormAsync(this, antiforgery, MaxRequestBytes, async () =>
        {
            ModelState.AddModelError("Logo", t["The logo is larger than {0} MB. Make the image smaller and upload it again.", 1]);
            return await ShowAsync(id);
        });
        if (refused is not null)
        {
            return refused;
        }

        LogoName = Request.Form["LogoName"].ToString().Trim();
        var chosen = Uploads.Chosen(Request, "Logo");
        if (chosen.Count != 1)
        {
            ModelState.AddModelError("Logo", t["Choose one PNG or JPEG image."]);
            return await ShowAsync(id);
        }

        var upload = chosen[0];
        var extension = Path.GetExtension(upload.FileName).ToLowerInvariant();
        if (extension == ".svg" || string.Equals(upload.ContentType, "image/svg+xml", StringComparison.OrdinalIgnoreCase))
        {
            ModelState.AddModelError("Logo", t["SVG images are refused: they can carry scripts. Save the logo as PNG or JPEG."]);
        }
        else if (!Extensions.Contains(extension))
        {
            ModelState.AddModelError("Logo", t["“{0}” was refused: a logo must be a PNG or JPEG image.", FileInspector.SanitiseFileName(upload.FileName)]);
        }
        else if (upload.Length > MaxLogoBytes)
        {
            ModelState.AddModelError("Logo", t["The logo is larger than {0} MB. Make the image smaller and upload it again.", 1]);
        }

        InspectedFile? inspected = null;
        if (ModelState.IsValid)
        {
            try
            {
                using var content = upload.OpenReadStream();
                inspected = FileInspector.Inspect(upload.FileName, content); // the content must be what the extension says
            }
            catch (Domain.DomainException ex)
            {
                ModelState.AddModelError("Logo", t[ex.MessageTemplate, [.. ex.Arguments]]);
            }
        }

        if (inspected is null || !ModelState.IsValid)
        {
            return await ShowAsync(id);
        }

        // The organisation's name, when given, names the file: it is the logo's text alternative on the covers.
        if (LogoName.Length > 0)
        {
            inspected = inspected with { FileName = FileInspector.SanitiseFileName(LogoName[..Math.Min(LogoName.Length, 100)] + extension) };
        }

        var userId = (await access.StandingAsync()).UserId;
        var result = await save.SaveInTransactionAsync(this, async () =>
        {
            var programme = await db.Programmes.SingleAsync(p => p.Id == id, HttpContext.RequestAborted);
            var files = new IncomingFiles([(upload, new StoredFile(id, FileOwnerKind.ProgrammeLogo, id, inspected, userId, time.GetUtcNow()))]);
            programme.AddLogo(files.Ids[0]); // a broken rule (too many logos) comes back as the field's error
            await db.SaveChangesAsync(HttpContext.RequestAborted);
            await files.StoreAsync(db, HttpContext.RequestAborted);
            return true;
        }, new FormFields().Unprefixed("Logo"));
        if (result != SaveResult.Saved)
        {
            return await ShowAsync(id);
        }

        TempData["Success"] = t["The logo has been added to the report covers."].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid id, Guid fileId)
    {
        var refused = await CheckAsync(id) ?? await Uploads.ReadFormAsync(this, antiforgery, MaxRequestBytes, () => ShowAsync(id));
        if (refused is not null)
        {
            return refused;
        }

        var programme = await db.Programmes.SingleAsync(p => p.Id == id, HttpContext.RequestAborted);
        if (programme.RemoveLogo(fileId))
        {
            await FileStore.RemoveAsync(db, FileOwnerKind.ProgrammeLogo, id, [fileId], HttpContext.RequestAborted);
            await db.SaveChangesAsync(HttpContext.RequestAborted);
        }

        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid id, Guid fileId, bool earlier)
    {
        var refused = await CheckAsync(id) ?? await Uploads.ReadFormAsync(this, antiforgery, MaxRequestBytes, () => ShowAsync(id));
        if (refused is not null)
        {
            return refused;
        }

        var programme = await db.Programmes.SingleAsync(p => p.Id == id, HttpContext.RequestAborted);
        programme.MoveLogo(fileId, earlier);
        await db.SaveChangesAsync(HttpContext.RequestAborted);
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult> ShowAsync(Guid id)
    {
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Name, LogoFileIds = EF.Property<Guid[]>(p, "_logoFileIds") }).SingleAsync();
        ProgrammeName = programme.Name;
        var files = await db.StoredFiles.AsNoTracking()
            .Where(f => f.OwnerKind == FileOwnerKind.ProgrammeLogo && f.OwnerId == id)
            .Select(f => new LogoRow(f.Id, f.FileName, f.Length))
            .ToListAsync();
        Logos = [.. programme.LogoFileIds.Select(i => files.FirstOrDefault(f => f.FileId == i)).OfType<LogoRow>()];
        return Page();
    }

    private async Task<IActionResult?> CheckAsync(Guid id)
    {
        if (!await db.Programmes.AnyAsync(p => p.Id == id))
        {
            return NotFound();
        }

        return await access.CanAsync(Operation.ManageProgramme, new ProgrammeResource(id)) ? null : Forbid();
    }
}
