namespace CpTraining.Domain.HomeTasks;

/// <summary>A piece of work (one company's or one person's) was created by giving a home task.</summary>
public sealed record WorkAssigned(Guid SubmissionId, Guid ProgrammeId, Guid? CompanyId, string? UserId, string TaskTitle, DateOnly DueDate) : IDomainEvent;

/// <summary>The shared draft was saved.</summary>
public sealed record DraftSaved(Guid SubmissionId, Guid ProgrammeId, int FileCount) : IDomainEvent;

/// <summary>The work was handed in as a new version and waits for the trainer.</summary>
public sealed record WorkSubmitted(Guid SubmissionId, Guid ProgrammeId, Guid? CompanyId, int VersionNumber, int FileCount) : IDomainEvent;

/// <summary>The trainer accepted the latest version or returned it for revision.</summary>
public sealed record WorkReviewed(Guid SubmissionId, Guid ProgrammeId, Guid? CompanyId, string? UserId, ReviewDecision Decision, int VersionNumber, SubmissionStatus Status) : IDomainEvent;

/// <summary>A trainer commented on a stream of the worksheet frozen in a version.</summary>
public sealed record StreamCommented(Guid SubmissionId, Guid ProgrammeId, int VersionNumber, Guid StreamId) : IDomainEvent;

/// <summary>The company's due date was moved (<paramref name="Before"/>: the extension in force until now, if any).</summary>
public sealed record ExtensionGranted(Guid SubmissionId, Guid ProgrammeId, DateOnly? Before, DateOnly Until, string Reason) : IDomainEvent;
