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

    public uint Version { get; set; }

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
        var lifetime = Number(LifetimeYears, nameof(EconomicInputs.LifetimeYears), required: true);
        if (lifetime is { } l && l != decimal.Truncate(l))
        {
            modelState.AddDomainError(new DomainException(nameof(EconomicInputs.LifetimeYears), "Enter a whole number."), t);
            failed = true;
        }

        var discount = Number(DiscountRate, nameof(EconomicInputs.DiscountRate), required: true);
        var escalation = Number(Escalation, nameof(EconomicInputs.Escalation)) ?? 0;
        var salvage = Number(SalvageValue, nameof(EconomicInputs.SalvageValue)) ?? 0;
        var finance = Number(FinanceRate, nameof(EconomicInputs.FinanceRate));
        var reinvest = Number(ReinvestRate, nameof(EconomicInputs.ReinvestRate));
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
                modelState.AddDomainError(ex, t);
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
            modelState.AddDomainError(ex, t);
            return null;
        }

        return inputs;
    }

    /// <summary>A percentage as typed (12.5) as a fraction (0.125); huge numbers stay huge so the domain refuses them.</summary>
    private static decimal Fraction(decimal percent) => percent / 100m;

    public static EconomicsInput From(EconomicInputs? e, uint version, CultureInfo culture)
    {
        string? N(decimal? v) => v is { } x ? NumberParser.Write(x, culture) : null;
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
