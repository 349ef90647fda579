namespace CpTraining.Domain.HomeTasks;

/// <summary>
/// Where a company's (or a person's) work on a home task stands:
/// NotStarted → Draft → Submitted → Accepted, or Submitted → Returned → (Draft edits) → Submitted again.
/// </summary>
public enum SubmissionStatus
{
    NotStarted,
    Draft,
    Submitted,
    Returned,
    Accepted,
}

/// <summary>What a trainer decided about a submitted version.</summary>
public enum ReviewDecision
{
    Returned,
    Accepted,
}
