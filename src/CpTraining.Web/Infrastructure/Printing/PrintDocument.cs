using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace CpTraining.Web.Infrastructure.Printing;

/// <summary>
/// Wraps a rendered report document into a stand-alone HTML page for Chromium to print: its styles inline (the
/// print tab loads nothing from the app), A4 pages, the document's language and title.
/// </summary>
public static class PrintDocument
{
    public static string Wrap(string body, string title, string language, string css) =>
        $"<!doctype html><html lang=\"{WebUtility.HtmlEncode(language)}\"><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title><style>{css}</style></head><body class=\"report-print\">{body}</body></html>";

    /// <summary>The content hash the PDF cache is keyed by: the same document prints once.</summary>
    public static string Hash(string html) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(html)));

    /// <summary>The report stylesheet, read once from wwwroot/css/report.css.</summary>
    public static string Styles(IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var file = environment.WebRootFileProvider.GetFileInfo("css/report.css");
        using var stream = file.CreateReadStream();
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
