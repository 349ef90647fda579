namespace CpTraining.Domain.Options;

/// <summary>
/// Everything the pages show about one option, computed from its snapshot: the technical score, the economic results
/// (null when not entered or when the option is technically infeasible), the effective reductions, and the
/// cost-effectiveness used to rank options on the abatement cost curve.
/// </summary>
public sealed record OptionAssessment(
    OptionSnapshot Option,
    decimal? TechnicalScore,
    EconomicResult? Economics,
    string? EconomicsProblem,
    decimal? EquivalentAnnualCost,
    decimal? CostPerTonneCo2,
    decimal? CostPerTonneWaste)
{
    public Reductions Reductions => Option.EffectiveReductions;

    public decimal? Investment => Option.Economics?.TotalInvestment;

    public decimal? AnnualSavings => Option.Economics?.NetAnnualSavings;

    /// <summary>
    /// Assesses a snapshot. Cost per tonne avoided = EAC ÷ tonnes avoided a year, with EAC = −NPV·CRF(discount rate,
    /// lifetime) (see <see cref="CostEffectiveness"/>); negative means the option saves money while it cuts CO₂ or waste.
    /// </summary>
    public static OptionAssessment Of(OptionSnapshot option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var score = option.Technical.WeightedScore;
        if (option.Economics is not { } inputs || option.Technical.IsFeasible == false)
        {
            return new OptionAssessment(option, score, null, null, null, null, null);
        }

        EconomicResult result;
        try
        {
            result = EconomicEvaluation.Evaluate(inputs);
        }
        catch (DomainException ex)
        {
            return new OptionAssessment(option, score, null, ex.Message, null, null, null);
        }

        var eac = CostEffectiveness.EquivalentAnnualCost(result.Npv, inputs.DiscountRate, inputs.LifetimeYears);
        var co2 = option.EffectiveReductions.TonnesCo2;
        var waste = option.EffectiveReductions.WasteTonnes;
        return new OptionAssessment(
            option,
            score,
            result,
            null,
            eac,
            co2 is { } c ? CostEffectiveness.CostPerTonne(eac, c) : null,
            waste is { } w ? CostEffectiveness.CostPerTonne(eac, w) : null);
    }
}

/// <summary>
/// Planned against achieved for a set of options. Planned: the selected, implemented and verified options with their
/// evaluated figures. Achieved: verified options only, with their measured figures.
/// </summary>
public sealed record OptionTotals(
    int Identified,
    int Selected,
    int Implemented,
    int Verified,
    decimal PlannedInvestment,
    decimal PlannedAnnualSavings,
    decimal PlannedNpv,
    Reductions PlannedReductions,
    decimal AchievedInvestment,
    decimal AchievedAnnualSavings,
    Reductions AchievedReductions)
{
    /// <summary>Σ planned investment ÷ Σ planned annual savings (year-0 prices); null without savings.</summary>
    public decimal? PlannedPayback => PlannedAnnualSavings > 0 ? PlannedInvestment / PlannedAnnualSavings : null;

    public decimal? AchievedPayback => AchievedAnnualSavings > 0 ? AchievedInvestment / AchievedAnnualSavings : null;

    public static OptionTotals Of(IEnumerable<OptionAssessment> assessments)
    {
        ArgumentNullException.ThrowIfNull(assessments);
        var all = assessments.ToList();
        var planned = all.Where(a => a.Option.Status.IsPlanned()).ToList();
        var verified = all.Where(a => a.Option.Status == OptionStatus.Verified && a.Option.Achieved is not null).ToList();
        return new OptionTotals(
            all.Count,
            planned.Count,
            all.Count(a => a.Option.Status is OptionStatus.Implemented or OptionStatus.Verified),
            verified.Count,
            planned.Sum(a => a.Investment ?? 0),
            planned.Sum(a => a.AnnualSavings ?? 0),
            planned.Sum(a => a.Economics?.Npv ?? 0),
            Reductions.Sum(planned.Select(a => a.Reductions)),
            verified.Sum(a => a.Option.Achieved!.ActualInvestment ?? 0),
            verified.Sum(a => a.Option.Achieved!.AnnualSavings ?? 0),
            Reductions.Sum(verified.Select(a => a.Option.Achieved!.Reductions)));
    }
}
