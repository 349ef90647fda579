namespace CpTraining.Domain.Programmes;

/// <summary>
/// A Cleaner Production training programme of the Norwegian model: companies' engineers meet at numbered
/// plenary sessions, the last of which is the final session for management and investors.
/// </summary>
public sealed class Programme : RaisesEvents
{
    public const int NameMaxLength = 200;
    public const int OrganisersMaxLength = 500;
    public const int PlaceMaxLength = 100;
    public const int DescriptionMaxLength = 4000;

    /// <summary>Languages a programme can be run in (its agenda template and documents); ISO 639-1.</summary>
    public static readonly IReadOnlyList<string> Languages = ["en", "uk", "ru", "hr", "zh", "nb"];

    private readonly List<PlenarySession> _sessions = [];
    private readonly List<ProgrammeMember> _members = [];
    private readonly List<Enrolment> _enrolments = [];
    private Guid[] _logoFileIds = [];

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

    public IReadOnlyList<Enrolment> Enrolments => _enrolments;

    /// <summary>The most organisers' logos a programme's report covers show.</summary>
    public const int MaxLogos = 6;

    /// <summary>The organisers' logos (stored image files) in the order the report covers show them.</summary>
    public IReadOnlyList<Guid> LogoFileIds => _logoFileIds;

    /// <summary>Adds a logo at the end of the list; at most <see cref="MaxLogos"/>.</summary>
    public void AddLogo(Guid fileId)
    {
        if (_logoFileIds.Length >= MaxLogos)
        {
            throw new DomainException("Logo", "A programme has at most {0} logos. Remove one first.", MaxLogos);
        }

        _logoFileIds = [.. _logoFileIds, fileId];
    }

    /// <summary>Removes a logo; true when it was there (its file is then the caller's to delete).</summary>
    public bool RemoveLogo(Guid fileId)
    {
        var before = _logoFileIds.Length;
        _logoFileIds = [.. _logoFileIds.Where(id => id != fileId)];
        return _logoFileIds.Length < before;
    }

    /// <summary>Moves a logo one place earlier (<paramref name="earlier"/>) or later; nothing at either end.</summary>
    public void MoveLogo(Guid fileId, bool earlier)
    {
        var list = _logoFileIds.ToList();
        var at = list.IndexOf(fileId);
        var to = earlier ? at - 1 : at + 1;
        if (at < 0 || to < 0 || to >= list.Count)
        {
            return;
        }

        (list[at], list[to]) = (list[to], list[at]);
        _logoFileIds = [.. list];
    }

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

        // The whole template must fit: four sessions 6–8 weeks apart span under 26 weeks.
        PlenarySession.CheckDateRange(firstSessionStart, 7 * 26, "FirstSessionStart");
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

        PlenarySession.CheckDateRange(startDate, days, "StartDate");

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

    /// <summary>Adds a programme-wide role (coordinator, trainer, advisor in training). Idempotent.</summary>
    public ProgrammeMember AddMember(string userId, ProgrammeRole role)
    {
        if (role is ProgrammeRole.Engineer or ProgrammeRole.Manager)
        {
            throw new InvalidOperationException("Engineers and managers belong to a company: use AddTeamMember.");
        }

        var existing = _members.Find(m => m.UserId == userId && m.Role == role);
        if (existing is not null)
        {
            return existing;
        }

        var member = new ProgrammeMember(Id, userId, role, null);
        _members.Add(member);
        Raise(new MemberAdded(Id, userId, role, null));
        return member;
    }

    public bool IsCoordinatedBy(string userId) =>
        _members.Exists(m => m.UserId == userId && m.Role == ProgrammeRole.Coordinator);

    public Enrolment EnrolCompany(Guid companyId, bool isPilot, DateTimeOffset at)
    {
        var existing = _enrolments.Find(e => e.CompanyId == companyId);
        if (existing is { IsActive: true })
        {
            throw new DomainException("CompanyId", "This company is already enrolled in this programme.");
        }

        if (existing is not null)
        {
            // Re-enrolling an archived company brings it back with its records.
            existing.ArchivedAt = null;
            existing.IsPilot = isPilot;
            Raise(new CompanyEnrolled(Id, companyId, isPilot, Returned: true));
            return existing;
        }

        var enrolment = new Enrolment(Id, companyId, isPilot, at);
        _enrolments.Add(enrolment);
        Raise(new CompanyEnrolled(Id, companyId, isPilot, Returned: false));
        return enrolment;
    }

    public void SetPilot(Guid companyId, bool isPilot)
    {
        var enrolment = ActiveEnrolment(companyId);
        if (enrolment.IsPilot != isPilot)
        {
            enrolment.IsPilot = isPilot;
            Raise(new PilotChanged(Id, companyId, isPilot));
        }
    }

