using Microsoft.AspNetCore.Identity;

namespace CpTraining.Web.Identity;

/// <summary>An account. Accounts are created by administrators and coordinators; people set their password through an invitation link.</summary>
public sealed class AppUser : IdentityUser
{
    public const int DisplayNameMaxLength = 200;
    public const int PositionMaxLength = 200;

    public string DisplayName { get; set; } = string.Empty;

    /// <summary>UI culture the person prefers ("en" or "uk"); applied at sign-in.</summary>
    public string PreferredLanguage { get; set; } = "en";

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Job title in the company, e.g. "Chief process engineer".</summary>
    public string? Position { get; set; }

    /// <summary>Whether home-task e-mails (assigned, due soon, overdue, returned, accepted) are sent; in-app notifications always are.</summary>
    public bool TaskEmails { get; set; } = true;
}
