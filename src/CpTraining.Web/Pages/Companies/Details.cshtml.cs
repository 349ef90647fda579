using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Companies;

/// <summary>A company in the register and the programmes it took part in (coordinators and administrators).</summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class DetailsModel(AppDbContext db) : PageModel
{
    public CompanyView Company { get; private set; } = null!;

    public IReadOnlyList<ProgrammeRow> Programmes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new CompanyView(c.Id, c.Name, c.SectorCode, c.SectorName, c.City, c.Region, c.Country, c.Employees, c.Address, c.ProductionDescription, c.EnvironmentalProblem))
            .SingleOrDefaultAsync();
        if (company is null)
        {
            return NotFound();
        }

        Company = company;
        Programmes = await db.Enrolments.AsNoTracking()
            .Where(e => e.CompanyId == id)
            .OrderByDescending(e => e.EnrolledAt)
            .Join(db.Programmes, e => e.ProgrammeId, p => p.Id, (e, p) => new ProgrammeRow(p.Id, p.Name, p.Country, e.EnrolledAt, e.IsPilot, e.ArchivedAt))
            .ToListAsync();
        return Page();
    }

    public sealed record ProgrammeRow(Guid Id, string Name, string Country, DateTimeOffset EnrolledAt, bool IsPilot, DateTimeOffset? ArchivedAt);
}

/// <summary>A company's register data as the pages show them.</summary>
public sealed record CompanyView(
    Guid Id,
    string Name,
    string? SectorCode,
    string? SectorName,
    string City,
    string? Region,
    string Country,
    int? Employees,
    string? Address,
    string? ProductionDescription,
    string? EnvironmentalProblem);
