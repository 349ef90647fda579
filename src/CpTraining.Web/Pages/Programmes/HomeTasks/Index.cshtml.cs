using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.HomeTasks;

/// <summary>
/// The home tasks a programme has given, by session: title, due date, cut-off, whether presented, and to how many
/// companies and people. For the programme's staff (administrators, its coordinators and trainers), who assign
/// and follow the tasks; engineers and managers are refused here and use their own "My tasks" page, which shows
/// only their company's work. Three queries whatever the number of tasks.
/// </summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, AccessControl access, TimeProvider time) : PageModel
{
    public TaskProgramme Programme { get; private set; } = null!;

    /// <summary>Coordinators and administrators edit templates and task dates; trainers assign.</summary>
    public bool CanManage { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<TaskRow> Tasks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var programme = await TaskProgramme.LoadAsync(db, id);
        if (programme is null)
        {
            return NotFound();
        }

        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!standing.Can(Operation.SeeAllCompanies, inProgramme))
        {
            return Forbid();
        }

        Programme = programme;
        CanManage = standing.Can(Operation.ManageProgramme, inProgramme);
        Today = time.TodayIn(programme.TimeZoneId);
        var rows = await db.HomeTasks.AsNoTracking()
            .Where(t => t.ProgrammeId == id)
            .Select(t => new TaskRow(
                t.Id,
                t.AfterSession,
                t.Title,
                t.DueDate,
                t.CutOff,
                t.IsPresented,
                db.Submissions.Count(s => s.HomeTaskId == t.Id && s.UserId == null),
                db.Submissions.Count(s => s.HomeTaskId == t.Id && s.UserId != null),
                t.AssignedAt))
            .ToListAsync();
        Tasks = rows.OrderBy(r => r.AfterSession).ThenBy(r => r.AssignedAt).ThenBy(r => r.Title, StringComparer.CurrentCulture).ToList();
        return Page();
    }

    public sealed record TaskRow(Guid Id, int AfterSession, string Title, DateOnly DueDate, DateOnly? CutOff, bool IsPresented, int Companies, int People, DateTimeOffset AssignedAt);
}
