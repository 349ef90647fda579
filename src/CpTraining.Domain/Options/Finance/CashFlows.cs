namespace CpTraining.Domain.Options;

/// <summary>
/// Discounted cash-flow mathematics on yearly series, in <see cref="decimal"/>. Conventions (those of
/// numpy-financial): <c>values[0]</c> falls at t = 0 (now) and is not discounted, <c>values[t]</c> falls at the end of
/// year t and is divided by (1 + rate)^t. Rates are fractions: 0.05 is 5 %.
/// </summary>
public static class CashFlows
{
    /// <summary>NPV = Σ values[t] / (1 + rate)^t, year 0 undiscounted (numpy-financial's <c>npv</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is −100 % or below.</exception>
    /// <exception cref="OverflowException">A discounted value is beyond the range of decimal (rates near −100 %).</exception>
    public static decimal Npv(decimal rate, IReadOnlyList<decimal> values)
    {
        var total = 0m;
        foreach (var discounted in DiscountedValues(rate, values))
        {
            total += discounted;
        }

        return total;
    }

    /// <summary>
    /// values[t] / (1 + rate)^t for every t, computed as values[t] · vᵗ with the discount factor v = 1 / (1 + rate) raised
    /// by repeated multiplication in decimal (one division in all; multiplications are much cheaper than divisions in
    /// decimal). Rounding: each factor carries decimal's 28 decimal places, so a discounted amount is exact to far
    /// below a cent. A large rate makes the factors underflow towards zero, never overflow.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is −100 % or below.</exception>
    /// <exception cref="OverflowException">A discounted value is beyond the range of decimal (rates near −100 %).</exception>
    public static decimal[] DiscountedValues(decimal rate, IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var factors = DiscountFactors(rate, values.Count);
        var result = new decimal[values.Count];
        for (var t = 0; t < values.Count; t++)
        {
            result[t] = values[t] == 0 ? 0 : values[t] * factors[t];
        }

        return result;
    }

    /// <summary>The discount factors 1 / (1 + rate)^t for t = 0 … count − 1, by repeated multiplication.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is −100 % or below.</exception>
    public static decimal[] DiscountFactors(decimal rate, int count)
    {
        if (rate <= -1)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The rate must be above −100 %.");
        }

        var factors = new decimal[count];
        if (count == 0)
        {
            return factors;
        }

        var step = 1 / (1 + rate);
        factors[0] = 1;
        for (var t = 1; t < count; t++)
        {
            factors[t] = factors[t - 1] * step;
        }

