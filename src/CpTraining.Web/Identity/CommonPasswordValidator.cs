using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Identity;

/// <summary>
/// Refuses passwords that are common, built from the person's e-mail address, or one character repeated.
/// Length (12+) is checked by Identity's options; no composition rules (NIST SP 800-63B).
/// </summary>
internal sealed class CommonPasswordValidator(IStringLocalizer<SharedResource> localizer) : IPasswordValidator<AppUser>
{
    private static readonly Lazy<HashSet<string>> Common = new(Load);

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);
        }

        var normalized = password.Trim().ToLowerInvariant();
        var localPart = user.Email?.Split('@')[0].ToLowerInvariant();
        var isCommon = Common.Value.Contains(normalized)
            || normalized.Distinct().Count() <= 2
            || (localPart is { Length: >= 4 } && normalized.Contains(localPart, StringComparison.Ordinal));
        return Task.FromResult(isCommon
            ? IdentityResult.Failed(new IdentityError
            {
                Code = "CommonPassword",
                Description = localizer["This password is too common or too easy to guess. Choose a longer phrase that is unique to you."],
            })
            : IdentityResult.Success);
    }

    private static HashSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream("CpTraining.Web.Identity.common-passwords.txt")
            ?? throw new InvalidOperationException("The embedded common-password list is missing.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && line[0] != '#')
            {
                set.Add(line.Trim().ToLowerInvariant());
            }
        }

        return set;
    }
}
