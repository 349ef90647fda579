namespace CpTraining.Domain.Balances;

/// <summary>Upper quantiles of the χ² distribution for the global test of a reconciliation.</summary>
public static class ChiSquare
{
    /// <summary>z for a one-sided 95 % normal quantile.</summary>
    private const double Z95 = 1.6448536269514722;

    /// <summary>
    /// χ²₀.₉₅(df) for df 1..50, the published table values (e.g. NIST/SEMATECH e-Handbook of Statistical Methods,
    /// 1.3.6.7.4 "Critical values of the chi-square distribution"), to three decimals.
    /// </summary>
    private static readonly double[] Table95 =
    [
        3.841, 5.991, 7.815, 9.488, 11.070, 12.592, 14.067, 15.507, 16.919, 18.307,
        19.675, 21.026, 22.362, 23.685, 24.996, 26.296, 27.587, 28.869, 30.144, 31.410,
        32.671, 33.924, 35.172, 36.415, 37.652, 38.885, 40.113, 41.337, 42.557, 43.773,
        44.985, 46.194, 47.400, 48.602, 49.802, 50.998, 52.192, 53.384, 54.572, 55.758,
        56.942, 58.124, 59.304, 60.481, 61.656, 62.830, 64.001, 65.171, 66.339, 67.505,
    ];

    /// <summary>
    /// The 95 % quantile: the table up to 50 degrees of freedom, above that the Wilson–Hilferty approximation
    /// df·(1 − 2/(9df) + z·√(2/(9df)))³, which is within 0.1 % there.
    /// </summary>
    public static double Quantile95(int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= Table95.Length)
        {
            return Table95[degreesOfFreedom - 1];
        }

        return WilsonHilferty95(degreesOfFreedom);
    }

    public static double WilsonHilferty95(int degreesOfFreedom)
    {
        double k = degreesOfFreedom;
        var c = 2.0 / (9.0 * k);
        var t = 1 - c + (Z95 * Math.Sqrt(c));
        return k * t * t * t;
    }
}
