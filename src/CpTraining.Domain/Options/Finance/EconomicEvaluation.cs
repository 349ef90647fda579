namespace CpTraining.Domain.Options;

/// <summary>
/// One row of the year-by-year cash-flow table, every amount in money of that year (escalated), positive = money in:
/// <list type="bullet">
/// <item><paramref name="Investment"/>: the initial investment (year 0 only), entered positive;</item>
/// <item><paramref name="Savings"/>: the net savings of the year (the annual figures or the grid's override);</item>
/// <item><paramref name="ExtraCosts"/> and <paramref name="Replacement"/>: the grid's costs of that year, positive;</item>
/// <item><paramref name="Grants"/>: grants received that year;</item>
/// <item><paramref name="Salvage"/>: the salvage value (last year only; negative = decommissioning cost);</item>
/// <item><paramref name="NetCashFlow"/> = Savings − ExtraCosts − Replacement + Grants + Salvage − Investment: the
/// project's cash flow before financing and tax, the series NPV, IRR and MIRR are computed from;</item>
/// <item><paramref name="Tax"/>: income tax on the project's profit (negative = tax saved on other profits);</item>
/// <item><paramref name="AfterTax"/> = NetCashFlow − Tax;</item>
/// <item><paramref name="LoanPayment"/>: the loan received in year 0 (negative) and the annuity paid in years 1 … term;</item>
/// <item><paramref name="Equity"/>: what the company's own money sees: NetCashFlow − LoanPayment − the tax after
/// deducting interest.</item>
/// </list>
/// </summary>
public sealed record CashFlowYear(
    int Year,
    decimal Investment,
    decimal Savings,
    decimal ExtraCosts,
    decimal Replacement,
    decimal Grants,
    decimal Salvage,
    decimal NetCashFlow,
    decimal DiscountedCashFlow,
    decimal Cumulative,
    decimal CumulativeDiscounted,
    decimal Tax,
    decimal AfterTax,
    decimal LoanPayment,
    decimal Equity,
    decimal EquityCumulative);

/// <summary>The project's figures after income tax (without financing).</summary>
public sealed record AfterTaxFigures(decimal Npv, IrrResult Irr, decimal? Mirr, decimal? YearToPositive);

/// <summary>
/// What the company's own money sees when part of the investment is a loan: the loan, its annual payment, the equity
/// put in at year 0, and the equity cash flows' NPV (at the discount rate), IRR and payback (the year the cumulative
/// equity cash flow turns positive, interpolated). After tax when a tax rate is given.
/// </summary>
public sealed record EquityFigures(decimal Loan, decimal AnnualPayment, decimal EquityInvestment, decimal Npv, IrrResult Irr, decimal? Payback);

/// <summary>The results of <see cref="EconomicEvaluation.Evaluate"/>; every figure follows from the inputs and
/// <see cref="EconomicEvaluation.Conventions"/>.</summary>
public sealed record EconomicResult(
    IReadOnlyList<CashFlowYear> Years,
    decimal? SimplePayback,
    decimal? DiscountedPayback,
    decimal Npv,
    IrrResult Irr,
    decimal? Mirr,
    decimal PresentValueOfBenefits,
    decimal PresentValueOfCosts,
    decimal? BenefitCostRatio)
{
    /// <summary>The net cash flows, year 0 first (the series NPV, IRR and MIRR are computed from).</summary>
    public IReadOnlyList<decimal> NetCashFlows => [.. Years.Select(y => y.NetCashFlow)];

    /// <summary>When the cumulative (escalated, undiscounted) cash flow first turns positive, in years interpolated
    /// within the year it happens; null when it never does within the lifetime.</summary>
    public decimal? YearToPositive { get; init; }

    /// <summary>The grants received in year 0 (subtracted from the investment in the simple payback).</summary>
    public decimal GrantsAtStart { get; init; }

    /// <summary>Year 1's savings less its extra costs in today's prices: what the simple payback divides by.</summary>
    public decimal FirstYearNetSavings { get; init; }

    /// <summary>Figures after income tax; null when no tax rate is given.</summary>
    public AfterTaxFigures? AfterTax { get; init; }

    /// <summary>Equity figures; null without a loan.</summary>
    public EquityFigures? Equity { get; init; }
}

