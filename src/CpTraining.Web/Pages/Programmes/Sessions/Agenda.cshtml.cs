using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.Sessions;

/// <summary>A session's agenda, laid out for reading and printing. Any member of the programme may view it.</summary>
[Authorize]
public sealed class AgendaModel(AppDbContext db, AccessControl access) : PageModel
{
    public AgendaView Agenda { get; private set; } = null!;

    public bool CanManage { get; private set; }

    /// <summary>The home-task presentations at this session, in the coordinator's order (the agenda lists them).</summary>
    public IReadOnlyList<PresentationRow> Presentations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int number)
    {
        var agenda = await AgendaView.LoadAsync(db, id, number);
        if (agenda is null)
        {
            return NotFound();
        }

        if (!await access.CanAsync(Operation.SeeProgramme, new ProgrammeResource(id)))
        {
            return Forbid();
        }

        Agenda = agenda;
        CanManage = await access.CanAsync(Operation.ManageProgramme, new ProgrammeResource(id));
        Presentations = await PresentationRow.LoadAsync(db, id, number);
        return Page();
    }
}

public sealed record AgendaView(
    Guid ProgrammeId,
    string ProgrammeName,
    string Organisers,
    string City,
    string Country,
    SessionView Session,
    IReadOnlyList<AgendaView.Item> Items)
{
    public static Task<AgendaView?> LoadAsync(AppDbContext db, Guid programmeId, int number) =>
        db.Sessions.AsNoTracking()
            .Where(s => s.ProgrammeId == programmeId && s.Number == number)
            .Join(db.Programmes, s => s.ProgrammeId, p => p.Id, (s, p) => new AgendaView(
                p.Id,
                p.Name,
                p.Organisers,
                p.City,
                p.Country,
                new SessionView(s.Id, s.Number, s.StartDate, s.Days, s.Venue, s.DailyStart, s.DailyEnd, s.IsFinal),
                s.Agenda.OrderBy(i => i.Day).ThenBy(i => i.Position)
                    .Select(i => new Item(i.Id, i.Day, i.Start, i.End, i.Topic, i.Presenter))
                    .ToList()))
            .SingleOrDefaultAsync();

    public sealed record Item(Guid Id, int Day, TimeOnly? Start, TimeOnly? End, string Topic, string? Presenter);
}
