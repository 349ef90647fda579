using CpTraining.Domain.HomeTasks;
using static CpTraining.Domain.Tests.HomeTasks.TestTasks;

namespace CpTraining.Domain.Tests.HomeTasks;

/// <summary>
/// Due date, cut-off, extensions and lateness with explicit dates. The task is due Thursday 1 October 2026 with a
/// cut-off on Thursday 15 October 2026: work first handed in after 1 October is late, after 15 October it is refused
/// until a coordinator reopens it; work the trainer returned can always be resubmitted.
/// </summary>
public class DueDateTests
{
    private static readonly DateOnly DayAfterDue = Due.AddDays(1);        // 2 October
    private static readonly DateOnly DayAfterCutOff = CutOff.AddDays(1);  // 16 October

    [Fact]
    public void Work_submitted_on_the_due_date_is_on_time()
    {
        var s = New();

        var v = s.Submit("Answer", [], Engineer, At(Due, 23), Due, Guid.NewGuid());

        Assert.False(v.IsLate);
        Assert.False(s.IsLateOn(Due));
        Assert.False(s.IsLateOn(DayAfterCutOff));
    }

    [Fact]
    public void Work_first_submitted_after_the_due_date_is_late_but_accepted_until_the_cut_off()
    {
        var s = New();

        var v = s.Submit("Answer", [], Engineer, At(CutOff), CutOff, Guid.NewGuid());

        Assert.True(v.IsLate);
        Assert.Equal(SubmissionStatus.Submitted, s.Status);
        Assert.True(s.IsLateOn(CutOff));
        s.Accept(null, Trainer, At(CutOff, 15));
        Assert.True(s.IsLateOn(DayAfterCutOff));
    }

    [Fact]
    public void Only_the_first_version_can_be_late()
    {
        var s = New();
        s.Submit("Answer", [], Engineer, At(Due), Due, Guid.NewGuid());
        s.Return("Add units.", Trainer, At(DayAfterDue));

        var v2 = s.Submit("Answer with units", [], Engineer, At(DayAfterDue, 18), DayAfterDue, Guid.NewGuid());

        Assert.False(v2.IsLate);
        Assert.False(s.IsLateOn(DayAfterDue));
    }

    [Fact]
    public void Returned_work_is_late_again_only_when_its_first_version_was()
    {
        var s = New();
        s.Submit("Answer", [], Engineer, At(DayAfterDue), DayAfterDue, Guid.NewGuid());
        s.Return("Add units.", Trainer, At(DayAfterDue, 15));

        // While returned it is neither overdue nor late; once handed in again the late first version counts.
        Assert.False(s.IsOverdueOn(DayAfterCutOff));
        Assert.False(s.IsLateOn(DayAfterCutOff));
        s.Submit("Answer with units", [], Engineer, At(DayAfterCutOff), DayAfterCutOff, Guid.NewGuid());
        Assert.True(s.IsLateOn(DayAfterCutOff));
    }

    [Fact]
    public void Returned_work_can_be_resubmitted_after_the_cut_off()
    {
        var s = New();
        s.Submit("Answer", [], Engineer, At(Due), Due, Guid.NewGuid());
        s.Return("Add units.", Trainer, At(CutOff));

        s.SaveDraft("Answer with units", [], Engineer, At(DayAfterCutOff), DayAfterCutOff);
        var v2 = s.Submit("Answer with units", [], Engineer, At(DayAfterCutOff.AddDays(10)), DayAfterCutOff.AddDays(10), Guid.NewGuid());

        Assert.Equal(2, v2.Number);
        Assert.False(s.IsClosedOn(DayAfterCutOff));
    }

    [Fact]
    public void After_the_cut_off_work_not_handed_in_is_closed()
    {
        var notStarted = New();
        var draft = In(SubmissionStatus.Draft);

        var submit = Assert.Throws<DomainException>(() => notStarted.Submit("Late", [], Engineer, At(DayAfterCutOff), DayAfterCutOff, Guid.NewGuid()));
        var save = Assert.Throws<DomainException>(() => draft.SaveDraft("Late", [], Engineer, At(DayAfterCutOff), DayAfterCutOff));

        Assert.Equal("Submission closed after the cut-off ({0:d}); ask the coordinator to reopen it.", submit.MessageTemplate);
        Assert.Equal(CutOff, submit.Arguments[0]);
        Assert.Equal(submit.MessageTemplate, save.MessageTemplate);
        Assert.Equal(SubmissionStatus.NotStarted, notStarted.Status);
        Assert.Equal("Draft text", draft.DraftText);
    }

