using CpTraining.Domain.Programmes;

namespace CpTraining.Domain.Tests.Programmes;

/// <summary>
/// Schedule rules on the Dnipropetrovsk example: session 1 5–7 Oct 2010, session 2 23–25 Nov 2010,
/// session 3 11–13 Jan 2011, session 4 (final) 1–2 Mar 2011.
/// </summary>
public class RescheduleSessionTests
{
    /// <summary>A "today" before the programme: every session is upcoming.</summary>
    private static readonly DateOnly BeforeProgramme = new(2010, 9, 1);

    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly Five = new(17, 0);

    private readonly Programme _programme = TestProgrammes.Dnipro2010();

    private static DateOnly D(int year, int month, int day) => new(year, month, day);

    private void Reschedule(
        int number,
        DateOnly start,
        int days,
        string? venue = null,
        TimeOnly? dailyStart = null,
        TimeOnly? dailyEnd = null,
        DateOnly? today = null,
        bool administrator = false) =>
        _programme.RescheduleSession(number, start, days, venue, dailyStart, dailyEnd, today ?? BeforeProgramme, administrator);

    [Fact]
    public void An_upcoming_session_can_be_moved_and_resized()
    {
        Reschedule(2, D(2010, 11, 22), 4, "Hotel Dnipro", Nine, Five);

        var session = _programme.Session(2);
        Assert.Equal(D(2010, 11, 22), session.StartDate);
        Assert.Equal(4, session.Days);
        Assert.Equal(D(2010, 11, 25), session.EndDate);
        Assert.Equal("Hotel Dnipro", session.Venue);
        Assert.Equal(Nine, session.DailyStart);
        Assert.Equal(Five, session.DailyEnd);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(40)]
    [InlineData(-1)]
    public void A_session_of_fewer_than_1_or_more_than_5_days_is_refused(int days)
    {
        var ex = Assert.Throws<DomainException>(() => Reschedule(2, D(2010, 11, 23), days));

        Assert.Equal("Days", ex.Field);
        Assert.Equal("A session lasts from 1 to 5 days.", ex.Message);
        Assert.Equal(3, _programme.Session(2).Days);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    public void A_session_of_1_or_5_days_is_accepted(int days)
    {
        // A 1-day session cannot keep a 3-day agenda; clear it first.
        var session = _programme.Session(2);
        foreach (var item in session.Agenda)
        {
            session.RemoveAgendaItem(item.Id);
        }

        // Session 2 from Tue 23 Nov: 5 days end Sat 27 Nov, well before session 3 (11 Jan).
        Reschedule(2, D(2010, 11, 23), days);

        Assert.Equal(days, _programme.Session(2).Days);
    }

    [Fact]
    public void A_session_cannot_start_on_the_day_the_previous_one_ends()
    {
        // Session 1 ends Thu 7 Oct 2010.
        var ex = Assert.Throws<DomainException>(() => Reschedule(2, D(2010, 10, 7), 3));

        Assert.Equal("StartDate", ex.Field);
        Assert.Contains("session 1", ex.Message, StringComparison.Ordinal);
        Assert.Equal(D(2010, 11, 23), _programme.Session(2).StartDate);
    }

    [Fact]
    public void A_session_can_start_the_day_after_the_previous_one_ends()
    {
        Reschedule(2, D(2010, 10, 8), 3);

        Assert.Equal(D(2010, 10, 8), _programme.Session(2).StartDate);
    }

    [Fact]
    public void A_session_cannot_end_on_the_day_the_next_one_starts()
    {
        // Session 3 starts Tue 11 Jan 2011; session 2 from Sun 9 Jan for 3 days would end on 11 Jan.
        var ex = Assert.Throws<DomainException>(() => Reschedule(2, D(2011, 1, 9), 3));

        Assert.Equal("StartDate", ex.Field);
        Assert.Contains("session 3", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_can_end_the_day_before_the_next_one_starts()
    {
        Reschedule(2, D(2011, 1, 8), 3);

        Assert.Equal(D(2011, 1, 10), _programme.Session(2).EndDate);
    }

    [Fact]
    public void Lengthening_a_session_into_the_next_one_is_refused()
    {
        // Session 3 from Mon 10 Jan would be fine; starting Fri 7 Jan with 5 days ends Tue 11 Jan = session 3's first day.
        var ex = Assert.Throws<DomainException>(() => Reschedule(2, D(2011, 1, 7), 5));

        Assert.Equal("StartDate", ex.Field);
    }

    [Fact]
    public void A_session_cannot_be_moved_past_the_next_one()
    {
        // 1 Feb 2011 is after session 3 (11–13 Jan) and before session 4 (1 Mar).
        var ex = Assert.Throws<DomainException>(() => Reschedule(2, D(2011, 2, 1), 3));

        Assert.Equal("StartDate", ex.Field);
        Assert.Equal(D(2010, 11, 23), _programme.Session(2).StartDate);
    }

    [Fact]
    public void A_session_cannot_be_moved_after_the_final_session_which_stays_last()
    {
        var ex = Assert.Throws<DomainException>(() => Reschedule(3, D(2011, 3, 15), 3));

        Assert.Equal("StartDate", ex.Field);
        Assert.Contains("final session", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_cannot_overlap_the_final_session()
    {
        // Session 3 from Fri 25 Feb for 5 days ends Tue 1 Mar, the final session's first day.
        var ex = Assert.Throws<DomainException>(() => Reschedule(3, D(2011, 2, 25), 5));

        Assert.Contains("final session", ex.Message, StringComparison.Ordinal);

        // From Thu 24 Feb it ends Mon 28 Feb: fine.
        Reschedule(3, D(2011, 2, 24), 5);
        Assert.Equal(D(2011, 2, 28), _programme.Session(3).EndDate);
    }

    [Fact]
    public void The_final_session_cannot_be_moved_before_session_3()
    {
        var ex = Assert.Throws<DomainException>(() => Reschedule(4, D(2011, 1, 4), 2));

        Assert.Equal("StartDate", ex.Field);
        Assert.Contains("final session", ex.Message, StringComparison.Ordinal);
        Assert.Equal(D(2011, 3, 1), _programme.Session(4).StartDate);
    }

    [Fact]
    public void The_first_session_can_be_moved_earlier_and_the_final_session_later()
    {
        Reschedule(1, D(2010, 9, 28), 3);
        Reschedule(4, D(2011, 6, 7), 2);

        Assert.Equal(D(2010, 9, 28), _programme.Session(1).StartDate);
        Assert.Equal(D(2011, 6, 7), _programme.Session(4).StartDate);
    }

    [Fact]
    public void An_upcoming_session_cannot_be_moved_into_the_past()
    {
        var today = D(2010, 11, 1);

        var ex = Assert.Throws<DomainException>(() => Reschedule(2, D(2010, 10, 31), 3, today: today));

        Assert.Equal("StartDate", ex.Field);
        Assert.Contains("past", ex.Message, StringComparison.Ordinal);
        Assert.Equal(D(2010, 11, 23), _programme.Session(2).StartDate);
    }

    [Fact]
    public void An_upcoming_session_can_be_moved_to_today()
    {
        var today = D(2010, 11, 1);

        Reschedule(2, today, 3, today: today);

        Assert.Equal(today, _programme.Session(2).StartDate);
        Assert.Equal(SessionStatus.Running, _programme.Session(2).StatusOn(today));
    }

    [Theory]
    [InlineData(2010, 10, 5)] // session 1's first day
    [InlineData(2010, 10, 7)] // its last day
    [InlineData(2010, 11, 1)] // after it
    public void A_session_that_has_begun_cannot_be_changed_by_a_non_administrator(int year, int month, int day)
    {
        var ex = Assert.Throws<DomainException>(() =>
            Reschedule(1, D(2010, 10, 5), 3, venue: "Another hotel", today: D(year, month, day)));

        Assert.Null(ex.Field);
        Assert.Contains("only an administrator can correct", ex.Message, StringComparison.Ordinal);
        Assert.Null(_programme.Session(1).Venue);
    }

    [Fact]
    public void An_upcoming_session_is_not_held_the_day_before_it_begins()
    {
        Reschedule(1, D(2010, 10, 5), 3, venue: "Hotel Dnipro", today: D(2010, 10, 4));

        Assert.Equal("Hotel Dnipro", _programme.Session(1).Venue);
    }

    [Fact]
    public void An_administrator_can_correct_a_held_session_including_moving_it_into_the_past()
    {
        var today = D(2010, 11, 1);

        // The first session really took place 4–6 October.
        Reschedule(1, D(2010, 10, 4), 3, venue: "Hotel Dnipro", today: today, administrator: true);

        var session = _programme.Session(1);
        Assert.Equal(D(2010, 10, 4), session.StartDate);
        Assert.Equal("Hotel Dnipro", session.Venue);
    }

    [Fact]
    public void An_administrator_can_move_an_upcoming_session_into_the_past()
    {
        Reschedule(2, D(2010, 10, 26), 3, today: D(2010, 11, 1), administrator: true);

        Assert.Equal(D(2010, 10, 26), _programme.Session(2).StartDate);
    }

    [Fact]
    public void Even_an_administrator_cannot_break_the_order_of_sessions()
    {
        var ex = Assert.Throws<DomainException>(() =>
            Reschedule(2, D(2010, 10, 6), 3, today: D(2011, 6, 1), administrator: true));

        Assert.Equal("StartDate", ex.Field);
    }

    [Fact]
    public void Saving_a_held_session_unchanged_is_allowed()
    {
        var today = D(2010, 11, 1);
        Reschedule(1, D(2010, 10, 5), 3, venue: "Hotel Dnipro", dailyStart: Nine, dailyEnd: Five, today: D(2010, 9, 1));

        // The same values again, the venue typed with extra spaces, by a non-administrator after the session.
        Reschedule(1, D(2010, 10, 5), 3, venue: " Hotel Dnipro ", dailyStart: Nine, dailyEnd: Five, today: today);

        Assert.Equal("Hotel Dnipro", _programme.Session(1).Venue);
    }

    [Fact]
    public void The_venue_is_trimmed_and_an_empty_venue_is_none()
    {
        Reschedule(2, D(2010, 11, 23), 3, venue: "  Hotel Dnipro, Dnipropetrovsk  ");
        Assert.Equal("Hotel Dnipro, Dnipropetrovsk", _programme.Session(2).Venue);

        Reschedule(2, D(2010, 11, 23), 3, venue: "   ");
        Assert.Null(_programme.Session(2).Venue);
    }

    [Fact]
    public void A_venue_longer_than_200_characters_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Reschedule(2, D(2010, 11, 23), 3, venue: new string('v', 201)));

        Assert.Equal("Venue", ex.Field);

        Reschedule(2, D(2010, 11, 23), 3, venue: new string('v', 200));
        Assert.Equal(200, _programme.Session(2).Venue!.Length);
    }

    [Fact]
    public void Giving_only_the_daily_start_time_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Reschedule(2, D(2010, 11, 23), 3, dailyStart: Nine));

        Assert.Equal("DailyEnd", ex.Field);
    }

    [Fact]
    public void Giving_only_the_daily_end_time_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Reschedule(2, D(2010, 11, 23), 3, dailyEnd: Five));

