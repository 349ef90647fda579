using CpTraining.Domain.Options;
using CpTraining.Web.Checks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// A company's options side by side: one sortable, filterable table, planned against achieved totals, the marginal
/// abatement cost curve and the payback chart. Readers of the company's worksheets may see it.
/// </summary>
[Authorize]
public sealed class CompareModel(AppDbContext db, AccessControl accessControl, IStringLocalizer<SharedResource> t) : PageModel
{
    public ComparisonView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid companyId, string? sort, OptionCategory? category, OptionKind? kind, OptionStatus? status, string? basis)
    {
        var access = await accessControl.EnrolledCompanyAsync(id, companyId);
        if (access is null)
        {
            return NotFound();
        }

        if (!access.MayView)
        {
            return Forbid();
        }

        var (companies, options, sheets, factors) = await OptionComparison.LoadAsync(db, id, companyId, access.DefaultCurrency);
        var waste = string.Equals(basis, "waste", StringComparison.OrdinalIgnoreCase);
        var result = OptionComparison.Compute(companies, options, sheets, factors, waste);
        View = ComparisonView.Build(
            result, t, t["Options of {0} compared", access.CompanyName], id, access.ProgrammeName, companyId, access.CompanyName,
            OptionComparison.CommonCurrency(companies, access.DefaultCurrency), sort, category, kind, status, waste);
        // The options' findings from the assessments just made: only their reviews are read.
        var reviews = await CompanyFindings.ReviewsAsync(db, id, companyId, HttpContext.RequestAborted);
        View.Findings = FindingsBlock.For(CompanyFindings.OfOptions(result.Options.Select(o => o.Assessment), reviews, t), showWhere: true, access);
        return Page();
    }
}