    [Theory]
    [InlineData(SubmissionStatus.NotStarted, "2026-10-15", false)]
    [InlineData(SubmissionStatus.NotStarted, "2026-10-16", true)]
    [InlineData(SubmissionStatus.Draft, "2026-10-16", true)]
    [InlineData(SubmissionStatus.Submitted, "2026-10-16", false)]
    [InlineData(SubmissionStatus.Returned, "2026-10-16", false)]
    [InlineData(SubmissionStatus.Accepted, "2026-10-16", false)]
    public void IsClosedOn(SubmissionStatus status, string day, bool closed) =>
        Assert.Equal(closed, In(status).IsClosedOn(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Without_a_cut_off_work_never_closes()
    {
        var s = New(withCutOff: false);

        Assert.Null(s.ClosesAfter);
        Assert.False(s.IsClosedOn(new DateOnly(2027, 12, 31)));
        Assert.True(s.Submit("Very late", [], Engineer, At(new DateOnly(2027, 12, 31)), new DateOnly(2027, 12, 31), Guid.NewGuid()).IsLate);
    }

    [Theory]
    [InlineData(SubmissionStatus.NotStarted, "2026-10-01", false)]
    [InlineData(SubmissionStatus.NotStarted, "2026-10-02", true)]
    [InlineData(SubmissionStatus.Draft, "2026-10-02", true)]
    [InlineData(SubmissionStatus.Draft, "2026-10-16", true)]
    [InlineData(SubmissionStatus.Submitted, "2026-10-02", false)]
    [InlineData(SubmissionStatus.Returned, "2026-10-02", false)]
    [InlineData(SubmissionStatus.Accepted, "2026-10-02", false)]
    public void IsOverdueOn(SubmissionStatus status, string day, bool overdue)
    {
        var s = In(status);
        var date = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(overdue, s.IsOverdueOn(date));
        Assert.Equal(overdue, s.IsLateOn(date)); // none of these was handed in late
    }

    [Fact]
    public void An_extension_moves_the_due_date_so_work_in_time_for_it_is_not_late()
    {
        var s = In(SubmissionStatus.Draft);
        s.GrantExtension(new DateOnly(2026, 10, 8), "Plant shut down for a week.", Trainer, isCoordinator: false, today: new DateOnly(2026, 9, 30));

        Assert.True(s.IsExtended);
        Assert.Equal(new DateOnly(2026, 10, 8), s.EffectiveDueDate);
        Assert.Equal(CutOff, s.ClosesAfter);
        Assert.False(s.IsOverdueOn(new DateOnly(2026, 10, 8)));
        Assert.True(s.IsOverdueOn(new DateOnly(2026, 10, 9)));
        var v = s.Submit("Answer", [], Engineer, At(new DateOnly(2026, 10, 8)), new DateOnly(2026, 10, 8), Guid.NewGuid());
        Assert.False(v.IsLate);
        Assert.False(s.IsExtended); // handed in: the extension is no longer in force
        Assert.Equal((Trainer, "Plant shut down for a week."), (s.ExtendedBy, s.ExtensionReason));
    }

    [Fact]
    public void A_trainer_extends_up_to_the_cut_off_before_it_has_passed()
    {
        var s = New();

        s.GrantExtension(CutOff, "Measurements take longer.", Trainer, isCoordinator: false, today: CutOff);

        Assert.Equal(CutOff, s.ExtendedUntil);
    }

    [Fact]
    public void A_trainer_cannot_extend_beyond_the_cut_off()
    {
        var s = New();

        var ex = Assert.Throws<DomainException>(() => s.GrantExtension(CutOff.AddDays(1), "More time.", Trainer, isCoordinator: false, today: Due));

        Assert.Equal("Until", ex.Field);
        Assert.Equal("A trainer can extend up to the cut-off ({0:d}); only a coordinator can extend beyond it.", ex.MessageTemplate);
        Assert.Null(s.ExtendedUntil);
    }

    [Fact]
    public void After_the_cut_off_a_trainer_is_told_only_a_coordinator_can_reopen()
    {
        var s = New();

        var ex = Assert.Throws<DomainException>(() => s.GrantExtension(DayAfterCutOff.AddDays(7), "More time.", Trainer, isCoordinator: false, today: DayAfterCutOff));

        Assert.Null(ex.Field);
        Assert.Equal("The cut-off ({0:d}) has passed; only a coordinator can reopen this work.", ex.MessageTemplate);
        Assert.Equal(CutOff, ex.Arguments[0]);
        Assert.Null(s.ExtendedUntil);
    }

    [Fact]
    public void A_coordinator_reopens_closed_work_and_it_can_then_be_submitted_on_time()
    {
        var s = In(SubmissionStatus.Draft);
        var until = new DateOnly(2026, 10, 23);

        s.GrantExtension(until, "Director ill; agreed at the steering meeting.", Coordinator, isCoordinator: true, today: DayAfterCutOff);

        Assert.Equal(until, s.ClosesAfter);
        Assert.False(s.IsClosedOn(DayAfterCutOff));
        Assert.True(s.IsClosedOn(until.AddDays(1)));
        var v = s.Submit("Answer", [], Engineer, At(until), until, Guid.NewGuid());
        Assert.False(v.IsLate);
    }

    [Fact]
    public void A_coordinator_extends_beyond_the_cut_off_before_it_has_passed()
    {
        var s = New();

        s.GrantExtension(CutOff.AddDays(10), "Long shutdown.", Coordinator, isCoordinator: true, today: Due);

        Assert.Equal(CutOff.AddDays(10), s.ClosesAfter);
    }

    [Fact]
    public void An_extension_must_end_after_the_due_date_and_not_in_the_past_and_give_a_reason()
    {
        var s = New();

        var notAfterDue = Assert.Throws<DomainException>(() => s.GrantExtension(Due, "Reason.", Coordinator, true, new DateOnly(2026, 9, 20)));
        var past = Assert.Throws<DomainException>(() => s.GrantExtension(Due.AddDays(3), "Reason.", Coordinator, true, Due.AddDays(5)));
        var noReason = Assert.Throws<DomainException>(() => s.GrantExtension(Due.AddDays(3), "  ", Coordinator, true, Due));

        Assert.Equal(("Until", "An extension must end after the due date ({0:d})."), (notAfterDue.Field, notAfterDue.MessageTemplate));
        Assert.Equal(("Until", "An extension cannot end in the past (today is {0:d})."), (past.Field, past.MessageTemplate));
        Assert.Equal(("Reason", "Give the reason for the extension."), (noReason.Field, noReason.MessageTemplate));
        Assert.Null(s.ExtendedUntil);
    }

    [Fact]
    public void Due_soon_reminder_goes_out_from_three_days_before_once_per_due_date()
    {
        var s = New();

        Assert.False(s.NeedsDueSoonReminder(new DateOnly(2026, 9, 27))); // 4 days before
        Assert.True(s.NeedsDueSoonReminder(new DateOnly(2026, 9, 28)));  // 3 days before
        Assert.True(s.NeedsDueSoonReminder(Due));
        Assert.False(s.NeedsDueSoonReminder(DayAfterDue));
        s.MarkDueSoonReminded();
        Assert.False(s.NeedsDueSoonReminder(new DateOnly(2026, 9, 29)));

        // A new due date deserves a new reminder.
        s.GrantExtension(new DateOnly(2026, 10, 10), "More time.", Trainer, false, new DateOnly(2026, 9, 29));
        Assert.False(s.NeedsDueSoonReminder(new DateOnly(2026, 10, 6)));
        Assert.True(s.NeedsDueSoonReminder(new DateOnly(2026, 10, 7)));
    }

    [Fact]
    public void No_due_soon_reminder_for_work_already_handed_in()
    {
        Assert.False(In(SubmissionStatus.Submitted).NeedsDueSoonReminder(new DateOnly(2026, 9, 29)));
        Assert.False(In(SubmissionStatus.Accepted).NeedsDueSoonReminder(new DateOnly(2026, 9, 29)));
        Assert.True(In(SubmissionStatus.Draft).NeedsDueSoonReminder(new DateOnly(2026, 9, 29)));
    }

    [Fact]
    public void Overdue_reminder_goes_out_once_while_submission_is_still_open()
    {
        var s = In(SubmissionStatus.Draft);

        Assert.False(s.NeedsOverdueReminder(Due));
        Assert.True(s.NeedsOverdueReminder(DayAfterDue));
        Assert.True(s.NeedsOverdueReminder(CutOff));
        Assert.False(s.NeedsOverdueReminder(DayAfterCutOff)); // closed: nothing left to remind of
        s.MarkOverdueReminded();
        Assert.False(s.NeedsOverdueReminder(DayAfterDue));
        Assert.False(In(SubmissionStatus.Submitted).NeedsOverdueReminder(DayAfterDue));
    }

    [Fact]
    public void New_task_dates_are_copied_and_the_extension_stays()
    {
        var s = New();
        s.GrantExtension(new DateOnly(2026, 10, 5), "Reason.", Trainer, false, Due);

        s.ChangeDates(new DateOnly(2026, 10, 3), new DateOnly(2026, 10, 20));

        Assert.Equal(new DateOnly(2026, 10, 3), s.DueDate);
        Assert.Equal(new DateOnly(2026, 10, 5), s.EffectiveDueDate);
        Assert.Equal(new DateOnly(2026, 10, 20), s.ClosesAfter);
    }
}
