namespace CpTraining.Domain.HomeTasks;

/// <summary>
/// A company presenting a home task at the next plenary session: who presents, on which day and when. The
/// coordinator orders them with <see cref="PresentationOrder"/>.
/// </summary>
public sealed class Presentation
{
    public const int MinMinutes = 5;
    public const int MaxMinutes = 120;

    private Presentation()
    {
    }

    public Presentation(Guid programmeId, int sessionNumber, Guid submissionId, int position)
    {
        Id = Guid.NewGuid();
        ProgrammeId = programmeId;
        SessionNumber = sessionNumber;
        SubmissionId = submissionId;
        Position = position;
        Minutes = 15;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    /// <summary>The session it is presented at (the one after the task was given).</summary>
    public int SessionNumber { get; private set; }

    public Guid SubmissionId { get; private set; }

    /// <summary>Order in the session's presentations, from 1.</summary>
    public int Position { get; internal set; }

    public string? PresenterUserId { get; private set; }

    /// <summary>Day of the session (1-based) and local start time; null until scheduled.</summary>
    public int? Day { get; private set; }

    public TimeOnly? Start { get; private set; }

    public int Minutes { get; private set; }

    public TimeOnly? End => Start?.AddMinutes(Minutes);

    public void Schedule(string? presenterUserId, int? day, TimeOnly? start, int minutes, int sessionDays)
    {
        if (minutes is < MinMinutes or > MaxMinutes)
        {
            throw new DomainException("Minutes", "A presentation lasts from {0} to {1} minutes.", MinMinutes, MaxMinutes);
        }

        if (day is { } d && (d < 1 || d > sessionDays))
        {
            throw new DomainException("Day", "The session has days 1 to {0}.", sessionDays);
        }

        if ((day is null) != (start is null))
        {
            throw new DomainException("Start", "Give both the day and the start time, or neither.");
        }

        if (start is { } s && s.AddMinutes(minutes) < s)
        {
            throw new DomainException("Start", "The presentation must end on the same day.");
        }

        (PresenterUserId, Day, Start, Minutes) = (presenterUserId, day, start, minutes);
    }
}

/// <summary>Reordering a session's presentations with up/down buttons: positions stay 1..n without gaps.</summary>
public static class PresentationOrder
{
    /// <summary>Moves one presentation one place up (<paramref name="delta"/> −1) or down (+1); no-op at the ends.</summary>
    public static void Move(IReadOnlyList<Presentation> presentations, Guid id, int delta)
    {
        var ordered = presentations.OrderBy(p => p.Position).ToList();
        var index = ordered.FindIndex(p => p.Id == id);
        if (index < 0)
        {
            throw new DomainException("This presentation is no longer on the agenda; someone may have changed it.");
        }

        var target = index + Math.Sign(delta);
        if (target >= 0 && target < ordered.Count)
        {
            (ordered[index], ordered[target]) = (ordered[target], ordered[index]);
        }

        Renumber(ordered);
    }

    /// <summary>Positions 1..n in the given order.</summary>
    public static void Renumber(IEnumerable<Presentation> ordered)
    {
        var position = 1;
        foreach (var p in ordered)
        {
            p.Position = position++;
        }
    }
}
