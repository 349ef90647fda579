namespace CpTraining.Domain.Options;

/// <summary>The inputs the sensitivity analysis varies.</summary>
public enum SensitivityParameter
{
    Investment,
    Savings,
    EnergyPrice,
    MaterialPrice,
    DiscountRate,
    Lifetime,
}

/// <summary>The NPV and simple payback when one input is changed by <paramref name="Change"/> (−0.2 = 20 % less).</summary>
public sealed record SensitivityPoint(decimal Change, decimal Npv, decimal? SimplePayback);

/// <summary>
/// One bar of the tornado chart: the parameter, its points at −20 %, −10 %, +10 %, +20 %, and the break-even change —
/// the relative change of the parameter at which the NPV is zero (e.g. −0.37: savings may fall by 37 %); null when
/// no change within −100 % … +1000 % makes the NPV zero.
/// </summary>
public sealed record SensitivityRow(SensitivityParameter Parameter, IReadOnlyList<SensitivityPoint> Points, decimal? BreakEven)
{
    /// <summary>The spread of the NPV between the lowest and the highest change (the bar's length).</summary>
    public decimal Swing => Points.Max(p => p.Npv) - Points.Min(p => p.Npv);
}

/// <summary>The whole sensitivity analysis: the base NPV and payback and one row per parameter, widest swing first.</summary>
public sealed record SensitivityAnalysis(decimal BaseNpv, decimal? BasePayback, IReadOnlyList<SensitivityRow> Rows);

/// <summary>
/// One-at-a-time sensitivity of the NPV and the simple payback (the tornado chart), and break-even values.
/// <list type="bullet">
/// <item>Investment: the initial investment × (1 + change). Savings: every saving line and every overridden year's
/// savings × (1 + change); extra maintenance, extra costs and replacements stay. Energy price and material price: the
/// energy (raw-material) saving line × (1 + change) — a saving priced at the market price moves with it — and an
/// overridden year's savings in proportion to that line's share of the net annual savings. Discount rate: rate ×
/// (1 + change). Lifetime: years × (1 + change), rounded to whole years (at least 1, at most 50); the salvage value
/// moves to the new last year, grid years, grants, the loan term and depreciation beyond it are cut off.</item>
/// <item>Break-even: the NPV is a straight line in the investment and in each savings factor, so the change that
/// makes it zero is exact: −NPV(base) ÷ (NPV(+100 %) − NPV(base)). The break-even discount rate is the IRR when it
/// is unique; the break-even lifetime is the shortest whole lifetime with an NPV of zero or more.</item>
/// </list>
/// </summary>
public static class Sensitivity
{
    /// <summary>The changes tried for every parameter.</summary>
    public static readonly IReadOnlyList<decimal> Changes = [-0.2m, -0.1m, 0.1m, 0.2m];

    public static SensitivityAnalysis Of(EconomicInputs inputs, EconomicResult result)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(result);
        var baseline = EconomicEvaluation.NpvAndPayback(inputs, EconomicEvaluation.Factors.None);
        var rows = new List<SensitivityRow>();
        foreach (var parameter in Enum.GetValues<SensitivityParameter>())
        {
            if (!Applies(parameter, inputs))
            {
                continue;
            }

            var points = Changes.Select(c => Point(inputs, parameter, c)).ToList();
            rows.Add(new SensitivityRow(parameter, points, BreakEven(inputs, result, parameter, baseline.Npv)));
        }

        return new SensitivityAnalysis(baseline.Npv, baseline.SimplePayback, [.. rows.OrderByDescending(r => r.Swing)]);
    }

    private static bool Applies(SensitivityParameter parameter, EconomicInputs inputs) => parameter switch
    {
        SensitivityParameter.Investment => inputs.TotalInvestment > 0,
        SensitivityParameter.Savings => inputs.NetAnnualSavings + inputs.Maintenance != 0 || inputs.YearOverrides.Any(y => y.Savings is not null),
        SensitivityParameter.EnergyPrice => inputs.Energy != 0,
        SensitivityParameter.MaterialPrice => inputs.RawMaterials != 0,
        _ => true,
    };

    private static SensitivityPoint Point(EconomicInputs inputs, SensitivityParameter parameter, decimal change)
    {
        var (npv, payback) = Evaluate(inputs, parameter, 1 + change);
        return new SensitivityPoint(change, npv, payback);
    }

    private static (decimal Npv, decimal? Payback) Evaluate(EconomicInputs inputs, SensitivityParameter parameter, decimal factor)
    {
        var none = EconomicEvaluation.Factors.None;
        return parameter switch
        {
            SensitivityParameter.Investment => EconomicEvaluation.NpvAndPayback(inputs, none with { Investment = factor }),
            SensitivityParameter.Savings => EconomicEvaluation.NpvAndPayback(inputs, none with { Savings = factor }),
            SensitivityParameter.EnergyPrice => EconomicEvaluation.NpvAndPayback(inputs, none with { Energy = factor }),
            SensitivityParameter.MaterialPrice => EconomicEvaluation.NpvAndPayback(inputs, none with { Materials = factor }),
            SensitivityParameter.DiscountRate => EconomicEvaluation.NpvAndPayback(inputs with { DiscountRate = inputs.DiscountRate * factor }, none),
            _ => EconomicEvaluation.NpvAndPayback(WithLifetime(inputs, (int)Math.Round(inputs.LifetimeYears * factor, MidpointRounding.AwayFromZero)), none),
        };
    }

    private static decimal? BreakEven(EconomicInputs inputs, EconomicResult result, SensitivityParameter parameter, decimal baseNpv)
    {
        switch (parameter)
        {
            case SensitivityParameter.DiscountRate:
                if (result.Irr.Outcome != IrrOutcome.Unique || result.Irr.Rate is not { } irr || inputs.DiscountRate == 0)
                {
                    return null;
                }

                return (irr / inputs.DiscountRate) - 1;
            case SensitivityParameter.Lifetime:
                for (var years = 1; years <= EconomicInputs.MaximumLifetimeYears; years++)
                {
                    if (EconomicEvaluation.NpvAndPayback(WithLifetime(inputs, years), EconomicEvaluation.Factors.None).Npv >= 0)
                    {
                        return ((decimal)years / inputs.LifetimeYears) - 1;
                    }
                }

                return null;
            default:
                var doubled = Evaluate(inputs, parameter, 2).Npv;
                var slope = doubled - baseNpv;
                if (slope == 0)
                {
                    return null;
                }

                var change = -baseNpv / slope;
                return change is < -1 or > 10 ? null : change;
        }
    }

    /// <summary>The inputs with another lifetime: what falls beyond it is cut off, the salvage value moves with it.</summary>
    private static EconomicInputs WithLifetime(EconomicInputs inputs, int years)
    {
        years = Math.Clamp(years, 1, EconomicInputs.MaximumLifetimeYears);
        return inputs with
        {
            LifetimeYears = years,
            YearOverrides = [.. inputs.YearOverrides.Where(y => y.Year <= years)],
            Grants = [.. inputs.Grants.Where(g => g.FirstYear <= years).Select(g => g with { Years = Math.Min(g.Years, years - g.FirstYear + 1) })],
            DebtTermYears = Math.Min(inputs.DebtTermYears, years),
            DepreciationYears = inputs.DepreciationYears is { } d ? Math.Min(d, years) : null,
        };
    }
}
