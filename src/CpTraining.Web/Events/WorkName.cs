using CpTraining.Web.Background;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Events;

/// <summary>How messages and the audit log name a piece of work: the task's title and whose work it is.</summary>
internal sealed record WorkName(string Title, string Owner)
{
    /// <summary>"Task · Company" (or "Task · Person (Company)").</summary>
    public string Subject => $"{Title} · {Owner}";

    public static async Task<WorkName> LoadAsync(AppDbContext db, Guid submissionId, CancellationToken ct)
    {
        var work = await db.Submissions.AsNoTracking()
            .Where(s => s.Id == submissionId)
            .Select(s => new
            {
                Task = db.HomeTasks.Where(h => h.Id == s.HomeTaskId).Select(h => h.Title).Single(),
                Company = db.Companies.Where(c => c.Id == s.CompanyId).Select(c => c.Name).FirstOrDefault(),
                Person = db.Users.Where(u => u.Id == s.UserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleAsync(ct);
        return new WorkName(work.Task, TaskPeople.Describe(work.Company, work.Person));
    }
}
