using CpTraining.Domain.Options;
using CpTraining.Web.Checks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Files;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// Planned against achieved for one company in one programme: the totals (<see cref="OptionTotals"/>: planned =
/// selected, implemented and verified options with their evaluated figures; achieved = verified options only, with
/// their measured figures) and, per implemented or verified option, planned beside achieved with its evidence.
/// Readers of the company's worksheets may read it.
/// </summary>
[Authorize]
public sealed class ResultsModel(AppDbContext db, AccessControl accessControl, Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>The achieved results far from the plan without an explanation, of every option.</summary>
    public FindingsBlock Findings { get; private set; } = FindingsBlock.None;

    public EnrolledCompany Access { get; private set; } = null!;

    public OptionTotalsView Totals { get; private set; } = null!;

    /// <summary>Implemented and verified options, by number.</summary>
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid companyId)
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

        Access = access;
        var options = await db.CpOptions.AsNoTracking()
            .Where(o => o.ProgrammeId == id && o.CompanyId == companyId)
            .OrderBy(o => o.Number)
            .ToListAsync();
        var assessments = (await OptionsRegister.AssessAsync(db, id, options, HttpContext.RequestAborted)).Select(a => a.Assessment).ToList();
        Totals = new OptionTotalsView(OptionTotals.Of(assessments), access.DefaultCurrency);
        var reviews = await CompanyFindings.ReviewsAsync(db, id, companyId, HttpContext.RequestAborted);
        Findings = FindingsBlock.For(CompanyFindings.OfOptions(assessments, reviews, t).Where(f => f.Rule == Domain.Checks.AchievedChecks.FarFromPlan), showWhere: true, access);
        var shown = options.Zip(assessments)
            .Where(p => p.First.Status is OptionStatus.Implemented or OptionStatus.Verified)
            .ToList();
        var ids = shown.Select(p => p.First.Id).ToList();
        var files = await db.StoredFiles.AsNoTracking()
            .Where(f => f.OwnerKind == FileOwnerKind.OptionEvidence && ids.Contains(f.OwnerId))
            .Select(f => new { f.Id, f.OwnerId, f.FileName })
            .ToDictionaryAsync(f => f.Id);
        Rows = shown
            .Select(p => new Row(
                p.First,
                p.Second,
                p.First.EvidenceFileIds
                    .Where(fid => files.TryGetValue(fid, out var f) && f.OwnerId == p.First.Id)
                    .Select(fid => new EvidenceLink(fid, files[fid].FileName))
                    .ToList()))
            .ToList();
        return Page();
    }

    public sealed record EvidenceLink(Guid Id, string FileName);

    public sealed record Row(CpOption Option, OptionAssessment Planned, IReadOnlyList<EvidenceLink> Evidence);
}

/// <summary>What <c>_OptionTotals.cshtml</c> renders: the totals and the currency of their money figures.</summary>
public sealed record OptionTotalsView(OptionTotals Totals, string Currency);
