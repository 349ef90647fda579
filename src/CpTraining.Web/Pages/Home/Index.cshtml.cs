using System.Security.Claims;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Pages.Programmes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Home;

/// <summary>
/// "My programme": where a signed-in person starts. Their current programme first (the one whose sessions
/// surround today, else the next to begin, else the latest), what they do in it — their company for engineers
/// and managers, the companies they coach for trainers — its sessions, then their other programmes.
/// At most four queries whatever the number of programmes and companies; only the person's own rows are read.
/// </summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public ProgrammeCard? Current { get; private set; }

    public IReadOnlyList<ProgrammeCard> Others { get; private set; } = [];

    /// <summary>The company whose CP team the person is in, in the current programme (engineers and managers).</summary>
    public CompanyCard? Company { get; private set; }

    public bool IsAdministrator { get; private set; }

    public async Task OnGetAsync()
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        IsAdministrator = User.IsInRole(Roles.Administrator);

        // 1. The programmes the person may see, with their own roles in each (archived companies' people have none).
        var programmes = await db.Programmes.AsNoTracking()
            .VisibleTo(User)
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.City,
                p.Country,
                p.TimeZoneId,
                Roles = p.Members
                    .Where(m => m.UserId == userId
                        && (m.CompanyId == null || p.Enrolments.Any(e => e.CompanyId == m.CompanyId && e.ArchivedAt == null)))
                    .Select(m => new { m.Role, m.CompanyId })
                    .ToList(),
                Sessions = p.Sessions.OrderBy(s => s.Number)
                    .Select(s => new SessionView(s.Id, s.Number, s.StartDate, s.Days, s.Venue, s.DailyStart, s.DailyEnd, s.IsFinal))
                    .ToList(),
            })
            .ToListAsync();

        // 2. The companies the person coaches, with their team sizes (trainers only).
        var coached = new List<CoachedCompany>();
        if (programmes.Exists(p => p.Roles.Exists(r => r.Role == ProgrammeRole.Trainer)))
        {
            coached = await db.Enrolments.AsNoTracking()
                .Where(e => e.TrainerUserId == userId && e.ArchivedAt == null
                    && db.ProgrammeMembers.Any(m => m.ProgrammeId == e.ProgrammeId && m.UserId == userId && m.Role == ProgrammeRole.Trainer))
                .Select(e => new CoachedCompany(
                    e.ProgrammeId,
                    e.CompanyId,
                    db.Companies.Where(c => c.Id == e.CompanyId).Select(c => c.Name).First(),
                    db.ProgrammeMembers.Count(m => m.ProgrammeId == e.ProgrammeId && m.CompanyId == e.CompanyId)))
                .ToListAsync();
        }

        var cards = programmes
            .Select(p => new ProgrammeCard(
                p.Id,
                p.Name,
                p.City,
                p.Country,
                time.TodayIn(p.TimeZoneId),
                p.Roles.Select(r => r.Role).Distinct().Order().ToList(),
                p.Roles.Select(r => r.CompanyId).FirstOrDefault(c => c is not null),
                p.Sessions,
                coached.Where(c => c.ProgrammeId == p.Id).OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList()))
            .ToList();
        Current = ChooseCurrent(cards);
        Others = cards.Where(c => c != Current)
            .OrderBy(c => c.StatusOn() == SessionStatus.Completed)
            .ThenByDescending(c => c.Start)
            .ToList();

        if (Current?.CompanyId is { } companyId)
        {
            Company = await LoadCompanyAsync(Current.Id, companyId);
        }
    }

    /// <summary>The programme running today (the latest begun, if several), else the next to begin, else the latest to end.</summary>
    internal static ProgrammeCard? ChooseCurrent(IReadOnlyList<ProgrammeCard> cards) =>
        cards.Where(c => c.StatusOn() == SessionStatus.Running).OrderByDescending(c => c.Start).FirstOrDefault()
        ?? cards.Where(c => c.StatusOn() == SessionStatus.Planned && c.Start is not null).OrderBy(c => c.Start).FirstOrDefault()
        ?? cards.OrderByDescending(c => c.End).FirstOrDefault();

    // 3 and 4. The company with its trainer, and its CP team.
    private async Task<CompanyCard?> LoadCompanyAsync(Guid programmeId, Guid companyId)
    {
        var company = await db.Companies.AsNoTracking()
            .Where(c => c.Id == companyId)
            .Select(c => new CompanyCard(
                c.Id,
                c.Name,
                c.SectorCode,
                c.SectorName,
                c.City,
                c.Region,
                c.Country,
                c.Employees,
                c.Address,
                c.ProductionDescription,
                c.EnvironmentalProblem,
                db.Enrolments
                    .Where(e => e.ProgrammeId == programmeId && e.CompanyId == c.Id)
                    .SelectMany(e => db.Users.Where(u => u.Id == e.TrainerUserId))
                    .Select(u => new Person(u.DisplayName, u.Email, u.Position, u.PhoneNumber, ProgrammeRole.Trainer))
                    .FirstOrDefault(),
                new List<Person>()))
            .SingleOrDefaultAsync();
        if (company is null)
        {
            return null;
        }

        var team = await db.ProgrammeMembers.AsNoTracking()
            .Where(m => m.ProgrammeId == programmeId && m.CompanyId == companyId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new Person(u.DisplayName, u.Email, u.Position, u.PhoneNumber, m.Role))
            .ToListAsync();
        return company with
        {
            Team = team.OrderBy(p => p.Role == ProgrammeRole.Engineer).ThenBy(p => p.Name, StringComparer.CurrentCulture).ToList(),
        };
    }

    public sealed record CoachedCompany(Guid ProgrammeId, Guid CompanyId, string Name, int TeamSize);

    public sealed record Person(string Name, string? Email, string? Position, string? Phone, ProgrammeRole Role);

    public sealed record CompanyCard(
        Guid Id,
        string Name,
        string? SectorCode,
        string? SectorName,
        string City,
        string? Region,
        string Country,
        int? Employees,
        string? Address,
        string? ProductionDescription,
        string? EnvironmentalProblem,
        Person? Trainer,
        IReadOnlyList<Person> Team);

    /// <summary>One programme as the home page shows it; <see cref="Today"/> is the date at its venue.</summary>
    public sealed record ProgrammeCard(
        Guid Id,
        string Name,
        string City,
        string Country,
        DateOnly Today,
        IReadOnlyList<ProgrammeRole> Roles,
        Guid? CompanyId,
        IReadOnlyList<SessionView> Sessions,
        IReadOnlyList<CoachedCompany> Coached)
    {
        public DateOnly? Start => Sessions.Count == 0 ? null : Sessions[0].StartDate;

        public DateOnly? End => Sessions.Count == 0 ? null : Sessions[^1].EndDate;

        /// <summary>The session running today, or else the next one; null when all are over.</summary>
        public SessionView? Next => Sessions.FirstOrDefault(s => s.EndDate >= Today);

        public SessionStatus StatusOn() =>
            Sessions.Count == 0 || Today < Sessions[0].StartDate ? SessionStatus.Planned
            : Today > Sessions[^1].EndDate ? SessionStatus.Completed
            : SessionStatus.Running;

        public static string CompanyUrl(Guid programmeId, Guid companyId) => $"/programmes/{programmeId}/companies/{companyId}";
    }
}