/// <summary>The economic evaluation of a Cleaner Production option.</summary>
public static class EconomicEvaluation
{
    /// <summary>The conventions the page states next to the results, one sentence each.</summary>
    public static readonly IReadOnlyList<string> Conventions =
    [
        "Year 0 is the investment; all other cash flows fall at the end of their year.",
        "NPV does not discount year 0 (as numpy-financial): NPV = Σ net cash flow of year t / (1 + discount rate)^t.",
        "Savings, extra costs and replacements are entered in today's prices and escalate from year 1 onwards: amount in year t = amount in today's prices × (1 + escalation)^t (as RETScreen). Grants, the salvage value and the loan are nominal amounts and do not escalate.",
        "The salvage value is received at the end of the last year; a negative salvage value is a decommissioning cost.",
        "Simple payback (as RETScreen) = (investment − grants received in year 0) ÷ net savings of year 1 in today's prices, without escalation or discounting.",
        "Year to positive cash flow = when the cumulative escalated cash flow, grants and replacements included, first turns positive, interpolated within the year.",
        "Discounted payback = when the cumulative discounted cash flow first reaches zero, interpolated within the year.",
        "Benefit–cost ratio = present value of the benefits (savings, grants and salvage) ÷ present value of the costs (investment, extra running costs, replacements and decommissioning).",
        "MIRR uses the finance rate for the negative and the reinvestment rate for the positive cash flows (as numpy-financial).",
        "Grants are their own lines of money received, never a negative investment; they are taken as free of income tax.",
        "A loan of the debt share of the investment (net of year-0 grants) is repaid in equal annual payments (principal and interest) at the end of years 1 to the term; the equity figures use the company's own money: year 0 = the investment less the loan and the year-0 grants.",
        "Income tax: taxable profit = savings − extra costs − replacements − straight-line depreciation of the investment (− interest for the equity figures) + the salvage value in the last year; a loss saves tax on the company's other profits in the same year.",
    ];

    /// <summary>
    /// Builds the cash-flow table and the figures of merit (see <see cref="Conventions"/>).
    /// <list type="bullet">
    /// <item>Year 0: net = −investment + grants of year 0. Year t = 1…N: net = savings − extra costs − replacement (all
    /// today's prices × (1 + e)^t) + grants of year t (+ salvage in year N); savings = the grid's override of year t or
    /// the net annual savings (<see cref="EconomicInputs.NetAnnualSavings"/>).</item>
    /// <item>Simple payback (RETScreen) = (investment − grants of year 0) ÷ (savings − extra costs of year 1 in today's
    /// prices); null when those are zero or negative; 0 when nothing is left to pay back. It may exceed the lifetime.</item>
    /// <item>Discounted payback and year to positive: <see cref="CashFlows.SimplePaybackYears"/> on the discounted and
    /// on the escalated net cash flows.</item>
    /// <item>NPV = Σ discounted net cash flows; IRR: <see cref="CashFlows.Irr"/>; MIRR: <see cref="CashFlows.Mirr"/>
    /// with the finance and reinvestment rates (default: the discount rate).</item>
    /// <item>Benefit–cost ratio = PV(benefits) ÷ PV(costs), each discounted separately, so PV(benefits) − PV(costs) = NPV.
    /// Benefits: the positive saving lines escalated (or a positive override), grants and a positive salvage; costs:
    /// the investment, the negative saving lines and extra maintenance (or a negative override), extra costs,
    /// replacements and a negative salvage. Null when PV(costs) is zero.</item>
    /// <item>Loan L = debt share × (investment − grants of year 0), annuity A = L·i / (1 − (1 + i)^−n) (L / n at 0 %);
    /// interest of year t = i × the balance owed at the start of year t.</item>
    /// <item>Tax of year t = rate × (savings − extra costs − replacement − depreciation (+ salvage in year N)), with
    /// depreciation = investment ÷ depreciation years in years 1 … depreciation years; the equity's tax also deducts
    /// the interest.</item>
    /// </list>
    /// </summary>
    /// <exception cref="DomainException">The inputs do not fit together (<see cref="EconomicInputs.CheckConsistency"/>),
    /// or the discounted figures are beyond what decimal can hold (a discount rate close to −100 % over a long
    /// lifetime).</exception>
    public static EconomicResult Evaluate(EconomicInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        inputs.CheckConsistency();
        try
        {
            return Compute(inputs);
        }
        catch (OverflowException)
        {
            throw Overflow();
        }
    }

    /// <summary>
    /// The NPV and simple payback alone, for the sensitivity table: the same flows as <see cref="Evaluate"/> with
    /// the investment, the savings, the energy savings and the raw-material savings each multiplied by a factor.
    /// </summary>
    internal static (decimal Npv, decimal? SimplePayback) NpvAndPayback(EconomicInputs inputs, Factors factors)
    {
        inputs.CheckConsistency();
        try
        {
            var flows = Build(inputs, factors);
            var factorsDiscount = CashFlows.DiscountFactors(inputs.DiscountRate, flows.Net.Length);
            var npv = 0m;
            for (var t = 0; t < flows.Net.Length; t++)
            {
                npv += flows.Net[t] * factorsDiscount[t];
            }

            return (npv, flows.SimplePayback);
        }
        catch (OverflowException)
        {
            throw Overflow();
        }
    }

