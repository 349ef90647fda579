using CpTraining.Domain.Options;

namespace CpTraining.Domain.Checks;

/// <summary>
/// Plausibility checks of an option's economics, as a bank's officer would read them: a payback of zero or beyond the
/// lifetime, an internal rate of return above 100 % a year, a discount rate outside 0–30 %.
/// </summary>
public static class EconomicChecks
{
    public const string ZeroPayback = "economics.payback-zero";
    public const string PaybackBeyondLifetime = "economics.payback-beyond-lifetime";
    public const string IrrAbove100 = "economics.irr-above-100";
    public const string DiscountRateOutside = "economics.discount-rate";

    /// <summary>The highest discount rate a Cleaner Production appraisal plausibly uses (30 % a year).</summary>
    public const decimal HighestPlausibleDiscountRate = 0.30m;

    public static IReadOnlyList<Finding> Of(EconomicInputs inputs, EconomicResult result)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(result);
        var findings = new List<Finding>();
        if (result.SimplePayback is { } payback)
        {
            // A grant that covers the whole investment gives a true payback of zero; a missing investment does not.
            if (payback <= 0m && inputs.TotalInvestment == 0m)
            {
                findings.Add(new Finding(
                    ZeroPayback,
                    Severity.Serious,
                    "Investment",
                    "The simple payback is zero: an option with savings usually costs something. Check that the investment is entered.",
                    Array.Empty<object>()));
            }
            // A ramp-up year can make the simple payback (year-1 savings) exceed the lifetime while the cumulative cash
            // flow still turns positive in time: only a project that never pays back within its lifetime is flagged.
            else if (payback > inputs.LifetimeYears && result.YearToPositive is null)
            {
                findings.Add(new Finding(
                    PaybackBeyondLifetime,
                    Severity.Serious,
                    "LifetimeYears",
                    "The simple payback ({0:0.0} years) is longer than the lifetime ({1} years): the option does not pay for itself. Check the savings, the investment and the lifetime.",
                    Math.Round(payback, 1),
                    inputs.LifetimeYears));
            }
        }

        if (result.Irr.Rate is > 1m and var irr)
        {
            findings.Add(new Finding(
                IrrAbove100,
                Severity.Warning,
                "Investment",
                "The internal rate of return is {0:0} % a year, above 100 %: the investment repays itself within a year. Check that the investment is complete and the savings are yearly.",
                Math.Round(irr * 100m, 0)));
        }

        if (inputs.DiscountRate is < 0m or > HighestPlausibleDiscountRate)
        {
            findings.Add(new Finding(
                DiscountRateOutside,
                Severity.Warning,
                "DiscountRate",
                "A discount rate of {0:0.#} % is outside the 0–30 % a Cleaner Production appraisal usually uses. Check that it is a yearly rate in per cent.",
                Math.Round(inputs.DiscountRate * 100m, 1)));
        }

        return findings;
    }
}
