using System.Globalization;
using CpTraining.Domain;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

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

    /// <summary>The year whose prices the amounts are in.</summary>
    public string? PriceYear { get; set; }

    /// <summary>The year-by-year grid, one row per year 1 … lifetime; blank cells take the annual figures.</summary>
    public List<YearInput> Years { get; set; } = [];

    public List<GrantInput> Grants { get; set; } = [];

    /// <summary>Share of the investment paid with a loan, in %.</summary>
    public string? DebtShare { get; set; }

    public string? DebtInterestRate { get; set; }

    public string? DebtTermYears { get; set; }

    public string? IncomeTaxRate { get; set; }

    public string? DepreciationYears { get; set; }

    public uint Version { get; set; }

    /// <summary>Where a refusal of the domain shows: a grid year's field at its row (row i is year i + 1).</summary>
    public static FormFields Fields { get; } = new()
    {
        Rename = field => System.Text.RegularExpressions.Regex.Replace(
            field, @"^YearOverrides\[(\d+)\]", m => $"Years[{int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1}]"),
    };

    /// <summary>The typed lifetime when it is a whole number from 1 to 50, else null.</summary>
    public int? TypedLifetime =>
        NumberParser.Read(LifetimeYears, CultureInfo.CurrentCulture) is { Kind: NumberReadingKind.Number, Value: var v }
        && v == decimal.Truncate(v) && v is >= 1 and <= EconomicInputs.MaximumLifetimeYears ? (int)v : null;

    /// <summary>Makes the grid one row per year of <paramref name="lifetime"/>, keeping what is typed in the years kept
    /// and any typed row beyond (so that it is refused with its value rather than lost).</summary>
    public void FitGrid(int lifetime)
    {
        var byYear = Years.Where(y => y.Year >= 1).GroupBy(y => y.Year).ToDictionary(g => g.Key, g => g.First());
        var last = Math.Max(lifetime, byYear.Where(p => !p.Value.IsBlank).Select(p => p.Key).DefaultIfEmpty(0).Max());
        Years = [.. Enumerable.Range(1, last).Select(year => byYear.TryGetValue(year, out var row) ? row : new YearInput { Year = year })];
    }

    /// <summary>
    /// Reads the form into inputs, or null with the field errors shown. Blank savings lines count as 0; blank
    /// investment rows are ignored; rates are typed in % and become fractions.
    /// </summary>
    public EconomicInputs? Read(ModelStateDictionary modelState, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(t);
        var culture = CultureInfo.CurrentCulture;
        var failed = false;
        decimal? Number(string? text, string field, bool required = false)
        {
            try
            {
                return required ? NumberParser.Parse(text, culture, field) : NumberParser.ParseOptional(text, culture, field);
            }
            catch (DomainException ex)
            {
                modelState.AddDomainError(ex, t);
                failed = true;
                return null;
            }
        }

        int? Whole(decimal? value, string field)
        {
            if (value is not { } v)
            {
                return null;
            }

            if (v != decimal.Truncate(v) || v is > int.MaxValue or < int.MinValue)
            {
                modelState.AddDomainError(new DomainException(field, "Enter a whole number."), t);
                failed = true;
                return null;
            }

            return (int)v;
        }

        var lines = new List<InvestmentLine>();
        for (var i = 0; i < Investment.Count; i++)
        {
            var row = Investment[i];
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

        var raw = Number(RawMaterials, nameof(EconomicInputs.RawMaterials)) ?? 0;
        var energy = Number(Energy, nameof(EconomicInputs.Energy)) ?? 0;
        var water = Number(Water, nameof(EconomicInputs.Water)) ?? 0;
        var wasteFees = Number(WasteFees, nameof(EconomicInputs.WasteFees)) ?? 0;
        var labour = Number(Labour, nameof(EconomicInputs.Labour)) ?? 0;
        var maintenance = Number(Maintenance, nameof(EconomicInputs.Maintenance)) ?? 0;
        var other = Number(Other, nameof(EconomicInputs.Other)) ?? 0;
        var lifetime = Whole(Number(LifetimeYears, nameof(EconomicInputs.LifetimeYears), required: true), nameof(EconomicInputs.LifetimeYears));

        var discount = Number(DiscountRate, nameof(EconomicInputs.DiscountRate), required: true);
        var escalation = Number(Escalation, nameof(EconomicInputs.Escalation)) ?? 0;
        var salvage = Number(SalvageValue, nameof(EconomicInputs.SalvageValue)) ?? 0;
        var finance = Number(FinanceRate, nameof(EconomicInputs.FinanceRate));
        var reinvest = Number(ReinvestRate, nameof(EconomicInputs.ReinvestRate));
        var priceYear = Whole(Number(PriceYear, nameof(EconomicInputs.PriceYear)), nameof(EconomicInputs.PriceYear));
        var debtShare = Number(DebtShare, nameof(EconomicInputs.DebtShare)) ?? 0;
        var debtRate = Number(DebtInterestRate, nameof(EconomicInputs.DebtInterestRate)) ?? 0;
        var debtTerm = Whole(Number(DebtTermYears, nameof(EconomicInputs.DebtTermYears)), nameof(EconomicInputs.DebtTermYears)) ?? 0;
        var taxRate = Number(IncomeTaxRate, nameof(EconomicInputs.IncomeTaxRate)) ?? 0;
        var depreciation = Whole(Number(DepreciationYears, nameof(EconomicInputs.DepreciationYears)), nameof(EconomicInputs.DepreciationYears));
        var years = new List<YearAmounts>();
        for (var i = 0; i < Years.Count; i++)
        {
            var row = Years[i];
            if (row.IsBlank)
            {
                continue;
            }

            var savings = Number(row.Savings, $"Years[{i}].Savings");
            var extra = Number(row.ExtraCosts, $"Years[{i}].ExtraCosts") ?? 0;
            var replacement = Number(row.Replacement, $"Years[{i}].Replacement") ?? 0;
            years.Add(new YearAmounts(row.Year, savings, extra, replacement));
        }

        var grants = new List<GrantLine>();
        for (var i = 0; i < Grants.Count; i++)
        {
            var row = Grants[i];
            if (row.IsBlank)
            {
                continue;
            }

            var amount = Number(row.Amount, $"Grants[{i}].Amount", required: true);
            var first = Whole(Number(row.FirstYear, $"Grants[{i}].FirstYear"), $"Grants[{i}].FirstYear") ?? 0;
            var count = Whole(Number(row.Years, $"Grants[{i}].Years"), $"Grants[{i}].Years") ?? 1;
            if (amount is { } a)
            {
                grants.Add(new GrantLine(row.Description?.Trim() ?? string.Empty, a, first, count));
            }
        }

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
                modelState.AddDomainError(ex, t, Fields);
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
        Set(i => i with { LifetimeYears = lifetime!.Value });
        Set(i => i with { DiscountRate = Fraction(discount!.Value) });
        Set(i => i with { Escalation = Fraction(escalation) });
        Set(i => i with { SalvageValue = salvage });
        Set(i => i with { FinanceRate = finance is { } f ? Fraction(f) : null });
        Set(i => i with { ReinvestRate = reinvest is { } r ? Fraction(r) : null });
        Set(i => i with { PriceYear = priceYear });
        Set(i => i with { YearOverrides = years });
        Set(i => i with { Grants = grants });
        Set(i => i with { DebtShare = Fraction(debtShare) });
        Set(i => i with { DebtInterestRate = Fraction(debtRate) });
        Set(i => i with { DebtTermYears = debtTerm });
        Set(i => i with { IncomeTaxRate = Fraction(taxRate) });
        Set(i => i with { DepreciationYears = depreciation });
        if (failed)
        {
            return null;
        }

        if (inputs.TotalInvestment == 0 && new[] { raw, energy, water, wasteFees, labour, maintenance, other }.All(v => v == 0)
            && years.Count == 0)
        {
            modelState.AddModelError(string.Empty, t["Enter at least one saving or the investment."]);
            return null;
        }

        try
        {
            // The same evaluation the results show: a rate that makes the discounting overflow is refused here.
            EconomicEvaluation.Evaluate(inputs);
        }
        catch (DomainException ex)
        {
            modelState.AddDomainError(ex, t, Fields);
            return null;
        }

        return inputs;
    }

    /// <summary>A percentage as typed (12.5) as a fraction (0.125); huge numbers stay huge so the domain refuses them.</summary>
    private static decimal Fraction(decimal percent) => percent / 100m;

    public static EconomicsInput From(EconomicInputs? e, uint version, CultureInfo culture, int thisYear)
    {
        string? N(decimal? v) => v is { } x ? NumberParser.Write(x, culture) : null;
        string? Blank(decimal v) => v == 0 ? null : N(v);
        string? P(decimal? f) => f is { } x ? N(x * 100) : null;
        var input = new EconomicsInput { Version = version };
        if (e is null)
        {
            input.Investment.AddRange(Enumerable.Range(0, EconomicsModel.BlankLines + 1).Select(_ => new InvestmentInput()));
            input.Grants.Add(new GrantInput());
            input.PriceYear = thisYear.ToString(CultureInfo.InvariantCulture);
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
        input.PriceYear = e.PriceYear?.ToString(CultureInfo.InvariantCulture);
        var overrides = e.YearOverrides.ToDictionary(y => y.Year);
        input.Years = [.. Enumerable.Range(1, e.LifetimeYears).Select(year => overrides.TryGetValue(year, out var o)
            ? new YearInput { Year = year, Savings = N(o.Savings), ExtraCosts = Blank(o.ExtraCosts), Replacement = Blank(o.Replacement) }
            : new YearInput { Year = year })];
        input.Grants.AddRange(e.Grants.Select(g => new GrantInput
        {
            Description = g.Description,
            Amount = N(g.AmountPerYear),
            FirstYear = g.FirstYear.ToString(culture),
            Years = g.Years.ToString(culture),
        }));
        input.Grants.Add(new GrantInput());
        input.DebtShare = e.HasDebt ? P(e.DebtShare) : null;
        input.DebtInterestRate = e.HasDebt ? P(e.DebtInterestRate) : null;
        input.DebtTermYears = e.HasDebt ? e.DebtTermYears.ToString(culture) : null;
        input.IncomeTaxRate = e.HasTax ? P(e.IncomeTaxRate) : null;
        input.DepreciationYears = e.DepreciationYears?.ToString(culture);
        return input;
    }
}

/// <summary>One row of the investment breakdown as typed.</summary>
public sealed class InvestmentInput
{
    public string? Description { get; set; }

    public string? Amount { get; set; }
}

/// <summary>One year of the cash-flow grid as typed, amounts in today's prices.</summary>
public sealed class YearInput
{
    public int Year { get; set; }

    /// <summary>Replaces the year's net annual savings when filled.</summary>
    public string? Savings { get; set; }

    public string? ExtraCosts { get; set; }

    public string? Replacement { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Savings) && string.IsNullOrWhiteSpace(ExtraCosts) && string.IsNullOrWhiteSpace(Replacement);
}

/// <summary>One grant, subsidy or incentive as typed.</summary>
public sealed class GrantInput
{
    public string? Description { get; set; }

    /// <summary>Amount received in each year.</summary>
    public string? Amount { get; set; }

    /// <summary>The first year it is received (0 = with the investment); blank = 0.</summary>
    public string? FirstYear { get; set; }

    /// <summary>In how many years; blank = 1.</summary>
    public string? Years { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Amount)
        && string.IsNullOrWhiteSpace(FirstYear) && string.IsNullOrWhiteSpace(Years);
}
