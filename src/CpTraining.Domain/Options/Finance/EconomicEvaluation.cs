namespace CpTraining.Domain.Options;

/// <summary>
/// One row of the year-by-year cash-flow table. <paramref name="Investment"/> is the amount spent (positive, only in
/// year 0); <paramref name="Savings"/> the escalated net savings of the year (0 in year 0); <paramref name="Salvage"/>
/// the salvage value (last year only). Net = Savings + Salvage − Investment; Discounted = Net / (1 + rate)^Year.
/// </summary>
public sealed record CashFlowYear(
    int Year,
    decimal Investment,
    decimal Savings,
    decimal Salvage,
    decimal NetCashFlow,
    decimal DiscountedCashFlow,
    decimal Cumulative,
    decimal CumulativeDiscounted);

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
}

/// <summary>The economic evaluation of a Cleaner Production option (issue 6, point 4).</summary>
public static class EconomicEvaluation
{
    /// <summary>The conventions the page states next to the results, one sentence each.</summary>
    public static readonly IReadOnlyList<string> Conventions =
    [
        "Year 0 is the investment; all other cash flows fall at the end of their year.",
        "NPV does not discount year 0 (as numpy-financial): NPV = Σ net cash flow of year t / (1 + discount rate)^t.",
        "Savings are entered in today's prices and escalate from year 1 onwards: savings in year t = annual savings × (1 + escalation)^t (as RETScreen).",
        "The salvage value is received at the end of the last year.",
        "Simple payback = investment ÷ net savings of year 1; discounted payback = the year when the cumulative discounted cash flow reaches zero, interpolated within the year.",
        "Benefit–cost ratio = present value of the benefits (savings and salvage) ÷ present value of the costs (investment and extra running costs).",
        "MIRR uses the finance rate for the negative and the reinvestment rate for the positive cash flows (as numpy-financial).",
    ];

    /// <summary>
    /// Builds the cash-flow table and the figures of merit.
    /// <list type="bullet">
    /// <item>Year 0: net = −investment. Year t = 1…N: net = S·(1 + e)^t (+ salvage in year N), S = net annual savings
    /// in year-0 prices (<see cref="EconomicInputs.NetAnnualSavings"/>), e = escalation.</item>
    /// <item>Simple payback = investment ÷ net savings of year 1 (the year-1 row, S·(1 + e)); null when those savings are
    /// zero or negative; 0 for an option without investment. It may exceed the lifetime.</item>
    /// <item>Discounted payback: <see cref="CashFlows.DiscountedPaybackYears"/>; null when the cumulative discounted cash
    /// flow stays negative over the lifetime.</item>
    /// <item>NPV = Σ discounted net cash flows = the last cumulative discounted value; IRR: <see cref="CashFlows.Irr"/>;
    /// MIRR: <see cref="CashFlows.Mirr"/> with the finance and reinvestment rates (default: the discount rate).</item>
    /// <item>Benefit–cost ratio = PV(benefits) ÷ PV(costs), the usual B/C definition (benefits and costs each discounted
    /// separately, e.g. the California Standard Practice Manual's participant test BCR = B/C, where costs include the
    /// capital and the running costs). Benefits in year t: the positive saving lines (and a negative extra maintenance)
    /// escalated, plus the salvage value in year N. Costs: the investment in year 0, and the negative saving lines and
    /// the extra maintenance escalated. So PV(benefits) − PV(costs) = NPV. Null when PV(costs) is zero (an option
    /// without any cost).</item>
    /// </list>
    /// </summary>
    /// <exception cref="DomainException">The discounted figures are beyond what decimal can hold (a discount rate
    /// close to −100 % over a long lifetime).</exception>
    public static EconomicResult Evaluate(EconomicInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        try
        {
            return Compute(inputs);
        }
        catch (OverflowException)
        {
            throw new DomainException(
                nameof(EconomicInputs.DiscountRate),
                "The discounted cash flows are too large to compute at this discount rate; use a higher rate or a shorter lifetime.");
        }
    }

    private static EconomicResult Compute(EconomicInputs inputs)
    {
        var years = inputs.LifetimeYears;
        var investment = inputs.TotalInvestment;
        var savingLines = new[]
        {
            inputs.RawMaterials, inputs.Energy, inputs.Water, inputs.WasteFees, inputs.Labour, inputs.Other,
            -inputs.Maintenance,
        };
        var grossBenefits = savingLines.Where(v => v > 0).Sum();
        var runningCosts = -savingLines.Where(v => v < 0).Sum();

        var escalation = new decimal[years + 1];
        escalation[0] = 1;
        for (var t = 1; t <= years; t++)
        {
            escalation[t] = escalation[t - 1] * (1 + inputs.Escalation);
        }

        var net = new decimal[years + 1];
        var benefits = new decimal[years + 1];
        var costs = new decimal[years + 1];
        var savings = new decimal[years + 1];
        var salvage = new decimal[years + 1];
        net[0] = -investment;
        costs[0] = investment;
        for (var t = 1; t <= years; t++)
        {
            savings[t] = inputs.NetAnnualSavings * escalation[t];
            salvage[t] = t == years ? inputs.SalvageValue : 0;
            net[t] = savings[t] + salvage[t];
            benefits[t] = (grossBenefits * escalation[t]) + salvage[t];
            costs[t] = runningCosts * escalation[t];
        }

        var factors = CashFlows.DiscountFactors(inputs.DiscountRate, years + 1);
        var discounted = new decimal[years + 1];
        var presentBenefits = 0m;
        var presentCosts = 0m;
        for (var t = 0; t <= years; t++)
        {
            discounted[t] = net[t] * factors[t];
            presentBenefits += benefits[t] * factors[t];
            presentCosts += costs[t] * factors[t];
        }

        var cumulative = CashFlows.Cumulative(net);
        var cumulativeDiscounted = CashFlows.Cumulative(discounted);
        var table = new CashFlowYear[years + 1];
        for (var t = 0; t <= years; t++)
        {
            table[t] = new CashFlowYear(
                t, t == 0 ? investment : 0, savings[t], salvage[t], net[t], discounted[t], cumulative[t], cumulativeDiscounted[t]);
        }

        decimal? simplePayback = investment == 0 ? 0 : savings[1] > 0 ? investment / savings[1] : null;
        return new EconomicResult(
            table,
            simplePayback,
            CashFlows.SimplePaybackYears(discounted), // the payback of the discounted series is the discounted payback
            cumulativeDiscounted[years],
            CashFlows.Irr(net),
            CashFlows.Mirr(net, inputs.EffectiveFinanceRate, inputs.EffectiveReinvestRate),
            presentBenefits,
            presentCosts,
            presentCosts == 0 ? null : presentBenefits / presentCosts);
    }
}
