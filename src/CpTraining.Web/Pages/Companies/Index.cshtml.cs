using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Companies;

/// <summary>
/// The company register: every participant company, once, whatever programmes it took part in. Coordinators and
/// administrators use it to find and enrol companies; nobody else may open it (it lists all companies).
/// </summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Row> Companies { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var query = db.Companies.AsNoTracking();
        var search = Q?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            query = query.Where(c => EF.Functions.ILike(c.Name, "%" + EscapeLike(search) + "%"));
        }

        Companies = await query
            .OrderBy(c => c.Name)
            .Select(c => new Row(c.Id, c.Name, c.SectorCode, c.SectorName, c.City, c.Country, db.Enrolments.Count(e => e.CompanyId == c.Id)))
            .Take(500)
            .ToListAsync();
    }

    /// <summary>Makes % and _ in the search text match themselves (PostgreSQL's LIKE escape is the backslash).</summary>
    internal static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public sealed record Row(Guid Id, string Name, string? SectorCode, string? SectorName, string City, string Country, int Programmes);
}
