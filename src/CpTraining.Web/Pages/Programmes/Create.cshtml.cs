using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes;

/// <summary>A coordinator creates a programme from the Norwegian-model template and becomes its coordinator.</summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class CreateModel(AppDbContext db, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public void OnGet()
    {
        Input.FirstSessionStart = time.TodayIn(ProgrammeForm.DefaultTimeZone).AddDays(28);
        var uiLanguage = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
        if (Programme.Languages.Contains(uiLanguage))
        {
            Input.Language = uiLanguage;
        }
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Programme? programme = null;
        var result = await save.SaveAsync(this, () =>
        {
            programme = Programme.CreateFromTemplate(
                Input.ToDetails(),
                Input.FirstSessionStart!.Value,
                Input.WeeksBetweenSessions,
                User.FindFirstValue(ClaimTypes.NameIdentifier)!,
                time.GetUtcNow());
            db.Programmes.Add(programme);

            // The standard home tasks of the Norwegian model, for the coordinator to edit before assigning them.
            db.TaskTemplates.AddRange(TaskTemplate.StandardSet(programme.Id, programme.Language, programme.Sessions.Count));
            return Task.FromResult(true);
        });
        if (result != SaveResult.Saved)
        {
            return Page();
        }

        TempData["Success"] = t["The programme has been created with four sessions from the Norwegian-model template."].Value;
        return RedirectToPage("/Programmes/Details", new { id = programme!.Id });
    }

    public sealed class InputModel : ProgrammeForm
    {
        [Required(ErrorMessage = "This field is required.")]
        [Display(Name = "First session starts on")]
        public DateOnly? FirstSessionStart { get; set; }

        [Range(NorwegianModelTemplate.MinWeeksBetweenSessions, NorwegianModelTemplate.MaxWeeksBetweenSessions, ErrorMessage = "Sessions of the Norwegian model are {1} to {2} weeks apart.")]
        [Display(Name = "Weeks between sessions")]
        public int WeeksBetweenSessions { get; set; } = NorwegianModelTemplate.DefaultWeeksBetweenSessions;
    }
}
