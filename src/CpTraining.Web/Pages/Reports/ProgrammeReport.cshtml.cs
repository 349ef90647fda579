using System.Globalization;
using CpTraining.Domain.Reports;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Saving;
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
/// document from the same snapshot. Coordinators publish it from the final session on (numbered, frozen versions,
/// see <see cref="ProgrammeReportVersionModel"/>); investors read the latest published version through share links.
/// </summary>
[Authorize]
public sealed class ProgrammeReportModel(AppDbContext db, AccessControl access, SaveFlow save, TimeProvider time, ReportPrinter printer, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string DocumentView = "/Pages/Reports/_ProgrammeReportDocument.cshtml";

    public ProgrammeReportView Report { get; private set; } = null!;

    public bool MayPublish { get; private set; }

    public IReadOnlyList<ReportVersionSummary> Versions { get; private set; } = [];

    public bool ChangedSinceLatest { get; private set; }

    public DateOnly Today { get; private set; }

    public DateOnly? FinalSessionStart { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    /// <summary>The same document printed to PDF; the page with the reason when Chromium cannot print.</summary>
    public async Task<IActionResult> OnGetPdfAsync(Guid id)
    {
        var refused = await LoadAsync(id);
        return refused ?? await PrintAsync(this, printer, t, Report, Report.Snapshot.ProgrammeName + " report (draft).pdf");
    }

    /// <summary>Freezes the programme report as its next published version (coordinators and administrators).</summary>
    public async Task<IActionResult> OnPostPublishAsync(Guid id)
    {
        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!standing.Can(Operation.PublishReports, inProgramme))
        {
            return await db.Programmes.AnyAsync(p => p.Id == id) ? Forbid() : NotFound();
        }

        var userName = await db.Users.Where(u => u.Id == standing.UserId).Select(u => u.DisplayName).SingleAsync();
        var (result, version) = await ReportVersions.PublishAsync(save, this, db, time, id, null, async _ =>
        {
            var snapshot = (await ProgrammeReportBuilder.BuildAsync(db, id, time, HttpContext.RequestAborted))!;
            return (ReportVersions.ToJson(snapshot), ReportVersions.HashOf(snapshot));
        }, standing.UserId, userName);
        if (result != SaveResult.Saved)
        {
            return await LoadAsync(id) ?? Page();
        }

        TempData["Success"] = t["Version {0} of the report is published.", version].Value;
        return RedirectToPage("/Reports/ProgrammeReportVersion", new { id, version });
    }

    /// <summary>Prints a programme report document in the programme's language, or goes back with Chromium's problem.</summary>
    internal static Task<IActionResult> PrintAsync(PageModel page, ReportPrinter printer, IStringLocalizer t, ProgrammeReportView report, string fileName)
    {
        var snapshot = report.Snapshot;
        return printer.FileAsync(page, DocumentView, report, snapshot.Language, () => new ReportHeading(
            t["Programme report: {0}", snapshot.ProgrammeName],
            snapshot.Organisers,
            snapshot.Language,
            snapshot.ProgrammeName + (report.IsDraft
                ? " · " + t["Draft"].Value.ToUpper(CultureInfo.CurrentCulture)
                : " · " + t["Version {0}", report.Version ?? 0]),
            snapshot.Organisers), fileName, routeValues: null); // back to the page asked for (draft, version or share link)
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!standing.Can(Operation.SeeAllCompanies, inProgramme))
        {
            return await db.Programmes.AnyAsync(p => p.Id == id) ? Forbid() : NotFound();
        }

        var cancellation = HttpContext.RequestAborted;
        var snapshot = await ProgrammeReportBuilder.BuildAsync(db, id, time, cancellation);
        if (snapshot is null)
        {
            return NotFound();
        }

        Report = new ProgrammeReportView(snapshot, ProgrammeReportFigures.Of(snapshot), IsDraft: true);
        MayPublish = standing.Can(Operation.PublishReports, inProgramme);
        (Today, FinalSessionStart) = await ReportVersions.CalendarAsync(db, time, id, cancellation);
        Versions = await ReportVersions.ListAsync(db, id, null, cancellation);
        ChangedSinceLatest = Versions.Count == 0 || Versions[0].ContentHash != ReportVersions.HashOf(snapshot);
        return null;
    }
}
