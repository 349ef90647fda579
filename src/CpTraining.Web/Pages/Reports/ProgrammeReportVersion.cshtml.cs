using CpTraining.Domain.Reports;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Reports;

/// <summary>
/// One published version of the programme report from its frozen snapshot, with its PDF: for those who read the
/// draft (the programme's coordinators and trainers, administrators); investors get it through share links.
/// </summary>
[Authorize]
public sealed class ProgrammeReportVersionModel(AppDbContext db, AccessControl access, ReportPrinter printer, IStringLocalizer<SharedResource> t) : PageModel
{
    public ProgrammeReportView Report { get; private set; } = null!;

    public PublishedReport Published { get; private set; } = null!;

    public IReadOnlyList<ReportVersionSummary> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int version) => await LoadAsync(id, version) ?? Page();

    public async Task<IActionResult> OnGetPdfAsync(Guid id, int version)
    {
        var refused = await LoadAsync(id, version);
        return refused ?? await ProgrammeReportModel.PrintAsync(this, printer, t, Report, $"{Report.Snapshot.ProgrammeName} report v{version}.pdf");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, int version)
    {
        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!standing.Can(Operation.SeeAllCompanies, inProgramme))
        {
            return await db.Programmes.AnyAsync(p => p.Id == id) ? Forbid() : NotFound();
        }

        if (await ReportVersions.LoadAsync<ProgrammeReportSnapshot>(db, id, null, version, HttpContext.RequestAborted) is not { } found)
        {
            return NotFound();
        }

        Published = found.Version;
        Report = new ProgrammeReportView(found.Snapshot, ProgrammeReportFigures.Of(found.Snapshot), IsDraft: false, version, await ReportLogos.LoadAsync(db, found.Snapshot.LogoFileIds, HttpContext.RequestAborted));
        Versions = await ReportVersions.ListAsync(db, id, null, HttpContext.RequestAborted);
        return null;
    }
}
