using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.Web.Infrastructure.Spreadsheets;
using CpTraining.Web.Pages.Options;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Investment;

/// <summary>
/// The programme's investment pipeline for banks (issue 15) as an XLSX download: one row per selected, implemented
/// or verified option of every company, with its investment and how it is financed, savings, payback, IRR, NPV and
/// environmental reductions — numbers as numbers, units in the header, the header row frozen. For those who see
/// every company of the programme (its coordinators and trainers, administrators).
/// </summary>
[Authorize]
public sealed class PipelineModel(AppDbContext db, AccessControl access, IStringLocalizer<SharedResource> t) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Name, p.Country }).SingleOrDefaultAsync();
        if (programme is null)
        {
            return NotFound();
        }

        var standing = await access.StandingAsync();
        if (!standing.Can(Operation.SeeAllCompanies, new ProgrammeResource(id)))
        {
            return Forbid();
        }

        var options = await db.CpOptions.AsNoTracking()
            .Where(o => o.ProgrammeId == id && (o.Status == OptionStatus.Selected || o.Status == OptionStatus.Implemented || o.Status == OptionStatus.Verified))
            .OrderBy(o => o.CompanyId).ThenBy(o => o.Number)
            .ToListAsync();
        var assessed = await OptionsRegister.AssessAsync(db, id, options, HttpContext.RequestAborted);
        var companyIds = options.Select(o => o.CompanyId).Distinct().ToList();
        var companies = await db.Companies.AsNoTracking()
            .Where(c => companyIds.Contains(c.Id))
            .Select(c => new
            {
                c.Id,
                c.Name,
                Sector = c.SectorName ?? c.SectorCode,
                Currency = db.Worksheets.Where(w => w.ProgrammeId == id && w.CompanyId == c.Id).OrderBy(w => w.CreatedAt).Select(w => w.Currency).FirstOrDefault(),
            })
            .ToDictionaryAsync(c => c.Id);
        var fallback = Currencies.DefaultFor(programme.Country);
        var rows = assessed
            .Select(a => new PipelineRow(companies[a.CompanyId].Name, companies[a.CompanyId].Sector, companies[a.CompanyId].Currency ?? fallback, a.Assessment))
            .OrderBy(r => r.Company, StringComparer.CurrentCulture).ThenBy(r => r.Assessment.Option.Number)
            .ToList();

        var content = new MemoryStream();
        await XlsxWriter.WriteAsync(content, [PipelineSheet.Of(rows, t)], HttpContext.RequestAborted);
        content.Position = 0;
        return File(content, XlsxWriter.ContentType, FileInspector.SanitiseFileName($"{programme.Name} investment pipeline.xlsx"));
    }
}
