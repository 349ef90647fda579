using Microsoft.AspNetCore.Authorization;

namespace CpTraining.Web.Identity;

/// <summary>An <see cref="Operation"/> as an authorization requirement, for policies and <c>IAuthorizationService</c>.</summary>
public sealed record OperationRequirement(Operation Operation) : IAuthorizationRequirement;

/// <summary>Account-wide operations in policies (<see cref="Policies"/>): decided by <see cref="Standing.Can(Operation)"/>.</summary>
internal sealed class AccountOperationHandler : AuthorizationHandler<OperationRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationRequirement requirement)
    {
        if (context.Resource is not Resource && AccessControl.AccountStanding(context.User).Can(requirement.Operation))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Operations on a programme, company or piece of work: decided by <see cref="Standing.Can(Operation, Resource)"/>.</summary>
internal sealed class ResourceOperationHandler(AccessControl access) : AuthorizationHandler<OperationRequirement, Resource>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, OperationRequirement requirement, Resource resource)
    {
        if (await access.CanAsync(requirement.Operation, resource))
        {
            context.Succeed(requirement);
        }
    }
}
