namespace CpTraining.Domain.Programmes;

/// <summary>
/// A Cleaner Production training programme of the Norwegian model: companies' engineers meet at numbered
/// plenary sessions, the last of which is the final session for management and investors.
/// </summary>
public sealed class Programme
{
    public const int NameMaxLength = 200;
    public const int OrganisersMaxLength = 500;
    public const int PlaceMaxLength = 100;
    public const int DescriptionMaxLength = 4000;

    /// <summary>Languages a programme can be run in (its agenda template and documents); ISO 639-1.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "uk", "ru", "hr", "zh", "nb"];

    private readonly List<PlenarySession> _sessions = [];
    private readonly List<ProgrammeMember> _members = [];

    private Programme()
    {
        Name = Organisers = City = Country = Language = TimeZoneId = string.Empty;
    }

    private Programme(ProgrammeDetails details, DateTimeOffset createdAt)
        : this()
    {
        Id = Guid.NewGuid();
        CreatedAt = createdAt;
        Apply(details);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>Organising bodies, e.g. "TEKNA; UNDP-GEF Dnipro Basin Environment Programme".</summary>
    public string Organisers { get; private set; }

    public string City { get; private set; }

    public string? Region { get; private set; }

    public string Country { get; private set; }

    /// <summary>ISO 639-1 code of the language the programme is run in.</summary>
    public string Language { get; private set; }

    public string? Description { get; private set; }

    /// <summary>IANA time zone of the sessions' venues; session times are local to it.</summary>
    public string TimeZoneId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<PlenarySession> Sessions => _sessions.OrderBy(s => s.Number).ToList();

    public IReadOnlyList<ProgrammeMember> Members => _members;

    /// <summary>
    /// Creates a programme from the Norwegian-model template: four sessions of 3, 3, 3 and 2 days, each
    /// starting <paramref name="weeksBetweenSessions"/> weeks after the previous one, with template agendas.
    /// Past dates are allowed so that historical programmes can be entered.
    /// </summary>
    public static Programme CreateFromTemplate(
        ProgrammeDetails details,
        DateOnly firstSessionStart,
        int weeksBetweenSessions,
        string coordinatorUserId,
        DateTimeOffset createdAt)
    {
        if (weeksBetweenSessions < NorwegianModelTemplate.MinWeeksBetweenSessions
            || weeksBetweenSessions > NorwegianModelTemplate.MaxWeeksBetweenSessions)
        {
            throw new DomainException(
                "WeeksBetweenSessions",
                "Sessions of the Norwegian model are {0} to {1} weeks apart.",
                NorwegianModelTemplate.MinWeeksBetweenSessions,
                NorwegianModelTemplate.MaxWeeksBetweenSessions);
        }

        var programme = new Programme(details, createdAt);
        var start = firstSessionStart;
        var count = NorwegianModelTemplate.SessionDays.Count;
        for (var number = 1; number <= count; number++)
        {
            var session = new PlenarySession(programme.Id, number, start, NorwegianModelTemplate.SessionDays[number - 1], number == count);
            foreach (var item in NorwegianModelTemplate.AgendaFor(number, programme.Language))
            {
                session.AddAgendaItem(item.Day, item.Topic, item.Start, item.End, null);
            }

            programme._sessions.Add(session);
            start = start.AddDays(7 * weeksBetweenSessions);
        }

        programme.AddMember(coordinatorUserId, ProgrammeRole.Coordinator);
        return programme;
    }

    public void ChangeDetails(ProgrammeDetails details) => Apply(details);

    public SessionStatus StatusOn(DateOnly today)
    {
        var sessions = Sessions;
        if (sessions.Count == 0 || today < sessions[0].StartDate)
        {
            return SessionStatus.Planned;
        }

        return today > sessions[^1].EndDate ? SessionStatus.Completed : SessionStatus.Running;
    }

    /// <summary>The session that is running today, or else the next one to come; null when all are over.</summary>
    public PlenarySession? CurrentOrNextSession(DateOnly today) =>
        Sessions.FirstOrDefault(s => s.EndDate >= today);

    public PlenarySession Session(int number) =>
        _sessions.Find(s => s.Number == number)
        ?? throw new DomainException("This programme has no session {0}.", number);

    /// <summary>
    /// Moves or resizes a session. Rules: 1–5 days; sessions in number order without overlapping (so the
    /// final session stays the last); an upcoming session cannot be moved into the past; a session that has
    /// begun can only be corrected by someone allowed to correct held sessions (an administrator).
    /// </summary>
    public void RescheduleSession(
        int number,
        DateOnly startDate,
        int days,
        string? venue,
        TimeOnly? dailyStart,
        TimeOnly? dailyEnd,
        DateOnly today,
        bool mayCorrectHeldSessions)
    {
        var session = Session(number);
        var cleanVenue = string.IsNullOrWhiteSpace(venue) ? null : venue.Trim();
        var changesAnything = session.StartDate != startDate || session.Days != days || session.Venue != cleanVenue
            || session.DailyStart != dailyStart || session.DailyEnd != dailyEnd;
        if (!changesAnything)
        {
            return;
        }

        if (session.HasBegunBy(today) && !mayCorrectHeldSessions)
        {
            throw new DomainException(
                "Session {0} has already begun ({1:d} – {2:d}); only an administrator can correct a session that has been held.",
                number,
                session.StartDate,
                session.EndDate);
        }

        if (days < PlenarySession.MinDays || days > PlenarySession.MaxDays)
        {
            throw new DomainException("Days", "A session lasts from {0} to {1} days.", PlenarySession.MinDays, PlenarySession.MaxDays);
        }

        if (startDate < today && !mayCorrectHeldSessions)
        {
            throw new DomainException("StartDate", "An upcoming session cannot be moved into the past (today is {0:d}).", today);
        }

        if (cleanVenue?.Length > PlenarySession.VenueMaxLength)
        {
            throw new DomainException("Venue", "Use at most {0} characters.", PlenarySession.VenueMaxLength);
        }

        PlenarySession.CheckDailyTimes(dailyStart, dailyEnd);

        var endDate = startDate.AddDays(days - 1);
        var previous = _sessions.Where(s => s.Number < number).MaxBy(s => s.Number);
        if (previous is not null && startDate <= previous.EndDate)
        {
            throw new DomainException(
                "StartDate",
                session.IsFinal
                    ? "The final session (session {0}) must start after session {1} ends ({2:d}); the final session is the last one."
                    : "Session {0} must start after session {1} ends ({2:d}); sessions take place in number order and do not overlap.",
                number,
                previous.Number,
                previous.EndDate);
        }

        var next = _sessions.Where(s => s.Number > number).MinBy(s => s.Number);
        if (next is not null && endDate >= next.StartDate)
        {
            throw new DomainException(
                "StartDate",
                next.IsFinal
                    ? "Session {0} must end before the final session (session {1}) starts on {2:d}; the final session is the last one."
                    : "Session {0} must end before session {1} starts ({2:d}); sessions take place in number order and do not overlap.",
                number,
                next.Number,
                next.StartDate);
        }

        session.Change(startDate, days, cleanVenue, dailyStart, dailyEnd);
    }

    public ProgrammeMember AddMember(string userId, ProgrammeRole role)
    {
        var existing = _members.Find(m => m.UserId == userId && m.Role == role);
        if (existing is not null)
        {
            return existing;
        }

        var member = new ProgrammeMember(Id, userId, role);
        _members.Add(member);
        return member;
    }

    public bool IsCoordinatedBy(string userId) =>
        _members.Exists(m => m.UserId == userId && m.Role == ProgrammeRole.Coordinator);

    private static string Required(string? value, string field, int maxLength) =>
        Optional(value, field, maxLength) ?? throw new DomainException(field, "This field is required.");

    private static string? Optional(string? value, string field, int maxLength)
    {
        var clean = value?.Trim();
        if (string.IsNullOrEmpty(clean))
        {
            return null;
        }

        return clean.Length <= maxLength
            ? clean
            : throw new DomainException(field, "Use at most {0} characters.", maxLength);
    }

    private void Apply(ProgrammeDetails details)
    {
        var name = Required(details.Name, "Name", NameMaxLength);
        var organisers = Required(details.Organisers, "Organisers", OrganisersMaxLength);
        var city = Required(details.City, "City", PlaceMaxLength);
        var region = Optional(details.Region, "Region", PlaceMaxLength);
        var country = Required(details.Country, "Country", PlaceMaxLength);
        var description = Optional(details.Description, "Description", DescriptionMaxLength);
        if (!Languages.Contains(details.Language))
        {
            throw new DomainException("Language", "Choose one of the offered languages.");
        }

        if (string.IsNullOrWhiteSpace(details.TimeZoneId)
            || !TimeZoneInfo.TryFindSystemTimeZoneById(details.TimeZoneId.Trim(), out _))
        {
            throw new DomainException("TimeZoneId", "Choose the time zone of the venue.");
        }

        (Name, Organisers, City, Region, Country, Language, Description, TimeZoneId) =
            (name, organisers, city, region, country, details.Language, description, details.TimeZoneId.Trim());
    }
}
