using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.Attendance;

/// <summary>
/// Attendance rates of a programme per session, per company and per person: present days over marked days
/// (<see cref="AttendanceRate"/>). Coordinators, administrators and the programme's trainers see it. Four queries
/// whatever the number of companies: the programme and its sessions, the user's rights, the participants, the marks.
/// </summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, AccessControl access) : PageModel
{
    public Guid ProgrammeId { get; private set; }

    public string ProgrammeName { get; private set; } = string.Empty;

    public IReadOnlyList<SessionRate> Sessions { get; private set; } = [];

    public IReadOnlyList<CompanyRate> Companies { get; private set; } = [];

    public IReadOnlyList<PersonRate> People { get; private set; } = [];

    public AttendanceRate Overall { get; private set; } = new(0, 0, 0);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var programme = await db.Programmes.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new { p.Name, Sessions = p.Sessions.OrderBy(s => s.Number).Select(s => new { s.Id, s.Number }).ToList() })
            .SingleOrDefaultAsync();
        if (programme is null)
        {
            return NotFound();
        }

        var rights = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!rights.Can(Operation.SeeAllCompanies, inProgramme))
        {
            return Forbid();
        }

        ProgrammeId = id;
        ProgrammeName = programme.Name;
        var participants = await Participant.LoadAsync(db, id);
        var marks = await db.AttendanceMarks.AsNoTracking()
            .Where(a => db.Sessions.Any(s => s.Id == a.SessionId && s.ProgrammeId == id))
            .Select(a => new { a.SessionId, a.UserId, a.Status })
            .ToListAsync();

        // Only the marks of current participants count (a person who left keeps their marks, outside the rates).
        var byUser = participants.ToDictionary(p => p.UserId);
        var counted = marks.Where(m => byUser.ContainsKey(m.UserId)).ToList();

        Sessions = programme.Sessions
            .Select(s => new SessionRate(s.Number, AttendanceRate.Of(counted.Where(m => m.SessionId == s.Id).Select(m => m.Status))))
            .ToList();
        Companies = participants
            .GroupBy(p => (p.CompanyId, p.CompanyName))
            .Select(g =>
            {
                var people = g.Select(p => p.UserId).ToHashSet();
                return new CompanyRate(g.Key.CompanyId, g.Key.CompanyName, people.Count, AttendanceRate.Of(counted.Where(m => people.Contains(m.UserId)).Select(m => m.Status)));
            })
            .ToList();
        var marksByUser = counted.ToLookup(m => m.UserId);
        People = participants
            .Select(p => new PersonRate(
                p,
                AttendanceRate.Of(marksByUser[p.UserId].Select(m => m.Status)),
                programme.Sessions.Select(s => AttendanceRate.Of(marksByUser[p.UserId].Where(m => m.SessionId == s.Id).Select(m => m.Status))).ToList()))
            .ToList();
        Overall = AttendanceRate.Of(counted.Select(m => m.Status));
        return Page();
    }

    public sealed record SessionRate(int Number, AttendanceRate Rate);

    public sealed record CompanyRate(Guid? CompanyId, string? CompanyName, int Participants, AttendanceRate Rate);

    /// <summary>A person's rate over the programme and per session (in session order).</summary>
    public sealed record PersonRate(Participant Participant, AttendanceRate Rate, IReadOnlyList<AttendanceRate> BySession);
}
