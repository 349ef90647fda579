using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes;

/// <summary>A programme as a timeline of its sessions. Any member of the programme may view it.</summary>
[Authorize]
public sealed class DetailsModel(AppDbContext db, AccessControl access, TimeProvider time) : PageModel
{
    public ProgrammeView Programme { get; private set; } = null!;

    public bool CanManage { get; private set; }

    /// <summary>Sees the programme's attendance grid and statistics (coordinators, administrators, trainers).</summary>
    public bool CanViewAttendance { get; private set; }

    /// <summary>Reads the programme report (every company's figures): administrators, coordinators and trainers of the programme.</summary>
    public bool CanReadReport { get; private set; }

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await access.CanAsync(Operation.SeeProgramme, new ProgrammeResource(id)))
        {
            return await db.Programmes.AnyAsync(p => p.Id == id) ? Forbid() : NotFound();
        }

        var programme = await ProgrammeView.LoadAsync(db, id);
        if (programme is null)
        {
            return NotFound();
        }

        Programme = programme;
        Today = time.TodayIn(programme.TimeZoneId);
        CanManage = await access.CanAsync(Operation.ManageProgramme, new ProgrammeResource(id));
        CanViewAttendance = await access.CanAsync(Operation.SeeAllCompanies, new ProgrammeResource(id));
        CanReadReport = CanViewAttendance;
        return Page();
    }
}

/// <summary>What the programme pages show of a programme, read without tracking.</summary>
public sealed record ProgrammeView(
    Guid Id,
    string Name,
    string Organisers,
    string City,
    string? Region,
    string Country,
    string Language,
    string? Description,
    string TimeZoneId,
    IReadOnlyList<SessionView> Sessions)
{
    public static Task<ProgrammeView?> LoadAsync(AppDbContext db, Guid id) =>
        db.Programmes.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new ProgrammeView(
                p.Id, p.Name, p.Organisers, p.City, p.Region, p.Country, p.Language, p.Description, p.TimeZoneId,
                p.Sessions.OrderBy(s => s.Number)
                    .Select(s => new SessionView(s.Id, s.Number, s.StartDate, s.Days, s.Venue, s.DailyStart, s.DailyEnd, s.IsFinal))
                    .ToList()))
            .SingleOrDefaultAsync();

    public SessionStatus StatusOn(DateOnly today) =>
        Sessions.Count == 0 || today < Sessions[0].StartDate ? SessionStatus.Planned
        : today > Sessions[^1].EndDate ? SessionStatus.Completed
        : SessionStatus.Running;
}

public sealed record SessionView(Guid Id, int Number, DateOnly StartDate, int Days, string? Venue, TimeOnly? DailyStart, TimeOnly? DailyEnd, bool IsFinal)
{
    public DateOnly EndDate => StartDate.AddDays(Days - 1);

    /// <summary>Session <paramref name="number"/> of the programme with the programme's name and time zone, in one query; null when either does not exist.</summary>
    public static Task<SessionInProgramme?> FindAsync(AppDbContext db, Guid programmeId, int number) =>
        db.Sessions.AsNoTracking()
            .Where(s => s.ProgrammeId == programmeId && s.Number == number)
            .Join(db.Programmes, s => s.ProgrammeId, p => p.Id, (s, p) => new SessionInProgramme(
                p.Name,
                p.TimeZoneId,
                new SessionView(s.Id, s.Number, s.StartDate, s.Days, s.Venue, s.DailyStart, s.DailyEnd, s.IsFinal)))
            .SingleOrDefaultAsync();

    public SessionStatus StatusOn(DateOnly today) =>
        today < StartDate ? SessionStatus.Planned : today > EndDate ? SessionStatus.Completed : SessionStatus.Running;
}

/// <summary>A session with what pages about it show of its programme.</summary>
public sealed record SessionInProgramme(string Name, string TimeZoneId, SessionView Session);
