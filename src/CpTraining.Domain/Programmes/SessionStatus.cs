namespace CpTraining.Domain.Programmes;

/// <summary>Where a session or programme stands relative to today; always derived, never stored.</summary>
public enum SessionStatus
{
    Planned,
    Running,
    Completed,
}
