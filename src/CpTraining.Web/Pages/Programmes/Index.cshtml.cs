using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes;

/// <summary>
/// The programmes the user may see, with filters. Status is derived from today's date at each programme's
/// venue, so it is filtered after loading (an organisation runs tens of programmes, not thousands).
/// </summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, AccessControl access, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public SessionStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Country { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<Row> Programmes { get; private set; } = [];

    public IReadOnlyList<string> Countries { get; private set; } = [];

    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var visible = await (await access.StandingAsync()).VisibleProgrammes(db.Programmes.AsNoTracking())
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.Organisers,
                p.City,
                p.Country,
                p.TimeZoneId,
                Sessions = p.Sessions.OrderBy(s => s.Number)
                    .Select(s => new SessionView(s.Id, s.Number, s.StartDate, s.Days, s.Venue, s.DailyStart, s.DailyEnd, s.IsFinal))
                    .ToList(),
            })
            .ToListAsync();

        var rows = visible
            .Where(p => p.Sessions.Count > 0)
            .Select(p =>
            {
                var today = time.TodayIn(p.TimeZoneId);
                var view = new ProgrammeView(p.Id, p.Name, p.Organisers, p.City, null, p.Country, string.Empty, null, p.TimeZoneId, p.Sessions);
                return new Row(p.Id, p.Name, p.Organisers, p.City, p.Country, p.Sessions[0].StartDate, p.Sessions[^1].EndDate,
                    view.StatusOn(today), p.Sessions.FirstOrDefault(s => s.EndDate >= today), today);
            })
            .ToList();

        Countries = rows.Select(r => r.Country).Distinct(StringComparer.CurrentCultureIgnoreCase).Order(StringComparer.CurrentCulture).ToList();
        Years = rows.SelectMany(r => Enumerable.Range(r.Start.Year, r.End.Year - r.Start.Year + 1)).Distinct().OrderDescending().ToList();

        Programmes = rows
            .Where(r => Status is null || r.Status == Status)
            .Where(r => string.IsNullOrEmpty(Country) || string.Equals(r.Country, Country, StringComparison.CurrentCultureIgnoreCase))
            .Where(r => Year is null || (r.Start.Year <= Year && r.End.Year >= Year))
            .OrderByDescending(r => r.Start)
            .ToList();
    }

    public sealed record Row(Guid Id, string Name, string Organisers, string City, string Country, DateOnly Start, DateOnly End, SessionStatus Status, SessionView? Next, DateOnly Today);
}
