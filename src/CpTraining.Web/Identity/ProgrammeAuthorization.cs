using System.Security.Claims;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Identity;

/// <summary>What can be done with one programme.</summary>
public static class ProgrammeOperations
{
    /// <summary>See the programme, its schedule and agendas.</summary>
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };

    /// <summary>Change the programme's details, schedule and agendas.</summary>
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };
}

/// <summary>
/// Resource-based checks for a programme loaded by id: administrators may do everything; the programme's
/// coordinators may manage it; any other member may view it (engineers and managers only while their
/// company is actively enrolled). Everyone else is refused.
/// </summary>
internal sealed class ProgrammeAuthorizationHandler(AppDbContext db)
    : AuthorizationHandler<OperationAuthorizationRequirement, ProgrammeResource>
{
    protected override async Task HandleRequirementAsync(
        AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement,
        ProgrammeResource resource)
    {
        var standing = await ProgrammeStanding.LoadAsync(db, context.User, resource.ProgrammeId);
        var allowed = requirement.Name == ProgrammeOperations.Manage.Name ? standing.MayManage : standing.IsMember;
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>
/// Where one user stands in one programme, read in one query: the single definition of "coordinates",
/// "trains in" and "is a member" that the authorization handlers and the list pages (which must not check
/// row by row) all use. Engineers and managers count only while their company is actively enrolled.
/// </summary>
public sealed record ProgrammeStanding(string UserId, bool IsAdministrator, bool Coordinates, bool Trains, bool IsMember)
{
    /// <summary>Administrators and the programme's coordinators (who also hold the Coordinator account role).</summary>
    public bool MayManage => IsAdministrator || Coordinates;

    /// <summary>Sees every company of the programme: administrators, its coordinators and its trainers.</summary>
    public bool SeesAllCompanies => MayManage || Trains;

    public static async Task<ProgrammeStanding> LoadAsync(AppDbContext db, ClaimsPrincipal user, Guid programmeId)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        var roles = await db.ProgrammeMembers.AsNoTracking()
            .Where(m => m.ProgrammeId == programmeId && m.UserId == userId)
            .Where(m => m.CompanyId == null || db.Enrolments.Any(e => e.ProgrammeId == m.ProgrammeId && e.CompanyId == m.CompanyId && e.ArchivedAt == null))
            .Select(m => m.Role)
            .ToListAsync();
        var isAdministrator = user.IsInRole(Roles.Administrator);
        return new ProgrammeStanding(
            userId,
            isAdministrator,
            roles.Contains(ProgrammeRole.Coordinator) && user.IsInRole(Roles.Coordinator),
            roles.Contains(ProgrammeRole.Trainer),
            isAdministrator || roles.Count > 0);
    }
}

/// <summary>What can be done with one company's pages inside a programme.</summary>
public static class CompanyOperations
{
    /// <summary>Read the company's pages in the programme (team, results).</summary>
    public static readonly OperationAuthorizationRequirement View = new() { Name = nameof(View) };

    /// <summary>Change the company's data, team and records in the programme.</summary>
    public static readonly OperationAuthorizationRequirement Manage = new() { Name = nameof(Manage) };
}

/// <summary>One enrolled company in one programme.</summary>
public sealed record CompanyResource(Guid ProgrammeId, Guid CompanyId);

/// <summary>
/// Who may see and change a company in a programme: administrators and the programme's coordinators
/// everything; the company's assigned trainer manages it, other trainers of the programme read it;
/// the company's engineers and managers read it while it is actively enrolled; nobody else.
/// </summary>
internal sealed class CompanyAuthorizationHandler(AppDbContext db)
    : AuthorizationHandler<OperationAuthorizationRequirement, CompanyResource>
{
    protected override async Task HandleRequirementAsync(
        AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement,
        CompanyResource resource)
    {
        if (context.User.IsInRole(Roles.Administrator))
        {
            context.Succeed(requirement);
            return;
        }

        var userId = context.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return;
        }

        var enrolment = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == resource.ProgrammeId && e.CompanyId == resource.CompanyId)
            .Select(e => new { e.TrainerUserId, e.ArchivedAt })
            .SingleOrDefaultAsync();
        if (enrolment is null)
        {
            return;
        }

        var memberships = await db.ProgrammeMembers.AsNoTracking()
            .Where(m => m.ProgrammeId == resource.ProgrammeId && m.UserId == userId)
            .Select(m => new { m.Role, m.CompanyId })
            .ToListAsync();
        var coordinates = memberships.Exists(m => m.Role == ProgrammeRole.Coordinator) && context.User.IsInRole(Roles.Coordinator);
        var trainsIt = enrolment.TrainerUserId == userId && memberships.Exists(m => m.Role == ProgrammeRole.Trainer);
        var trainsInProgramme = memberships.Exists(m => m.Role == ProgrammeRole.Trainer);
        var inTeam = enrolment.ArchivedAt is null && memberships.Exists(m => m.CompanyId == resource.CompanyId);
        var allowed = requirement.Name == CompanyOperations.Manage.Name
            ? coordinates || (trainsIt && enrolment.ArchivedAt is null)
            : coordinates || trainsIt || trainsInProgramme || inTeam;
        if (allowed)
        {
            context.Succeed(requirement);
        }
    }
}

/// <summary>The programme an authorization check is about.</summary>
public sealed record ProgrammeResource(Guid ProgrammeId);

internal static class ProgrammeVisibility
{
    /// <summary>
    /// Programmes the user may see in lists: all for administrators, else those they are a member of; engineers
    /// and managers only while their company is actively enrolled (the same rule as <see cref="ProgrammeAuthorizationHandler"/>).
    /// </summary>
    public static IQueryable<Programme> VisibleTo(this IQueryable<Programme> programmes, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Administrator))
        {
            return programmes;
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        return programmes.Where(p => p.Members.Any(m => m.UserId == userId
            && (m.CompanyId == null || p.Enrolments.Any(e => e.CompanyId == m.CompanyId && e.ArchivedAt == null))));
    }
}
