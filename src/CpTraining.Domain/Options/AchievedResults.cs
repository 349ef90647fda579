namespace CpTraining.Domain.Options;

/// <summary>
/// What an implemented option really cost and saves: measured, not planned. Only a verified option's results count
/// in "achieved" totals.
/// </summary>
public sealed record AchievedResults(
    DateOnly ImplementedOn,
    decimal? ActualInvestment,
    decimal? AnnualSavings,
    Reductions Reductions,
    string? Notes,
    string? Explanation = null)
{
    public const decimal MaxMoney = 1_000_000_000_000m;
    public const int NotesMaxLength = 2_000;

    public bool HasFigures => ActualInvestment is not null || AnnualSavings is not null || !Reductions.IsEmpty;

    /// <remarks>
    /// <para><c>explanation</c>: Why the results differ from the plan (a figure more than three times, or under a third of,
    /// the planned one is questioned without it; see <see cref="Checks.AchievedChecks"/>).</para>
    /// </remarks>
    public static AchievedResults Create(
        DateOnly implementedOn, decimal? actualInvestment, decimal? annualSavings, Reductions reductions, string? notes, string? explanation = null)
    {
        ArgumentNullException.ThrowIfNull(reductions);
        if (actualInvestment is < 0 or > MaxMoney)
        {
            throw new DomainException(nameof(ActualInvestment), "Enter an amount from 0 to {0}.", MaxMoney);
        }

        if (annualSavings is < -MaxMoney or > MaxMoney)
        {
            throw new DomainException(nameof(AnnualSavings), "Enter an amount between −{0} and {0}.", MaxMoney);
        }

        return new AchievedResults(implementedOn, actualInvestment, annualSavings, reductions, Text.Optional(notes, nameof(Notes), NotesMaxLength),
            Text.Optional(explanation, nameof(Explanation), NotesMaxLength));
    }
}
