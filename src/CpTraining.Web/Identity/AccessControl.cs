using System.Linq.Expressions;
using System.Security.Claims;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Identity;

/// <summary>
/// The signed-in person's <see cref="Standing"/>, loaded once per request in one SQL command (roles in programmes,
/// companies coached, and the header's unread count), and the checks pages make with it. The rules themselves are in
/// <see cref="Standing.Can(Operation, Resource)"/>.
/// </summary>
public sealed class AccessControl(AppDbContext db, IHttpContextAccessor http)
{
    private Standing? _standing;

    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    /// <summary>An account-wide operation: decided by the account roles alone, without the database.</summary>
    public bool Can(Operation operation) => AccountStanding(User).Can(operation);

    public async Task<bool> CanAsync(Operation operation, Resource resource) => (await StandingAsync()).Can(operation, resource);

    public async Task<Standing> StandingAsync() => (await StandingWithAsync<object>(null)).Standing;

    /// <summary>
    /// The standing and, in the same SQL command, facts about the object the page asks about (null when it does not
    /// exist): a page that checks one object costs one command, however many checks follow. When the standing is
    /// already loaded, only the facts are read.
    /// </summary>
    public async Task<(Standing Standing, T? Facts)> StandingWithAsync<T>(Expression<Func<T?>>? facts)
        where T : class
    {
        var user = User;
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            // Pages that check objects require a signed-in person; the fallback policy turns others away before this.
            return (_standing ??= Standing.Anonymous, null);
        }

        if (_standing is not null && facts is null)
        {
            return (_standing, null);
        }

        Expression<Func<AppUser, StandingRow<T>>> shape = _standing is not null
            ? u => new StandingRow<T> { Loaded = false }
            : u => new StandingRow<T>
            {
                Memberships = db.ProgrammeMembers
                    .Where(m => m.UserId == userId)
                    .Select(m => new Membership(
                        m.ProgrammeId,
                        m.Role,
                        m.CompanyId,
                        m.CompanyId == null || db.Enrolments.Any(e => e.ProgrammeId == m.ProgrammeId && e.CompanyId == m.CompanyId && e.ArchivedAt == null)))
                    .ToList(),
                Coached = db.Enrolments
                    .Where(e => e.TrainerUserId == userId)
                    .Select(e => new Coaching(e.ProgrammeId, e.CompanyId, e.ArchivedAt == null))
                    .ToList(),
                Unread = db.Notifications.Count(n => n.UserId == userId && n.ReadAt == null),
                Loaded = true,
            };
        if (facts is not null)
        {
            var init = (MemberInitExpression)shape.Body;
            shape = Expression.Lambda<Func<AppUser, StandingRow<T>>>(
                init.Update(init.NewExpression, [.. init.Bindings, Expression.Bind(typeof(StandingRow<T>).GetProperty(nameof(StandingRow<T>.Facts))!, facts.Body)]),
                shape.Parameters);
        }

