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
    string? Notes)
{
    public const decimal MaxMoney = 1_000_000_000_000m;
    public const int NotesMaxLength = 2_000;

    public bool HasFigures => ActualInvestment is not null || AnnualSavings is not null || !Reductions.IsEmpty;

    public static AchievedResults Create(DateOnly implementedOn, decimal? actualInvestment, decimal? annualSavings, Reductions reductions, string? notes)
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

        return new AchievedResults(implementedOn, actualInvestment, annualSavings, reductions, Text.Optional(notes, nameof(Notes), NotesMaxLength));
    }
}
