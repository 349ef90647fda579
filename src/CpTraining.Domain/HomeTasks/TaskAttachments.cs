namespace CpTraining.Domain.HomeTasks;

/// <summary>
/// What engineers attach to their work on a home task besides text and files: a balance worksheet (the session-2
/// balance and cost-of-losses tasks) and their CP options register (the session-3 options and feasibility tasks).
/// </summary>
[Flags]
public enum TaskAttachments
{
    None = 0,
    Worksheet = 1,
    Options = 2,
}
