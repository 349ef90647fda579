using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Files;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.HomeTasks;

/// <summary>
/// Downloads an attached file. Authorised through what the file belongs to: a company's work — whoever may view that
/// work (<see cref="SubmissionRights"/>); a task's instructions — members of the task's programme. Unknown ids are 404.
/// The file is sent by <see cref="StoredFileResult"/> (streamed, as an attachment, with nosniff and a sandbox CSP).
/// </summary>
[Authorize]
public sealed class DownloadModel(AppDbContext db, AccessControl access) : PageModel
{
    /// <summary>Replaces the app's page CSP for file responses: nothing in them may run or load anything.</summary>
    public const string FileContentSecurityPolicy = StoredFileResult.ContentSecurityPolicy;

    public async Task<IActionResult> OnGetAsync(Guid fileId)
    {
        var file = await db.StoredFiles.AsNoTracking()
            .Where(f => f.Id == fileId)
            .Select(f => new { f.Id, f.OwnerKind, f.OwnerId, f.FileName, f.ContentType, f.Length })
            .SingleOrDefaultAsync();
        if (file is null)
        {
            return NotFound();
        }

        bool allowed;
        if (file.OwnerKind == FileOwnerKind.Submission)
        {
            var rights = await SubmissionRights.LoadAsync(db, access, file.OwnerId);
            if (rights is null)
            {
                return NotFound();
            }

            allowed = rights.MayView;
        }
        else if (file.OwnerKind == FileOwnerKind.HomeTask)
        {
            var programmeId = await db.HomeTasks.AsNoTracking().Where(h => h.Id == file.OwnerId).Select(h => (Guid?)h.ProgrammeId).SingleOrDefaultAsync();
            if (programmeId is null)
            {
                return NotFound();
            }

            allowed = await access.CanAsync(Operation.SeeProgramme, new ProgrammeResource(programmeId.Value));
        }
        else
        {
            // Other owners (an option's evidence) have their own download page with their own rights.
            return NotFound();
        }

        return allowed ? new StoredFileResult(file.Id, file.FileName, file.ContentType, file.Length) : Forbid();
    }
}
