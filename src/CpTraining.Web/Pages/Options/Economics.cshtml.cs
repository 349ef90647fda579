using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using CpTraining.Domain;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
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

    public CashFlowChart? Chart { get; private set; }

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

        Input = EconomicsInput.From(Option.Economics, Version, Culture);
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
        return Page();
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

        var inputs = Read();
        if (inputs is null || !ModelState.IsValid)
        {
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
                return Page();
        }

        TempData["Success"] = t["Your changes have been saved."].Value;
        return RedirectToPage("/Options/Economics", new { optionId });
    }

    /// <summary>
    /// Reads the form into inputs, or null with the field errors shown. Blank savings lines count as 0; blank
    /// investment rows are ignored; rates are typed in % and become fractions.
    /// </summary>
    private EconomicInputs? Read()
    {
        var failed = false;
        decimal? Number(string? text, string field, bool required = false)
        {
            try
            {
                return required ? NumberParser.Parse(text, Culture, field) : NumberParser.ParseOptional(text, Culture, field);
            }
            catch (DomainException ex)
            {
                ModelState.AddDomainError(ex, t);
                failed = true;
                return null;
            }
        }

        var lines = new List<InvestmentLine>();
        for (var i = 0; i < Input.Investment.Count; i++)
        {
            var row = Input.Investment[i];
            if (string.IsNullOrWhiteSpace(row.Description) && string.IsNullOrWhiteSpace(row.Amount))
            {
                continue;
            }

            var amount = Number(row.Amount, $"Investment[{i}].Amount", required: true);
            if (amount is { } a)
            {
                lines.Add(new InvestmentLine(row.Description?.Trim() ?? string.Empty, a));
            }
        }

        var raw = Number(Input.RawMaterials, nameof(EconomicInputs.RawMaterials)) ?? 0;
        var energy = Number(Input.Energy, nameof(EconomicInputs.Energy)) ?? 0;
        var water = Number(Input.Water, nameof(EconomicInputs.Water)) ?? 0;
        var wasteFees = Number(Input.WasteFees, nameof(EconomicInputs.WasteFees)) ?? 0;
        var labour = Number(Input.Labour, nameof(EconomicInputs.Labour)) ?? 0;
        var maintenance = Number(Input.Maintenance, nameof(EconomicInputs.Maintenance)) ?? 0;
        var other = Number(Input.Other, nameof(EconomicInputs.Other)) ?? 0;
        var lifetime = Number(Input.LifetimeYears, nameof(EconomicInputs.LifetimeYears), required: true);
        if (lifetime is { } l && l != decimal.Truncate(l))
        {
            ModelState.AddDomainError(new DomainException(nameof(EconomicInputs.LifetimeYears), "Enter a whole number."), t);
            failed = true;
        }

        var discount = Number(Input.DiscountRate, nameof(EconomicInputs.DiscountRate), required: true);
        var escalation = Number(Input.Escalation, nameof(EconomicInputs.Escalation)) ?? 0;
        var salvage = Number(Input.SalvageValue, nameof(EconomicInputs.SalvageValue)) ?? 0;
        var finance = Number(Input.FinanceRate, nameof(EconomicInputs.FinanceRate));
        var reinvest = Number(Input.ReinvestRate, nameof(EconomicInputs.ReinvestRate));
        if (failed)
        {
            return null;
        }

        // Each property checks its own value: collect every refusal, not just the first.
        var inputs = new EconomicInputs { LifetimeYears = 1, DiscountRate = 0 };
        void Set(Func<EconomicInputs, EconomicInputs> change)
        {
            try
            {
                inputs = change(inputs);
            }
            catch (DomainException ex)
            {
                ModelState.AddDomainError(ex, t);
                failed = true;
            }
        }

        Set(i => i with { Investment = lines });
        Set(i => i with { RawMaterials = raw });
        Set(i => i with { Energy = energy });
        Set(i => i with { Water = water });
        Set(i => i with { WasteFees = wasteFees });
        Set(i => i with { Labour = labour });
        Set(i => i with { Maintenance = maintenance });
        Set(i => i with { Other = other });
        Set(i => i with { LifetimeYears = lifetime is > int.MaxValue or < int.MinValue ? -1 : (int)lifetime!.Value });
        Set(i => i with { DiscountRate = Fraction(discount!.Value) });
        Set(i => i with { Escalation = Fraction(escalation) });
        Set(i => i with { SalvageValue = salvage });
        Set(i => i with { FinanceRate = finance is { } f ? Fraction(f) : null });
        Set(i => i with { ReinvestRate = reinvest is { } r ? Fraction(r) : null });
        if (failed)
        {
            return null;
        }

        if (inputs.TotalInvestment == 0 && new[] { raw, energy, water, wasteFees, labour, maintenance, other }.All(v => v == 0))
        {
            ModelState.AddModelError(string.Empty, t["Enter at least one saving or the investment."]);
            return null;
        }

        try
        {
            // The same evaluation the results show: a rate that makes the discounting overflow is refused here.
            EconomicEvaluation.Evaluate(inputs);
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(ex, t);
            return null;
        }

        return inputs;
    }

    /// <summary>A percentage as typed (12.5) as a fraction (0.125); huge numbers stay huge so the domain refuses them.</summary>
    private static decimal Fraction(decimal percent) => percent / 100m;

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
                Chart = OptionCharts.CashFlow(
                    t["Cumulative cash flow of {0}", option.Title],
                    Result.Years.Select(y => new CashFlowPoint(y.Year, (double)y.Cumulative, (double)y.CumulativeDiscounted)),
                    Result.SimplePayback,
                    Result.DiscountedPayback,
                    Currency,
                    t);
            }
            catch (DomainException ex)
            {
                ResultProblem = t.Text(ex);
            }
        }
    }
}

