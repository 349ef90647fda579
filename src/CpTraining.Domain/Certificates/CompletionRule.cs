using System.Globalization;
using CpTraining.Domain.Programmes;

namespace CpTraining.Domain.Certificates;

/// <summary>
/// What a participant must have done to earn the programme's certificate; one per programme, set by its coordinators.
/// <para>
/// Attendance: the share of the session days held so far (days that have begun at the venue, whether or not anyone
/// marked them) on which the participant was marked present. A day nobody marked counts as not attended: the
/// certificate certifies presence, and the coordinator can still mark the day. Excused days count as attended only
/// when <see cref="ExcusedCountsAsPresent"/> is set (off by default: an excused absence is still an absence; a
/// coordinator who wants to forgive illness switches it on). The percentage shown is rounded down, so a participant
/// shown at 80 % has really reached 80 %.
/// </para>
/// <para>
/// Home tasks: the tasks given to the participant — their company's work (any engineer of the company hands it in)
/// and tasks given to them personally. With <see cref="MinimumAcceptedTasks"/> null every one of them must be
/// accepted by the trainer (what a coordinator of the Norwegian model expects: each home task builds on the last);
/// otherwise at least that many.
/// </para>
/// </summary>
public sealed class CompletionRule
{
    public const int DefaultMinimumAttendancePercent = 80;
    public const int MaxAcceptedTasks = 100;

    private CompletionRule()
    {
    }

    public Guid ProgrammeId { get; private set; }

    /// <summary>0–100: % of the session days held on which the participant was present.</summary>
    public int MinimumAttendancePercent { get; private set; }

    /// <summary>Excused days count as attended.</summary>
    public bool ExcusedCountsAsPresent { get; private set; }

    /// <summary>Accepted home tasks needed; null: every task given to the participant.</summary>
    public int? MinimumAcceptedTasks { get; private set; }

    /// <summary>The rule a programme has until its coordinators change it: 80 % attendance, every home task accepted.</summary>
    public static CompletionRule DefaultFor(Guid programmeId) => new()
    {
        ProgrammeId = programmeId,
        MinimumAttendancePercent = DefaultMinimumAttendancePercent,
        ExcusedCountsAsPresent = false,
        MinimumAcceptedTasks = null,
    };

    public void Change(int minimumAttendancePercent, bool excusedCountsAsPresent, int? minimumAcceptedTasks)
    {
        if (minimumAttendancePercent is < 0 or > 100)
        {
            throw new DomainException(nameof(MinimumAttendancePercent), "Enter a percentage from {0} to {1}.", 0, 100);
        }

        if (minimumAcceptedTasks is < 0 or > MaxAcceptedTasks)
        {
            throw new DomainException(nameof(MinimumAcceptedTasks), "Enter a number of tasks from {0} to {1}.", 0, MaxAcceptedTasks);
        }

        (MinimumAttendancePercent, ExcusedCountsAsPresent, MinimumAcceptedTasks) = (minimumAttendancePercent, excusedCountsAsPresent, minimumAcceptedTasks);
    }

    /// <summary>
    /// Whether a participant meets the rule, with the reasons in words.
    /// </summary>
    /// <param name="heldDays">One entry per session day held so far: the participant's mark, null when not marked.</param>
    /// <param name="tasksGiven">Home tasks given to the participant (their company's and their own).</param>
    /// <param name="tasksAccepted">How many of those the trainer accepted.</param>
    public CompletionResult Evaluate(IEnumerable<AttendanceStatus?> heldDays, int tasksGiven, int tasksAccepted)
    {
        ArgumentNullException.ThrowIfNull(heldDays);
        ArgumentOutOfRangeException.ThrowIfNegative(tasksGiven);
        ArgumentOutOfRangeException.ThrowIfNegative(tasksAccepted);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tasksAccepted, tasksGiven);

        int held = 0, present = 0, excused = 0;
        foreach (var day in heldDays)
        {
            held++;
            if (day == AttendanceStatus.Present)
            {
                present++;
            }
            else if (day == AttendanceStatus.Excused)
            {
                excused++;
            }
        }

        var attended = present + (ExcusedCountsAsPresent ? excused : 0);
        Finding attendance;
        if (held == 0)
        {
            attendance = new Finding(false, "No session days have been held yet.");
        }
        else
        {
            // Integers throughout: attended / held ≥ percent / 100 exactly, and the shown percentage rounded down.
            var met = attended * 100 >= MinimumAttendancePercent * held;
            var shown = attended * 100 / held;
            attendance = ExcusedCountsAsPresent && excused > 0
                ? new Finding(met, "Attended {0} of {1} days ({2} %, {3} of them excused), needs {4} %.", attended, held, shown, excused, MinimumAttendancePercent)
                : new Finding(met, "Attended {0} of {1} days ({2} %), needs {3} %.", attended, held, shown, MinimumAttendancePercent);
        }

        Finding tasks;
        if (MinimumAcceptedTasks is { } minimum)
        {
            tasks = new Finding(tasksAccepted >= minimum, "{0} of {1} home tasks accepted, needs at least {2}.", tasksAccepted, tasksGiven, minimum);
        }
        else if (tasksGiven == 0)
        {
            tasks = new Finding(true, "No home tasks were given, so none need to be accepted.");
        }
        else
        {
            tasks = new Finding(tasksAccepted == tasksGiven, "{0} of {1} home tasks accepted, needs all.", tasksAccepted, tasksGiven);
        }

        return new CompletionResult(attendance, tasks);
    }
}

/// <summary>One part of the rule checked: met or not, and why in words (an English template the web layer localises).</summary>
public sealed class Finding(bool met, string template, params object[] arguments)
{
    public bool Met { get; } = met;

    public string Template { get; } = template;

    public IReadOnlyList<object> Arguments { get; } = arguments;

    public override string ToString() => string.Format(CultureInfo.InvariantCulture, Template, [.. Arguments]);
}

/// <summary>The outcome of <see cref="CompletionRule.Evaluate"/>: met when attendance and home tasks both are.</summary>
public sealed record CompletionResult(Finding Attendance, Finding Tasks)
{
    public bool Met => Attendance.Met && Tasks.Met;

    /// <summary>Both findings; the page shows the unmet ones as the reasons why not.</summary>
    public IReadOnlyList<Finding> Findings => [Attendance, Tasks];

    public override string ToString() => $"{Attendance} {Tasks}";
}
