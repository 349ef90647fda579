namespace CpTraining.Domain.Programmes;

/// <summary>A person's role in a programme; engineers and managers belong to one enrolled company.</summary>
public sealed class ProgrammeMember
{
    private ProgrammeMember()
    {
        UserId = string.Empty;
    }

    internal ProgrammeMember(Guid programmeId, string userId, ProgrammeRole role, Guid? companyId)
    {
        Id = Guid.NewGuid();
        ProgrammeId = programmeId;
        UserId = userId;
        Role = role;
        CompanyId = companyId;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    /// <summary>The account id (ASP.NET Core Identity user id); the domain knows it only as text.</summary>
    public string UserId { get; private set; }

    public ProgrammeRole Role { get; private set; }

    /// <summary>The company whose CP team the person is in (engineers and managers); null for programme-wide roles.</summary>
    public Guid? CompanyId { get; private set; }
}
