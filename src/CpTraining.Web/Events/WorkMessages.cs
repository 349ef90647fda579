using CpTraining.Domain;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Background;
using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure;

namespace CpTraining.Web.Events;

/// <summary>
/// Tells people about home-task work as it moves: the writers when work is given to them and when the trainer
/// decides on it, the company's trainer when it is handed in (in-app and by e-mail, through <see cref="TaskNotifier"/>).
/// Reminders of due and overdue work are sent by <see cref="TaskReminders"/>.
/// </summary>
public sealed class WorkMessages(AppDbContext db, TaskNotifier notifier) : IEventHandler
{
    /// <summary>The writers of each company (or person) within the request: a task given to 30 companies asks once per company.</summary>
    private readonly Dictionary<(Guid, Guid?, string?), List<string>> writers = [];

    public async Task HandleAsync(IDomainEvent domainEvent, CancellationToken ct)
    {
        switch (domainEvent)
        {
            case WorkAssigned e:
                await notifier.NotifyAsync(NotificationKind.TaskAssigned, await WritersAsync(e.ProgrammeId, e.UserId is null ? e.CompanyId : null, e.UserId), e.TaskTitle, TaskNotifier.IsoDate(e.DueDate), $"/tasks/{e.SubmissionId}");
                break;
            case WorkSubmitted e:
                if (await TaskPeople.ReviewerAsync(db, e.ProgrammeId, e.CompanyId) is { } reviewer)
                {
                    var (title, owner) = await WorkName.LoadAsync(db, e.SubmissionId, ct);
                    await notifier.NotifyAsync(NotificationKind.TaskSubmitted, [reviewer], title, owner, $"/tasks/{e.SubmissionId}/review");
                }

                break;
            case WorkReviewed e:
                var (task, whose) = await WorkName.LoadAsync(db, e.SubmissionId, ct);
                await notifier.NotifyAsync(
                    e.Decision == ReviewDecision.Returned ? NotificationKind.TaskReturned : NotificationKind.TaskAccepted,
                    await WritersAsync(e.ProgrammeId, e.CompanyId, e.UserId),
                    task,
                    whose,
                    $"/tasks/{e.SubmissionId}");
                break;
        }
    }

    private async Task<List<string>> WritersAsync(Guid programmeId, Guid? companyId, string? userId)
    {
        if (!writers.TryGetValue((programmeId, companyId, userId), out var people))
        {
            writers[(programmeId, companyId, userId)] = people = await TaskPeople.WritersAsync(db, programmeId, companyId, userId);
        }

        return people;
    }
}
