using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Data;

/// <summary>Identity's tables under snake_case names like the rest of the schema (columns are named by the naming convention in <see cref="SnakeCase"/>).</summary>
internal static class IdentityTableNames
{
    public static void Apply(ModelBuilder builder)
    {
        builder.Entity<AppUser>(b =>
        {
            b.ToTable("users");
            b.Property(u => u.DisplayName).HasMaxLength(AppUser.DisplayNameMaxLength);
            b.Property(u => u.PreferredLanguage).HasMaxLength(10);
            b.Property(u => u.Position).HasMaxLength(AppUser.PositionMaxLength);
            b.Property(u => u.TaskEmails).HasDefaultValue(true).HasSentinel(true);
        });
        builder.Entity<IdentityRole>().ToTable("roles");
        builder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        SnakeCase.Apply(builder);
    }
}
