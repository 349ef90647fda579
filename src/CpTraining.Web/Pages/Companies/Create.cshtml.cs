using CpTraining.Domain.Companies;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Companies;

/// <summary>A coordinator registers a participant company (once; it can then be enrolled in any programme).</summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class CreateModel(AppDbContext db, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public CompanyForm Input { get; set; } = new();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        Company? company = null;
        var result = await save.SaveAsync(this, () =>
        {
            company = new Company(Input.ToDetails(), time.GetUtcNow());
            db.Companies.Add(company);
            return Task.FromResult(true);
        });
        if (result != SaveResult.Saved)
        {
            return Page();
        }

        TempData["Success"] = t["{0} has been registered.", company!.Name].Value;
        return RedirectToPage("/Companies/Details", new { id = company.Id });
    }
}
