using System.Globalization;
using CpTraining.Domain.Reports;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Reports;

/// <summary>
/// The programme report for the final session and its investors (issue 7, point 2): every company's figures side by
/// side, so only those who see every company may read it — the programme's coordinators and trainers and
/// administrators; the companies' engineers and managers are refused. The web page and the PDF render the same
/// document from the same snapshot.
/// </summary>
[Authorize]
public sealed class ProgrammeReportModel(AppDbContext db, TimeProvider time, ReportPrinter printer, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string DocumentView = "/Pages/Reports/_ProgrammeReportDocument.cshtml";

    public ProgrammeReportView Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    /// <summary>The same document printed to PDF; the page with the reason when Chromium cannot print.</summary>
    public async Task<IActionResult> OnGetPdfAsync(Guid id)
    {
        var refused = await LoadAsync(id);
        if (refused is not null)
        {
            return refused;
        }

        var snapshot = Report.Snapshot;

        // The running header and footer ("page 3 of 12") in the programme's language, like the document itself.
        if (Infrastructure.Cultures.Supported.Contains(snapshot.Language))
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(snapshot.Language);
        }

        try
        {
            var bytes = await printer.PrintAsync(HttpContext, DocumentView, Report, new ReportHeading(
                t["Programme report: {0}", snapshot.ProgrammeName],
                snapshot.Organisers,
                snapshot.Language,
                snapshot.ProgrammeName + (Report.IsDraft ? " · " + t["Draft"].Value.ToUpper(CultureInfo.CurrentCulture) : string.Empty),
                snapshot.Organisers));
            return File(bytes, "application/pdf", Infrastructure.Files.FileInspector.SanitiseFileName(snapshot.ProgrammeName + " report.pdf"));
        }
        catch (PdfUnavailableException ex)
        {
            TempData["PdfProblem"] = ex.Message;
            return RedirectToPage(new { id });
        }
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var standing = await ProgrammeStanding.LoadAsync(db, User, id);
        if (!standing.SeesAllCompanies)
        {
            return await db.Programmes.AnyAsync(p => p.Id == id) ? Forbid() : NotFound();
        }

        var snapshot = await ProgrammeReportBuilder.BuildAsync(db, id, time, HttpContext.RequestAborted);
        if (snapshot is null)
        {
            return NotFound();
        }

        Report = new ProgrammeReportView(snapshot, ProgrammeReportFigures.Of(snapshot), IsDraft: true);
        return null;
    }
}
