using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes;

/// <summary>The programme's audit log (enrolments, teams, roles): its coordinators and administrators only.</summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class AuditModel(AppDbContext db, AccessControl access) : PageModel
{
    public const int PageSize = 500;

    public string ProgrammeName { get; private set; } = string.Empty;

    public IReadOnlyList<Row> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        var name = await db.Programmes.Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }

        if (!await access.CanAsync(Operation.ManageProgramme, new ProgrammeResource(id)))
        {
            return Forbid();
        }

        ProgrammeName = name;
        Entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.ProgrammeId == id)
            .OrderByDescending(a => a.At)
            .Take(PageSize)
            .Select(a => new Row(
                a.At,
                db.Users.Where(u => u.Id == a.ActorUserId).Select(u => u.DisplayName + " <" + u.Email + ">").FirstOrDefault() ?? a.ActorUserId,
                a.Action,
                a.Subject,
                a.Before,
                a.After))
            .ToListAsync();
        return Page();
    }

    public sealed record Row(DateTimeOffset At, string Actor, string Action, string Subject, string? Before, string? After);
}
