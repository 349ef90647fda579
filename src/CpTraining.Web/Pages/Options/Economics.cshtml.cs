using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CpTraining.Domain;
using CpTraining.Domain.Checks;
using CpTraining.Domain.Options;
using CpTraining.Web.Checks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Charts;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// The economic evaluation of one option: the inputs (investment breakdown, annual savings per kind, lifetime,
/// rates, salvage) and beside them the results of the saved inputs with the year-by-year cash-flow table and the
/// cumulative cash-flow chart. Writers of the company's worksheets edit; readers see the results. Rates are typed
/// in % and stored as fractions; numbers are read in the reader's culture. The form carries the option's row
/// version (xmin): a save over someone else's change is refused with the input kept.
/// </summary>
[Authorize]
public sealed class EconomicsModel(AppDbContext db, AccessControl accessControl, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Blank investment rows offered below the filled ones.</summary>
    public const int BlankLines = 2;

    public EnrolledCompany Access { get; private set; } = null!;

    public CpOption Option { get; private set; } = null!;

    public string Currency { get; private set; } = "EUR";

    public uint Version { get; private set; }

    [BindProperty]
    public EconomicsInput Input { get; set; } = new();

    public EconomicResult? Result { get; private set; }

    /// <summary>Why the saved inputs cannot be evaluated (a discount rate close to −100 % over a long lifetime).</summary>
    public string? ResultProblem { get; private set; }

    /// <summary>Figures that look wrong (<see cref="EconomicChecks"/>), each with what to look at and its review, in the reader's language.</summary>
    public FindingsBlock Findings { get; private set; } = FindingsBlock.None;

    public CashFlowChart? Chart { get; private set; }

    /// <summary>NPV and payback when each input changes by ±10 % and ±20 %, the break-evens and the tornado chart.</summary>
    public SensitivityView? Sensitivity { get; private set; }

    public bool Conflict { get; private set; }

    public bool Infeasible => Option.Technical.IsFeasible == false;

    public CultureInfo Culture => CultureInfo.CurrentCulture;

    public string Money(decimal? value) => value is { } v ? v.ToString("N2", Culture) + "\u00A0" + Currency : "—";

    public string Percent(decimal? fraction) => fraction is { } f ? (f * 100).ToString("N2", Culture) + "\u00A0%" : "—";

    public string Years(decimal? years) => years is { } y ? y.ToString("N2", Culture) : "—";

    private string ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync(Guid optionId)
    {
        var refused = await LoadAsync(optionId, write: false);
        if (refused is not null)
        {
            return refused;
        }

        Input = EconomicsInput.From(Option.Economics, Version, Culture, time.GetUtcNow().Year);
        return Page();
    }

    /// <summary>Offers one more blank investment row, keeping everything typed; saves nothing.</summary>
    public async Task<IActionResult> OnPostAddLineAsync(Guid optionId)
    {
        var refused = await LoadAsync(optionId, write: true);
        if (refused is not null)
        {
            return refused;
        }

        ModelState.Clear();
        Input.Investment.Add(new InvestmentInput());
        FitGrid();
        return Page();
    }

    /// <summary>Offers one more blank grant row, keeping everything typed; saves nothing.</summary>
    public async Task<IActionResult> OnPostAddGrantAsync(Guid optionId)
    {
        var refused = await LoadAsync(optionId, write: true);
        if (refused is not null)
        {
            return refused;
        }

        ModelState.Clear();
        Input.Grants.Add(new GrantInput());
        FitGrid();
        return Page();
    }

    /// <summary>Shows the year-by-year grid for the lifetime typed, keeping everything typed; saves nothing.</summary>
    public async Task<IActionResult> OnPostGridAsync(Guid optionId)
    {
        var refused = await LoadAsync(optionId, write: true);
        if (refused is not null)
        {
            return refused;
        }

        ModelState.Clear();
        if (Input.TypedLifetime is null)
        {
            ModelState.AddModelError("Input.LifetimeYears", t["Enter the lifetime in whole years (1 to {0}) to see the grid.", EconomicInputs.MaximumLifetimeYears]);
        }

        FitGrid();
        return Page();
    }

    /// <summary>The grid as long as the lifetime typed (or as posted when the lifetime is not readable).</summary>
    private void FitGrid()
    {
        if (Input.Grants.Count == 0 || !Input.Grants[^1].IsBlank)
        {
            Input.Grants.Add(new GrantInput());
        }

        Input.FitGrid(Input.TypedLifetime ?? Input.Years.Count);
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid optionId)
    {
        var refused = await LoadAsync(optionId, write: true);
        if (refused is not null)
        {
            return refused;
        }

        if (Infeasible)
        {
            ModelState.AddModelError(string.Empty, t["The option is technically infeasible, so its economics are skipped."]);
            return Page();
        }

        var inputs = Input.Read(ModelState, t);
        if (inputs is null || !ModelState.IsValid)
        {
            FitGrid();
            return Page();
        }

        var result = await save.SaveAsync(this, () =>
        {
            save.Expect(Option, Input.Version);
            var before = Option.Economics;
            Option.ChangeEconomics(inputs);
            db.Record(
                time, ActorId, Option.ProgrammeId, "option.economics", $"O{Option.Number} {Option.Title}",
                before is null ? null : JsonSerializer.Serialize(before), JsonSerializer.Serialize(inputs));
            return Task.FromResult(true);
        });
        switch (result)
        {
            case SaveResult.Conflict:
                // The rights were checked above; the option is shown again as saved now.
                await ShowAsync(await db.CpOptions.SingleAsync(o => o.Id == optionId));
                return ShowConflict();
            case SaveResult.Refused:
                FitGrid();
                return Page();
        }

        TempData["Success"] = t["Your changes have been saved."].Value;
        return RedirectToPage("/Options/Economics", new { optionId });
    }

    private PageResult ShowConflict()
    {
        Conflict = true;
        ModelState.AddModelError(string.Empty, t["Someone else changed this option while you were editing it, so your change was not saved. The results below are as they left them; your input is kept in the form. Check it and save again."]);
        return Page();
    }

    /// <summary>Loads the option (tracked) and the rights; 404 for an unknown option, Forbid for a refused user.</summary>
    private async Task<IActionResult?> LoadAsync(Guid optionId, bool write)
    {
        var option = await db.CpOptions.SingleOrDefaultAsync(o => o.Id == optionId);
        if (option is null)
        {
            return NotFound();
        }

        var (access, refused) = await accessControl.CompanyAsync(this, option.ProgrammeId, option.CompanyId, write ? Operation.WorkOnCompany : Operation.SeeCompany);
        if (refused is not null)
        {
            return refused;
        }

        Access = access!;
        await ShowAsync(option);
        return null;
    }

    /// <summary>The option as saved, with the results of its saved inputs.</summary>
    private async Task ShowAsync(CpOption option)
    {
        Option = option;
        Version = db.Entry(option).Property<uint>("Version").CurrentValue;
        Currency = await db.Worksheets.AsNoTracking()
            .Where(w => w.ProgrammeId == option.ProgrammeId && w.CompanyId == option.CompanyId)
            .OrderBy(w => w.CreatedAt).Select(w => w.Currency).FirstOrDefaultAsync() ?? Access.DefaultCurrency;
        if (option.HasEconomics)
        {
            try
            {
                Result = EconomicEvaluation.Evaluate(option.Economics!);
                Sensitivity = SensitivityView.Of(option.Economics!, Result, Currency, Culture, t);
                Chart = OptionCharts.CashFlow(
                    t["Cumulative cash flow of {0}", option.Title],
                    Result.Years.Select(y => new CashFlowPoint(y.Year, (double)y.Cumulative, (double)y.CumulativeDiscounted)),
                    Result.YearToPositive,
                    Result.DiscountedPayback,
                    Currency,
                    t);
            }
            catch (DomainException ex)
            {
                ResultProblem = t.Text(ex);
                return;
            }

            // The findings of the result just evaluated: only their reviews are read.
            var reviews = await CompanyFindings.ReviewsAsync(db, option.ProgrammeId, option.CompanyId, HttpContext.RequestAborted);
            Findings = FindingsBlock.For(CompanyFindings.OfEconomics(option.Id, option.Number, option.Title, option.Economics!, Result, reviews, t), showWhere: false, Access);
        }
    }
}
