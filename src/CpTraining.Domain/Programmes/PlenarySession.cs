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

    /// <summary>Sessions are dated within these years (historical programmes from 1990; nothing beyond 2100).</summary>
    public static readonly DateOnly EarliestDate = new(1990, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    internal static void CheckDateRange(DateOnly start, int days, string field)
    {
        if (start < EarliestDate || start > LatestDate.AddDays(-Math.Max(days, 1)))
        {
            throw new DomainException(field, "Choose a date between {0:d} and {1:d}.", EarliestDate, LatestDate);
        }
    }

    private readonly List<AgendaItem> _agenda = [];
    private readonly List<AttendanceMark> _attendance = [];
    private readonly List<WorkingGroup> _groups = [];

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

    public IReadOnlyList<AttendanceMark> Attendance => _attendance;

    public IReadOnlyList<WorkingGroup> Groups => _groups.OrderBy(g => g.Name, StringComparer.CurrentCulture).ToList();

    /// <summary>
    /// Records whether a participant was at a day of the session (replacing an earlier mark). Only days that
    /// have begun can be marked; <paramref name="today"/> is the date at the venue.
    /// </summary>
    public void MarkAttendance(string userId, int day, AttendanceStatus status, string recordedBy, DateOnly today, DateTimeOffset at)
    {
        if (day < 1 || day > Days)
        {
            throw new DomainException("The day must be between 1 and {0}, the length of this session.", Days);
        }

        if (StartDate.AddDays(day - 1) > today)
        {
            throw new DomainException("Attendance can be marked only for days that have begun; day {0} of session {1} is on {2:d}.", day, Number, StartDate.AddDays(day - 1));
        }

        var existing = _attendance.Find(a => a.UserId == userId && a.Day == day);
        if (existing is null)
        {
            _attendance.Add(new AttendanceMark(Id, userId, day, status, recordedBy, at));
        }
        else
        {
            existing.Change(status, recordedBy, at);
        }
    }

    public void ClearAttendance(string userId, int day) => _attendance.RemoveAll(a => a.UserId == userId && a.Day == day);

    public WorkingGroup AddGroup(string name)
    {
        var clean = Text.Required(name, "Name", WorkingGroup.NameMaxLength);
        if (_groups.Exists(g => string.Equals(g.Name, clean, StringComparison.CurrentCultureIgnoreCase)))
        {
            throw new DomainException("Name", "This session already has a group called {0}.", clean);
        }

        var group = new WorkingGroup(Id, clean);
        _groups.Add(group);
        return group;
    }

    public void RenameGroup(Guid groupId, string name)
    {
        var group = FindGroup(groupId);
        var clean = Text.Required(name, "Name", WorkingGroup.NameMaxLength);
        if (_groups.Exists(g => g.Id != groupId && string.Equals(g.Name, clean, StringComparison.CurrentCultureIgnoreCase)))
        {
            throw new DomainException("Name", "This session already has a group called {0}.", clean);
        }

        group.Name = clean;
    }

    public void RemoveGroup(Guid groupId) => _groups.Remove(FindGroup(groupId));

    /// <summary>Puts a participant into a group of this session (out of any other group of it), or into none.</summary>
    public void AssignToGroup(string userId, Guid? groupId)
    {
        var target = groupId is null ? null : FindGroup(groupId.Value);
        foreach (var group in _groups)
        {
            group.Remove(userId);
        }

        target?.Add(userId);
    }

    /// <summary>Reuses another session's groups: same names and members (participants still enrolled, given by <paramref name="stillEnrolled"/>).</summary>
    public void CopyGroupsFrom(PlenarySession other, Func<string, bool> stillEnrolled)
    {
        if (_groups.Count > 0)
        {
            throw new DomainException("This session already has groups; remove them before copying another session's groups.");
        }

        foreach (var source in other._groups)
        {
            var copy = new WorkingGroup(Id, source.Name);
            foreach (var member in source.Members.Where(m => stillEnrolled(m.UserId)))
            {
                copy.Add(member.UserId);
            }

            _groups.Add(copy);
        }
    }

    private WorkingGroup FindGroup(Guid groupId) =>
        _groups.Find(g => g.Id == groupId)
        ?? throw new DomainException("This group no longer exists; someone may have removed it.");

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

        // Last of its day; when that is not the last day, the items of later days move down one place.
        Renumber(Agenda);
        return item;
    }

    public void ChangeAgendaItem(Guid itemId, int day, string topic, TimeOnly? start, TimeOnly? end, string? presenter)
    {
        var item = FindItem(itemId);
        var (cleanTopic, cleanPresenter) = CheckAgendaItem(day, topic, start, end, presenter);
        item.Change(day, cleanTopic, start, end, cleanPresenter);

        // A new day puts the item at the edge of that day nearest where it was.
        Renumber(Agenda);
    }

    public void RemoveAgendaItem(Guid itemId)
    {
        _agenda.Remove(FindItem(itemId));
        Renumber(Agenda);
    }

    /// <summary>
    /// Moves an item one place up (-1) or down (+1). At the edge of a day it moves into the neighbouring
    /// day instead (last item of the previous day, or first of the next), also when that day has no items.
    /// </summary>
    public void MoveAgendaItem(Guid itemId, int direction)
    {
        var item = FindItem(itemId);
        var step = Math.Sign(direction);
        var ordered = Agenda.ToList();
        var index = ordered.IndexOf(item);
        var neighbourIndex = index + step;
        if (step != 0 && neighbourIndex >= 0 && neighbourIndex < ordered.Count && ordered[neighbourIndex].Day == item.Day)
        {
            (ordered[index], ordered[neighbourIndex]) = (ordered[neighbourIndex], item);
        }
        else if (step != 0 && item.Day + step >= 1 && item.Day + step <= Days)
        {
            // It keeps its place in the order: at the edge of its day, no item of its old day lies between it and the new day.
            item.Change(item.Day + step, item.Topic, item.Start, item.End, item.Presenter);
        }
        else
        {
            return;
        }

        Renumber(ordered);
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
