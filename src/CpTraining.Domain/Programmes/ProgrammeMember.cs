namespace CpTraining.Domain.Programmes;

/// <summary>A person's role in a programme. Later: the company they belong to.</summary>
public sealed class ProgrammeMember
{
    private ProgrammeMember()
    {
        UserId = string.Empty;
    }

    internal ProgrammeMember(Guid programmeId, string userId, ProgrammeRole role)
    {
        Id = Guid.NewGuid();
        ProgrammeId = programmeId;
        UserId = userId;
        Role = role;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    /// <summary>The account id (ASP.NET Core Identity user id); the domain knows it only as text.</summary>
    public string UserId { get; private set; }

    public ProgrammeRole Role { get; private set; }
}
