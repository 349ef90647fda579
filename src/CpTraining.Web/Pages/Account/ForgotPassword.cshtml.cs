using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Account;

/// <summary>Puts a password-reset link in the outbox. The answer is the same whether or not the account exists.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(
    UserManager<AppUser> users,
    AppDbContext db,
    TimeProvider time,
    IConfiguration configuration,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public bool Sent { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is not null)
        {
            var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync(user)));
            var link = Url.AbsolutePage(configuration, "/Account/ResetPassword", new { email = user.Email, token });
            var previous = CultureInfo.CurrentUICulture;
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(user.PreferredLanguage);
            try
            {
                db.OutboxMessages.Add(new OutboxMessage(
                    user.Email!,
                    t["Reset your CpTraining password"],
                    t["Hello {0},\n\nsomeone (hopefully you) asked to reset your CpTraining password. Choose a new one here:\n\n{1}\n\nIf it was not you, ignore this message.", user.DisplayName, link],
                    time.GetUtcNow()));
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }

            await db.SaveChangesAsync();
        }

        Sent = true;
        return Page();
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "This field is required.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;
    }
}
