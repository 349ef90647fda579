using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Checks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// Every option of every company of a programme side by side, for the programme's coordinators, its trainers and
/// administrators (<see cref="Operation.SeeAllCompanies"/>); engineers and managers see their own company's
/// comparison instead. Loaded with the same fixed number of queries as the company page, and one more for the reviews
/// of each company's findings.
/// </summary>
[Authorize]
public sealed class ProgrammeCompareModel(AppDbContext db, AccessControl access, IStringLocalizer<SharedResource> t) : PageModel
{
    public ComparisonView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, string? sort, OptionCategory? category, OptionKind? kind, OptionStatus? status, string? basis)
    {
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == id).Select(p => new { p.Name, p.Country }).SingleOrDefaultAsync();
        if (programme is null)
        {
            return NotFound();
        }

        if (!await access.CanAsync(Operation.SeeAllCompanies, new ProgrammeResource(id)))
        {
            return Forbid();
        }

        var fallback = Currencies.DefaultFor(programme.Country);
        var (companies, options, sheets, factors) = await OptionComparison.LoadAsync(db, id, null, fallback);
        var waste = string.Equals(basis, "waste", StringComparison.OrdinalIgnoreCase);
        var result = OptionComparison.Compute(companies, options, sheets, factors, waste);
        View = ComparisonView.Build(
            result, t, t["Options of {0} compared", programme.Name], id, programme.Name, null, null,
            OptionComparison.CommonCurrency(companies, fallback), sort, category, kind, status, waste);

        // Each company's findings from the assessments just made (all its options, whatever the filters): only the
        // reviews are read. The review link goes to those who may review that company.
        var standing = await access.StandingAsync();
        var reviews = await CompanyFindings.ReviewsAsync(db, id, [.. companies.Select(c => c.Id)], HttpContext.RequestAborted);
        var assessed = result.Options.ToLookup(o => o.Company.Id, o => o.Assessment);
        View.FindingsByCompany =
        [
            .. companies
                .OrderBy(c => c.Name, StringComparer.CurrentCulture)
                .Select(c => new CompanyFindingsView(c, FindingsBlock.For(CompanyFindings.OfOptions(assessed[c.Id], reviews.GetValueOrDefault(c.Id, []), t), showWhere: true, standing, id, c.Id) with { Id = "checks-" + c.Id }))
                .Where(c => c.Findings.Items.Count > 0),
        ];
        return Page();
    }
}
