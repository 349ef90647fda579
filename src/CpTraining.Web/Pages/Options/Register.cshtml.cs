using System.Security.Claims;
using CpTraining.Domain.Options;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// A company's Cleaner Production options in one programme, sorted into the three DESIRE piles, filterable by
/// category, kind and status, and the form that adds one. Rights are the company's worksheet rights
/// (<see cref="EnrolledCompany"/>): whoever may see the company reads, its engineers, trainer and the coordinators
/// add. The number is the company's next (max + 1), taken under a lock on the programme row so that two people adding
/// at once cannot take the same one.
/// </summary>
[Authorize]
public sealed class RegisterModel(AppDbContext db, AccessControl accessControl, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public EnrolledCompany Access { get; private set; } = null!;

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    public OptionDetailsInput Input { get; set; } = new();

    /// <summary>The options that pass the filters, numbered order, by pile.</summary>
    public IReadOnlyDictionary<DesireGroup, List<Row>> Piles { get; private set; } = new Dictionary<DesireGroup, List<Row>>();

    /// <summary>How many options the company has in all, filters aside.</summary>
    public int Total { get; private set; }

    /// <summary>Planned and achieved totals of all the company's options (null before loading).</summary>
    public OptionTotalsView? Totals { get; private set; }

    public bool Filtered => CategoryFilter is not null || KindFilter is not null || StatusFilter is not null;

    private OptionCategory? CategoryFilter => OptionText.Parse<OptionCategory>(Category);

    private OptionKind? KindFilter => OptionText.Parse<OptionKind>(Kind);

    private OptionStatus? StatusFilter => OptionText.Parse<OptionStatus>(Status);

    private string ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, [FromRoute] Guid companyId)
    {
        var refused = await CheckAsync(id, companyId, write: false);
        if (refused is not null)
        {
            return refused;
        }

        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync([FromRoute] Guid id, [FromRoute] Guid companyId, [Bind(Prefix = nameof(Input))] OptionDetailsInput input)
    {
        var refused = await CheckAsync(id, companyId, write: true);
        if (refused is not null)
        {
            return refused;
        }

        Input = input;
        var chosen = input.Read(ModelState, t, nameof(Input));
        if (!ModelState.IsValid || chosen is not { } c)
        {
            await LoadAsync();
            return Page();
        }

        CpOption? option = null;
        var result = await save.SaveLockedAsync(this, LockedRow.Programme, id, async () =>
        {
            var last = await db.CpOptions.Where(o => o.ProgrammeId == id && o.CompanyId == companyId).MaxAsync(o => (int?)o.Number);
            option = CpOption.Create(id, companyId, (last ?? 0) + 1, input.Title, input.Description, input.ProblemsAddressed, c.Category, c.Kind, time.GetUtcNow());
            db.CpOptions.Add(option);
            OptionAudit.Record(db, time, ActorId, option, "option.created", "created");
            return true;
        }, OptionText.Fields(t, nameof(Input)));
        if (result != SaveResult.Saved)
        {
            await LoadAsync();
            return Page();
        }

        TempData["Success"] = t["The option {0} “{1}” has been added. Link it to the streams it addresses and evaluate it.", OptionText.Number(option!.Number), option.Title].Value;
        return RedirectToPage("/Options/Option", new { optionId = option.Id });
    }

    private async Task<IActionResult?> CheckAsync(Guid id, Guid companyId, bool write)
    {
        var (access, refused) = await accessControl.CompanyAsync(this, id, companyId, write ? Operation.WorkOnCompany : Operation.SeeCompany);
        Access = access ?? Access;
        return refused;
    }

    private async Task LoadAsync()
    {
        var (programmeId, companyId) = (Access.ProgrammeId, Access.CompanyId);
        var all = db.CpOptions.AsNoTracking().Where(o => o.ProgrammeId == programmeId && o.CompanyId == companyId);
        Total = await all.CountAsync();
        var query = all;
        if (CategoryFilter is { } category)
        {
            query = query.Where(o => o.Category == category);
        }

        if (KindFilter is { } kind)
        {
            query = query.Where(o => o.Kind == kind);
        }

        if (StatusFilter is { } status)
        {
            query = query.Where(o => o.Status == status);
        }

        var rows = await query.OrderBy(o => o.Number)
            .Select(o => new { o.Id, o.Number, o.Title, o.Category, o.Kind, o.Status, o.Technical })
            .ToListAsync();
        Piles = rows.Select(r => new Row(r.Id, r.Number, r.Title, r.Category, r.Kind, r.Status, r.Technical.WeightedScore))
            .GroupBy(r => r.Status.Group())
            .ToDictionary(g => g.Key, g => g.ToList());

        // Planned against achieved over the whole register (not the filtered rows).
        var assessed = await OptionsRegister.AssessAsync(db, programmeId, [companyId], HttpContext.RequestAborted);
        Totals = new OptionTotalsView(OptionTotals.Of(assessed.Select(a => a.Assessment)), Access.DefaultCurrency);
    }

    public sealed record Row(Guid Id, int Number, string Title, OptionCategory Category, OptionKind Kind, OptionStatus Status, decimal? TechnicalScore);
}
