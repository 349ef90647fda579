using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Pages.Options;
using CpTraining.Web.Pages.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Investment;

/// <summary>
/// The investment project sheet of one option (issue 15) as a web page and as a one-page A4 PDF, for whoever may
/// see the option (its company's readers). The coordinators share it with a financier through a share link.
/// </summary>
[Authorize]
public sealed class SheetModel(AppDbContext db, AccessControl access, ReportPrinter printer, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string View = "/Pages/Investment/_ProjectSheet.cshtml";

    public EnrolledCompany Access { get; private set; } = null!;

    public ProjectSheet Sheet { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid programmeId, Guid optionId) => await LoadAsync(programmeId, optionId) ?? Page();

    public async Task<IActionResult> OnGetPdfAsync(Guid programmeId, Guid optionId)
    {
        var refused = await LoadAsync(programmeId, optionId);
        return refused ?? await PrintAsync(this, printer, t, Sheet, new { programmeId, optionId });
    }

    /// <summary>The sheet as a one-page A4 PDF, in the programme's language; back to the page when Chromium cannot print.</summary>
    internal static Task<IActionResult> PrintAsync(PageModel page, ReportPrinter printer, IStringLocalizer t, ProjectSheet sheet, object routeValues)
    {
        var title = OptionText.Number(sheet.Option.Number) + " " + sheet.Option.Title;
        return printer.FileAsync(page, View, sheet, sheet.Language, () => new ReportHeading(
            t["Investment project sheet: {0}", title],
            sheet.Organisers,
            sheet.Language,
            sheet.CompanyName + " · " + sheet.ProgrammeName,
            sheet.Organisers), $"{sheet.CompanyName} {title} project sheet.pdf", routeValues);
    }

    private async Task<IActionResult?> LoadAsync(Guid programmeId, Guid optionId)
    {
        var companyId = await db.CpOptions.AsNoTracking()
            .Where(o => o.Id == optionId && o.ProgrammeId == programmeId)
            .Select(o => (Guid?)o.CompanyId)
            .SingleOrDefaultAsync();
        if (companyId is null)
        {
            return NotFound();
        }

        var (company, refused) = await access.CompanyAsync(this, programmeId, companyId.Value, Operation.SeeCompany);
        if (refused is not null)
        {
            return refused;
        }

        Access = company!;
        Sheet = (await ProjectSheet.LoadAsync(db, programmeId, optionId, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), HttpContext.RequestAborted))!;
        return null;
    }
}
