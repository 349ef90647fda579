using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.Companies;

/// <summary>Shared by the programme's company pages: taking access away, naming people.</summary>
internal static class CompanyAccess
{
    /// <summary>
    /// Makes the people's sign-in cookies fail their next security-stamp validation, so access they lost (removed
    /// from a team, company archived) is gone at their next request instead of when the cookie expires.
    /// </summary>
    public static async Task RevokeSessionsAsync(UserManager<AppUser> users, IEnumerable<string> userIds)
    {
        foreach (var userId in userIds.Distinct())
        {
            if (await users.FindByIdAsync(userId) is { } person)
            {
                await users.UpdateSecurityStampAsync(person);
            }
        }
    }

    /// <summary>"Name &lt;e-mail&gt;" of accounts, for audit entries and messages.</summary>
    public static async Task<Dictionary<string, string>> DescribePeopleAsync(AppDbContext db, IEnumerable<string?> userIds)
    {
        var ids = userIds.OfType<string>().Distinct().ToList();
        return await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName + " <" + u.Email + ">");
    }
}

/// <summary>One row of the programme's company list with what the row partial needs.</summary>
public sealed record CompanyRowView(Guid ProgrammeId, IndexModel.Row Row, bool CanManage, IReadOnlyList<TrainerOption> Trainers);
