using System.Globalization;
using CpTraining.Domain.Checks;
using CpTraining.Domain.Reports;
using CpTraining.Web.Checks;
using CpTraining.Web.Data;
using CpTraining.Web.Data.Configurations;
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

    /// <summary>The programme report's totals that differ from its company reports (<see cref="ReportChecks"/>).</summary>
    public FindingsBlock Findings { get; private set; } = FindingsBlock.None;

    /// <summary>The open warnings a coordinator confirms to publish: the totals' and every company's unreviewed findings.</summary>
    public IReadOnlyList<(string Where, string Message)> OpenFindings { get; private set; } = [];

    /// <summary>The coordinator ticked the box that confirms the open data-quality warnings on the publish panel.</summary>
    [BindProperty]
    public bool ConfirmOpenFindings { get; set; }

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
            var snapshot = (await ProgrammeReportBuilder.BuildAsync(db, id, time, t, HttpContext.RequestAborted))!;
            var (_, open) = await CheckAsync(snapshot, ProgrammeReportFigures.Of(snapshot), HttpContext.RequestAborted);
            ReportVersions.ConfirmOpenFindings(db, time, standing.UserId, id, snapshot.ProgrammeName, open, ConfirmOpenFindings);
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
        var snapshot = await ProgrammeReportBuilder.BuildAsync(db, id, time, t, cancellation);
        if (snapshot is null)
        {
            return NotFound();
        }

        Report = new ProgrammeReportView(snapshot, ProgrammeReportFigures.Of(snapshot), IsDraft: true, Logos: await ReportLogos.LoadAsync(db, snapshot.LogoFileIds, HttpContext.RequestAborted));
        MayPublish = standing.Can(Operation.PublishReports, inProgramme);
        (Today, FinalSessionStart) = await ReportVersions.CalendarAsync(db, time, id, cancellation);
        Versions = await ReportVersions.ListAsync(db, id, null, cancellation);
        ChangedSinceLatest = Versions.Count == 0 || Versions[0].ContentHash != ReportVersions.HashOf(snapshot);
        var (totals, open) = await CheckAsync(snapshot, Report.Figures, cancellation);
        Findings = new FindingsBlock(totals, ShowWhere: false, ReviewUrl: null);
        OpenFindings = open;
        return null;
    }

    /// <summary>
    /// The programme's totals against its company reports — each company's latest published version, or its live report
    /// when none is published — and the open warnings: those, and every company's unreviewed findings.
    /// </summary>
    private async Task<(IReadOnlyList<CompanyFinding> Totals, IReadOnlyList<(string Where, string Message)> Open)> CheckAsync(
        ProgrammeReportSnapshot snapshot, ProgrammeReportFigures figures, CancellationToken cancellation)
    {
        var programmeId = snapshot.ProgrammeId;
        var latest = await db.PublishedReports.AsNoTracking()
            .Where(r => r.ProgrammeId == programmeId && r.CompanyId != null
                && r.Version == db.PublishedReports.Where(x => x.ProgrammeId == programmeId && x.CompanyId == r.CompanyId).Max(x => x.Version))
            .Select(r => new { r.CompanyId, r.SnapshotJson })
            .ToListAsync(cancellation);
        var published = latest
            .Select(r => JsonColumn.Deserialize<CompanyReportSnapshot>(r.SnapshotJson))
            .OfType<CompanyReportSnapshot>()
            .ToDictionary(s => s.CompanyId);
        var companies = figures.Companies
            .Select(c => published.TryGetValue(c.Snapshot.CompanyId, out var p)
                ? new CompanyReportTotals(p.CompanyName, p.Options.Currency, CompanyReportFigures.Of(p).Totals)
                : new CompanyReportTotals(c.Snapshot.CompanyName, c.Currency, c.Totals))
            .ToList();
        var where = t["Programme report"].Value;
        IReadOnlyList<CompanyFinding> totals =
        [
            .. ReportChecks.ProgrammeTotals(figures, companies)
                .Select(f => new CompanyFinding("programme-report/" + f.Field, where, string.Empty, f, CompanyFindings.Message(t, f), null)),
        ];
        IReadOnlyList<(string, string)> open =
        [
            .. totals.Select(f => (f.Where, f.Message)),
            .. snapshot.Companies.SelectMany(c => (c.DataQuality ?? []).Where(q => q.IsOpen).Select(q => (c.CompanyName + " · " + q.Where, q.Message))),
        ];
        return (totals, open);
    }
}
