using CpTraining.Web.Infrastructure.Printing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Reports;

/// <summary>How a printed report names itself: PDF title and author metadata, the running header and footer.</summary>
public sealed record ReportHeading(string Title, string Author, string Language, string Header, string Footer);

/// <summary>
/// Prints a report document to PDF: renders the same Razor partial the web page shows, wraps it with the report
/// stylesheet and hands it to the shared <see cref="PdfRenderer"/>, keyed by the content hash so an unchanged document
/// is printed once. Throws <see cref="PdfUnavailableException"/> when Chromium cannot print.
/// </summary>
public sealed class ReportPrinter(PdfRenderer pdf, ViewRenderer views, IWebHostEnvironment environment, IStringLocalizer<SharedResource> t)
{
    public async Task<byte[]> PrintAsync<TModel>(HttpContext http, string viewPath, TModel model, ReportHeading heading)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(heading);
        var html = await views.RenderAsync(http, viewPath, model);
        var page = PrintDocument.Wrap(html, heading.Title, heading.Language, PrintDocument.Styles(environment));
        return await pdf.RenderAsync(
            new PdfDocument(page, heading.Title, heading.Author, heading.Language, heading.Header, heading.Footer, t["page"], t["of"]),
            PrintDocument.Hash(page + heading.Header + heading.Footer),
            http.RequestAborted);
    }

    /// <summary>
    /// The page's PDF download: prints in the report's <paramref name="language"/> (the heading is made in it too, so
    /// "page X of Y" and the title match the document); when Chromium cannot print, back to the page
    /// (<paramref name="routeValues"/>) with the reason in TempData["PdfProblem"], which the report pages show.
    /// </summary>
    public async Task<IActionResult> FileAsync<TModel>(PageModel page, string viewPath, TModel model, string language, Func<ReportHeading> heading, string fileName, object? routeValues)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(heading);
        using var culture = ReportCulture.Use(language);
        try
        {
            var bytes = await PrintAsync(page.HttpContext, viewPath, model, heading());
            return page.File(bytes, "application/pdf", Infrastructure.Files.FileInspector.SanitiseFileName(fileName));
        }
        catch (PdfUnavailableException ex)
        {
            page.TempData["PdfProblem"] = ex.Message;
            return page.RedirectToPage(routeValues);
        }
    }
}
