using CpTraining.Domain.Options;

namespace CpTraining.Domain.Tests.Options;

/// <summary>Properties over many random cash-flow series (seeded, so a failure is reproducible).</summary>
public class CashFlowPropertyTests
{
    private const int Cases = 2000;

    /// <summary>Project-like series: an investment, then yearly flows of either sign, up to 30 years.</summary>
    private static IEnumerable<decimal[]> RandomSeries(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < Cases; i++)
        {
            var length = random.Next(2, 31);
            var values = new decimal[length];
            values[0] = -Math.Round((decimal)random.NextDouble() * 1_000_000m, 2);
            var negativeShare = random.NextDouble() * 0.5;
            for (var t = 1; t < length; t++)
            {
                var amount = Math.Round((decimal)random.NextDouble() * 300_000m, 2);
                values[t] = random.NextDouble() < negativeShare ? -amount : amount;
            }

            yield return values;
        }
    }

    private static decimal SumOfMagnitudes(decimal[] values) => values.Sum(Math.Abs);

    [Fact]
    public void Npv_at_every_irr_is_zero_within_1e_8_of_the_cash_flows()
    {
        var checkedRates = 0;
        foreach (var values in RandomSeries(20260601))
        {
            var irr = CashFlows.Irr(values);
            foreach (var rate in irr.AllRates)
            {
                Assert.True(
                    RelativeResidual(rate, values) < 1e-8m,
                    $"NPV({rate}) relative residual {RelativeResidual(rate, values)} for [{string.Join(", ", values)}]");
                checkedRates++;
            }

            if (irr.Outcome is IrrOutcome.Unique or IrrOutcome.Several)
            {
                // numpy-financial's selection: drop the negative rates when there are non-negative ones, then closest to zero.
                var candidates = irr.AllRates.Any(r => r >= 0) ? irr.AllRates.Where(r => r >= 0) : irr.AllRates;
                Assert.Equal(candidates.MinBy(Math.Abs), irr.Rate);
            }
        }

        Assert.True(checkedRates > Cases / 2, $"only {checkedRates} rates checked");
    }

    [Fact]
    public void Npv_at_the_irr_of_a_conventional_project_is_zero_within_1e_8_of_the_sum_of_the_flows()
    {
        var random = new Random(7);
        for (var i = 0; i < Cases; i++)
        {
            var length = random.Next(2, 51);
            var values = new decimal[length];
            values[0] = -Math.Round(1m + ((decimal)random.NextDouble() * 1_000_000_000m), 2);
            for (var t = 1; t < length; t++)
            {
                values[t] = Math.Round((decimal)random.NextDouble() * 100_000_000m, 2);
            }

            var irr = CashFlows.Irr(values);

            Assert.Equal(IrrOutcome.Unique, irr.Outcome); // one sign change: Descartes allows exactly one rate
            var npv = CashFlows.Npv(irr.Rate!.Value, values);
            Assert.True(Math.Abs(npv) / SumOfMagnitudes(values) < 1e-8m, $"NPV({irr.Rate}) = {npv}");
        }
    }

    /// <summary>
    /// No rate is missed: wherever NPV changes sign between two neighbouring rates of a fine grid (from −95 % to
    /// 1000 %, evaluated independently in double), a reported rate lies between them.
    /// </summary>
    [Fact]
    public void Every_sign_change_of_npv_on_a_fine_grid_holds_a_reported_rate()
    {
        var grid = Enumerable.Range(0, 2000).Select(i => -0.95 + (i * (10.95 / 1999))).ToArray();
        var seen = 0;
        foreach (var values in RandomSeries(99).Take(400))
        {
            var doubles = values.Select(v => (double)v).ToArray();
            var irr = CashFlows.Irr(values);
            var previous = NpvInDouble(grid[0], doubles);
            for (var g = 1; g < grid.Length; g++)
            {
                var current = NpvInDouble(grid[g], doubles);
                if ((previous < 0 && current > 0) || (previous > 0 && current < 0))
                {
                    seen++;
                    var low = (decimal)grid[g - 1];
                    var high = (decimal)grid[g];
                    Assert.Contains(irr.AllRates, r => r >= low && r <= high);
                }

                previous = current;
            }
        }

        Assert.True(seen > 100, $"only {seen} sign changes on the grid");
    }

    /// <summary>
    /// Payback is consistent with the cumulative table: the cumulative is still negative at the year before
    /// ⌈payback⌉ and non-negative at ⌈payback⌉, and interpolating linearly within that year gives zero at the payback.
    /// </summary>
    [Fact]
    public void Payback_is_consistent_with_the_cumulative_cash_flow()
    {
        var found = 0;
        foreach (var values in RandomSeries(4242))
        {
            foreach (var (payback, flows) in new[]
            {
                (CashFlows.SimplePaybackYears(values), values),
                (CashFlows.DiscountedPaybackYears(0.08m, values), CashFlows.DiscountedValues(0.08m, values)),
            })
            {
                var cumulative = CashFlows.Cumulative(flows);
                if (payback is null)
                {
                    Assert.All(cumulative, c => Assert.True(c < 0));
                    continue;
                }

                found++;
                var ceiling = (int)Math.Ceiling(payback.Value);
                Assert.True(cumulative[ceiling] >= 0);
                Assert.True(ceiling == 0 || cumulative[ceiling - 1] < 0);
                Assert.All(cumulative.Take(ceiling), c => Assert.True(c < 0));
                if (ceiling > 0)
                {
                    var fraction = payback.Value - (ceiling - 1);
                    var interpolated = cumulative[ceiling - 1] + (fraction * flows[ceiling]);
                    Assert.True(Math.Abs(interpolated) < 1e-12m * SumOfMagnitudes(flows), $"{interpolated}");
                }
            }
        }

        Assert.True(found > 500, $"only {found} paybacks");
    }

    /// <summary>
    /// |NPV(rate)| relative to the size of what is added up. For rate ≥ 0 that is |NPV| / Σ|values| (the brief's
    /// yardstick; the discounted values are smaller than the values). For a negative rate the discounted values are
    /// larger than the values — near −100 % beyond decimal's range — so the same equation is checked multiplied by
    /// yⁿ, y = 1 + rate: |Σ vₜ yⁿ⁻ᵗ| / Σ|vₜ| yⁿ⁻ᵗ, which is |NPV| / Σ|discounted values|.
    /// </summary>
    private static decimal RelativeResidual(decimal rate, decimal[] values)
    {
        if (rate >= 0)
        {
            return Math.Abs(CashFlows.Npv(rate, values)) / SumOfMagnitudes(values);
        }

        var y = 1 + rate;
        var sum = 0m;
        var magnitude = 0m;
        var power = 1m;
        for (var t = values.Length - 1; t >= 0; t--)
        {
            sum += values[t] * power;
            magnitude += Math.Abs(values[t]) * power;
            power *= y;
        }

        return Math.Abs(sum) / magnitude;
    }

    private static double NpvInDouble(double rate, double[] values)
    {
        var total = 0.0;
        for (var t = 0; t < values.Length; t++)
        {
            total += values[t] / Math.Pow(1 + rate, t);
        }

        return total;
    }
}
