namespace CpTraining.Domain.Programmes;

/// <summary>A company taking part in a programme.</summary>
public sealed class Enrolment
{
    private Enrolment()
    {
    }

    internal Enrolment(Guid programmeId, Guid companyId, bool isPilot, DateTimeOffset enrolledAt)
    {
        Id = Guid.NewGuid();
        ProgrammeId = programmeId;
        CompanyId = companyId;
        IsPilot = isPilot;
        EnrolledAt = enrolledAt;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public Guid CompanyId { get; private set; }

    /// <summary>A pilot company of the programme (CPSUC): its projects are followed up as demonstrations.</summary>
    public bool IsPilot { get; internal set; }

    /// <summary>The CP advisor coaching this company in this programme.</summary>
    public string? TrainerUserId { get; internal set; }

    public DateTimeOffset EnrolledAt { get; private set; }

    /// <summary>Archived companies keep their records but no longer take part; their people lose access.</summary>
    public DateTimeOffset? ArchivedAt { get; internal set; }

    public bool IsActive => ArchivedAt is null;
}
