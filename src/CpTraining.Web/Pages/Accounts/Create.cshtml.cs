using System.ComponentModel.DataAnnotations;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Accounts;

/// <summary>
/// Creates an account and e-mails an invitation to set the password (no self-registration). Coordinators may
/// invite coordinators, trainers, engineers and managers; only administrators may create administrators.
/// </summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class CreateModel(UserManager<AppUser> users, AppDbContext db, AccessControl access, TimeProvider time, IConfiguration configuration, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public IReadOnlyList<string> AllowedRoles =>
        access.Can(Operation.Administer) ? Roles.All : [Roles.Coordinator, Roles.Trainer, Roles.Engineer, Roles.Manager];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!AllowedRoles.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", t["You may not give this role."]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var email = Input.Email.Trim();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            DisplayName = Input.DisplayName.Trim(),
            PreferredLanguage = Input.Language,
            CreatedAt = time.GetUtcNow(),
        };
        var result = await IdentitySetup.InviteAsync(
            users,
            db,
            user,
            Input.Role,
            (address, token) => Url.AbsolutePage(configuration, "/Account/ResetPassword", new { email = address, token }),
            t,
            time.GetUtcNow());
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError("Input.Email", error.Description);
            }

            return Page();
        }

        TempData["Success"] = t["{0} has been invited; the invitation is in the outbox.", user.DisplayName].Value;
        return RedirectToPage("/Accounts/Index");
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "This field is required.")]
        [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Name")]
        public string DisplayName { get; set; } = string.Empty;

        [Required(ErrorMessage = "This field is required.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(256, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "This field is required.")]
        [Display(Name = "Role")]
        public string Role { get; set; } = Roles.Engineer;

        [Required(ErrorMessage = "This field is required.")]
        [RegularExpression("^(en|uk)$", ErrorMessage = "Choose one of the offered languages.")]
        [Display(Name = "Language")]
        public string Language { get; set; } = "en";
    }
}
