namespace CpTraining.Domain.Options;

/// <summary>
/// Every real root in [0, 1] of a real polynomial, in double precision.
/// <para>
/// Method (isolation by Rolle's theorem): between two consecutive roots of the derivative a polynomial is monotone,
/// so it has at most one root there. The roots of the derivative are found the same way, recursively, down to
/// degree 1. On each monotone piece a sign change is bracketed and bisected to the last bit (safeguarded Newton); a breakpoint (end of
/// the interval or critical point) whose value is zero within rounding counts as a root itself, which catches the
/// double roots where the curve only touches zero (tangents) and a plain sign scan would miss them.
/// </para>
/// <para>
/// Working on [0, 1] only keeps the evaluation bounded (|p(y)| ≤ Σ|cᵢ|): the IRR search maps rates r ≥ 0 to
/// x = 1/(1+r) and rates −1 &lt; r ≤ 0 to y = 1+r, both in (0, 1].
/// </para>
/// </summary>
internal static class PolynomialRoots
{
    /// <summary>A value whose magnitude is below this fraction of Σ|cᵢ yⁱ| is zero within rounding.</summary>
    private const double ZeroTolerance = 1e-12;

    /// <param name="coefficients">c₀ + c₁y + … + cₙyⁿ, lowest power first.</param>
    /// <returns>The distinct roots in [0, 1], ascending.</returns>
    public static List<double> InUnitInterval(double[] coefficients)
    {
        var degree = coefficients.Length - 1;
        while (degree >= 0 && coefficients[degree] == 0)
        {
            degree--;
        }

        if (degree < 1)
        {
            return [];
        }

        var c = coefficients[..(degree + 1)];
        var largest = c.Max(Math.Abs);
        for (var i = 0; i < c.Length; i++)
        {
            c[i] /= largest;
        }

        return Roots(c);
    }

    /// <summary>Value of the polynomial at y by Horner's rule.</summary>
    public static double Evaluate(double[] c, double y)
    {
        var value = 0.0;
        for (var i = c.Length - 1; i >= 0; i--)
        {
            value = (value * y) + c[i];
        }

        return value;
    }

    /// <summary>
    /// The root of a monotone piece where the values at the ends have opposite signs: safeguarded Newton (Newton steps
    /// from the current point, each one replaced by the bracket's midpoint whenever it would leave the bracket, which
    /// shrinks at every step), until the bracket or the step cannot shrink any more in double precision.
    /// </summary>
    public static double Bisect(double[] c, double low, double high, double valueAtLow)
    {
        var x = 0.5 * (low + high);
        for (var iteration = 0; iteration < 1100; iteration++)
        {
            var (value, slope) = ValueAndSlope(c, x);
            if (value == 0)
            {
                return x;
            }

            if ((value < 0) == (valueAtLow < 0))
            {
                low = x;
                valueAtLow = value;
            }
            else
            {
                high = x;
            }

            var middle = 0.5 * (low + high);
            if (middle <= low || middle >= high)
            {
                break;
            }

            var newton = slope != 0 ? x - (value / slope) : double.NaN;
            var next = newton > low && newton < high ? newton : middle;
            if (next == x)
            {
                break;
            }

            x = next;
        }

        return x;
    }

    private static (double Value, double Slope) ValueAndSlope(double[] c, double y)
    {
        var value = 0.0;
        var slope = 0.0;
        for (var i = c.Length - 1; i >= 0; i--)
        {
            slope = (slope * y) + value;
            value = (value * y) + c[i];
        }

        return (value, slope);
    }

    private static List<double> Roots(double[] c)
    {
        var roots = new List<double>();
        if (c.Length == 2)
        {
            var root = -c[0] / c[1];
            if (root is >= 0 and <= 1)
            {
                roots.Add(root);
            }

            return roots;
        }

        var derivative = new double[c.Length - 1];
        for (var i = 1; i < c.Length; i++)
        {
            derivative[i - 1] = i * c[i];
        }

        var breakpoints = new List<double> { 0 };
        foreach (var critical in Roots(derivative))
        {
            if (critical > breakpoints[^1] && critical < 1)
            {
                breakpoints.Add(critical);
            }
        }

        breakpoints.Add(1);

        var values = breakpoints.Select(y => Evaluate(c, y)).ToArray();
        var isZero = breakpoints.Select((y, i) => IsZero(c, y, values[i])).ToArray();
        for (var i = 0; i < breakpoints.Count; i++)
        {
            if (isZero[i])
            {
                roots.Add(breakpoints[i]);
                continue;
            }

            if (i + 1 < breakpoints.Count && !isZero[i + 1] && (values[i] < 0) != (values[i + 1] < 0))
            {
                roots.Add(Bisect(c, breakpoints[i], breakpoints[i + 1], values[i]));
            }
        }

        return roots;
    }

    private static bool IsZero(double[] c, double y, double value)
    {
        var scale = 0.0;
        for (var i = c.Length - 1; i >= 0; i--)
        {
            scale = (scale * y) + Math.Abs(c[i]);
        }

        return Math.Abs(value) <= ZeroTolerance * scale;
    }
}
