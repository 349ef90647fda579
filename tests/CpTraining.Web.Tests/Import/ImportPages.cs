using System.Net.Http.Headers;
using System.Text;
using AngleSharp.Html.Dom;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Import;

/// <summary>Uploading, previewing and confirming enrolment files as a browser would; row counts to prove what was written.</summary>
internal static class ImportPages
{
    public static string Url(Guid programmeId) => $"/programmes/{programmeId}/import";

    public static byte[] Utf8(string text, bool bom = false) =>
        bom ? [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);

    /// <summary>Posts a file to the preview with the antiforgery token of the import page (or of <paramref name="tokenPage"/>).</summary>
    public static async Task<HttpResponseMessage> UploadAsync(
        this HttpClient client,
        Guid programmeId,
        byte[] content,
        string fileName = "people.csv",
        string contentType = "text/csv",
        string? tokenPage = null)
    {
        var page = await client.GetDocumentAsync(tokenPage ?? Url(programmeId));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(FormClient.Token(page)), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "File", fileName);
        return await client.PostAsync(Url(programmeId) + "?handler=Preview", form);
    }

    /// <summary>Uploads and returns the preview page (asserting 200).</summary>
    public static async Task<IHtmlDocument> PreviewAsync(this HttpClient client, Guid programmeId, byte[] content)
    {
        var response = await client.UploadAsync(programmeId, content);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await FormClient.ParseAsync(response);
    }

    public static Task<HttpResponseMessage> ConfirmAsync(this HttpClient client, Guid programmeId, IHtmlDocument preview) =>
        client.PostAsync(Url(programmeId) + "?handler=Confirm", new FormUrlEncodedContent(FormClient.FormValues(preview, "#confirm-form")));

    public static int Count(IHtmlDocument preview, string what) =>
        int.Parse(preview.QuerySelector($"#summary [data-count='{what}']")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The problems listed for a line of the file.</summary>
    public static IReadOnlyList<string> ErrorsOnLine(IHtmlDocument preview, int line) =>
        preview.QuerySelectorAll($"#row-errors tr[data-line='{line}'] td:last-child").Select(td => td.TextContent.Trim()).ToList();

    public static string FormErrors(IHtmlDocument page) => page.QuerySelector("#form-errors")?.TextContent.Trim() ?? string.Empty;

    public static async Task<RowCounts> CountRowsAsync(this CpTrainingFactory factory)
    {
        await using var db = factory.NewDbContext();
        return new RowCounts(
            await db.Companies.CountAsync(),
            await db.Enrolments.CountAsync(),
            await db.Users.CountAsync(),
            await db.ProgrammeMembers.CountAsync(),
            await db.OutboxMessages.CountAsync(),
            await db.AuditEntries.CountAsync());
    }
}

internal sealed record RowCounts(int Companies, int Enrolments, int Users, int Members, int Outbox, int Audit);