/// <summary>The economics form as typed: every number is text, read in the reader's culture; rates in %.</summary>
public sealed class EconomicsInput
{
    public List<InvestmentInput> Investment { get; set; } = [];

    public string? RawMaterials { get; set; }

    public string? Energy { get; set; }

    public string? Water { get; set; }

    public string? WasteFees { get; set; }

    public string? Labour { get; set; }

    public string? Maintenance { get; set; }

    public string? Other { get; set; }

    public string? LifetimeYears { get; set; }

    public string? DiscountRate { get; set; }

    public string? Escalation { get; set; }

    public string? SalvageValue { get; set; }

    public string? FinanceRate { get; set; }

    public string? ReinvestRate { get; set; }

    public uint Version { get; set; }

    public static EconomicsInput From(EconomicInputs? e, uint version, CultureInfo culture)
    {
        string? N(decimal? v) => v?.ToString("0.############", culture);
        string? Blank(decimal v) => v == 0 ? null : N(v);
        string? P(decimal? f) => f is { } x ? N(x * 100) : null;
        var input = new EconomicsInput { Version = version };
        if (e is null)
        {
            input.Investment.AddRange(Enumerable.Range(0, EconomicsModel.BlankLines + 1).Select(_ => new InvestmentInput()));
            return input;
        }

        input.Investment.AddRange(e.Investment.Select(l => new InvestmentInput { Description = l.Description, Amount = N(l.Amount) }));
        input.Investment.AddRange(Enumerable.Range(0, EconomicsModel.BlankLines).Select(_ => new InvestmentInput()));
        input.RawMaterials = Blank(e.RawMaterials);
        input.Energy = Blank(e.Energy);
        input.Water = Blank(e.Water);
        input.WasteFees = Blank(e.WasteFees);
        input.Labour = Blank(e.Labour);
        input.Maintenance = Blank(e.Maintenance);
        input.Other = Blank(e.Other);
        input.LifetimeYears = e.LifetimeYears.ToString(culture);
        input.DiscountRate = P(e.DiscountRate);
        input.Escalation = e.Escalation == 0 ? null : P(e.Escalation);
        input.SalvageValue = Blank(e.SalvageValue);
        input.FinanceRate = P(e.FinanceRate);
        input.ReinvestRate = P(e.ReinvestRate);
        return input;
    }
}

/// <summary>One row of the investment breakdown as typed.</summary>
public sealed class InvestmentInput
{
    public string? Description { get; set; }

    public string? Amount { get; set; }
}
