namespace CpTraining.Domain.Options;

/// <summary>
/// Annualised costs for ranking options on a marginal abatement cost curve: an option's NPV is spread over its
/// lifetime as an equal yearly amount and divided by the tonnes (of CO₂ or waste) it avoids each year.
/// </summary>
public static class CostEffectiveness
{
    /// <summary>
    /// Capital recovery factor CRF(i, n) = i(1 + i)ⁿ / ((1 + i)ⁿ − 1), and 1/n when i = 0: the equal end-of-year
    /// payment over n years that has a present value of 1 at rate i (the "A/P" factor of interest tables).
    /// </summary>
    public static decimal CapitalRecoveryFactor(decimal rate, int years)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(years, 1);
        if (rate <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The rate must be above −100 %.");
        }

        if (rate == 0)
        {
            return 1m / years;
        }

        // Written with v = 1/(1 + i)ⁿ, CRF = i / (1 − v), which cannot overflow for i > 0.
        var presentValueOfOne = CashFlows.DiscountedValues(rate, [.. Enumerable.Repeat(0m, years), 1m])[years];
        return rate / (1 - presentValueOfOne);
    }

    /// <summary>
    /// Equivalent annual cost EAC = −NPV · CRF(rate, years): what the option costs per year, evenly spread (negative
    /// when it earns money, which puts it left of zero on the abatement curve).
    /// </summary>
    public static decimal EquivalentAnnualCost(decimal npv, decimal rate, int years) =>
        -npv * CapitalRecoveryFactor(rate, years);

    /// <summary>Cost per tonne avoided = EAC ÷ tonnes avoided per year; null when nothing is avoided (tonnes ≤ 0).</summary>
    public static decimal? CostPerTonne(decimal equivalentAnnualCost, decimal tonnesPerYear) =>
        tonnesPerYear > 0 ? equivalentAnnualCost / tonnesPerYear : null;
}
