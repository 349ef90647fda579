using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Accounts;

/// <summary>Accounts, for the people who create them (administrators and coordinators).</summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class IndexModel(AppDbContext db, TimeProvider time) : PageModel
{
    public IReadOnlyList<Row> Accounts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var now = time.GetUtcNow();
        var users = await db.Users.AsNoTracking()
            .OrderBy(u => u.DisplayName)
            .Select(u => new
            {
                u.DisplayName,
                u.Email,
                HasPassword = u.PasswordHash != null,
                u.LockoutEnd,
                Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
            })
            .ToListAsync();
        Accounts = users
            .Select(u => new Row(u.DisplayName, u.Email ?? string.Empty, u.Roles, u.HasPassword, u.LockoutEnd > now))
            .ToList();
    }

    public sealed record Row(string Name, string Email, IReadOnlyList<string> Roles, bool HasPassword, bool LockedOut);
}
