using CpTraining.Domain.HomeTasks;
using static CpTraining.Domain.Tests.HomeTasks.TestTasks;

namespace CpTraining.Domain.Tests.HomeTasks;

/// <summary>
/// Work reports each step of its way (given, saved, handed in, decided), with what the people told about it need: the
/// trainer hears of version 2, the writers of a return; a resent submit reports nothing new.
/// </summary>
public sealed class WorkEventTests
{
    [Fact]
    public void Work_reports_being_given_handed_in_and_returned()
    {
        var work = New();
        var day = new DateOnly(2026, 9, 25);

        work.SaveDraft("Draft", [], Engineer, At(day), day);
        var key = Guid.NewGuid();
        work.Submit("Answer", [], Engineer, At(day), day, key);
        work.Submit("Answer", [], Engineer, At(day), day, key);
        work.Return("Add the water balance.", Trainer, At(day, 15));

        Assert.Equal(
            [
                new WorkAssigned(work.Id, ProgrammeId, CompanyId, null, "Company description", Due),
                new DraftSaved(work.Id, ProgrammeId, 0),
                new WorkSubmitted(work.Id, ProgrammeId, CompanyId, 1, 0),
                new WorkReviewed(work.Id, ProgrammeId, CompanyId, null, ReviewDecision.Returned, 1, SubmissionStatus.Returned),
            ],
            work.TakeEvents());
    }

    [Fact]
    public void An_extension_reports_the_date_it_replaces()
    {
        var work = New();
        work.TakeEvents();
        var today = new DateOnly(2026, 9, 28);

        work.GrantExtension(new DateOnly(2026, 10, 8), "Plant shut down", Trainer, isCoordinator: false, today);
        work.GrantExtension(new DateOnly(2026, 10, 12), "Still shut down", Trainer, isCoordinator: false, today);

        Assert.Equal(
            [
                new ExtensionGranted(work.Id, ProgrammeId, null, new DateOnly(2026, 10, 8), "Plant shut down"),
                new ExtensionGranted(work.Id, ProgrammeId, new DateOnly(2026, 10, 8), new DateOnly(2026, 10, 12), "Still shut down"),
            ],
            work.TakeEvents());
    }
}
