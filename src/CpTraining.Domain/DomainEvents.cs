namespace CpTraining.Domain;

/// <summary>
/// A fact a domain object reports about a change it made ("a member left the programme", "work was returned").
/// Raised inside the domain call; the web layer's save hands the events to their handlers (audit, notifications,
/// ending sessions) before it saves, so the consequences are committed with the change or not at all.
/// </summary>
public interface IDomainEvent;

/// <summary>An aggregate that raises <see cref="IDomainEvent"/>s.</summary>
public abstract class RaisesEvents
{
    private readonly List<IDomainEvent> raised = [];

    /// <summary>Whether events are waiting to be taken.</summary>
    public bool HasEvents => raised.Count > 0;

    /// <summary>The events raised since they were last taken, removed from the object (the save takes them once).</summary>
    public IReadOnlyList<IDomainEvent> TakeEvents()
    {
        var events = raised.ToList();
        raised.Clear();
        return events;
    }

    protected void Raise(IDomainEvent domainEvent) => raised.Add(domainEvent);
}
