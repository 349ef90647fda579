using CpTraining.Domain.Certificates;
using CpTraining.Domain.Programmes;
using static CpTraining.Domain.Programmes.AttendanceStatus;

namespace CpTraining.Domain.Tests.Certificates;

/// <summary>
/// The completion rule worked by hand on a programme whose sessions have held 11 days (3 + 3 + 3 + 2). The default
/// rule: 80 % attendance (9 of 11 days is 81.8 %, 8 of 11 is 72.7 %), every home task accepted.
/// </summary>
public class CompletionRuleTests
{
    private static readonly Guid Programme = Guid.NewGuid();

    /// <summary>11 held days: the given numbers of present, excused and absent days, the rest not marked.</summary>
    private static AttendanceStatus?[] Days(int present, int excused = 0, int absent = 0) =>
        [.. Enumerable.Repeat<AttendanceStatus?>(Present, present),
         .. Enumerable.Repeat<AttendanceStatus?>(Excused, excused),
         .. Enumerable.Repeat<AttendanceStatus?>(Absent, absent),
         .. Enumerable.Repeat<AttendanceStatus?>(null, 11 - present - excused - absent)];

    [Fact]
    public void The_default_rule_is_80_percent_attendance_and_every_task_accepted()
    {
        var rule = CompletionRule.DefaultFor(Programme);

        Assert.Equal(80, rule.MinimumAttendancePercent);
        Assert.False(rule.ExcusedCountsAsPresent);
        Assert.Null(rule.MinimumAcceptedTasks);
    }

    [Fact]
    public void Nine_of_eleven_days_and_all_four_tasks_meet_the_default_rule()
    {
        // 9 / 11 = 0.818 → 81 % shown (rounded down), ≥ 80 %.
        var result = CompletionRule.DefaultFor(Programme).Evaluate(Days(9, absent: 2), tasksGiven: 4, tasksAccepted: 4);

        Assert.True(result.Met);
        Assert.Equal("Attended 9 of 11 days (81 %), needs 80 %.", result.Attendance.ToString());
        Assert.Equal("4 of 4 home tasks accepted, needs all.", result.Tasks.ToString());
    }

    [Fact]
    public void Seven_of_eleven_days_fail_with_the_reason_in_words()
    {
        // 7 / 11 = 0.636 → 63 %.
        var result = CompletionRule.DefaultFor(Programme).Evaluate(Days(7, absent: 4), 4, 4);

        Assert.False(result.Met);
        Assert.False(result.Attendance.Met);
        Assert.True(result.Tasks.Met);
        Assert.Equal("Attended 7 of 11 days (63 %), needs 80 %.", result.Attendance.ToString());
        Assert.Equal("Attended {0} of {1} days ({2} %), needs {3} %.", result.Attendance.Template);
        Assert.Equal([7, 11, 63, 80], result.Attendance.Arguments);
    }

    [Fact]
    public void Exactly_the_threshold_is_enough_and_one_day_less_is_not()
    {
        // 4 of 5 days held = exactly 80 %; 3 of 5 = 60 %.
        var rule = CompletionRule.DefaultFor(Programme);

        Assert.True(rule.Evaluate([Present, Present, Present, Present, Absent], 0, 0).Met);
        Assert.False(rule.Evaluate([Present, Present, Present, Absent, Absent], 0, 0).Met);
    }

    [Fact]
    public void Unmarked_days_count_as_not_attended()
    {
        var result = CompletionRule.DefaultFor(Programme).Evaluate(Days(8), 0, 0);

        Assert.Equal("Attended 8 of 11 days (72 %), needs 80 %.", result.Attendance.ToString());
        Assert.False(result.Met);
    }

    [Fact]
    public void Excused_days_count_only_when_the_rule_says_so()
    {
        // 8 present + 1 excused of 11: 72 % without the excused day, 9 / 11 = 81 % with it.
        var strict = CompletionRule.DefaultFor(Programme);
        var lenient = CompletionRule.DefaultFor(Programme);
        lenient.Change(80, excusedCountsAsPresent: true, minimumAcceptedTasks: null);

        var days = Days(8, excused: 1, absent: 2);

        Assert.False(strict.Evaluate(days, 0, 0).Met);
        var result = lenient.Evaluate(days, 0, 0);
        Assert.True(result.Met);
        Assert.Equal("Attended 9 of 11 days (81 %, 1 of them excused), needs 80 %.", result.Attendance.ToString());
    }

    [Fact]
    public void One_task_not_accepted_fails_the_all_tasks_rule()
    {
        var result = CompletionRule.DefaultFor(Programme).Evaluate(Days(11), 4, 3);

        Assert.False(result.Met);
        Assert.Equal("3 of 4 home tasks accepted, needs all.", result.Tasks.ToString());
    }

    [Fact]
    public void At_least_n_tasks_counts_accepted_tasks()
    {
        var rule = CompletionRule.DefaultFor(Programme);
        rule.Change(75, false, 3);

        var met = rule.Evaluate(Days(9), 4, 3);
        var notMet = rule.Evaluate(Days(9), 4, 2);

        Assert.True(met.Met);
        Assert.Equal("3 of 4 home tasks accepted, needs at least 3.", met.Tasks.ToString());
        Assert.False(notMet.Met);
        Assert.Equal("2 of 4 home tasks accepted, needs at least 3.", notMet.Tasks.ToString());
    }

    [Fact]
    public void No_tasks_given_meets_the_all_tasks_rule_but_no_days_held_does_not_meet_attendance()
    {
        var rule = CompletionRule.DefaultFor(Programme);

        var result = rule.Evaluate([], 0, 0);

        Assert.True(result.Tasks.Met);
        Assert.Equal("No home tasks were given, so none need to be accepted.", result.Tasks.ToString());
        Assert.False(result.Attendance.Met);
        Assert.Equal("No session days have been held yet.", result.Attendance.ToString());
        Assert.False(result.Met);
    }

    [Theory]
    [InlineData(-1, null, "MinimumAttendancePercent")]
    [InlineData(101, null, "MinimumAttendancePercent")]
    [InlineData(80, -1, "MinimumAcceptedTasks")]
    [InlineData(80, 101, "MinimumAcceptedTasks")]
    public void Out_of_range_settings_are_refused_on_their_field(int percent, int? tasks, string field)
    {
        var rule = CompletionRule.DefaultFor(Programme);

        var ex = Assert.Throws<DomainException>(() => rule.Change(percent, false, tasks));

        Assert.Equal(field, ex.Field);
        Assert.Equal(80, rule.MinimumAttendancePercent);
    }
}