        Assert.Equal("DailyStart", ex.Field);
    }

    [Theory]
    [InlineData(9, 0, 9, 0)]
    [InlineData(17, 0, 9, 0)]
    public void A_daily_end_time_not_after_the_start_is_refused(int startHour, int startMinute, int endHour, int endMinute)
    {
        var ex = Assert.Throws<DomainException>(() => Reschedule(
            2, D(2010, 11, 23), 3, dailyStart: new TimeOnly(startHour, startMinute), dailyEnd: new TimeOnly(endHour, endMinute)));

        Assert.Equal("DailyEnd", ex.Field);
        Assert.Null(_programme.Session(2).DailyStart);
    }

    [Fact]
    public void Daily_times_can_be_removed_to_make_an_all_day_session()
    {
        Reschedule(2, D(2010, 11, 23), 3, dailyStart: Nine, dailyEnd: Five);
        Reschedule(2, D(2010, 11, 23), 3);

        Assert.Null(_programme.Session(2).DailyStart);
        Assert.Null(_programme.Session(2).DailyEnd);
    }

    [Fact]
    public void Shortening_a_session_below_a_day_of_its_agenda_is_refused_with_a_clear_message()
    {
        // The final session's template agenda has items on day 2.
        var ex = Assert.Throws<DomainException>(() => Reschedule(4, D(2011, 3, 1), 1));

        Assert.Equal("Days", ex.Field);
        Assert.Equal(
            "The agenda has items on day 2; move or remove them before shortening the session to 1 days.",
            ex.Message);
        Assert.Equal(2, _programme.Session(4).Days);
    }

    [Fact]
    public void A_session_can_be_shortened_once_the_agenda_of_its_last_day_is_moved_or_removed()
    {
        var session = _programme.Session(1);
        foreach (var item in session.Agenda.Where(i => i.Day == 3).ToList())
        {
            session.RemoveAgendaItem(item.Id);
        }

        Reschedule(1, D(2010, 10, 5), 2);

        Assert.Equal(D(2010, 10, 6), session.EndDate);
    }

    [Fact]
    public void An_unknown_session_number_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Reschedule(5, D(2011, 6, 1), 2));

        Assert.Contains("no session 5", ex.Message, StringComparison.Ordinal);
    }
}
