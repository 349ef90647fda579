using CpTraining.Domain.Programmes;
using static CpTraining.Domain.Programmes.AttendanceStatus;

namespace CpTraining.Domain.Tests.Programmes;

/// <summary>Attendance marks and rates on the 2010 Dnipropetrovsk programme: session 1 runs 5–7 October 2010.</summary>
public class AttendanceTests
{
    private static readonly DateTimeOffset At = new(2010, 10, 7, 17, 0, 0, TimeSpan.FromHours(3));
    private static readonly DateOnly LastDay = new(2010, 10, 7);

    [Fact]
    public void Rate_is_present_days_over_marked_days_and_excused_days_are_not_present()
    {
        // P P A E P: 3 present of 5 marked = 0.6.
        var rate = AttendanceRate.Of([Present, Present, Absent, Excused, Present]);

        Assert.Equal((3, 1, 1, 5), (rate.Present, rate.Absent, rate.Excused, rate.Marked));
        Assert.Equal(0.6, rate.Rate!.Value, precision: 10);
    }

    [Fact]
    public void Rate_of_nothing_marked_is_unknown_not_zero()
    {
        var rate = AttendanceRate.Of([]);

        Assert.Equal(0, rate.Marked);
        Assert.Null(rate.Rate);
    }

    [Fact]
    public void Only_excused_days_give_a_rate_of_zero()
    {
        Assert.Equal(0.0, AttendanceRate.Of([Excused, Excused]).Rate);
        Assert.Equal(1.0, AttendanceRate.Of([Present]).Rate);
    }

    [Fact]
    public void Marking_again_replaces_the_mark_of_that_day()
    {
        var session = TestProgrammes.Dnipro2010().Session(1);

        session.MarkAttendance("anna", 1, Absent, "coordinator", LastDay, At);
        session.MarkAttendance("anna", 2, Present, "coordinator", LastDay, At);
        session.MarkAttendance("anna", 1, Present, "trainer", LastDay, At.AddMinutes(5));

        Assert.Equal(2, session.Attendance.Count);
        var day1 = session.Attendance.Single(a => a.Day == 1);
        Assert.Equal((Present, "trainer", At.AddMinutes(5)), (day1.Status, day1.RecordedBy, day1.RecordedAt));
    }

    [Fact]
    public void A_day_that_has_not_begun_cannot_be_marked()
    {
        var session = TestProgrammes.Dnipro2010().Session(1);

        // On 6 October, day 2 (6 Oct) has begun but day 3 (7 Oct) has not.
        session.MarkAttendance("anna", 2, Present, "coordinator", new DateOnly(2010, 10, 6), At);
        var ex = Assert.Throws<DomainException>(() => session.MarkAttendance("anna", 3, Present, "coordinator", new DateOnly(2010, 10, 6), At));

        Assert.Equal("Attendance can be marked only for days that have begun; day {0} of session {1} is on {2:d}.", ex.MessageTemplate);
        Assert.Equal([3, 1, new DateOnly(2010, 10, 7)], ex.Arguments);
        Assert.Single(session.Attendance);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Days_outside_the_session_are_refused(int day)
    {
        var session = TestProgrammes.Dnipro2010().Session(1);

        Assert.Throws<DomainException>(() => session.MarkAttendance("anna", day, Present, "coordinator", LastDay, At));
    }

    [Fact]
    public void Clearing_removes_only_that_persons_day()
    {
        var session = TestProgrammes.Dnipro2010().Session(1);
        session.MarkAttendance("anna", 1, Present, "c", LastDay, At);
        session.MarkAttendance("anna", 2, Present, "c", LastDay, At);
        session.MarkAttendance("boris", 1, Absent, "c", LastDay, At);

        session.ClearAttendance("anna", 1);

        Assert.Equal([("anna", 2), ("boris", 1)], session.Attendance.Select(a => (a.UserId, a.Day)).Order());
    }
}

/// <summary>Working groups of a session: names unique per session (ignoring case), one group per participant.</summary>
public class WorkingGroupTests
{
    [Fact]
    public void Groups_are_listed_by_name_and_names_are_unique_ignoring_case()
    {
        var session = TestProgrammes.Dnipro2010().Session(1);
        session.AddGroup("  Water  ");
        session.AddGroup("Energy");

        var ex = Assert.Throws<DomainException>(() => session.AddGroup("WATER"));

        Assert.Equal(["Energy", "Water"], session.Groups.Select(g => g.Name));
        Assert.Equal(("Name", "This session already has a group called {0}."), (ex.Field, ex.MessageTemplate));
        Assert.Equal("This field is required.", Assert.Throws<DomainException>(() => session.AddGroup("  ")).MessageTemplate);
        Assert.Throws<DomainException>(() => session.AddGroup(new string('x', WorkingGroup.NameMaxLength + 1)));
    }

