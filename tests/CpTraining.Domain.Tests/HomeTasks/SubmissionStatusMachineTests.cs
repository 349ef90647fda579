using CpTraining.Domain.HomeTasks;
using static CpTraining.Domain.Tests.HomeTasks.TestTasks;

namespace CpTraining.Domain.Tests.HomeTasks;

/// <summary>
/// Every state × every operation of <see cref="Submission"/>, on 26 September 2026 (before the due date, so dates
/// play no part): what is allowed and where it leads, and what is refused with which message and nothing changed.
/// </summary>
public class SubmissionStatusMachineTests
{
    public enum Operation
    {
        SaveDraft,
        Submit,
        Return,
        Accept,
        GrantExtension,
    }

    private static readonly DateOnly Today = new(2026, 9, 26);

    /// <summary>(state, operation, state afterwards — null when refused, the refusal's message template).</summary>
    public static TheoryData<SubmissionStatus, Operation, SubmissionStatus?, string?> Transitions() => new()
    {
        { SubmissionStatus.NotStarted, Operation.SaveDraft, SubmissionStatus.Draft, null },
        { SubmissionStatus.NotStarted, Operation.Submit, SubmissionStatus.Submitted, null },
        { SubmissionStatus.NotStarted, Operation.Return, null, "There is no submitted version to review yet." },
        { SubmissionStatus.NotStarted, Operation.Accept, null, "There is no submitted version to review yet." },
        { SubmissionStatus.NotStarted, Operation.GrantExtension, SubmissionStatus.NotStarted, null },

        { SubmissionStatus.Draft, Operation.SaveDraft, SubmissionStatus.Draft, null },
        { SubmissionStatus.Draft, Operation.Submit, SubmissionStatus.Submitted, null },
        { SubmissionStatus.Draft, Operation.Return, null, "There is no submitted version to review yet." },
        { SubmissionStatus.Draft, Operation.Accept, null, "There is no submitted version to review yet." },
        { SubmissionStatus.Draft, Operation.GrantExtension, SubmissionStatus.Draft, null },

        { SubmissionStatus.Submitted, Operation.SaveDraft, null, "This work has been submitted and is locked until the trainer reviews it." },
        { SubmissionStatus.Submitted, Operation.Submit, null, "This work has been submitted and is locked until the trainer reviews it." },
        { SubmissionStatus.Submitted, Operation.Return, SubmissionStatus.Returned, null },
        { SubmissionStatus.Submitted, Operation.Accept, SubmissionStatus.Accepted, null },
        { SubmissionStatus.Submitted, Operation.GrantExtension, null, "This work has been submitted and waits for review; it needs no extension." },

        // Revising returned work keeps it "returned" (the trainer's request stays visible) until it is resubmitted.
        { SubmissionStatus.Returned, Operation.SaveDraft, SubmissionStatus.Returned, null },
        { SubmissionStatus.Returned, Operation.Submit, SubmissionStatus.Submitted, null },
        { SubmissionStatus.Returned, Operation.Return, null, "This work has already been returned for revision; wait for the company to resubmit it." },
        { SubmissionStatus.Returned, Operation.Accept, null, "This work has already been returned for revision; wait for the company to resubmit it." },
        { SubmissionStatus.Returned, Operation.GrantExtension, SubmissionStatus.Returned, null },

        { SubmissionStatus.Accepted, Operation.SaveDraft, null, "This work has been accepted; accepted work is final." },
        { SubmissionStatus.Accepted, Operation.Submit, null, "This work has been accepted; accepted work is final." },
        { SubmissionStatus.Accepted, Operation.Return, null, "This work has already been accepted." },
        { SubmissionStatus.Accepted, Operation.Accept, null, "This work has already been accepted." },
        { SubmissionStatus.Accepted, Operation.GrantExtension, null, "This work has been accepted; it needs no extension." },
    };

