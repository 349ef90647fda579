using CpTraining.Domain.Options;

namespace CpTraining.Domain.Tests.Options;

/// <summary>
/// NPV, IRR and MIRR against numpy-financial's own published test suite and docstring examples
/// (repository numpy/numpy-financial: tests/test_financial.py — classes TestNpv, TestIrr, TestMirr — and, in older
/// versions, numpy_financial/tests/test_financial.py; the docstrings of irr and npv in numpy_financial/_financial.py).
/// The expected values are theirs, copied with the precision they assert.
/// </summary>
public class NumpyFinancialTests
{
    private static decimal[] Flows(params double[] values) => [.. values.Select(v => (decimal)v)];

    // TestNpv.test_npv: assert_almost_equal(npf.npv(0.05, [-15000, 1500, 2500, 3500, 4500, 6000]), 122.89, 2)
    // TestNpv.test_npv_decimal: the Decimal result is Decimal('122.894854950942692161628715').
    [Fact]
    public void Npv_at_5_percent_is_numpy_financials_122_894854950942692161628715()
    {
        var npv = CashFlows.Npv(0.05m, [-15000m, 1500m, 2500m, 3500m, 4500m, 6000m]);

        Assert.Equal(122.89m, Math.Round(npv, 2));
        Assert.True(Math.Abs(npv - 122.894854950942692161628715m) < 1e-20m, $"NPV {npv}");
    }

    // npv docstring (numpy_financial/_financial.py): np.round(npf.npv(0.08, [-40_000, 5_000, 8_000, 12_000, 30_000]), 5)
    // is 3065.22267; npf.npv([0.05, 0.10], [[-4_000, 500, 800], [-5_000, 600, 900]]) with Decimal rates gives
    // Decimal('-2798.185941043083900226757370') and Decimal('-3710.743801652892561983471074').
    [Fact]
    public void Npv_matches_the_numpy_financial_docstring_examples()
    {
        Assert.Equal(3065.22267m, Math.Round(CashFlows.Npv(0.08m, [-40_000m, 5_000m, 8_000m, 12_000m, 30_000m]), 5));
        Assert.True(Math.Abs(CashFlows.Npv(0.05m, [-4_000m, 500m, 800m]) - -2798.185941043083900226757370m) < 1e-20m);
        Assert.True(Math.Abs(CashFlows.Npv(0.10m, [-5_000m, 600m, 900m]) - -3710.743801652892561983471074m) < 1e-20m);
        Assert.Equal(-2700m, CashFlows.Npv(0m, [-4_000m, 500m, 800m]));
    }

    [Fact]
    public void Npv_does_not_discount_year_0()
    {
        Assert.Equal(-1000m, CashFlows.Npv(0.5m, [-1000m]));
        Assert.Equal(-1000m + 100m, CashFlows.Npv(0.25m, [-1000m, 125m]));
    }