    [Fact]
    public void Renaming_checks_the_other_groups_names_but_may_change_the_case_of_its_own()
    {
        var session = TestProgrammes.Dnipro2010().Session(1);
        var water = session.AddGroup("Water");
        session.AddGroup("Energy");

        session.RenameGroup(water.Id, "WATER");
        Assert.Throws<DomainException>(() => session.RenameGroup(water.Id, "energy"));

        Assert.Equal(["Energy", "WATER"], session.Groups.Select(g => g.Name));
    }

    [Fact]
    public void A_participant_is_in_at_most_one_group_of_a_session()
    {
        var session = TestProgrammes.Dnipro2010().Session(1);
        var water = session.AddGroup("Water");
        var energy = session.AddGroup("Energy");

        session.AssignToGroup("anna", water.Id);
        session.AssignToGroup("anna", energy.Id);
        session.AssignToGroup("boris", water.Id);
        session.AssignToGroup("boris", null);

        Assert.Empty(water.Members);
        Assert.Equal(["anna"], energy.Members.Select(m => m.UserId));
    }

    [Fact]
    public void Removed_or_unknown_groups_are_refused_with_a_message()
    {
        var session = TestProgrammes.Dnipro2010().Session(1);
        var water = session.AddGroup("Water");
        session.AssignToGroup("anna", water.Id);

        session.RemoveGroup(water.Id);

        Assert.Empty(session.Groups);
        var ex = Assert.Throws<DomainException>(() => session.AssignToGroup("anna", water.Id));
        Assert.Equal("This group no longer exists; someone may have removed it.", ex.MessageTemplate);
        Assert.Throws<DomainException>(() => session.RenameGroup(water.Id, "Again"));
        Assert.Throws<DomainException>(() => session.RemoveGroup(water.Id));
    }

    [Fact]
    public void Copying_takes_names_and_members_still_enrolled_into_new_groups()
    {
        var programme = TestProgrammes.Dnipro2010();
        var first = programme.Session(1);
        var second = programme.Session(2);
        var water = first.AddGroup("Water");
        first.AddGroup("Energy");
        first.AssignToGroup("anna", water.Id);
        first.AssignToGroup("left-the-programme", water.Id);

        second.CopyGroupsFrom(first, userId => userId != "left-the-programme");

        Assert.Equal(["Energy", "Water"], second.Groups.Select(g => g.Name));
        var copy = second.Groups.Single(g => g.Name == "Water");
        Assert.NotEqual(water.Id, copy.Id);
        Assert.Equal(second.Id, copy.SessionId);
        Assert.Equal(["anna"], copy.Members.Select(m => m.UserId));

        // The copies are independent of the originals.
        second.AssignToGroup("anna", null);
        Assert.Equal(2, water.Members.Count);
    }

    [Fact]
    public void Copying_into_a_session_that_has_groups_is_refused()
    {
        var programme = TestProgrammes.Dnipro2010();
        programme.Session(1).AddGroup("Water");
        programme.Session(2).AddGroup("Energy");

        var ex = Assert.Throws<DomainException>(() => programme.Session(2).CopyGroupsFrom(programme.Session(1), _ => true));

        Assert.Equal("This session already has groups; remove them before copying another session's groups.", ex.MessageTemplate);
        Assert.Equal(["Energy"], programme.Session(2).Groups.Select(g => g.Name));
    }
}
