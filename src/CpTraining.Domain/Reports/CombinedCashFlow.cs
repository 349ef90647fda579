using CpTraining.Domain.Options;

namespace CpTraining.Domain.Reports;

/// <summary>One year of several options' cash flows added up: the cumulative and cumulative discounted net cash flow at its end.</summary>
public sealed record CombinedCashFlowYear(int Year, decimal Cumulative, decimal CumulativeDiscounted);

/// <summary>
/// The cash flows of several options as one investment programme: year by year the options' net (and discounted) cash
/// flows are added, an option contributing nothing after its lifetime; each option keeps its own discount rate. The
/// paybacks are where the summed cumulative (discounted) cash flow first reaches zero, interpolated within the year
/// (<see cref="CashFlows.SimplePaybackYears"/>).
/// </summary>
public sealed record CombinedCashFlow(IReadOnlyList<CombinedCashFlowYear> Years, decimal? Payback, decimal? DiscountedPayback)
{
    /// <summary>Null without any evaluated option.</summary>
    public static CombinedCashFlow? Of(IEnumerable<EconomicResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var list = results.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var length = list.Max(r => r.Years.Count);
        var net = new decimal[length];
        var discounted = new decimal[length];
        foreach (var result in list)
        {
            foreach (var year in result.Years)
            {
                net[year.Year] += year.NetCashFlow;
                discounted[year.Year] += year.DiscountedCashFlow;
            }
        }

        var cumulative = CashFlows.Cumulative(net);
        var cumulativeDiscounted = CashFlows.Cumulative(discounted);
        return new CombinedCashFlow(
            [.. Enumerable.Range(0, length).Select(t => new CombinedCashFlowYear(t, cumulative[t], cumulativeDiscounted[t]))],
            CashFlows.SimplePaybackYears(net),
            CashFlows.SimplePaybackYears(discounted));
    }
}
