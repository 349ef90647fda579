using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.HomeTasks;

/// <summary>
/// "My tasks": the signed-in person's home tasks across programmes — their company's work (as engineer or manager,
/// while the company is actively enrolled) and work given to them individually — with due dates and status, open
/// work first. Anyone signed in may open it; it lists only their own work. Two queries however many tasks there are.
/// </summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, AccessControl access, TimeProvider time) : PageModel
{
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        // Company work of a team the person belongs to (engineer or manager), individual work given to them.
        var standing = await access.StandingAsync();
        var submissions = await standing.OwnWork(db.Submissions.AsNoTracking(), db.Enrolments)
            .Include(s => s.Versions) // lateness of handed-in work is a property of its versions
            .ToListAsync();
        if (submissions.Count == 0)
        {
            return;
        }

        var ids = submissions.Select(s => s.Id).ToList();
        var details = await db.Submissions.AsNoTracking()
            .Where(s => ids.Contains(s.Id))
            .Select(s => new
            {
                s.Id,
                Task = db.HomeTasks.Where(h => h.Id == s.HomeTaskId).Select(h => new { h.Title, h.AfterSession }).Single(),
                Programme = db.Programmes.Where(p => p.Id == s.ProgrammeId).Select(p => new { p.Name, p.TimeZoneId }).Single(),
                Company = db.Companies.Where(c => c.Id == s.CompanyId).Select(c => c.Name).FirstOrDefault(),
            })
            .ToDictionaryAsync(d => d.Id);

        var todayByZone = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        Rows = submissions
            .Select(s =>
            {
                var d = details[s.Id];
                if (!todayByZone.TryGetValue(d.Programme.TimeZoneId, out var today))
                {
                    today = todayByZone[d.Programme.TimeZoneId] = time.TodayIn(d.Programme.TimeZoneId);
                }

                return new Row(
                    s.Id,
                    s.ProgrammeId,
                    d.Programme.Name,
                    d.Task.AfterSession,
                    d.Task.Title,
                    s.UserId is null ? d.Company : null,
                    s.EffectiveDueDate,
                    s.Status,
                    s.IsOpen,
                    s.IsLateOn(today),
                    s.IsExtended,
                    s.IsClosedOn(today));
            })
            .OrderBy(r => r.IsOpen ? 0 : 1)
            .ThenBy(r => r.DueDate)
            .ThenBy(r => r.ProgrammeName, StringComparer.CurrentCulture)
            .ThenBy(r => r.Title, StringComparer.CurrentCulture)
            .ToList();
    }

    /// <summary>One piece of work. <see cref="Company"/> is set for company work (null when given to the user alone).</summary>
    public sealed record Row(
        Guid SubmissionId,
        Guid ProgrammeId,
        string ProgrammeName,
        int AfterSession,
        string Title,
        string? Company,
        DateOnly DueDate,
        SubmissionStatus Status,
        bool IsOpen,
        bool IsLate,
        bool IsExtended,
        bool IsClosed);
}
