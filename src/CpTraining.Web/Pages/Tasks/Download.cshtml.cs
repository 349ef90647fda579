using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Files;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace CpTraining.Web.Pages.Tasks;

/// <summary>
/// Downloads an attached file. Authorised through what the file belongs to: a company's work — whoever may view that
/// work (<see cref="SubmissionRights"/>); a task's instructions — members of the task's programme. Unknown ids are 404.
/// The file is streamed from the database (never held whole in memory) as an attachment with a sanitised name, and
/// with headers that stop a browser from running or sniffing it: nosniff and a sandbox CSP.
/// </summary>
[Authorize]
public sealed class DownloadModel(AppDbContext db, IAuthorizationService authorization) : PageModel
{
    /// <summary>Replaces the app's page CSP for file responses: nothing in them may run or load anything.</summary>
    public const string FileContentSecurityPolicy = "sandbox; default-src 'none'";

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
            var rights = await SubmissionRights.LoadAsync(db, User, file.OwnerId);
            if (rights is null)
            {
                return NotFound();
            }

            allowed = rights.MayView;
        }
        else
        {
            var programmeId = await db.HomeTasks.AsNoTracking().Where(h => h.Id == file.OwnerId).Select(h => (Guid?)h.ProgrammeId).SingleOrDefaultAsync();
            if (programmeId is null)
            {
                return NotFound();
            }

            allowed = (await authorization.AuthorizeAsync(User, new ProgrammeResource(programmeId.Value), ProgrammeOperations.View)).Succeeded;
        }

        return allowed ? new StoredFileResult(file.Id, file.FileName, file.ContentType, file.Length) : Forbid();
    }

    /// <summary>Writes the headers, then copies the content from PostgreSQL to the response in 80 KB pieces.</summary>
    private sealed class StoredFileResult(Guid fileId, string fileName, string contentType, long length) : IActionResult
    {
        public async Task ExecuteResultAsync(ActionContext context)
        {
            var http = context.HttpContext;
            var response = http.Response;
            var disposition = new ContentDispositionHeaderValue("attachment");

            // Stored names are sanitised already; again here so that no header can ever carry a quote, a line break
            // or a path. SetHttpFileName writes an ASCII filename= and the full name as RFC 5987 filename*=.
            disposition.SetHttpFileName(FileInspector.SanitiseFileName(fileName));
            response.ContentType = contentType;
            response.ContentLength = length;
            response.Headers.ContentDisposition = disposition.ToString();
            response.Headers.XContentTypeOptions = "nosniff";
            response.Headers.ContentSecurityPolicy = FileContentSecurityPolicy;
            response.Headers.CacheControl = "private, no-store";
            var db = http.RequestServices.GetRequiredService<AppDbContext>();
            await FileStore.CopyToAsync(db, fileId, response.Body, http.RequestAborted);
        }
    }
}
