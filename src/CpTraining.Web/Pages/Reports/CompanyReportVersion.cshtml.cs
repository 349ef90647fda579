using CpTraining.Domain.Reports;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Reports;

/// <summary>
/// One published version of a company report, rendered from its frozen snapshot (later changes to options and
/// balances do not show), with its PDF. Readable by the same people as the draft; every version stays downloadable.
/// </summary>
[Authorize]
public sealed class CompanyReportVersionModel(AppDbContext db, AccessControl accessControl, ReportPrinter printer, IStringLocalizer<SharedResource> t) : PageModel
{
    public CompanyReportView Report { get; private set; } = null!;

    public EnrolledCompany Access { get; private set; } = null!;

    public PublishedReport Published { get; private set; } = null!;

    public IReadOnlyList<ReportVersionSummary> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid companyId, int version)
    {
        var refused = await LoadAsync(id, companyId, version);
        return refused ?? Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(Guid id, Guid companyId, int version)
    {
        var refused = await LoadAsync(id, companyId, version);
        return refused ?? await CompanyReportModel.PrintAsync(this, printer, t, Report, $"{Report.Snapshot.CompanyName} report v{version}.pdf");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, Guid companyId, int version)
    {
        var (access, refused) = await accessControl.CompanyAsync(this, id, companyId, Operation.SeeCompany);
        if (access is null)
        {
            return refused;
        }

        if (await ReportVersions.LoadAsync<CompanyReportSnapshot>(db, id, companyId, version, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        Access = access;
        Published = found.Version;
        Report = new CompanyReportView(found.Snapshot, CompanyReportFigures.Of(found.Snapshot), IsDraft: false, version, await ReportLogos.LoadAsync(db, found.Snapshot.LogoFileIds, HttpContext.RequestAborted));
        Versions = await ReportVersions.ListAsync(db, id, companyId, HttpContext.RequestAborted);
        return null;
    }
}
