using CpTraining.Domain.Reports;
using CpTraining.Web.Data;
using CpTraining.Web.Pages.Worksheets;
using CpTraining.Web.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Reports;

/// <summary>
/// The company report for its management (issue 7, point 1): readable by everyone who may read the company's work
/// (its managers and engineers, its trainer, the programme's coordinators, administrators), marked DRAFT until
/// published. The web page and the PDF render the same document from the same snapshot.
/// </summary>
[Authorize]
public sealed class CompanyReportModel(AppDbContext db, TimeProvider time, ReportPrinter printer, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string DocumentView = "/Pages/Reports/_CompanyReportDocument.cshtml";

    public CompanyReportView Report { get; private set; } = null!;

    public WorksheetAccess Access { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid companyId)
    {
        var refused = await LoadAsync(id, companyId);
        return refused ?? Page();
    }

    /// <summary>The same document printed to PDF; a page with the reason when Chromium cannot print.</summary>
    public async Task<IActionResult> OnGetPdfAsync(Guid id, Guid companyId)
    {
        var refused = await LoadAsync(id, companyId);
        if (refused is not null)
        {
            return refused;
        }

        var snapshot = Report.Snapshot;
        using var language = ReportCulture.Use(snapshot.Language); // the PDF is printed in the programme's language
        try
        {
            var bytes = await printer.PrintAsync(HttpContext, DocumentView, Report, new ReportHeading(
                t["Cleaner Production report: {0}", snapshot.CompanyName],
                snapshot.Organisers,
                snapshot.Language,
                snapshot.CompanyName + " · " + snapshot.ProgrammeName + (Report.IsDraft ? " · " + t["Draft"].Value.ToUpper(System.Globalization.CultureInfo.CurrentCulture) : string.Empty),
                snapshot.Organisers));
            return File(bytes, "application/pdf", Infrastructure.Files.FileInspector.SanitiseFileName(snapshot.CompanyName + " report.pdf"));
        }
        catch (PdfUnavailableException ex)
        {
            TempData["PdfProblem"] = ex.Message;
            return RedirectToPage(new { id, companyId });
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid companyId)
    {
        var access = await WorksheetAccess.ForCompanyAsync(db, User, id, companyId);
        if (access is null)
        {
            return NotFound();
        }

        if (!access.MayView)
        {
            return Forbid();
        }

        Access = access;
        var snapshot = await CompanyReportBuilder.BuildAsync(db, id, companyId, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), HttpContext.RequestAborted);
        Report = new CompanyReportView(snapshot!, CompanyReportFigures.Of(snapshot!), IsDraft: true);
        return null;
    }
}