    private static DomainException Overflow() => new(
        nameof(EconomicInputs.DiscountRate),
        "The discounted cash flows are too large to compute at this discount rate; use a higher rate or a shorter lifetime.");

    /// <summary>Multipliers for the sensitivity analysis; <see cref="None"/> leaves the inputs as entered.</summary>
    internal readonly record struct Factors(decimal Investment, decimal Savings, decimal Energy, decimal Materials)
    {
        public static Factors None => new(1, 1, 1, 1);
    }

    private sealed class Flows(int years)
    {
        public decimal[] Savings { get; } = new decimal[years + 1];

        public decimal[] ExtraCosts { get; } = new decimal[years + 1];

        public decimal[] Replacement { get; } = new decimal[years + 1];

        public decimal[] Grants { get; } = new decimal[years + 1];

        public decimal[] Salvage { get; } = new decimal[years + 1];

        public decimal[] Net { get; } = new decimal[years + 1];

        public decimal[] Benefits { get; } = new decimal[years + 1];

        public decimal[] Costs { get; } = new decimal[years + 1];

        public decimal Investment { get; set; }

        public decimal? SimplePayback { get; set; }

        public decimal FirstYearToday { get; set; }
    }

    private static Flows Build(EconomicInputs inputs, Factors f)
    {
        var years = inputs.LifetimeYears;
        var flows = new Flows(years);
        var investment = inputs.TotalInvestment * f.Investment;
        flows.Investment = investment;
        var savingLines = new[]
        {
            inputs.RawMaterials * f.Savings * f.Materials, inputs.Energy * f.Savings * f.Energy, inputs.Water * f.Savings,
            inputs.WasteFees * f.Savings, inputs.Labour * f.Savings, inputs.Other * f.Savings, -inputs.Maintenance,
        };
        var netAnnual = savingLines.Sum();
        var grossBenefits = savingLines.Where(v => v > 0).Sum();
        var runningCosts = -savingLines.Where(v => v < 0).Sum();

        // An override of a year's savings scales like the annual figures it replaces: by the savings factor, and by the
        // energy and material factors in proportion to their share of the entered net annual savings.
        var entered = inputs.NetAnnualSavings;
        var overrideFactor = entered == 0
            ? f.Savings
            : f.Savings * (1 + ((inputs.Energy * (f.Energy - 1)) + (inputs.RawMaterials * (f.Materials - 1))) / entered);

        var overrides = new YearAmounts?[years + 1];
        foreach (var year in inputs.YearOverrides)
        {
            overrides[year.Year] = year;
        }

        foreach (var grant in inputs.Grants)
        {
            for (var t = grant.FirstYear; t < grant.FirstYear + grant.Years; t++)
            {
                flows.Grants[t] += grant.AmountPerYear;
            }
        }

        var escalation = 1m;
        flows.Net[0] = -investment + flows.Grants[0];
        flows.Costs[0] = investment;
        flows.Benefits[0] = flows.Grants[0];
        decimal firstYearToday = 0;
        for (var t = 1; t <= years; t++)
        {
            escalation *= 1 + inputs.Escalation;
            var year = overrides[t];
            decimal benefit, cost, savingsToday;
            if (year?.Savings is { } saving)
            {
                savingsToday = saving * overrideFactor;
                benefit = Math.Max(savingsToday, 0);
                cost = Math.Max(-savingsToday, 0);
            }
            else
            {
                savingsToday = netAnnual;
                benefit = grossBenefits;
                cost = runningCosts;
            }

            var extraToday = year?.ExtraCosts ?? 0;
            if (t == 1)
            {
                firstYearToday = savingsToday - extraToday;
            }

            flows.Savings[t] = savingsToday * escalation;
            flows.ExtraCosts[t] = extraToday * escalation;
            flows.Replacement[t] = (year?.Replacement ?? 0) * escalation;
            flows.Salvage[t] = t == years ? inputs.SalvageValue : 0;
            flows.Net[t] = flows.Savings[t] - flows.ExtraCosts[t] - flows.Replacement[t] + flows.Grants[t] + flows.Salvage[t];
            flows.Benefits[t] = (benefit * escalation) + flows.Grants[t] + Math.Max(flows.Salvage[t], 0);
            flows.Costs[t] = (cost * escalation) + flows.ExtraCosts[t] + flows.Replacement[t] + Math.Max(-flows.Salvage[t], 0);
        }

        var toRecover = investment - flows.Grants[0];
        flows.SimplePayback = toRecover <= 0 ? 0 : firstYearToday > 0 ? toRecover / firstYearToday : null;
        flows.FirstYearToday = firstYearToday;
        return flows;
    }

