using Microsoft.AspNetCore.Antiforgery;

namespace CpTraining.Web.Infrastructure.Files;

/// <summary>What reading a multipart upload form found.</summary>
public enum UploadFormOutcome
{
    Read,
    NotAForm,
    TooLarge,
    BadToken,
}

/// <summary>
/// Reads a multipart form with files only after the caller has checked the user's rights: the declared size first
/// (Content-Length over the limit is refused before a byte is read), then the body within the server's limit (the
/// rest is never buffered), then the antiforgery token, which the framework checks only after binding.
/// </summary>
public static class UploadForm
{
    public static async Task<UploadFormOutcome> ReadAsync(HttpContext http, IAntiforgery antiforgery, long maxRequestBytes)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(antiforgery);
        if (!http.Request.HasFormContentType)
        {
            return UploadFormOutcome.NotAForm;
        }

        if (http.Request.ContentLength > maxRequestBytes)
        {
            return UploadFormOutcome.TooLarge;
        }

        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            // The server stopped reading at the limit; the rest of the body was never buffered.
            return UploadFormOutcome.TooLarge;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(http);
        }
        catch (AntiforgeryValidationException)
        {
            return UploadFormOutcome.BadToken;
        }

        return UploadFormOutcome.Read;
    }
}
