using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.HomeTasks;

/// <summary>
/// What the programme's home-task pages need of the programme, read in one query: its name, time zone (for
/// "today" at the venue) and sessions. Tasks are given after sessions 1 to n−1 and presented at the next one.
/// </summary>
public sealed record TaskProgramme(Guid Id, string Name, string Language, string TimeZoneId, IReadOnlyList<SessionView> Sessions)
{
    public int SessionCount => Sessions.Count;

    /// <summary>Whether home tasks can be given after session <paramref name="after"/> (not after the final one).</summary>
    public bool HasTasksAfter(int after) => after >= 1 && after < SessionCount;

    public SessionView Session(int number) => Sessions.Single(s => s.Number == number);

    public static Task<TaskProgramme?> LoadAsync(AppDbContext db, Guid id) =>
        db.Programmes.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new TaskProgramme(
                p.Id,
                p.Name,
                p.Language,
                p.TimeZoneId,
                p.Sessions.OrderBy(s => s.Number)
                    .Select(s => new SessionView(s.Id, s.Number, s.StartDate, s.Days, s.Venue, s.DailyStart, s.DailyEnd, s.IsFinal))
                    .ToList()))
            .SingleOrDefaultAsync();
}
