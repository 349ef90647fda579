using CpTraining.Domain.Programmes;

namespace CpTraining.Domain.Tests.Programmes;

/// <summary>Session 1 runs Tue 5 – Thu 7 Oct 2010; session 4 (final) Tue 1 – Wed 2 Mar 2011.</summary>
public class StatusTests
{
    private readonly Programme _programme = TestProgrammes.Dnipro2010();

    [Theory]
    [InlineData(2010, 10, 4, SessionStatus.Planned)]
    [InlineData(2010, 10, 5, SessionStatus.Running)]
    [InlineData(2010, 10, 6, SessionStatus.Running)]
    [InlineData(2010, 10, 7, SessionStatus.Running)]
    [InlineData(2010, 10, 8, SessionStatus.Completed)]
    public void A_session_is_planned_before_its_first_day_running_through_its_last_day_then_completed(
        int year, int month, int day, SessionStatus expected)
    {
        Assert.Equal(expected, _programme.Session(1).StatusOn(new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData(2011, 2, 28, SessionStatus.Planned)]
    [InlineData(2011, 3, 1, SessionStatus.Running)]
    [InlineData(2011, 3, 2, SessionStatus.Running)]
    [InlineData(2011, 3, 3, SessionStatus.Completed)]
    public void The_two_day_final_session_runs_on_1_and_2_March(int year, int month, int day, SessionStatus expected)
    {
        Assert.Equal(expected, _programme.Session(4).StatusOn(new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData(2010, 9, 1, SessionStatus.Planned)]
    [InlineData(2010, 10, 4, SessionStatus.Planned)]
    [InlineData(2010, 10, 5, SessionStatus.Running)] // first day of session 1
    [InlineData(2010, 11, 1, SessionStatus.Running)] // home tasks between sessions 1 and 2
    [InlineData(2011, 3, 2, SessionStatus.Running)]  // last day of the final session
    [InlineData(2011, 3, 3, SessionStatus.Completed)]
    [InlineData(2025, 1, 1, SessionStatus.Completed)]
    public void A_programme_runs_from_the_first_day_of_session_1_to_the_last_day_of_the_final_session(
        int year, int month, int day, SessionStatus expected)
    {
        Assert.Equal(expected, _programme.StatusOn(new DateOnly(year, month, day)));
    }

    [Theory]
    [InlineData(2010, 9, 1, 1)]   // before the programme: session 1 is next
    [InlineData(2010, 10, 5, 1)]  // session 1 running
    [InlineData(2010, 10, 7, 1)]  // its last day
    [InlineData(2010, 10, 8, 2)]  // the day after: session 2 is next
    [InlineData(2010, 11, 25, 2)] // session 2's last day
    [InlineData(2010, 12, 31, 3)]
    [InlineData(2011, 3, 2, 4)]   // final session's last day
    public void The_current_or_next_session_is_the_running_one_or_else_the_next_to_come(int year, int month, int day, int expected)
    {
        var session = _programme.CurrentOrNextSession(new DateOnly(year, month, day));

        Assert.NotNull(session);
        Assert.Equal(expected, session.Number);
    }

    [Fact]
    public void There_is_no_current_or_next_session_once_the_final_session_is_over()
    {
        Assert.Null(_programme.CurrentOrNextSession(new DateOnly(2011, 3, 3)));
    }

    [Fact]
    public void Status_follows_a_rescheduled_session()
    {
        // Session 2 moved from 23–25 Nov to Mon 29 Nov – Wed 1 Dec 2010.
        _programme.RescheduleSession(2, new DateOnly(2010, 11, 29), 3, null, null, null, new DateOnly(2010, 11, 1), false);

        var session2 = _programme.Session(2);
        Assert.Equal(SessionStatus.Planned, session2.StatusOn(new DateOnly(2010, 11, 24)));
        Assert.Equal(SessionStatus.Running, session2.StatusOn(new DateOnly(2010, 12, 1)));
        Assert.Equal(SessionStatus.Completed, session2.StatusOn(new DateOnly(2010, 12, 2)));
        Assert.Equal(2, _programme.CurrentOrNextSession(new DateOnly(2010, 11, 26))!.Number);
    }
}
