using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Files;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// Downloads one evidence file of one option, for whoever may read the option (the company's worksheets' read rule).
/// The file must be evidence of THIS option (stored for it and still listed on it): the id of another option's
/// file, guessed or copied, is 404 like an unknown id. Sent by <see cref="StoredFileResult"/>.
/// </summary>
[Authorize]
public sealed class EvidenceModel(AppDbContext db, AccessControl accessControl) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid optionId, Guid fileId)
    {
        var option = await db.CpOptions.AsNoTracking()
            .Where(o => o.Id == optionId)
            .Select(o => new { o.ProgrammeId, o.CompanyId, EvidenceFileIds = EF.Property<Guid[]>(o, "_evidenceFileIds") })
            .SingleOrDefaultAsync();
        var access = option is null ? null : await accessControl.EnrolledCompanyAsync(option.ProgrammeId, option.CompanyId);
        if (option is null || access is null)
        {
            return NotFound();
        }

        if (!access.MayView)
        {
            return Forbid();
        }

        var file = option.EvidenceFileIds.Contains(fileId)
            ? await db.StoredFiles.AsNoTracking()
                .Where(f => f.Id == fileId && f.OwnerKind == FileOwnerKind.OptionEvidence && f.OwnerId == optionId)
                .Select(f => new { f.Id, f.FileName, f.ContentType, f.Length })
                .SingleOrDefaultAsync()
            : null;
        return file is null ? NotFound() : new StoredFileResult(file.Id, file.FileName, file.ContentType, file.Length);
    }
}
