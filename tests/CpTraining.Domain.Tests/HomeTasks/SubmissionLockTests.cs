using CpTraining.Domain.HomeTasks;
using static CpTraining.Domain.Tests.HomeTasks.TestTasks;

namespace CpTraining.Domain.Tests.HomeTasks;

/// <summary>
/// Why a piece of work cannot be changed is the submission's to say (the work page shows it before anyone tries), and
/// it is the same refusal that saving a draft then throws.
/// </summary>
public class SubmissionLockTests
{
    private static readonly DateOnly BeforeDue = new(2026, 9, 26);
    private static readonly DateOnly DayAfterCutOff = CutOff.AddDays(1);  // 16 October

    public static TheoryData<SubmissionStatus, string, string?> Reasons() => new()
    {
        { SubmissionStatus.NotStarted, "2026-09-26", null },
        { SubmissionStatus.Draft, "2026-09-26", null },
        { SubmissionStatus.Returned, "2026-09-26", null },
        { SubmissionStatus.Submitted, "2026-09-26", "This work has been submitted and is locked until the trainer reviews it." },
        { SubmissionStatus.Accepted, "2026-09-26", "This work has been accepted; accepted work is final." },

        // After the cut-off (15 October) only work not handed in closes; returned work may still be revised.
        { SubmissionStatus.NotStarted, "2026-10-16", "Submission closed after the cut-off ({0:d}); ask the coordinator to reopen it." },
        { SubmissionStatus.Draft, "2026-10-16", "Submission closed after the cut-off ({0:d}); ask the coordinator to reopen it." },
        { SubmissionStatus.Returned, "2026-10-16", null },
        { SubmissionStatus.Submitted, "2026-10-16", "This work has been submitted and is locked until the trainer reviews it." },
    };

    [Theory]
    [MemberData(nameof(Reasons))]
    public void The_work_says_why_it_is_locked_and_saving_a_draft_is_refused_with_the_same_reason(SubmissionStatus status, string day, string? reason)
    {
        var s = In(status);
        var today = DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture);

        var locked = s.WhyLockedOn(today);

        Assert.Equal(reason, locked?.MessageTemplate);
        if (locked is null)
        {
            s.SaveDraft("Revised", [], Engineer, At(today), today);
            Assert.Equal("Revised", s.DraftText);
        }
        else
        {
            var refused = Assert.Throws<DomainException>(() => s.SaveDraft("Revised", [], Engineer, At(today), today));
            Assert.Equal(locked.MessageTemplate, refused.MessageTemplate);
            Assert.Equal(locked.Arguments, refused.Arguments);
        }
    }

    [Fact]
    public void A_closed_work_names_its_last_day_and_an_extension_reopens_it()
    {
        var s = In(SubmissionStatus.Draft);

        Assert.Equal(CutOff, Assert.Single(s.WhyLockedOn(DayAfterCutOff)!.Arguments));

        s.GrantExtension(DayAfterCutOff.AddDays(7), "Flooded plant", Coordinator, isCoordinator: true, DayAfterCutOff);
        Assert.Null(s.WhyLockedOn(DayAfterCutOff));
        Assert.Null(s.WhyLockedOn(BeforeDue));
    }
}
