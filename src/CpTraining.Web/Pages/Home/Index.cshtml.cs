using CpTraining.Domain.HomeTasks;
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
/// At most four queries whatever the number of programmes and companies (home-task counts ride in the first);
/// only the person's own rows are read.
/// </summary>
[Authorize]
public sealed class IndexModel(AppDbContext db, AccessControl access, TimeProvider time) : PageModel
{
    public ProgrammeCard? Current { get; private set; }

    public IReadOnlyList<ProgrammeCard> Others { get; private set; } = [];

    /// <summary>The company whose CP team the person is in, in the current programme (engineers and managers).</summary>
    public CompanyCard? Company { get; private set; }

    public bool IsAdministrator { get; private set; }

    public async Task OnGetAsync()
    {
        var standing = await access.StandingAsync();
        var userId = standing.UserId;
        IsAdministrator = standing.Can(Operation.Administer);

        // The person's open home-task work (Operation.DoWork), and the submitted work waiting for them as the companies' trainer.
        var open = standing.WorkToDo(db.Submissions, db.Enrolments)
            .Where(s => s.Status == SubmissionStatus.NotStarted || s.Status == SubmissionStatus.Draft || s.Status == SubmissionStatus.Returned);
        var toReview = standing.CoachedWork(db.Submissions).Where(s => s.Status == SubmissionStatus.Submitted);

        // 1. The programmes the person may see (their roles in each come from the standing: archived companies' people have none).
        var programmes = await standing.VisibleProgrammes(db.Programmes.AsNoTracking())
            .Select(p => new
            {
                p.Id,
                p.Name,
                p.City,
                p.Country,
                p.TimeZoneId,
                Sessions = p.Sessions.OrderBy(s => s.Number)
                    .Select(s => new SessionView(s.Id, s.Number, s.StartDate, s.Days, s.Venue, s.DailyStart, s.DailyEnd, s.IsFinal))
                    .ToList(),

                // Home tasks, in the same query: the person's open work, and the submitted work waiting for them as
                // the company's trainer.
                OpenTasks = open.Count(s => s.ProgrammeId == p.Id),
                NearestDue = open.Where(s => s.ProgrammeId == p.Id)
                    .Min(s => (DateOnly?)(s.ExtendedUntil != null && s.ExtendedUntil > s.DueDate ? s.ExtendedUntil.Value : s.DueDate)),
                ToReview = toReview.Count(s => s.ProgrammeId == p.Id),

                // The person's own certificate of completion (not a revoked one), also in the same query.
                CertificateId = db.Certificates.Where(c => c.ProgrammeId == p.Id && c.UserId == userId && c.RevokedAt == null).Select(c => (Guid?)c.Id).FirstOrDefault(),
            })
            .ToListAsync();

        // 2. The companies the person coaches, with their team sizes (trainers only).
        var coached = new List<CoachedCompany>();
        if (standing.Coached.Any(c => c.IsActive))
        {
            coached = await standing.CoachedCompanies(db.Enrolments.AsNoTracking())
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
                RolesIn(standing, p.Id).Select(r => r.Role).Distinct().Order().ToList(),
                RolesIn(standing, p.Id).Select(r => r.CompanyId).FirstOrDefault(c => c is not null),
                p.Sessions,
                coached.Where(c => c.ProgrammeId == p.Id).OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList())
            {
                OpenTasks = p.OpenTasks == 0 ? null : new OpenTaskSummary(p.OpenTasks, p.NearestDue!.Value),
                ToReview = p.ToReview,
                CertificateId = p.CertificateId,
            })
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

    /// <summary>The person's roles in the programme (engineers and managers only while their company is active).</summary>
    private static IEnumerable<Membership> RolesIn(Standing standing, Guid programmeId) =>
        standing.Memberships.Where(m => m.ProgrammeId == programmeId && m.IsActive);

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
                new List<Person>())
            {
                PublishedReportVersion = db.PublishedReports
                    .Where(r => r.ProgrammeId == programmeId && r.CompanyId == c.Id)
                    .Max(r => (int?)r.Version),
            })
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

    /// <summary>The person's open home tasks in a programme: how many, and the nearest (effective) due date.</summary>
    public sealed record OpenTaskSummary(int Count, DateOnly NearestDue);

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
        IReadOnlyList<Person> Team)
    {
        /// <summary>The latest published version of the company's report, if any: what its managers open first.</summary>
        public int? PublishedReportVersion { get; init; }
    }

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
        /// <summary>The person's open home tasks here (null: none).</summary>
        public OpenTaskSummary? OpenTasks { get; init; }

        /// <summary>Submitted work waiting for the person's review, as the companies' trainer.</summary>
        public int ToReview { get; init; }

        /// <summary>The person's certificate of completing the programme (null: none, or revoked).</summary>
        public Guid? CertificateId { get; init; }

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
