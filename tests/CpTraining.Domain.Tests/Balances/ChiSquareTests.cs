using CpTraining.Domain.Balances;

namespace CpTraining.Domain.Tests.Balances;

public class ChiSquareTests
{
    [Theory]
    [InlineData(1, 3.841)]
    [InlineData(2, 5.991)]
    [InlineData(10, 18.307)]
    [InlineData(40, 55.758)]
    [InlineData(50, 67.505)]
    public void The_95_percent_quantiles_are_the_published_ones(int df, double expected)
    {
        Assert.Equal(expected, ChiSquare.Quantile95(df));
    }

    [Theory]
    [InlineData(100, 124.342)] // published table value
    [InlineData(60, 79.082)]
    public void Above_50_degrees_of_freedom_Wilson_Hilferty_is_within_a_tenth(int df, double published)
    {
        Assert.Equal(published, ChiSquare.Quantile95(df), 0.1);
    }

    /// <summary>Guards the table against typos: P(χ²(df) ≤ q) must be 0.95 for every tabulated q.</summary>
    [Fact]
    public void Every_tabulated_quantile_has_95_percent_below_it()
    {
        for (var df = 1; df <= 50; df++)
        {
            var p = RegularisedLowerGamma(df / 2.0, ChiSquare.Quantile95(df) / 2);
            Assert.True(Math.Abs(p - 0.95) < 2e-4, $"df {df}: P = {p}");
        }
    }

    [Fact]
    public void Wilson_Hilferty_agrees_with_the_table_where_they_overlap()
    {
        Assert.Equal(ChiSquare.Quantile95(50), ChiSquare.WilsonHilferty95(50), 0.05);
    }

    /// <summary>P(a, x) by its power series (a is a whole or half number here, so Γ(a+1) is exact in logs).</summary>
    private static double RegularisedLowerGamma(double a, double x)
    {
        double term = 1 / a, sum = term;
        for (var n = 1; n < 10_000 && term > sum * 1e-17; n++)
        {
            term *= x / (a + n);
            sum += term;
        }

        return Math.Exp((a * Math.Log(x)) - x - LogGamma(a)) * sum;
    }

    private static double LogGamma(double a)
    {
        // Γ(1) = 1, Γ(1/2) = √π, Γ(a) = (a − 1)·Γ(a − 1).
        var result = a % 1 == 0 ? 0.0 : 0.5 * Math.Log(Math.PI);
        for (var k = a % 1 == 0 ? 1.0 : 0.5; k < a; k++)
        {
            result += Math.Log(k);
        }

        return result;
    }
}