        return factors;
    }

    /// <summary>
    /// Every rate r &gt; −1 with NPV(r) = 0, and the one to show.
    /// <para>
    /// Method: NPV(r) = Σ vₜ xᵗ with x = 1/(1+r), a polynomial whose positive roots x are the rates. Rates r ≥ 0 are the
    /// roots x in (0, 1]; rates −1 &lt; r ≤ 0 are the roots y = 1+r in (0, 1] of the reversed polynomial
    /// Σ vₜ yⁿ⁻ᵗ (the same equation multiplied by yⁿ). Both are found by <see cref="PolynomialRoots"/> in double
    /// precision (Rolle isolation, safeguarded Newton within each bracket, tangent roots included); the rate shown then
    /// gets Newton steps on NPV in decimal, kept only when they bring NPV closer to zero. Descartes' rule of signs gives the count first: no sign
    /// change means no root, one sign change means exactly one, found in a single bracket.
    /// </para>
    /// <para>When several rates solve NPV = 0 the one shown is <see cref="IrrResult.SeveralRatesRule"/>.</para>
    /// </summary>
    public static IrrResult Irr(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var first = 0;
        while (first < values.Count && values[first] == 0)
        {
            first++;
        }

        var last = values.Count - 1;
        while (last >= first && values[last] == 0)
        {
            last--;
        }

        // Leading zeros multiply the polynomial by a power of x (root x = 0, i.e. an infinite rate), trailing zeros
        // add nothing to the NPV: neither changes the finite rates.
        var signChanges = 0;
        var previousSign = 0;
        for (var t = first; t <= last; t++)
        {
            var sign = Math.Sign(values[t]);
            if (sign != 0)
            {
                if (previousSign != 0 && sign != previousSign)
                {
                    signChanges++;
                }

                previousSign = sign;
            }
        }

        if (signChanges == 0)
        {
            return new IrrResult(IrrOutcome.NoSignChange, null, []);
        }

        var length = last - first + 1;
        var largest = 0m;
        for (var t = first; t <= last; t++)
        {
            largest = Math.Max(largest, Math.Abs(values[t]));
        }

        // p(x) = Σ vₜ xᵗ (rates ≥ 0 at x = 1/(1+r) ≤ 1); q(y) = Σ vₜ yⁿ⁻ᵗ (rates ≤ 0 at y = 1+r ≤ 1).
        var p = new double[length];
        var q = new double[length];
        for (var i = 0; i < length; i++)
        {
            p[i] = (double)(values[first + i] / largest);
            q[length - 1 - i] = p[i];
        }

        var rates = new List<double>();
        if (signChanges == 1)
        {
            var atOne = PolynomialRoots.Evaluate(p, 1);
            if (atOne == 0)
            {
                rates.Add(0);
            }
            else if ((atOne < 0) != (p[0] < 0))
            {
                rates.Add((1 / PolynomialRoots.Bisect(p, 0, 1, p[0])) - 1);
            }
            else
            {
                rates.Add(PolynomialRoots.Bisect(q, 0, 1, q[0]) - 1);
            }
        }
        else
        {
            rates.AddRange(PolynomialRoots.InUnitInterval(p).Where(x => x > 0).Select(x => (1 / x) - 1));
            rates.AddRange(PolynomialRoots.InUnitInterval(q).Where(y => y > 0).Select(y => y - 1));
        }

        var distinct = new List<decimal>();
        foreach (var rate in rates.Order())
        {
            // A rate beyond decimal's range (≈ 7.9·10²⁸ = 7.9·10³⁰ %) cannot be shown; it is not a practical answer.
            if (rate <= -1 || Math.Abs(rate) > 1e27)
            {
                continue;
            }

            var converted = (decimal)rate;
            if (distinct.Count == 0 || !Same(distinct[^1], converted))
            {
                distinct.Add(converted);
            }
        }

        if (distinct.Count == 0)
        {
            return new IrrResult(IrrOutcome.NoSolution, null, []);
        }

        // Only the rate shown is polished in decimal: each polishing pass costs a few NPVs, and the double-precision
        // roots already make |NPV| tiny (about 10⁻¹⁴ of the flows).
        var shown = distinct.IndexOf(Chosen(distinct));
        distinct[shown] = Polish(values, distinct[shown]);
        return distinct.Count == 1
            ? new IrrResult(IrrOutcome.Unique, distinct[0], distinct)
            : new IrrResult(IrrOutcome.Several, distinct[shown], distinct);
    }

    /// <summary>
    /// Modified internal rate of return, numpy-financial's <c>mirr</c>:
    /// (|NPV(reinvestRate, positive values)| / |NPV(financeRate, negative values)|)^(1/(n−1)) · (1 + reinvestRate) − 1,
    /// n = number of values. Null when there is no positive or no negative value (numpy-financial returns nan).
    /// </summary>
    public static decimal? Mirr(IReadOnlyList<decimal> values, decimal financeRate, decimal reinvestRate)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (!values.Any(v => v > 0) || !values.Any(v => v < 0))
        {
            return null;
        }

        var positives = values.Select(v => v > 0 ? v : 0).ToArray();
        var negatives = values.Select(v => v < 0 ? v : 0).ToArray();
        var numerator = Math.Abs(Npv(reinvestRate, positives));
        var denominator = Math.Abs(Npv(financeRate, negatives));
        return (NthRoot(numerator / denominator, values.Count - 1) * (1 + reinvestRate)) - 1;
    }

    /// <summary>
    /// Years until the cumulative cash flow (values[0] at year 0, then year by year) first reaches zero, with linear
    /// interpolation inside the year where it crosses: (k − 1) + (−cumulative[k−1]) / values[k]. Zero when
    /// values[0] ≥ 0; null when the cumulative stays negative over the whole series. When the cumulative dips below
    /// zero again later (a negative flow after payback), the first crossing still counts.
    /// </summary>
    public static decimal? SimplePaybackYears(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return PaybackOf(values);
    }

    /// <summary>
    /// <see cref="SimplePaybackYears"/> on the discounted values values[t] / (1 + rate)^t: the year, interpolated, when
    /// the cumulative discounted cash flow first reaches zero; null when it never does within the series.
    /// </summary>
    public static decimal? DiscountedPaybackYears(decimal rate, IReadOnlyList<decimal> values) =>
        PaybackOf(DiscountedValues(rate, values));

    /// <summary>Running sums: cumulative[t] = values[0] + … + values[t].</summary>
    public static decimal[] Cumulative(IReadOnlyList<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var result = new decimal[values.Count];
        var sum = 0m;
        for (var t = 0; t < values.Count; t++)
        {
            sum += values[t];
            result[t] = sum;
        }

        return result;
    }

    private static decimal? PaybackOf(IReadOnlyList<decimal> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        var cumulative = values[0];
        if (cumulative >= 0)
        {
            return 0;
        }

        for (var t = 1; t < values.Count; t++)
        {
            var next = cumulative + values[t];
            if (next >= 0)
            {
                return next == 0 ? t : t - 1 + (-cumulative / values[t]);
            }

            cumulative = next;
        }

        return null;
    }

    /// <summary>Newton steps on NPV in decimal from a double-precision root, kept only while |NPV| decreases and the
    /// step stays tiny (so a step can never jump to a neighbouring root).</summary>
    private static decimal Polish(IReadOnlyList<decimal> values, decimal rate)
    {
        try
        {
            var (value, slope) = NpvAndSlope(rate, values);
            for (var step = 0; step < 2 && value != 0 && slope != 0; step++)
            {
                var next = rate - (value / slope);
                if (next <= -1 || Math.Abs(next - rate) > 1e-9m * Math.Max(1, Math.Abs(rate)))
                {
                    break;
                }

                var (nextValue, nextSlope) = NpvAndSlope(next, values);
                if (Math.Abs(nextValue) >= Math.Abs(value))
                {
                    break;
                }

                (rate, value, slope) = (next, nextValue, nextSlope);
            }
        }
        catch (OverflowException)
        {
            // Near −100 % the discounted values can exceed decimal; the double-precision root stands.
        }

        return rate;
    }

    /// <summary>NPV and dNPV/dr = Σ −t·vₜ / (1+r)^(t+1) from one pass.</summary>
    private static (decimal Value, decimal Slope) NpvAndSlope(decimal rate, IReadOnlyList<decimal> values)
    {
        var discounted = DiscountedValues(rate, values);
        var value = 0m;
        var slope = 0m;
        for (var t = 0; t < discounted.Length; t++)
        {
            value += discounted[t];
            slope -= t * discounted[t];
        }

        return (value, slope / (1 + rate));
    }

    private static bool Same(decimal a, decimal b) => Math.Abs(a - b) <= 1e-9m * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    /// <summary>
    /// numpy-financial's <c>_irr_default_selection</c>: when the rates have mixed signs the negative ones are dropped,
    /// then the rate closest to zero is taken (on a tie, the positive one).
    /// </summary>
    private static decimal Chosen(List<decimal> ascending)
    {
        var candidates = ascending.Exists(r => r >= 0) ? ascending.FindAll(r => r >= 0) : ascending;
        var best = candidates[0];
        foreach (var rate in candidates)
        {
            if (Math.Abs(rate) <= Math.Abs(best))
            {
                best = rate;
            }
        }

        return best;
    }

    /// <summary>The positive k-th root of a &gt; 0: a double-precision start (15 digits), then Newton's method in decimal,
    /// which doubles the correct digits per step.</summary>
    private static decimal NthRoot(decimal a, int k)
    {
        if (k == 1)
        {
            return a;
        }

        var root = (decimal)Math.Pow((double)a, 1.0 / k);
        for (var iteration = 0; iteration < 2; iteration++)
        {
            var power = Power(root, k - 1);
            var next = root - (((power * root) - a) / (k * power));
            if (next == root || next <= 0)
            {
                break;
            }

            root = next;
        }

        return root;
    }

    /// <summary>bⁿ by repeated squaring.</summary>
    private static decimal Power(decimal b, int n)
    {
        var result = 1m;
        while (n > 0)
        {
            if ((n & 1) == 1)
            {
                result *= b;
            }

            n >>= 1;
            if (n > 0)
            {
                b *= b;
            }
        }

        return result;
    }
}
