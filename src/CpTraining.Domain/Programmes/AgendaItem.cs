namespace CpTraining.Domain.Programmes;

/// <summary>One line of a session's agenda: a topic on a day of the session, optionally with times and a presenter.</summary>
public sealed class AgendaItem
{
    public const int TopicMaxLength = 300;
    public const int PresenterMaxLength = 200;

    private AgendaItem()
    {
        Topic = string.Empty;
    }

    internal AgendaItem(Guid sessionId, int position, int day, string topic, TimeOnly? start, TimeOnly? end, string? presenter)
    {
        Id = Guid.NewGuid();
        SessionId = sessionId;
        Position = position;
        Day = day;
        Topic = topic;
        Start = start;
        End = end;
        Presenter = presenter;
    }

    public Guid Id { get; private set; }

    public Guid SessionId { get; private set; }

    /// <summary>1-based order within the whole session; items are shown sorted by day, then position.</summary>
    public int Position { get; internal set; }

    /// <summary>1-based day of the session.</summary>
    public int Day { get; private set; }

    public string Topic { get; private set; }

    public TimeOnly? Start { get; private set; }

    public TimeOnly? End { get; private set; }

    public string? Presenter { get; private set; }

    internal void Change(int day, string topic, TimeOnly? start, TimeOnly? end, string? presenter)
    {
        Day = day;
        Topic = topic;
        Start = start;
        End = end;
        Presenter = presenter;
    }
}