    [Fact]
    public void The_table_covers_every_state_and_operation()
    {
        var covered = Transitions().Select(row => ((SubmissionStatus)row[0], (Operation)row[1])).ToHashSet();

        Assert.Equal(Enum.GetValues<SubmissionStatus>().Length * Enum.GetValues<Operation>().Length, covered.Count);
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Transition(SubmissionStatus from, Operation operation, SubmissionStatus? to, string? refusal)
    {
        var s = In(from);
        var versions = s.Versions.Count;
        var reviews = s.Reviews.Count;
        var draft = s.DraftText;

        var ex = Record.Exception(() => Apply(s, operation));

        if (to is { } expected)
        {
            Assert.Null(ex);
            Assert.Equal(expected, s.Status);
            Assert.Equal(versions + (operation == Operation.Submit ? 1 : 0), s.Versions.Count);
            Assert.Equal(reviews + (operation is Operation.Return or Operation.Accept ? 1 : 0), s.Reviews.Count);
        }
        else
        {
            var refused = Assert.IsType<DomainException>(ex);
            Assert.Equal(refusal, refused.MessageTemplate);
            Assert.Equal(from, s.Status);
            Assert.Equal(versions, s.Versions.Count);
            Assert.Equal(reviews, s.Reviews.Count);
            Assert.Equal(draft, s.DraftText);
            Assert.Null(s.ExtendedUntil);
        }
    }

    [Fact]
    public void Submitting_freezes_the_text_as_a_numbered_version_with_who_and_when()
    {
        var s = In(SubmissionStatus.Draft);

        var v1 = s.Submit("  First answer  ", [], OtherEngineer, At(Today, 10), Today, Guid.NewGuid());
        s.Return("Add units.", Trainer, At(Today, 11));
        s.SaveDraft("Second answer", [], Engineer, At(Today, 12), Today);
        var v2 = s.Submit("Second answer", [], Engineer, At(Today, 13), Today, Guid.NewGuid());

        Assert.Equal((1, "First answer", OtherEngineer, At(Today, 10)), (v1.Number, v1.Text, v1.SubmittedBy, v1.SubmittedAt));
        Assert.Equal((2, "Second answer", Engineer, At(Today, 13)), (v2.Number, v2.Text, v2.SubmittedBy, v2.SubmittedAt));
        Assert.Equal(new[] { 1, 2 }, s.Versions.Select(v => v.Number));
        Assert.Same(v2, s.LatestVersion);
        Assert.Equal((Engineer, At(Today, 13)), (s.LastSavedBy, s.LastSavedAt));
    }

    [Fact]
    public void Feedback_belongs_to_the_version_it_was_given_on()
    {
        var s = In(SubmissionStatus.Returned);
        s.Submit("Version 2", [], Engineer, At(Today), Today, Guid.NewGuid());

        var accepted = s.Accept("  Well done.  ", Trainer, At(Today, 16));

        Assert.Equal(new (int, ReviewDecision, string?)[] { (1, ReviewDecision.Returned, "Add the flow chart."), (2, ReviewDecision.Accepted, "Well done.") }, s.Reviews.Select(r => (r.VersionNumber, r.Decision, r.Feedback)));
        Assert.Equal((Trainer, At(Today, 16)), (accepted.ReviewerId, accepted.At));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Returning_requires_the_reasons(string? feedback)
    {
        var s = In(SubmissionStatus.Submitted);

        var ex = Assert.Throws<DomainException>(() => s.Return(feedback, Trainer, At(Today)));

        Assert.Equal("Feedback", ex.Field);
        Assert.Equal("Say what must be revised: the feedback is required when returning work.", ex.MessageTemplate);
        Assert.Equal(SubmissionStatus.Submitted, s.Status);
        Assert.Empty(s.Reviews);
    }

    [Fact]
    public void Accepting_needs_no_feedback()
    {
        var s = In(SubmissionStatus.Submitted);

        var review = s.Accept(" ", Trainer, At(Today));

        Assert.Null(review.Feedback);
        Assert.Equal(SubmissionStatus.Accepted, s.Status);
    }

    [Fact]
    public void Feedback_longer_than_the_limit_is_refused()
    {
        var s = In(SubmissionStatus.Submitted);

        var ex = Assert.Throws<DomainException>(() => s.Accept(new string('x', Submission.FeedbackMaxLength + 1), Trainer, At(Today)));

        Assert.Equal("Feedback", ex.Field);
        Assert.Equal(SubmissionStatus.Submitted, s.Status);
    }

    [Fact]
    public void Submitting_nothing_is_refused()
    {
        var s = In(SubmissionStatus.Draft);

        var ex = Assert.Throws<DomainException>(() => s.Submit("  ", [], Engineer, At(Today), Today, Guid.NewGuid()));

        Assert.Equal(("Text", "Write an answer or attach a file before submitting."), (ex.Field, ex.MessageTemplate));
        Assert.Equal(SubmissionStatus.Draft, s.Status);
    }

    [Fact]
    public void Files_alone_can_be_submitted_and_at_most_ten_are_attached()
    {
        var s = In(SubmissionStatus.Draft);
        var eleven = Enumerable.Range(0, 11).Select(_ => Guid.NewGuid()).ToList();

        var tooMany = Assert.Throws<DomainException>(() => s.SaveDraft("x", eleven, Engineer, At(Today), Today));
        var version = s.Submit(null, [eleven[0], eleven[0], eleven[1]], Engineer, At(Today), Today, Guid.NewGuid());

        Assert.Equal(("Files", "Attach at most {0} files to one submission."), (tooMany.Field, tooMany.MessageTemplate));
        Assert.Equal(new[] { eleven[0], eleven[1] }, version.FileIds);
        Assert.Equal(string.Empty, version.Text);
    }

    [Fact]
    public void The_same_form_submitted_twice_makes_one_version()
    {
        var s = In(SubmissionStatus.Draft);
        var key = Guid.NewGuid();

        var first = s.Submit("Answer", [], Engineer, At(Today, 10), Today, key);
        var second = s.Submit("Answer", [], Engineer, At(Today, 10), Today, key);

        Assert.Same(first, second);
        Assert.Single(s.Versions);
        Assert.Equal(SubmissionStatus.Submitted, s.Status);
    }

    [Fact]
    public void A_resent_form_after_the_review_does_not_resubmit()
    {
        var s = In(SubmissionStatus.Draft);
        var key = Guid.NewGuid();
        var first = s.Submit("Answer", [], Engineer, At(Today, 10), Today, key);
        s.Return("Revise.", Trainer, At(Today, 11));

        var again = s.Submit("Answer", [], Engineer, At(Today, 12), Today, key);

        Assert.Same(first, again);
        Assert.Single(s.Versions);
        Assert.Equal(SubmissionStatus.Returned, s.Status);
    }

    private static void Apply(Submission s, Operation operation)
    {
        switch (operation)
        {
            case Operation.SaveDraft:
                s.SaveDraft("New draft", [], Engineer, At(Today), Today);
                break;
            case Operation.Submit:
                s.Submit("New version", [], Engineer, At(Today), Today, Guid.NewGuid());
                break;
            case Operation.Return:
                s.Return("Revise it.", Trainer, At(Today));
                break;
            case Operation.Accept:
                s.Accept("Fine.", Trainer, At(Today));
                break;
            case Operation.GrantExtension:
                s.GrantExtension(Due.AddDays(5), "Flooded plant.", Trainer, isCoordinator: false, Today);
                break;
        }
    }
}
