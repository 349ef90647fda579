using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Identity;

/// <summary>Identity's messages in the reader's language, for the errors our pages can produce.</summary>
internal sealed class LocalizedIdentityErrorDescriber(IStringLocalizer<SharedResource> l) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) =>
        new() { Code = nameof(PasswordTooShort), Description = l["Passwords must be at least {0} characters long.", length] };

    public override IdentityError InvalidToken() =>
        new() { Code = nameof(InvalidToken), Description = l["This link is invalid or has already been used. Ask for a new one."] };

    public override IdentityError DuplicateEmail(string email) =>
        new() { Code = nameof(DuplicateEmail), Description = l["An account with the e-mail address {0} already exists.", email] };

    public override IdentityError DuplicateUserName(string userName) =>
        new() { Code = nameof(DuplicateUserName), Description = l["An account with the e-mail address {0} already exists.", userName] };

    public override IdentityError InvalidEmail(string? email) =>
        new() { Code = nameof(InvalidEmail), Description = l["'{0}' is not a valid e-mail address.", email ?? string.Empty] };

    public override IdentityError InvalidUserName(string? userName) =>
        new() { Code = nameof(InvalidUserName), Description = l["'{0}' is not a valid e-mail address.", userName ?? string.Empty] };

    public override IdentityError PasswordMismatch() =>
        new() { Code = nameof(PasswordMismatch), Description = l["The current password is not correct."] };

    public override IdentityError DefaultError() =>
        new() { Code = nameof(DefaultError), Description = l["Something went wrong; please try again."] };
}
