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
/// coordinators may manage it; any other member may view it. Everyone else is refused.
/// </summary>
internal sealed class ProgrammeAuthorizationHandler(AppDbContext db)
    : AuthorizationHandler<OperationAuthorizationRequirement, ProgrammeResource>
{
    protected override async Task HandleRequirementAsync(
        AuthorizationHandlerContext context,
        OperationAuthorizationRequirement requirement,
        ProgrammeResource resource)
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

        var roles = await db.ProgrammeMembers
            .Where(m => m.ProgrammeId == resource.ProgrammeId && m.UserId == userId)
            .Select(m => m.Role)
            .ToListAsync();
        var allowed = requirement.Name == ProgrammeOperations.Manage.Name
            ? roles.Contains(ProgrammeRole.Coordinator) && context.User.IsInRole(Roles.Coordinator)
            : roles.Count > 0;
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
    /// <summary>Programmes the user may see in lists: all for administrators, else those they are a member of.</summary>
    public static IQueryable<Programme> VisibleTo(this IQueryable<Programme> programmes, ClaimsPrincipal user)
    {
        if (user.IsInRole(Roles.Administrator))
        {
            return programmes;
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        return programmes.Where(p => p.Members.Any(m => m.UserId == userId));
    }
}