        var row = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(shape).AsSingleQuery().SingleOrDefaultAsync();
        _standing ??= row is { Loaded: true }
            ? new Standing(userId, AccountRoles(user), row.Memberships, row.Coached) { UnreadNotifications = row.Unread }
            : new Standing(userId, AccountRoles(user), [], []);
        return (_standing, row?.Facts);
    }

    /// <summary>Forbid unless the person may do <paramref name="operation"/> to <paramref name="resource"/>.</summary>
    public async Task<IActionResult?> RefuseUnlessAsync(PageModel page, Operation operation, Resource resource)
    {
        ArgumentNullException.ThrowIfNull(page);
        return await CanAsync(operation, resource) ? null : page.Forbid();
    }

    /// <summary>
    /// A page's check of a person asking for one company's pages in a programme: NotFound when the company is not
    /// enrolled in the programme, Forbid when <paramref name="operation"/> is refused, else the company and no refusal.
    /// </summary>
    public async Task<(EnrolledCompany? Company, IActionResult? Refused)> CompanyAsync(PageModel page, Guid programmeId, Guid companyId, Operation operation)
    {
        ArgumentNullException.ThrowIfNull(page);
        var company = await EnrolledCompanyAsync(programmeId, companyId);
        if (company is null)
        {
            return (null, page.NotFound());
        }

        return company.Can(operation) ? (company, null) : (null, page.Forbid());
    }

    /// <summary>The company as enrolled in the programme with the person's standing; null when it is not enrolled there.</summary>
    public Task<EnrolledCompany?> EnrolledCompanyAsync(Guid programmeId, Guid companyId) =>
        EnrolledCompanyAsync(db.Enrolments.Where(e => e.ProgrammeId == programmeId && e.CompanyId == companyId));

    /// <summary>The one enrolment <paramref name="enrolment"/> selects (e.g. a worksheet's), read with the standing; null when there is none.</summary>
    public async Task<EnrolledCompany?> EnrolledCompanyAsync(IQueryable<Enrolment> enrolment)
    {
        var (standing, facts) = await StandingWithAsync(() => enrolment
            .Select(e => new CompanyFacts(
                e.ProgrammeId,
                e.CompanyId,
                e.ArchivedAt == null,
                db.Programmes.Where(p => p.Id == e.ProgrammeId).Select(p => p.Name).First(),
                db.Programmes.Where(p => p.Id == e.ProgrammeId).Select(p => p.Country).First(),
                db.Companies.Where(c => c.Id == e.CompanyId).Select(c => c.Name).First()))
            .FirstOrDefault());
        return facts is null
            ? null
            : new EnrolledCompany(facts.ProgrammeId, facts.CompanyId, facts.ProgrammeName, facts.ProgrammeCountry, facts.CompanyName, facts.IsActive, standing);
    }

    /// <summary>A standing from the account roles alone (no programme roles): enough for account-wide operations.</summary>
    public static Standing AccountStanding(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty, AccountRoles(user), [], []);

    private static HashSet<string> AccountRoles(ClaimsPrincipal user) => Roles.All.Where(user.IsInRole).ToHashSet(StringComparer.Ordinal);
}

/// <summary>One row of the standing's command: the person's memberships, coached companies, unread count, and the facts asked for.</summary>
internal sealed class StandingRow<T>
{
    public List<Membership> Memberships { get; init; } = [];

    public List<Coaching> Coached { get; init; } = [];

    public int Unread { get; init; }

    /// <summary>False when only the facts were read (the standing was loaded already).</summary>
    public bool Loaded { get; init; }

    public T? Facts { get; init; }
}

internal sealed record CompanyFacts(Guid ProgrammeId, Guid CompanyId, bool IsActive, string ProgrammeName, string ProgrammeCountry, string CompanyName);

/// <summary>A company enrolled in a programme, as its pages see it, with what the signed-in person may do with it.</summary>
public sealed record EnrolledCompany(
    Guid ProgrammeId,
    Guid CompanyId,
    string ProgrammeName,
    string ProgrammeCountry,
    string CompanyName,
    bool IsActive,
    Standing Standing)
{
    public CompanyResource Resource => new(ProgrammeId, CompanyId);

    public string UserId => Standing.UserId;

    public bool Can(Operation operation) => Standing.Can(operation, Resource);

    /// <summary><see cref="Operation.SeeCompany"/>.</summary>
    public bool MayView => Can(Operation.SeeCompany);

    /// <summary><see cref="Operation.WorkOnCompany"/>.</summary>
    public bool MayEdit => Can(Operation.WorkOnCompany);

    /// <summary><see cref="Operation.ManageCompany"/>.</summary>
    public bool MayManage => Can(Operation.ManageCompany);

    /// <summary><see cref="Operation.PublishReports"/> in the company's programme.</summary>
    public bool MayPublish => Can(Operation.PublishReports);

    /// <summary><see cref="Operation.ConsentToSharing"/>.</summary>
    public bool IsCompanyManager => Can(Operation.ConsentToSharing);

    /// <summary>The worksheet when the page is about one.</summary>
    public Guid? WorksheetId { get; init; }

    /// <summary>The currency a new worksheet starts with (editable).</summary>
    public string DefaultCurrency => Currencies.DefaultFor(ProgrammeCountry);
}