    /// <summary>Assigns the CP advisor who coaches the company (null: none); the advisor becomes a trainer of the programme.</summary>
    public void AssignTrainer(Guid companyId, string? trainerUserId)
    {
        var enrolment = ActiveEnrolment(companyId);
        if (trainerUserId is not null)
        {
            AddMember(trainerUserId, ProgrammeRole.Trainer);
        }

        if (enrolment.TrainerUserId != trainerUserId)
        {
            Raise(new TrainerAssigned(Id, companyId, enrolment.TrainerUserId, trainerUserId));
            enrolment.TrainerUserId = trainerUserId;
        }
    }

    /// <summary>
    /// Adds a person to a company's CP team as engineer or manager. A person belongs to one company per
    /// programme, once.
    /// </summary>
    public ProgrammeMember AddTeamMember(Guid companyId, string userId, ProgrammeRole role)
    {
        if (role is not (ProgrammeRole.Engineer or ProgrammeRole.Manager))
        {
            throw new DomainException("Role", "A company's CP team has engineers and managers.");
        }

        ActiveEnrolment(companyId);
        var elsewhere = _members.Find(m => m.UserId == userId && m.CompanyId is not null && m.CompanyId != companyId);
        if (elsewhere is not null)
        {
            throw new DomainException("Email", "This person is already in the CP team of another company in this programme; a person belongs to one company per programme.");
        }

        if (_members.Exists(m => m.UserId == userId && m.CompanyId == companyId))
        {
            throw new DomainException("Email", "This person is already in this company's CP team.");
        }

        var member = new ProgrammeMember(Id, userId, role, companyId);
        _members.Add(member);
        Raise(new MemberAdded(Id, userId, role, companyId));
        return member;
    }

    public void RemoveMember(Guid memberId)
    {
        var member = _members.Find(m => m.Id == memberId)
            ?? throw new DomainException("This person is no longer in the programme; someone may have removed them already.");
        if (member.Role == ProgrammeRole.Coordinator && _members.Count(m => m.Role == ProgrammeRole.Coordinator) == 1)
        {
            throw new DomainException("A programme needs at least one coordinator; add another before removing this one.");
        }

        if (member.Role == ProgrammeRole.Trainer && _enrolments.Exists(e => e.IsActive && e.TrainerUserId == member.UserId))
        {
            throw new DomainException("This trainer still coaches companies of the programme; assign them another trainer first.");
        }

        _members.Remove(member);
        Raise(new MemberRemoved(Id, member.UserId, member.Role, member.CompanyId));
    }

    /// <summary>
    /// Takes a company out of the programme. A company that already has work in the programme is archived
    /// instead (its records stay); <paramref name="hasRecords"/> says whether it has.
    /// </summary>
    public void RemoveCompany(Guid companyId, bool hasRecords)
    {
        var enrolment = ActiveEnrolment(companyId);
        if (hasRecords)
        {
            throw new DomainException("This company already has work recorded in the programme, so it cannot be removed; archive it instead.");
        }

        foreach (var member in _members.Where(m => m.CompanyId == companyId).ToList())
        {
            _members.Remove(member);
            Raise(new MemberRemoved(Id, member.UserId, member.Role, companyId));
        }

        _enrolments.Remove(enrolment);
        Raise(new CompanyRemoved(Id, companyId));
    }

    /// <summary>Archives a company: it keeps its records, no longer takes part, and its people lose access.</summary>
    public void ArchiveCompany(Guid companyId, DateTimeOffset at)
    {
        ActiveEnrolment(companyId).ArchivedAt = at;
        Raise(new CompanyArchived(Id, companyId, [.. _members.Where(m => m.CompanyId == companyId).Select(m => m.UserId)]));
    }

    private Enrolment ActiveEnrolment(Guid companyId) =>
        _enrolments.Find(e => e.CompanyId == companyId && e.IsActive)
        ?? throw new DomainException("CompanyId", "This company is not enrolled in this programme.");

    private void Apply(ProgrammeDetails details)
    {
        var name = Text.Required(details.Name, "Name", NameMaxLength);
        var organisers = Text.Required(details.Organisers, "Organisers", OrganisersMaxLength);
        var city = Text.Required(details.City, "City", PlaceMaxLength);
        var region = Text.Optional(details.Region, "Region", PlaceMaxLength);
        var country = Text.Required(details.Country, "Country", PlaceMaxLength);
        var description = Text.Optional(details.Description, "Description", DescriptionMaxLength);
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
