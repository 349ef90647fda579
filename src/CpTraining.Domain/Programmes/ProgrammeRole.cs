namespace CpTraining.Domain.Programmes;

/// <summary>The part a person plays in one programme (a person may play different parts in different programmes).</summary>
public enum ProgrammeRole
{
    Coordinator,

    /// <summary>CP advisor coaching companies; assigned per company (see <see cref="Enrolment.TrainerUserId"/>).</summary>
    Trainer,

    /// <summary>Participant of a company's CP team.</summary>
    Engineer,

    /// <summary>The company's management: reads the company's pages and results.</summary>
    Manager,

    /// <summary>A new CP advisor trained by the programme (the Norwegian model trains advisors), not tied to a company.</summary>
    AdvisorInTraining,
}
