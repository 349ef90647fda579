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
/// The company report for its management (issue 7, point 1) as the data stands now: readable by everyone who may
/// read the company's work (its managers and engineers, its trainer, the programme's coordinators, administrators),
/// marked DRAFT. Coordinators publish it from the final session on, which freezes a numbered version (see
/// <see cref="CompanyReportVersionModel"/>); the company's managers record here their consent to share its financing
/// needs with investors. The web page and the PDF render the same document from the same snapshot.
/// </summary>
[Authorize]
public sealed class CompanyReportModel(AppDbContext db, AccessControl accessControl, SaveFlow save, TimeProvider time, ReportPrinter printer, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string DocumentView = "/Pages/Reports/_CompanyReportDocument.cshtml";

    public CompanyReportView Report { get; private set; } = null!;

    public EnrolledCompany Access { get; private set; } = null!;

    /// <summary>The published versions, newest first.</summary>
    public IReadOnlyList<ReportVersionSummary> Versions { get; private set; } = [];

    /// <summary>The current data differs from the latest published version (or nothing is published yet).</summary>
    public bool ChangedSinceLatest { get; private set; }

    public DateOnly Today { get; private set; }

    public DateOnly? FinalSessionStart { get; private set; }

    /// <summary>The coordinator ticked the box that confirms the open data-quality warnings on the publish panel.</summary>
    [BindProperty]
    public bool ConfirmOpenFindings { get; set; }

    /// <summary>The open (unreviewed) data-quality warnings of the report as it stands, where and what.</summary>
    public IReadOnlyList<(string Where, string Message)> OpenFindings =>
        [.. (Report.Snapshot.DataQuality ?? []).Where(q => q.IsOpen).Select(q => (q.Where, q.Message))];

    /// <summary>The consent in force to share the company's financing needs, if any.</summary>
    public FinancingConsent? Consent { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, Guid companyId)
    {
        var refused = await LoadAsync(id, companyId);
        return refused ?? Page();
    }

    /// <summary>The same document printed to PDF; the page with the reason when Chromium cannot print.</summary>
    public async Task<IActionResult> OnGetPdfAsync(Guid id, Guid companyId)
    {
        var refused = await LoadAsync(id, companyId);
        return refused ?? await PrintAsync(this, printer, t, Report, fileName: Report.Snapshot.CompanyName + " report (draft).pdf");
    }

    /// <summary>Freezes the current data as the next published version (coordinators and administrators).</summary>
    public async Task<IActionResult> OnPostPublishAsync(Guid id, Guid companyId)
    {
        var (access, refused) = await accessControl.CompanyAsync(this, id, companyId, Operation.PublishReports);
        if (access is null)
        {
            return refused!;
        }

        var userName = await db.Users.Where(u => u.Id == access.UserId).Select(u => u.DisplayName).SingleAsync();
        var (result, version) = await ReportVersions.PublishAsync(save, this, db, time, id, companyId, async today =>
        {
            var snapshot = (await CompanyReportBuilder.BuildAsync(db, id, companyId, today, t, HttpContext.RequestAborted))!;
            ReportVersions.ConfirmOpenFindings(
                db, time, access.UserId, id, snapshot.CompanyName + " · " + snapshot.ProgrammeName,
                [.. (snapshot.DataQuality ?? []).Where(q => q.IsOpen).Select(q => (q.Where, q.Message))], ConfirmOpenFindings);
            return (ReportVersions.ToJson(snapshot), ReportVersions.HashOf(snapshot));
        }, access.UserId, userName);
        if (result != SaveResult.Saved)
        {
            return await LoadAsync(id, companyId) ?? Page();
        }

        TempData["Success"] = t["Version {0} of the report is published.", version].Value;
        return RedirectToPage("/Reports/CompanyReportVersion", new { id, companyId, version });
    }

    /// <summary>A manager of the company consents to its financing needs being shared with investors.</summary>
    public async Task<IActionResult> OnPostConsentAsync(Guid id, Guid companyId)
    {
        var (access, refused) = await accessControl.CompanyAsync(this, id, companyId, Operation.ConsentToSharing);
        if (access is null)
        {
            return refused!;
        }

        var inForce = await db.FinancingConsents.AnyAsync(c => c.ProgrammeId == id && c.CompanyId == companyId && c.WithdrawnAt == null);
        if (!inForce)
        {
            var userName = await db.Users.Where(u => u.Id == access.UserId).Select(u => u.DisplayName).SingleAsync();
            db.FinancingConsents.Add(FinancingConsent.Give(id, companyId, access.UserId, userName, time.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        TempData["Success"] = t["Your consent is recorded: the coordinators may share the financing needs with investors."].Value;
        return RedirectToPage(new { id, companyId });
    }

    /// <summary>The manager withdraws the consent: every financing link of the company stops working at once.</summary>
    public async Task<IActionResult> OnPostWithdrawConsentAsync(Guid id, Guid companyId)
    {
        var (access, refused) = await accessControl.CompanyAsync(this, id, companyId, Operation.ConsentToSharing);
        if (access is null)
        {
            return refused!;
        }

        var now = time.GetUtcNow();
        var consents = await db.FinancingConsents.Where(c => c.ProgrammeId == id && c.CompanyId == companyId && c.WithdrawnAt == null).ToListAsync();
        var consentIds = consents.Select(c => c.Id).ToList();
        var links = await db.ShareLinks.Where(l => l.ConsentId != null && consentIds.Contains(l.ConsentId.Value) && l.RevokedAt == null).ToListAsync();
        foreach (var consent in consents)
        {
            consent.Withdraw(now);
        }

        foreach (var link in links)
        {
            link.Revoke(access.UserId, now);
        }

        // The audit entries (the withdrawal and each revoked link) follow from the events (Events).
        await db.SaveChangesAsync();

        TempData["Success"] = t["Your consent is withdrawn; {0} share links of the financing needs were revoked.", links.Count].Value;
        return RedirectToPage(new { id, companyId });
    }

    /// <summary>Prints a report document, or goes back to the page with Chromium's problem in words.</summary>
    internal static Task<IActionResult> PrintAsync(PageModel page, ReportPrinter printer, IStringLocalizer t, CompanyReportView report, string fileName)
    {
        var snapshot = report.Snapshot;
        return printer.FileAsync(page, DocumentView, report, snapshot.Language, () => new ReportHeading(
            t["Cleaner Production report: {0}", snapshot.CompanyName],
            snapshot.Organisers,
            snapshot.Language,
            snapshot.CompanyName + " · " + snapshot.ProgrammeName + (report.IsDraft
                ? " · " + t["Draft"].Value.ToUpper(System.Globalization.CultureInfo.CurrentCulture)
                : " · " + t["Version {0}", report.Version ?? 0]),
            snapshot.Organisers), fileName, new { id = snapshot.ProgrammeId, companyId = snapshot.CompanyId, version = report.Version });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid companyId)
    {
        var (access, refused) = await accessControl.CompanyAsync(this, id, companyId, Operation.SeeCompany);
        if (access is null)
        {
            return refused;
        }

        Access = access;
        var cancellation = HttpContext.RequestAborted;
        (Today, FinalSessionStart) = await ReportVersions.CalendarAsync(db, time, id, cancellation);
        var snapshot = (await CompanyReportBuilder.BuildAsync(db, id, companyId, Today, t, cancellation))!;
        Report = new CompanyReportView(snapshot, CompanyReportFigures.Of(snapshot), IsDraft: true, Logos: await ReportLogos.LoadAsync(db, snapshot.LogoFileIds, HttpContext.RequestAborted));
        Versions = await ReportVersions.ListAsync(db, id, companyId, cancellation);
        ChangedSinceLatest = Versions.Count == 0 || Versions[0].ContentHash != ReportVersions.HashOf(snapshot);
        Consent = await db.FinancingConsents.AsNoTracking()
            .Where(c => c.ProgrammeId == id && c.CompanyId == companyId && c.WithdrawnAt == null)
            .OrderByDescending(c => c.GivenAt)
            .FirstOrDefaultAsync(cancellation);
        return null;
    }
}
