using CpTraining.Domain.HomeTasks;
using static CpTraining.Domain.Tests.HomeTasks.TestTasks;

namespace CpTraining.Domain.Tests.HomeTasks;

/// <summary>Giving a task (after session 1 of 4, on 14 September 2026) and changing its dates.</summary>
public class HomeTaskTests
{
    private static HomeTask Assign(DateOnly due, DateOnly? cutOff, int afterSession = 1, string? title = "Task", DateOnly? today = null) =>
        HomeTask.Assign(ProgrammeId, afterSession, 4, null, title, "  Do it.  ", [], due, cutOff, false, Coordinator, At(AssignedOn), today ?? AssignedOn);

    [Fact]
    public void The_default_due_date_is_the_day_before_the_next_session()
    {
        Assert.Equal(new DateOnly(2026, 10, 1), HomeTask.DefaultDueDate(new DateOnly(2026, 10, 2)));
        Assert.Equal(new DateOnly(2026, 2, 28), HomeTask.DefaultDueDate(new DateOnly(2026, 3, 1)));
    }

    [Fact]
    public void A_task_is_due_today_or_later_with_the_cut_off_on_or_after_the_due_date()
    {
        var sameDay = Assign(AssignedOn, AssignedOn);
        var later = Assign(Due, CutOff);

        Assert.Equal((AssignedOn, AssignedOn), (sameDay.DueDate, sameDay.CutOff));
        Assert.Equal((Due, CutOff), (later.DueDate, later.CutOff));
        Assert.Equal("Do it.", later.Instructions);
    }

    [Fact]
    public void A_due_date_in_the_past_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Assign(AssignedOn.AddDays(-1), null));

        Assert.Equal(("DueDate", "The due date cannot be in the past (today is {0:d})."), (ex.Field, ex.MessageTemplate));
    }

    [Fact]
    public void A_cut_off_before_the_due_date_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => Assign(Due, Due.AddDays(-1)));

        Assert.Equal(("CutOff", "The cut-off cannot be before the due date ({0:d})."), (ex.Field, ex.MessageTemplate));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    public void Tasks_are_given_after_sessions_1_to_3_of_4(int afterSession)
    {
        var ex = Assert.Throws<DomainException>(() => Assign(Due, null, afterSession));

        Assert.Equal("AfterSession", ex.Field);
        Assert.Equal(3, ex.Arguments[0]);
    }

    [Fact]
    public void A_task_needs_a_title()
    {
        var ex = Assert.Throws<DomainException>(() => Assign(Due, null, title: " "));

        Assert.Equal(("Title", "This field is required."), (ex.Field, ex.MessageTemplate));
    }

    [Fact]
    public void Instruction_files_are_kept_once()
    {
        var file = Guid.NewGuid();

        var task = HomeTask.Assign(ProgrammeId, 1, 4, null, "Task", null, [file, file], Due, null, true, Coordinator, At(AssignedOn), AssignedOn);

        Assert.Equal(new[] { file }, task.InstructionFileIds);
        Assert.Equal(string.Empty, task.Instructions);
    }

    [Fact]
    public void Dates_of_a_task_already_past_due_can_change_the_cut_off_but_not_move_the_due_date_into_the_past()
    {
        var task = Assign(Due, CutOff);
        var later = new DateOnly(2026, 10, 5);

        task.ChangeDates(Due, new DateOnly(2026, 10, 20), later);
        var ex = Assert.Throws<DomainException>(() => task.ChangeDates(new DateOnly(2026, 10, 4), null, later));
        task.ChangeDates(later, null, later);

        Assert.Equal("DueDate", ex.Field);
        Assert.Equal((later, (DateOnly?)null), (task.DueDate, task.CutOff));
    }
}
