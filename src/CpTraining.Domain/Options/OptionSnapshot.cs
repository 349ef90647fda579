namespace CpTraining.Domain.Options;

/// <summary>
/// One option frozen as data, with the reductions computed from its linked streams at the time (the worksheets may
/// change later): what a submitted home task keeps and what reports are made from.
/// </summary>
public sealed record OptionSnapshot(
    Guid Id,
    int Number,
    string Title,
    string? Description,
    string? ProblemsAddressed,
    OptionCategory Category,
    OptionKind Kind,
    OptionStatus Status,
    string? RejectionReason,
    TechnicalEvaluation Technical,
    EconomicInputs? Economics,
    Reductions EnteredReductions,
    Reductions EffectiveReductions,
    IReadOnlyList<LinkedReduction> LinkedReductions,
    AchievedResults? Achieved,
    DateTimeOffset? VerifiedAt,
    string? NextStep,
    string? Responsible,
    DateOnly? NextStepDue);

/// <summary>A company's options register frozen as data.</summary>
public sealed record OptionsRegisterSnapshot(Guid ProgrammeId, Guid CompanyId, string Currency, IReadOnlyList<OptionSnapshot> Options);