    [Theory]
    [InlineData(-1.0)]
    [InlineData(-1.5)]
    public void Npv_refuses_a_rate_of_minus_100_percent_or_below(double rate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CashFlows.Npv((decimal)rate, [-100m, 110m]));
    }

    // TestIrr.test_basic_values asserts these to 2 decimals; the irr docstring gives the last five rounded to 5
    // decimals (round(npf.irr(...), 5)), which is what we check them to.
    [Theory]
    [InlineData(new[] { -100.0, 39, 59, 55, 20 }, 0.28095, 0.000005)]
    [InlineData(new[] { -100.0, 0, 0, 74 }, -0.0955, 0.000005)]
    [InlineData(new[] { -100.0, 100, 0, -7 }, -0.0833, 0.000005)]
    [InlineData(new[] { -100.0, 100, 0, 7 }, 0.06206, 0.000005)]
    [InlineData(new[] { -5.0, 10.5, 1, -8, 1 }, 0.0886, 0.000005)]
    [InlineData(new[] { -150000.0, 15000, 25000, 35000, 45000, 60000 }, 0.0524, 0.00005)]
    // TestIrr.test_trailing_zeros
    [InlineData(new[] { -5.0, 10.5, 1, -8, 1, 0, 0, 0 }, 0.0886, 0.000005)]
    public void Irr_is_numpy_financials(double[] values, double expected, double tolerance)
    {
        var irr = CashFlows.Irr(Flows(values));

        Assert.NotNull(irr.Rate);
        Assert.True(
            Math.Abs((double)irr.Rate.Value - expected) <= tolerance,
            $"IRR {irr.Rate} ({irr.Outcome}, all: {string.Join(", ", irr.AllRates)}), expected {expected}");
    }

    // f(x) = −100 + 100x − 7x³ (x = 1/(1+r)) has two positive roots: f(1.09) = −0.065 < 0 < f(1.1) = 0.683 gives
    // x ≈ 1.0909 (r ≈ −8.33 %), f(3.11) = 0.44 > 0 > f(3.12) = −0.6 gives x ≈ 3.114 (r ≈ −67.9 %).
    // numpy-financial returns the one closest to zero.
    [Fact]
    public void Irr_of_minus_100_100_0_minus_7_has_two_rates_and_shows_the_one_closest_to_zero()
    {
        var irr = CashFlows.Irr([-100m, 100m, 0m, -7m]);

        Assert.Equal(IrrOutcome.Several, irr.Outcome);
        Assert.Equal(2, irr.AllRates.Count);
        Assert.InRange(irr.AllRates[0], -0.6790m, -0.6788m);
        Assert.Equal(irr.AllRates[1], irr.Rate);
        Assert.Equal(-0.0833m, Math.Round(irr.Rate!.Value, 4));
    }

    // TestIrr.test_gh_39: assert_almost_equal(npf.irr(cashflows), 0.12) — 7 decimals. The flows change sign twice
    // (investment, income, then growing decommissioning costs) and NPV has a second zero near −1.81 %: by hand the NPV
    // is −19.49 at r = −1.81 % and +12182.6 at −1.6 %. Current numpy-financial drops the negative rate when the rates
    // have mixed signs and returns 12 %, and so do we (the same rule). Both rates are listed.
    [Fact]
    public void Irr_of_numpy_financial_gh_39_lists_12_percent()
    {
        decimal[] values = Flows(
            -217500.0, -217500.0, 108466.80462450592, 101129.96439328062,
            93793.12416205535, 86456.28393083003, 79119.44369960476,
            71782.60346837944, 64445.76323715414, 57108.92300592884,
            49772.08277470355, 42435.24254347826, 35098.40231225296,
            27761.56208102766, 20424.721849802358, 13087.88161857707,
            5751.041387351768, -1585.7988438735192, -8922.639075098821,
            -16259.479306324123, -23596.31953754941, -30933.159768774713,
            -38270.0, -45606.8402312253, -52943.680462450604,
            -60280.520693675906, -67617.36092490121);

        var irr = CashFlows.Irr(values);

        Assert.Equal(IrrOutcome.Several, irr.Outcome);
        Assert.Equal(2, irr.AllRates.Count);
        Assert.True(Math.Abs(irr.AllRates[1] - 0.12m) < 1.5e-7m, $"IRR {irr.AllRates[1]}");
        Assert.InRange(irr.AllRates[0], -0.0181m, -0.0160m);
        Assert.True(Math.Abs(irr.Rate!.Value - 0.12m) < 1.5e-7m, $"IRR shown {irr.Rate}");
    }

    // TestIrr.test_gh_44: Google Sheets' IRR is 1.00426 (4 decimals). The −1 at the end adds a second rate close to
    // −100 % (−1678.87·g⁷ + … + 4789.91·g − 1 = 0 with g = 1+r has a root g ≈ 1/4790). Current numpy-financial drops
    // negative rates when the rates have mixed signs and returns 1.00426, and so do we. Both rates are listed.
    [Fact]
    public void Irr_of_numpy_financial_gh_44_lists_google_sheets_rate()
    {
        var irr = CashFlows.Irr([-1678.87m, 771.96m, 1814.05m, 3520.30m, 3552.95m, 3584.99m, 4789.91m, -1m]);

        Assert.Equal(IrrOutcome.Several, irr.Outcome);
        Assert.Contains(irr.AllRates, r => Math.Abs(r - 1.00426m) < 0.00005m);
        Assert.Contains(irr.AllRates, r => r is > -1m and < -0.999m);
        Assert.True(Math.Abs(irr.Rate!.Value - 1.00426m) < 0.00005m, $"IRR shown {irr.Rate}");
    }

    // TestIrr.test_npv_irr_congruence: assert_allclose(npf.npv(npf.irr(cf), cf), 0, atol=1e-10).
    [Fact]
    public void Npv_at_the_irr_is_zero_numpy_financial_congruence()
    {
        decimal[] values = [-40000m, 5000m, 8000m, 12000m, 30000m];

        var irr = CashFlows.Irr(values);

        Assert.Equal(IrrOutcome.Unique, irr.Outcome);
        Assert.True(Math.Abs(CashFlows.Npv(irr.Rate!.Value, values)) < 1e-10m);
    }

    // TestIrr.test_numpy_gh_6744 (v = (1, 2, 3) and (−1, −2, −3)) and test_irr_no_real_solution_exception
    // ([40000, 5000, 8000, 12000, 30000]): numpy-financial returns nan; we say why.
    [Theory]
    [InlineData(new[] { 1.0, 2, 3 })]
    [InlineData(new[] { -1.0, -2, -3 })]
    [InlineData(new[] { 40000.0, 5000, 8000, 12000, 30000 })]
    [InlineData(new[] { 0.0, 0, 0 })]
    public void Irr_without_a_sign_change_is_none(double[] values)
    {
        var irr = CashFlows.Irr(Flows(values));

        Assert.Equal(IrrOutcome.NoSignChange, irr.Outcome);
        Assert.Null(irr.Rate);
        Assert.Empty(irr.AllRates);
    }

    // −1 + 3x − 3x² has discriminant 9 − 12 < 0: the flows change sign twice, yet no rate solves NPV = 0.
    [Fact]
    public void Irr_with_sign_changes_but_no_real_root_is_no_solution()
    {
        var irr = CashFlows.Irr([-1m, 3m, -3m]);

        Assert.Equal(IrrOutcome.NoSolution, irr.Outcome);
        Assert.Null(irr.Rate);
    }

    // By hand: −100 + 230/g − 132/g² = 0 with g = 1 + r ⇔ 100g² − 230g + 132 = 0
    // ⇔ g = (230 ± √(52900 − 52800)) / 200 = (230 ± 10) / 200 = 1.1 or 1.2, so r = 10 % or 20 %.
    [Fact]
    public void Irr_of_minus_100_230_minus_132_is_10_and_20_percent_and_shows_10()
    {
        var irr = CashFlows.Irr([-100m, 230m, -132m]);

        Assert.Equal(IrrOutcome.Several, irr.Outcome);
        Assert.Equal(2, irr.AllRates.Count);
        Assert.Equal(0.10m, Math.Round(irr.AllRates[0], 12));
        Assert.Equal(0.20m, Math.Round(irr.AllRates[1], 12));
        Assert.Equal(0.10m, Math.Round(irr.Rate!.Value, 12));
        Assert.Contains("closest to zero", IrrResult.SeveralRatesRule, StringComparison.Ordinal);
    }

    // A double root, where NPV only touches zero: −100 + 210/g − 110.25/g² = −(10/g)²·(g − 1.05)²… by hand:
    // multiply by −g²: 100g² − 210g + 110.25 = (10g − 10.5)², so g = 1.05 twice and r = 5 %, a tangent a sign scan misses.
    [Fact]
    public void Irr_finds_a_double_root_where_npv_only_touches_zero()
    {
        var irr = CashFlows.Irr([-100m, 210m, -110.25m]);

        Assert.Equal(IrrOutcome.Unique, irr.Outcome);
        Assert.Equal(0.05m, Math.Round(irr.Rate!.Value, 6));
    }

    // −100 at year 0 and +100 at year 1: r = 0 exactly, on the boundary between the two halves of the search.
    [Fact]
    public void Irr_of_zero_is_found_once()
    {
        var irr = CashFlows.Irr([-100m, 50m, -100m, 150m]);

        Assert.Contains(irr.AllRates, r => Math.Abs(r) < 1e-12m);
        Assert.Equal(irr.AllRates.Count, irr.AllRates.Distinct().Count());
    }

    // TestMirr.test_mirr (float, to the decimals given) and test_mirr_decimal (Decimal results, asserted to 15 decimals).
    [Theory]
    [InlineData(new[] { -4500.0, -800, 800, 800, 600, 600, 800, 800, 700, 3000 }, "0.08", "0.055", "0.066597175031553548874239618")]
    [InlineData(new[] { -120000.0, 39000, 30000, 21000, 37000, 46000 }, "0.10", "0.12", "0.126094130365905145828421880")]
    [InlineData(new[] { 100.0, 200, -50, 300, -200 }, "0.05", "0.06", "0.342823387842176663647819868")]
    public void Mirr_is_numpy_financials(double[] values, string financeRate, string reinvestRate, string expected)
    {
        var mirr = CashFlows.Mirr(
            Flows(values),
            decimal.Parse(financeRate, System.Globalization.CultureInfo.InvariantCulture),
            decimal.Parse(reinvestRate, System.Globalization.CultureInfo.InvariantCulture));

        var published = decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.NotNull(mirr);
        Assert.True(Math.Abs(mirr.Value - published) < 1e-15m, $"MIRR {mirr}, numpy-financial {published}");
    }

    // TestMirr: [39000, 30000, 21000, 37000, 46000] at 0.10/0.12 is nan — no negative flow.
    [Fact]
    public void Mirr_without_a_negative_or_a_positive_flow_is_null()
    {
        Assert.Null(CashFlows.Mirr([39000m, 30000m, 21000m, 37000m, 46000m], 0.10m, 0.12m));
        Assert.Null(CashFlows.Mirr([-100m, -50m, -60m, -70m], 0.10m, 0.12m));
    }

    // mirr docstring: npf.mirr([-100, 50, -60, 70], 0.10, 0.12) is -0.03909366594356467.
    [Fact]
    public void Mirr_matches_the_numpy_financial_docstring_example()
    {
        var mirr = CashFlows.Mirr([-100m, 50m, -60m, 70m], 0.10m, 0.12m);

        Assert.True(Math.Abs(mirr!.Value - -0.03909366594356467m) < 1e-15m, $"MIRR {mirr}");
    }
}