    private static EconomicResult Compute(EconomicInputs inputs)
    {
        var years = inputs.LifetimeYears;
        var flows = Build(inputs, Factors.None);
        var net = flows.Net;
        var factors = CashFlows.DiscountFactors(inputs.DiscountRate, years + 1);
        var discounted = new decimal[years + 1];
        var presentBenefits = 0m;
        var presentCosts = 0m;
        for (var t = 0; t <= years; t++)
        {
            discounted[t] = net[t] * factors[t];
            presentBenefits += flows.Benefits[t] * factors[t];
            presentCosts += flows.Costs[t] * factors[t];
        }

        // Tax (without financing) and the loan.
        var depreciationYears = inputs.EffectiveDepreciationYears;
        var depreciation = flows.Investment / depreciationYears;
        var tax = new decimal[years + 1];
        var afterTax = new decimal[years + 1];
        afterTax[0] = net[0];
        var loan = inputs.HasDebt ? inputs.DebtShare * Math.Max(flows.Investment - flows.Grants[0], 0) : 0;
        var payment = loan == 0 ? 0 : Annuity(loan, inputs.DebtInterestRate, inputs.DebtTermYears);
        var loanFlows = new decimal[years + 1];
        var equity = new decimal[years + 1];
        loanFlows[0] = -loan;
        equity[0] = net[0] + loan;
        var balance = loan;
        for (var t = 1; t <= years; t++)
        {
            var taxable = flows.Savings[t] - flows.ExtraCosts[t] - flows.Replacement[t] + flows.Salvage[t]
                - (t <= depreciationYears ? depreciation : 0);
            tax[t] = inputs.IncomeTaxRate * taxable;
            afterTax[t] = net[t] - tax[t];
            var interest = 0m;
            if (t <= inputs.DebtTermYears && loan > 0)
            {
                interest = balance * inputs.DebtInterestRate;
                loanFlows[t] = t == inputs.DebtTermYears ? balance + interest : payment;
                balance -= loanFlows[t] - interest;
            }

            equity[t] = net[t] - loanFlows[t] - (inputs.IncomeTaxRate * (taxable - interest));
        }

        var cumulative = CashFlows.Cumulative(net);
        var cumulativeDiscounted = CashFlows.Cumulative(discounted);
        var equityCumulative = CashFlows.Cumulative(equity);
        var table = new CashFlowYear[years + 1];
        for (var t = 0; t <= years; t++)
        {
            table[t] = new CashFlowYear(
                t, t == 0 ? flows.Investment : 0, flows.Savings[t], flows.ExtraCosts[t], flows.Replacement[t], flows.Grants[t],
                flows.Salvage[t], net[t], discounted[t], cumulative[t], cumulativeDiscounted[t], tax[t], afterTax[t],
                loanFlows[t], equity[t], equityCumulative[t]);
        }

        return new EconomicResult(
            table,
            flows.SimplePayback,
            CashFlows.SimplePaybackYears(discounted), // the payback of the discounted series is the discounted payback
            cumulativeDiscounted[years],
            CashFlows.Irr(net),
            CashFlows.Mirr(net, inputs.EffectiveFinanceRate, inputs.EffectiveReinvestRate),
            presentBenefits,
            presentCosts,
            presentCosts == 0 ? null : presentBenefits / presentCosts)
        {
            YearToPositive = Positive(net),
            GrantsAtStart = flows.Grants[0],
            FirstYearNetSavings = flows.FirstYearToday,
            AfterTax = inputs.HasTax
                ? new AfterTaxFigures(
                    CashFlows.Npv(inputs.DiscountRate, afterTax),
                    CashFlows.Irr(afterTax),
                    CashFlows.Mirr(afterTax, inputs.EffectiveFinanceRate, inputs.EffectiveReinvestRate),
                    Positive(afterTax))
                : null,
            Equity = loan > 0
                ? new EquityFigures(loan, payment, -equity[0], CashFlows.Npv(inputs.DiscountRate, equity), CashFlows.Irr(equity), Positive(equity))
                : null,
        };
    }

    /// <summary>The equal annual payment that repays <paramref name="loan"/> with interest in <paramref name="years"/>
    /// payments: L·i / (1 − (1 + i)^−n), or L / n without interest.</summary>
    public static decimal Annuity(decimal loan, decimal rate, int years)
    {
        if (years < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(years), years, "A loan needs at least one payment.");
        }

        if (rate == 0)
        {
            return loan / years;
        }

        var discount = CashFlows.DiscountFactors(rate, years + 1)[years];
        return loan * rate / (1 - discount);
    }

    /// <summary>When the cumulative sum of the series first turns positive after starting negative, interpolated;
    /// 0 when it never starts negative; null when it stays at or below zero.</summary>
    private static decimal? Positive(decimal[] values) => CashFlows.SimplePaybackYears(values);
}
