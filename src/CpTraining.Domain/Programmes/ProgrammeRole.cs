namespace CpTraining.Domain.Programmes;

/// <summary>The part a person plays in one programme (a person may play different parts in different programmes).</summary>
public enum ProgrammeRole
{
    Coordinator,
    Trainer,
    Engineer,
    Manager,
}
