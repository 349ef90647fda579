using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.Attendance;

/// <summary>The signed-in participant's own attendance record: every session day and the rates. Nobody else's.</summary>
[Authorize]
public sealed class MineModel(AppDbContext db, AccessControl access) : PageModel
{
    public Guid ProgrammeId { get; private set; }

    public string ProgrammeName { get; private set; } = string.Empty;

    /// <summary>False for members who are not participants (coordinators, trainers, managers): they have no record.</summary>
    public bool IsParticipant { get; private set; }

    public IReadOnlyList<SessionRecord> Sessions { get; private set; } = [];

    public AttendanceRate Overall { get; private set; } = new(0, 0, 0);

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var programme = await db.Programmes.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new { p.Name, Sessions = p.Sessions.OrderBy(s => s.Number).Select(s => new { s.Id, s.Number, s.StartDate, s.Days }).ToList() })
            .SingleOrDefaultAsync();
        if (programme is null)
        {
            return NotFound();
        }

        var rights = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!rights.Can(Operation.SeeProgramme, inProgramme))
        {
            return Forbid();
        }

        ProgrammeId = id;
        ProgrammeName = programme.Name;
        IsParticipant = (await Participant.LoadAsync(db, id)).Any(p => p.UserId == rights.UserId);
        if (!IsParticipant)
        {
            return Page();
        }

        var marks = await db.AttendanceMarks.AsNoTracking()
            .Where(a => a.UserId == rights.UserId && db.Sessions.Any(s => s.Id == a.SessionId && s.ProgrammeId == id))
            .Select(a => new { a.SessionId, a.Day, a.Status })
            .ToListAsync();
        Sessions = programme.Sessions
            .Select(s =>
            {
                var days = Enumerable.Range(1, s.Days)
                    .Select(d => new DayRecord(d, s.StartDate.AddDays(d - 1), marks.Find(m => m.SessionId == s.Id && m.Day == d)?.Status))
                    .ToList();
                return new SessionRecord(s.Number, days, AttendanceRate.Of(days.Where(d => d.Status is not null).Select(d => d.Status!.Value)));
            })
            .ToList();
        Overall = AttendanceRate.Of(marks.Select(m => m.Status));
        return Page();
    }

    public sealed record SessionRecord(int Number, IReadOnlyList<DayRecord> Days, AttendanceRate Rate);

    public sealed record DayRecord(int Day, DateOnly Date, AttendanceStatus? Status);
}
