namespace CpTraining.Domain.Programmes;

/// <summary>A person was given a role in the programme: a programme-wide role (company null) or a place in a company's CP team.</summary>
public sealed record MemberAdded(Guid ProgrammeId, string UserId, ProgrammeRole Role, Guid? CompanyId) : IDomainEvent;

/// <summary>A person lost a role in the programme; their signed-in sessions must not keep it.</summary>
public sealed record MemberRemoved(Guid ProgrammeId, string UserId, ProgrammeRole Role, Guid? CompanyId) : IDomainEvent;

/// <summary>A company joined the programme (or came back from the archive).</summary>
public sealed record CompanyEnrolled(Guid ProgrammeId, Guid CompanyId, bool IsPilot, bool Returned) : IDomainEvent;

/// <summary>A company became a pilot company of the programme, or stopped being one.</summary>
public sealed record PilotChanged(Guid ProgrammeId, Guid CompanyId, bool IsPilot) : IDomainEvent;

/// <summary>The CP advisor who coaches a company changed.</summary>
public sealed record TrainerAssigned(Guid ProgrammeId, Guid CompanyId, string? PreviousUserId, string? TrainerUserId) : IDomainEvent;

/// <summary>A company was archived: its records stay, its team loses access.</summary>
public sealed record CompanyArchived(Guid ProgrammeId, Guid CompanyId, IReadOnlyList<string> TeamUserIds) : IDomainEvent;

/// <summary>A company was taken out of the programme with its team (each of whom also raised <see cref="MemberRemoved"/>).</summary>
public sealed record CompanyRemoved(Guid ProgrammeId, Guid CompanyId) : IDomainEvent;
