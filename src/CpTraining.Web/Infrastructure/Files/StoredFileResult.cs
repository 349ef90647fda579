using CpTraining.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace CpTraining.Web.Infrastructure.Files;

/// <summary>
/// Answers with a stored file, streamed from PostgreSQL to the response in 80 KB pieces (never held whole in memory),
/// as an attachment with a sanitised name and with headers that stop a browser from running or sniffing it: nosniff
/// and a sandbox CSP. The caller has already decided that the user may read the file.
/// </summary>
public sealed class StoredFileResult(Guid fileId, string fileName, string contentType, long length) : IActionResult
{
    /// <summary>Replaces the app's page CSP for file responses: nothing in them may run or load anything.</summary>
    public const string ContentSecurityPolicy = "sandbox; default-src 'none'";

    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
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
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.CacheControl = "private, no-store";
        var db = http.RequestServices.GetRequiredService<AppDbContext>();
        await FileStore.CopyToAsync(db, fileId, response.Body, http.RequestAborted);
    }
}
