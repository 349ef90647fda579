using CpTraining.Domain.HomeTasks;

namespace CpTraining.Domain.Tests.HomeTasks;

/// <summary>
/// A task given after session 1 on Monday 14 September 2026, due Thursday 1 October 2026 (the day before session 2),
/// with a cut-off on Thursday 15 October 2026 unless a test says otherwise.
/// </summary>
internal static class TestTasks
{
    public const string Coordinator = "user-coordinator";
    public const string Trainer = "user-trainer";
    public const string Engineer = "user-engineer";
    public const string OtherEngineer = "user-engineer-2";

    public static readonly Guid ProgrammeId = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    public static readonly Guid CompanyId = Guid.Parse("00000000-0000-0000-0000-0000000000c1");

    public static readonly DateOnly AssignedOn = new(2026, 9, 14);
    public static readonly DateOnly Due = new(2026, 10, 1);
    public static readonly DateOnly CutOff = new(2026, 10, 15);

    public static DateTimeOffset At(DateOnly day, int hour = 12) => new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    public static HomeTask Task(DateOnly? due = null, DateOnly? cutOff = null, bool withCutOff = true) =>
        HomeTask.Assign(
            ProgrammeId, 1, 4, null, "Company description", "Describe the company.", [],
            due ?? Due, withCutOff ? cutOff ?? CutOff : null, true, Coordinator, At(AssignedOn), AssignedOn);

    public static Submission New(bool withCutOff = true) => Submission.ForCompany(Task(withCutOff: withCutOff), CompanyId);

    /// <summary>Work brought into <paramref name="status"/> before the due date (submitted on 25 September).</summary>
    public static Submission In(SubmissionStatus status)
    {
        var s = New();
        var day = new DateOnly(2026, 9, 25);
        switch (status)
        {
            case SubmissionStatus.NotStarted:
                break;
            case SubmissionStatus.Draft:
                s.SaveDraft("Draft text", [], Engineer, At(day), day);
                break;
            case SubmissionStatus.Submitted:
                s.Submit("Version 1", [], Engineer, At(day), day, Guid.NewGuid());
                break;
            case SubmissionStatus.Returned:
                s.Submit("Version 1", [], Engineer, At(day), day, Guid.NewGuid());
                s.Return("Add the flow chart.", Trainer, At(day, 15));
                break;
            case SubmissionStatus.Accepted:
                s.Submit("Version 1", [], Engineer, At(day), day, Guid.NewGuid());
                s.Accept("Good.", Trainer, At(day, 15));
                break;
        }

        Assert.Equal(status, s.Status);
        return s;
    }
}
