using CpTraining.Domain;
using CpTraining.Domain.Companies;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Companies;

/// <summary>A coordinator registers a participant company (once; it can then be enrolled in any programme).</summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class CreateModel(AppDbContext db, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
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

        Company company;
        try
        {
            company = new Company(Input.ToDetails(), time.GetUtcNow());
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(ex, t);
            return Page();
        }

        db.Companies.Add(company);
        await db.SaveChangesAsync();
        TempData["Success"] = t["{0} has been registered.", company.Name].Value;
        return RedirectToPage("/Companies/Details", new { id = company.Id });
    }
}
