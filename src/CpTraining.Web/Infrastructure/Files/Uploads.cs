using CpTraining.Domain;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Infrastructure.Files;

/// <summary>
/// The one upload pipeline, in the order a page calls it:
/// <list type="number">
/// <item><see cref="ReadFormAsync"/> after the rights are checked: the multipart form within the page's limit and its
/// antiforgery token (<see cref="UploadForm"/>); a body over the limit is answered 413 with the page's message.</item>
/// <item><see cref="Inspect"/> every chosen file (<see cref="FileInspector"/>) before anything is written; each
/// refusal names its file, in the form. Or <see cref="ReadCsvAsync"/> for a CSV import.</item>
/// <item><see cref="InspectedUploads.For"/> gives the files their ids for the domain call, and
/// <see cref="IncomingFiles.StoreAsync"/> stores them inside the transaction of the change they belong to
/// (<see cref="FileStore"/>), so a failed save leaves no file behind.</item>
/// <item><see cref="FileStore.RemoveAsync"/> deletes the files the change let go, in the same transaction.</item>
/// </list>
/// Pages that take files therefore read the form themselves (<c>[IgnoreAntiforgeryToken]</c>, no bound properties):
/// binding would read the body before the rights and the size are checked.
/// </summary>
public static class Uploads
{
    /// <summary>
    /// Reads the posted form within <paramref name="maxRequestBytes"/> and checks its antiforgery token. Null when it
    /// was read; otherwise the answer: 400 for a post that is not a form or has no valid token, and for a body over
    /// the limit status 413 with the page <paramref name="tooLarge"/> renders (it says why; the input is lost).
    /// </summary>
    public static async Task<IActionResult?> ReadFormAsync(PageModel page, IAntiforgery antiforgery, long maxRequestBytes, Func<Task<IActionResult>> tooLarge)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(tooLarge);
        switch (await UploadForm.ReadAsync(page.HttpContext, antiforgery, maxRequestBytes))
        {
            case UploadFormOutcome.NotAForm or UploadFormOutcome.BadToken:
                return page.BadRequest();
            case UploadFormOutcome.TooLarge:
                page.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
                return await tooLarge();
            default:
                return null;
        }
    }

    /// <summary>The files chosen in the form's file input <paramref name="field"/> (an empty input posts one without a name).</summary>
    public static IReadOnlyList<IFormFile> Chosen(HttpRequest request, string field)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.HasFormContentType
            ? request.Form.Files.GetFiles(field).Where(f => !string.IsNullOrEmpty(f.FileName)).ToList()
            : [];
    }

    /// <summary>
    /// Checks every file before anything is written. A refused file is an error at <paramref name="key"/> that names
    /// it (most refusals do; the zip-bomb ones do not, so the name is put in front of them).
    /// </summary>
    public static InspectedUploads Inspect(IEnumerable<IFormFile> chosen, ModelStateDictionary modelState, IStringLocalizer t, string key)
    {
        ArgumentNullException.ThrowIfNull(chosen);
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(t);
        var inspected = new List<(IFormFile, InspectedFile)>();
        foreach (var upload in chosen)
        {
            try
            {
                using var content = upload.OpenReadStream();
                inspected.Add((upload, FileInspector.Inspect(upload.FileName, content)));
            }
            catch (DomainException ex)
            {
                var name = FileInspector.SanitiseFileName(upload.FileName);
                modelState.AddModelError(key, ex.Arguments.Contains(name) ? t.Text(ex) : t["“{0}”: {1}", name, t.Text(ex)]);
            }
        }

        return new InspectedUploads(inspected);
    }

    /// <summary>
    /// A CSV file to import, as text: it must be there, at most <paramref name="maxBytes"/>, a .csv file (or sent as
    /// text/csv, when <paramref name="csvByContentType"/>), and UTF-8 (a byte order mark is dropped). Otherwise the
    /// text is null and the refusal says why; <paramref name="tooBig"/> words the size refusal (given the size in MB).
    /// </summary>
    public static async Task<(string? Text, string? Refusal)> ReadCsvAsync(IFormFile? file, long maxBytes, Func<double, string> tooBig, bool csvByContentType, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(tooBig);
        ArgumentNullException.ThrowIfNull(t);
        if (file is null || file.Length == 0)
        {
            return (null, t["Choose a CSV file to upload."]);
        }

        if (file.Length > maxBytes)
        {
            return (null, tooBig(file.Length / (1024.0 * 1024.0)));
        }

        var isCsv = Path.GetExtension(file.FileName).Equals(".csv", StringComparison.OrdinalIgnoreCase)
            || (csvByContentType && string.Equals(file.ContentType, "text/csv", StringComparison.OrdinalIgnoreCase));
        if (!isCsv)
        {
            return (null, t["Only CSV files (.csv) can be imported. In a spreadsheet, use “Save as” → “CSV UTF-8”."]);
        }

        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content);
        var text = Utf8Text(content.GetBuffer().AsSpan(0, (int)content.Length));
        return text is null
            ? (null, t["The file is not UTF-8 text. In a spreadsheet, use “Save as” → “CSV UTF-8” and upload that file."])
            : (text, null);
    }

    /// <summary>The bytes as UTF-8 text (a byte order mark is dropped); null when they are not UTF-8 text.</summary>
    private static string? Utf8Text(ReadOnlySpan<byte> bytes)
    {
        ReadOnlySpan<byte> bom = [0xEF, 0xBB, 0xBF];
        if (bytes.StartsWith(bom))
        {
            bytes = bytes[bom.Length..];
        }

        return System.Text.Unicode.Utf8.IsValid(bytes) && !bytes.Contains((byte)0) ? System.Text.Encoding.UTF8.GetString(bytes) : null;
    }
}

/// <summary>Files that passed <see cref="FileInspector"/>, not yet stored.</summary>
public sealed class InspectedUploads(IReadOnlyList<(IFormFile Upload, InspectedFile File)> files)
{
    public int Count => files.Count;

    /// <summary>The files as <paramref name="ownerKind"/> <paramref name="ownerId"/>'s, each with its new id.</summary>
    public IncomingFiles For(Guid programmeId, FileOwnerKind ownerKind, Guid ownerId, string uploadedBy, DateTimeOffset now) =>
        new([.. files.Select(f => (f.Upload, new StoredFile(programmeId, ownerKind, ownerId, f.File, uploadedBy, now)))]);
}

/// <summary>Inspected files with their ids, to be stored in the transaction of the change they belong to.</summary>
public sealed class IncomingFiles(IReadOnlyList<(IFormFile Upload, StoredFile Stored)> files)
{
    public IReadOnlyList<Guid> Ids { get; } = [.. files.Select(f => f.Stored.Id)];

    /// <summary>Streams every file's content into the current transaction (<see cref="FileStore.SaveAsync"/>).</summary>
    public async Task StoreAsync(Data.AppDbContext db, CancellationToken cancellationToken = default)
    {
        foreach (var (upload, stored) in files)
        {
            await using var content = upload.OpenReadStream();
            await FileStore.SaveAsync(db, stored, content, cancellationToken);
        }
    }
}
