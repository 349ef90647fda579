namespace CpTraining.Domain.Options;

/// <summary>
/// One option frozen as data, with the reductions computed from its linked streams at the time (the worksheets may
/// change later): what a submitted home task keeps and what reports are made from. <paramref name="Evidence"/> lists the
/// evidence files of the achieved results (null in snapshots frozen before it was kept); their names are filled in by
/// whoever reads the files' table.
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
    DateOnly? NextStepDue,
    IReadOnlyList<EvidenceFileRef>? Evidence = null);

/// <summary>One evidence file of an option's achieved results; <paramref name="FileName"/> is null until looked up.</summary>
public sealed record EvidenceFileRef(Guid Id, string? FileName);

/// <summary>A company's options register frozen as data.</summary>
public sealed record OptionsRegisterSnapshot(Guid ProgrammeId, Guid CompanyId, string Currency, IReadOnlyList<OptionSnapshot> Options);
