namespace CpTraining.Domain.Options;

/// <summary>
/// A Cleaner Production option of a company in a programme: what it is, which balance streams it addresses, its
/// technical, economic and environmental evaluation, where it stands (<see cref="OptionStatus"/>), and — once
/// implemented — what it really achieved. Named CpOption because "Option" clashes with too much in .NET.
/// </summary>
public sealed class CpOption
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 8_000;
    public const int ProblemsMaxLength = 2_000;
    public const int ReasonMaxLength = 1_000;
    public const int PlanMaxLength = 500;
    public const int ResponsibleMaxLength = 200;
    public const int RisksMaxLength = 2_000;
    public const int MaxLinks = 50;
    public const int MaxEvidenceFiles = 10;

    private List<StreamLink> _links = [];
    private Guid[] _evidenceFileIds = [];

    private CpOption()
    {
        Title = string.Empty;
        Technical = TechnicalEvaluation.Standard;
        EnteredReductions = Reductions.None;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public Guid CompanyId { get; private set; }

    /// <summary>1, 2, 3 … within the company and programme; reports call the option "O3".</summary>
    public int Number { get; private set; }

    public string Title { get; private set; }

    /// <summary>Markdown.</summary>
    public string? Description { get; private set; }

    /// <summary>The environmental problems or losses it addresses, in words (the streams are in <see cref="Links"/>).</summary>
    public string? ProblemsAddressed { get; private set; }

    /// <summary>What could go wrong (technical, market, permitting), in words, for the investment project sheet.</summary>
    public string? Risks { get; private set; }

    public OptionCategory Category { get; private set; }

    public OptionKind Kind { get; private set; }

    public OptionStatus Status { get; private set; }

    public string? RejectionReason { get; private set; }

    public DateTimeOffset StatusChangedAt { get; private set; }

    public IReadOnlyList<StreamLink> Links => _links;

    public TechnicalEvaluation Technical { get; private set; }

    /// <summary>Null until the economics are entered.</summary>
    public EconomicInputs? Economics { get; private set; }

    /// <summary>Reductions typed in by the engineer; each figure given overrides the one computed from the links.</summary>
    public Reductions EnteredReductions { get; private set; }

    public AchievedResults? Achieved { get; private set; }

    public IReadOnlyList<Guid> EvidenceFileIds => _evidenceFileIds;

    public DateTimeOffset? VerifiedAt { get; private set; }

    public string? VerifiedBy { get; private set; }

    /// <summary>Action plan: the next step, who does it and by when.</summary>
    public string? NextStep { get; private set; }

    public string? Responsible { get; private set; }

    public DateOnly? NextStepDue { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DesireGroup Group => Status.Group();

    /// <summary>False when the technical evaluation found the option infeasible: its economics are skipped.</summary>
    public bool HasEconomics => Technical.IsFeasible != false && Economics is not null;

    public static CpOption Create(
        Guid programmeId, Guid companyId, int number, string? title, string? description, string? problems,
        OptionCategory category, OptionKind kind, DateTimeOffset createdAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        var option = new CpOption
        {
            Id = Guid.NewGuid(),
            ProgrammeId = programmeId,
            CompanyId = companyId,
            Number = number,
            Status = OptionStatus.Identified,
            StatusChangedAt = createdAt,
            CreatedAt = createdAt,
        };
        option.ChangeDetails(title, description, problems, category, kind);
        return option;
    }

    public void ChangeDetails(string? title, string? description, string? problems, OptionCategory category, OptionKind kind)
    {
        if (!Enum.IsDefined(category))
        {
            throw new DomainException(nameof(Category), "Choose one of the categories.");
        }

        if (!Enum.IsDefined(kind))
        {
            throw new DomainException(nameof(Kind), "Choose low-cost improvement or investment project.");
        }

        (Title, Description, ProblemsAddressed, Category, Kind) = (
            Text.Required(title, nameof(Title), TitleMaxLength),
            Text.Optional(description, nameof(Description), DescriptionMaxLength),
            Text.Optional(problems, nameof(ProblemsAddressed), ProblemsMaxLength),
            category,
            kind);
    }

    /// <summary>States the project's risks (optional, at most <see cref="RisksMaxLength"/> characters).</summary>
    public void DescribeRisks(string? risks) => Risks = Text.Optional(risks, nameof(Risks), RisksMaxLength);

    public void ChangePlan(string? nextStep, string? responsible, DateOnly? due) =>
        (NextStep, Responsible, NextStepDue) = (
            Text.Optional(nextStep, nameof(NextStep), PlanMaxLength),
            Text.Optional(responsible, nameof(Responsible), ResponsibleMaxLength),
            due);

    /// <summary>
    /// Replaces the links. The caller passes only streams of this company's worksheets in this programme (it knows
    /// them); a stream listed twice is refused.
    /// </summary>
    public void LinkStreams(IEnumerable<StreamLink> links)
    {
        ArgumentNullException.ThrowIfNull(links);
        var list = links.ToList();
        if (list.Count > MaxLinks)
        {
            throw new DomainException("Links", "Link at most {0} streams.", MaxLinks);
        }

        var duplicate = list.GroupBy(l => (l.WorksheetId, l.StreamId)).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new DomainException("Links", "Each stream is linked once.");
        }

        _links = list;
    }

    public void EvaluateTechnically(TechnicalEvaluation evaluation)
    {
        ArgumentNullException.ThrowIfNull(evaluation);
        if (evaluation.IsFeasible == false && Status is OptionStatus.Feasible or OptionStatus.Selected or OptionStatus.Implemented or OptionStatus.Verified)
        {
            throw new DomainException(
                "IsFeasible", "The option is already {0}: move it back to under study before judging it technically infeasible.", Status);
        }

        Technical = evaluation;
    }

    public void ChangeEconomics(EconomicInputs? inputs)
    {
        if (inputs is not null && Technical.IsFeasible == false)
        {
            throw new DomainException(null, "The option is technically infeasible, so its economics are skipped.");
        }

        Economics = inputs;
    }

    public void ChangeReductions(Reductions entered)
    {
        ArgumentNullException.ThrowIfNull(entered);
        EnteredReductions = entered;
    }

    /// <summary>
    /// Moves the option along its workflow. Rejecting needs a reason and is allowed from any status; feasible needs a
    /// technical evaluation that did not find it infeasible; implemented needs the implementation recorded;
    /// verified needs achieved figures and is signed by <paramref name="by"/>.
    /// </summary>
    public void MoveTo(OptionStatus to, string? reason, string? by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(to) || !Status.CanMove(to))
        {
            throw new DomainException("Status", "An option that is {0} cannot become {1}.", Status, to);
        }

        switch (to)
        {
            case OptionStatus.Rejected:
                RejectionReason = Text.Optional(reason, "Reason", ReasonMaxLength)
                    ?? throw new DomainException("Reason", "Say why the option is rejected.");
                break;
            case OptionStatus.Feasible when Technical.IsFeasible == false:
                throw new DomainException("Status", "The technical evaluation found the option infeasible.");
            case OptionStatus.Implemented when Achieved is null:
                throw new DomainException("Status", "Record the date of implementation and what it achieved first.");
            case OptionStatus.Verified when Achieved is not { HasFigures: true }:
                throw new DomainException("Status", "Record the measured investment, savings or reductions before verifying them.");
            case OptionStatus.Verified:
                (VerifiedAt, VerifiedBy) = (now, by ?? throw new ArgumentNullException(nameof(by)));
                break;
            case OptionStatus.Identified:
                RejectionReason = null;
                break;
        }

        Status = to;
        StatusChangedAt = now;
    }

    /// <summary>
    /// Records what the implementation achieved (selected, implemented or verified options). A change to verified
    /// results voids the verification: the option goes back to implemented until checked again.
    /// </summary>
    public void RecordAchieved(AchievedResults results, IEnumerable<Guid> evidenceFileIds, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(evidenceFileIds);
        if (Status is not (OptionStatus.Selected or OptionStatus.Implemented or OptionStatus.Verified))
        {
            throw new DomainException("Status", "Only a selected or implemented option has achieved results.");
        }

        var files = evidenceFileIds.Distinct().ToArray();
        if (files.Length > MaxEvidenceFiles)
        {
            throw new DomainException("Files", "Attach at most {0} files as evidence.", MaxEvidenceFiles);
        }

        if (DateOnly.FromDateTime(now.UtcDateTime.AddDays(1)) < results.ImplementedOn)
        {
            throw new DomainException(nameof(AchievedResults.ImplementedOn), "The date of implementation cannot be in the future.");
        }

        var changed = Achieved != results || !files.SequenceEqual(_evidenceFileIds);
        Achieved = results;
        _evidenceFileIds = files;
        if (Status == OptionStatus.Verified && changed)
        {
            (Status, VerifiedAt, VerifiedBy, StatusChangedAt) = (OptionStatus.Implemented, null, null, now);
        }
    }

    /// <summary>This option frozen, with the reductions computed from its links now (see <see cref="EnvironmentalEvaluation"/>).</summary>
    public OptionSnapshot Snapshot(Reductions computed, IReadOnlyList<LinkedReduction> lines)
    {
        ArgumentNullException.ThrowIfNull(computed);
        ArgumentNullException.ThrowIfNull(lines);
        return new OptionSnapshot(
            Id, Number, Title, Description, ProblemsAddressed, Category, Kind, Status, RejectionReason, Technical,
            HasEconomics ? Economics : null, EnteredReductions, EnteredReductions.Over(computed), lines, Achieved, VerifiedAt,
            NextStep, Responsible, NextStepDue, [.. _evidenceFileIds.Select(id => new EvidenceFileRef(id, null))]);
    }
}
