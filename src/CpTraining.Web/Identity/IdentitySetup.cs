using System.Globalization;
using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using System.Text;

namespace CpTraining.Web.Identity;

/// <summary>Roles, the first administrator, and invitation e-mails (accounts are created by others, never by self-registration).</summary>
internal static partial class IdentitySetup
{
    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roles)
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }
    }

    /// <summary>Creates the first administrator from CPTRAINING_ADMIN_EMAIL / CPTRAINING_ADMIN_PASSWORD when both are set and the account does not exist.</summary>
    public static async Task EnsureConfiguredAdministratorAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var email = configuration["CPTRAINING_ADMIN_EMAIL"];
        var password = configuration["CPTRAINING_ADMIN_PASSWORD"];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            return;
        }

        var admin = new AppUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = "Administrator",
            CreatedAt = services.GetRequiredService<TimeProvider>().GetUtcNow(),
        };
        var result = await users.CreateAsync(admin, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("CPTRAINING_ADMIN_PASSWORD was refused: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(admin, Roles.Administrator);
        LogAdminCreated(logger, email);
    }

    /// <summary>
    /// Creates an account without a password and puts an invitation with a set-password link in the outbox,
    /// both saved in one transaction (the caller's, when one is open).
    /// </summary>
    public static async Task<IdentityResult> InviteAsync(
        UserManager<AppUser> users,
        AppDbContext db,
        AppUser user,
        string role,
        Func<string, string, string> setPasswordLink,
        Microsoft.Extensions.Localization.IStringLocalizer localizer,
        DateTimeOffset now)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            // Part of the caller's unit (e.g. invite and add to a CP team together): the caller commits.
            var inCaller = await InviteInCurrentTransactionAsync(users, db, user, role, setPasswordLink, localizer, now);
            if (inCaller.Succeeded)
            {
                await db.SaveChangesAsync();
            }

            return inCaller;
        }

        // The retrying execution strategy requires explicit transactions to run inside it, as one retriable unit.
        var strategy = db.Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            var result = await InviteInCurrentTransactionAsync(users, db, user, role, setPasswordLink, localizer, now);
            if (!result.Succeeded)
            {
                return result;
            }

            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            return result;
        });
    }

    /// <summary>
    /// The invitation for callers that own the transaction (a bulk import saves many in one): creates the account
    /// (UserManager saves it at once, inside the caller's transaction) and adds the invitation to the unit of work;
    /// the caller saves and commits. The account and the invitation must commit together or not at all.
    /// </summary>
    public static async Task<IdentityResult> InviteInCurrentTransactionAsync(
        UserManager<AppUser> users,
        AppDbContext db,
        AppUser user,
        string role,
        Func<string, string, string> setPasswordLink,
        Microsoft.Extensions.Localization.IStringLocalizer localizer,
        DateTimeOffset now)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Begin a transaction first: the account and its invitation must be saved together.");
        }

        var result = await users.CreateAsync(user);
        if (!result.Succeeded)
        {
            return result;
        }

        await users.AddToRoleAsync(user, role);
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
        var link = setPasswordLink(user.Email!, token);
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(user.PreferredLanguage);
        try
        {
            db.OutboxMessages.Add(new OutboxMessage(
                user.Email!,
                localizer["You are invited to CpTraining"],
                localizer["Hello {0},\n\nan account has been created for you in CpTraining, the Cleaner Production training programme tool. Set your password here:\n\n{1}\n\nThe link can be used once.", user.DisplayName, link],
                now));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        return result;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Created the first administrator {Email} from configuration")]
    private static partial void LogAdminCreated(ILogger logger, string email);
}
