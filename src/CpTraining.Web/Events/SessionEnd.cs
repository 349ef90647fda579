using CpTraining.Domain;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;

namespace CpTraining.Web.Events;

/// <summary>
/// Ends the signed-in sessions of people who lost access (left a CP team or the programme, their company archived or
/// removed): their security stamp changes in the same save, so their cookie fails its next validation and the access
/// is gone at their next request instead of when the cookie expires.
/// </summary>
public sealed class SessionEnd(AppDbContext db) : IEventHandler
{
    public async Task HandleAsync(IDomainEvent domainEvent, CancellationToken ct)
    {
        IReadOnlyList<string> people = domainEvent switch
        {
            MemberRemoved e => [e.UserId],
            CompanyArchived e => e.TeamUserIds,
            _ => [],
        };
        foreach (var userId in people.Distinct())
        {
            if (await db.Users.FindAsync([userId], ct) is { } user)
            {
                // What UserManager.UpdateSecurityStampAsync does, without a save of its own.
                user.SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant();
                user.ConcurrencyStamp = Guid.NewGuid().ToString();
            }
        }
    }
}
