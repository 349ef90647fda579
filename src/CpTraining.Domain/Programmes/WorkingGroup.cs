namespace CpTraining.Domain.Programmes;

/// <summary>A working group of participants for one session (group work is central to the Norwegian model).</summary>
public sealed class WorkingGroup
{
    public const int NameMaxLength = 100;

    private readonly List<WorkingGroupMember> _members = [];

    private WorkingGroup()
    {
        Name = string.Empty;
    }

    internal WorkingGroup(Guid sessionId, string name)
    {
        Id = Guid.NewGuid();
        SessionId = sessionId;
        Name = name;
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    public string Name { get; internal set; }

    public IReadOnlyList<WorkingGroupMember> Members => _members;

    internal void Add(string userId)
    {
        if (!_members.Exists(m => m.UserId == userId))
        {
            _members.Add(new WorkingGroupMember(Id, userId));
        }
    }

    internal bool Remove(string userId) => _members.RemoveAll(m => m.UserId == userId) > 0;
}

public sealed class WorkingGroupMember
{
    private WorkingGroupMember()
    {
        UserId = string.Empty;
    }

    internal WorkingGroupMember(Guid groupId, string userId)
    {
        Id = Guid.NewGuid();
        GroupId = groupId;
        UserId = userId;
    }

    public Guid Id { get; private set; }

    public Guid GroupId { get; private set; }

    public string UserId { get; private set; }
}
