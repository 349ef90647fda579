namespace CpTraining.Domain.Programmes;

/// <summary>
/// One of the programme's plenary sessions. Dates are whole days in the programme's time zone; a session
/// runs from <see cref="StartDate"/> for <see cref="Days"/> consecutive days. Schedule changes go through
/// <see cref="Programme.RescheduleSession"/> because the rules involve the neighbouring sessions.
/// </summary>
public sealed class PlenarySession
{
    public const int MinDays = 1;
    public const int MaxDays = 5;
    public const int VenueMaxLength = 200;

    private readonly List<AgendaItem> _agenda = [];

    private PlenarySession()
    {
    }

    internal PlenarySession(Guid programmeId, int number, DateOnly startDate, int days, bool isFinal)
    {
        Id = Guid.NewGuid();
        ProgrammeId = programmeId;
        Number = number;
        StartDate = startDate;
        Days = days;
        IsFinal = isFinal;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    /// <summary>1-based; sessions take place in number order.</summary>
    public int Number { get; private set; }

    public DateOnly StartDate { get; private set; }

    public int Days { get; private set; }

    public DateOnly EndDate => StartDate.AddDays(Days - 1);

    public string? Venue { get; private set; }

    /// <summary>Daily start time (programme time zone); null with <see cref="DailyEnd"/> means all-day.</summary>
    public TimeOnly? DailyStart { get; private set; }

    public TimeOnly? DailyEnd { get; private set; }

    /// <summary>The final session: management and potential investors are invited.</summary>
    public bool IsFinal { get; private set; }

    public IReadOnlyList<AgendaItem> Agenda => _agenda.OrderBy(i => i.Day).ThenBy(i => i.Position).ToList();

    public SessionStatus StatusOn(DateOnly today) =>
        today < StartDate ? SessionStatus.Planned
        : today > EndDate ? SessionStatus.Completed
        : SessionStatus.Running;

    /// <summary>A session is held (for correction purposes) once it has begun.</summary>
    public bool HasBegunBy(DateOnly today) => StartDate <= today;

    public AgendaItem AddAgendaItem(int day, string topic, TimeOnly? start, TimeOnly? end, string? presenter)
    {
        var (cleanTopic, cleanPresenter) = CheckAgendaItem(day, topic, start, end, presenter);
        var item = new AgendaItem(Id, _agenda.Count + 1, day, cleanTopic, start, end, cleanPresenter);
        _agenda.Add(item);
        return item;
    }

    public void ChangeAgendaItem(Guid itemId, int day, string topic, TimeOnly? start, TimeOnly? end, string? presenter)
    {
        var item = FindItem(itemId);
        var (cleanTopic, cleanPresenter) = CheckAgendaItem(day, topic, start, end, presenter);
        item.Change(day, cleanTopic, start, end, cleanPresenter);
    }

    public void RemoveAgendaItem(Guid itemId)
    {
        _agenda.Remove(FindItem(itemId));
        Renumber(Agenda);
    }

    /// <summary>
    /// Moves an item one place up (-1) or down (+1). At the edge of a day it moves into the neighbouring
    /// day instead (last item of the previous day, or first of the next).
    /// </summary>
    public void MoveAgendaItem(Guid itemId, int direction)
    {
        var ordered = Agenda.ToList();

        // Number the items in the order shown first: an added item (or one given another day) keeps a number out
        // of that order, and an item crossing into the neighbouring day must sort after (or before) all its items.
        Renumber(ordered);
        var item = FindItem(itemId);
        var target = ordered.IndexOf(item) + Math.Sign(direction);
        if (target < 0 || target >= ordered.Count)
        {
            return;
        }

        var neighbour = ordered[target];
        if (neighbour.Day != item.Day)
        {
            item.Change(neighbour.Day, item.Topic, item.Start, item.End, item.Presenter);
        }
        else
        {
            (item.Position, neighbour.Position) = (neighbour.Position, item.Position);
        }

        Renumber(Agenda);
    }

    internal void Change(DateOnly startDate, int days, string? venue, TimeOnly? dailyStart, TimeOnly? dailyEnd)
    {
        var lastAgendaDay = _agenda.Count == 0 ? 0 : _agenda.Max(i => i.Day);
        if (lastAgendaDay > days)
        {
            throw new DomainException(
                "Days",
                "The agenda has items on day {0}; move or remove them before shortening the session to {1} days.",
                lastAgendaDay,
                days);
        }

        StartDate = startDate;
        Days = days;
        Venue = venue;
        DailyStart = dailyStart;
        DailyEnd = dailyEnd;
    }

    internal static void CheckDailyTimes(TimeOnly? dailyStart, TimeOnly? dailyEnd)
    {
        if (dailyStart.HasValue != dailyEnd.HasValue)
        {
            throw new DomainException(
                dailyStart.HasValue ? "DailyEnd" : "DailyStart",
                "Give both the daily start and end time, or neither for all-day sessions.");
        }

        if (dailyStart >= dailyEnd)
        {
            throw new DomainException("DailyEnd", "The daily end time must be after the start time.");
        }
    }

    private static void Renumber(IEnumerable<AgendaItem> ordered)
    {
        var position = 1;
        foreach (var item in ordered)
        {
            item.Position = position++;
        }
    }

    private AgendaItem FindItem(Guid itemId) =>
        _agenda.Find(i => i.Id == itemId)
        ?? throw new DomainException("This agenda item no longer exists; it may have been removed by someone else.");

    private (string Topic, string? Presenter) CheckAgendaItem(int day, string topic, TimeOnly? start, TimeOnly? end, string? presenter)
    {
        if (day < 1 || day > Days)
        {
            throw new DomainException("Day", "The day must be between 1 and {0}, the length of this session.", Days);
        }

        var cleanTopic = topic?.Trim() ?? string.Empty;
        if (cleanTopic.Length == 0)
        {
            throw new DomainException("Topic", "This field is required.");
        }

        if (cleanTopic.Length > AgendaItem.TopicMaxLength)
        {
            throw new DomainException("Topic", "Use at most {0} characters.", AgendaItem.TopicMaxLength);
        }

        if (end.HasValue && !start.HasValue)
        {
            throw new DomainException("Start", "Give the start time when you give an end time.");
        }

        if (start.HasValue && end.HasValue && end <= start)
        {
            throw new DomainException("End", "The end time must be after the start time.");
        }

        var cleanPresenter = string.IsNullOrWhiteSpace(presenter) ? null : presenter.Trim();
        if (cleanPresenter?.Length > AgendaItem.PresenterMaxLength)
        {
            throw new DomainException("Presenter", "Use at most {0} characters.", AgendaItem.PresenterMaxLength);
        }

        return (cleanTopic, cleanPresenter);
    }
}
