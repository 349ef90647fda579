using System.ComponentModel.DataAnnotations;
using CpTraining.Domain.Companies;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using CpTraining.Web.Pages.Companies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.Companies;

/// <summary>
/// The programme's coordinators enrol a company from the register, or register a new one and enrol it in one step.
/// The programme comes from the route only.
/// </summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class EnrolModel(AppDbContext db, AccessControl access, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public ExistingInput Existing { get; set; } = new();

    public NewInput New { get; set; } = new();

    public string ProgrammeName { get; private set; } = string.Empty;

    /// <summary>Register companies not (actively) enrolled in this programme.</summary>
    public IReadOnlyList<(Guid Id, string Name, string City)> Candidates { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        var denied = await CheckAsync(id);
        if (denied is not null)
        {
            return denied;
        }

        await LoadCandidatesAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostExistingAsync([FromRoute] Guid id, [Bind(Prefix = nameof(Existing))] ExistingInput existing)
    {
        var denied = await CheckAsync(id);
        if (denied is not null)
        {
            return denied;
        }

        Existing = existing;
        var company = existing.CompanyId is { } companyId
            ? await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => new { c.Id, c.Name }).SingleOrDefaultAsync()
            : null;
        if (ModelState.IsValid && company is null)
        {
            ModelState.AddModelError("Existing.CompanyId", t["Choose a company from the register."]);
        }

        if (!ModelState.IsValid)
        {
            await LoadCandidatesAsync(id);
            return Page();
        }

        var result = await save.SaveAsync(this, () => EnrolAsync(id, company!.Id, existing.IsPilot), new FormFields(nameof(Existing)));
        if (result != SaveResult.Saved)
        {
            ModelState.AddCompaniesConflict(result, t);
            await LoadCandidatesAsync(id);
            return Page();
        }

        TempData["Success"] = t["{0} has been enrolled.", company!.Name].Value;
        return RedirectToPage("/Programmes/Companies/Details", new { id, companyId = company.Id });
    }

    public async Task<IActionResult> OnPostNewAsync([FromRoute] Guid id, [Bind(Prefix = nameof(New))] NewInput input)
    {
        var denied = await CheckAsync(id);
        if (denied is not null)
        {
            return denied;
        }

        New = input;
        if (!ModelState.IsValid)
        {
            await LoadCandidatesAsync(id);
            return Page();
        }

        Company? company = null;
        var result = await save.SaveAsync(this, () =>
        {
            company = new Company(input.ToDetails(), time.GetUtcNow());
            db.Companies.Add(company);
            return EnrolAsync(id, company.Id, input.IsPilot);
        }, new FormFields(nameof(New)));
        if (result != SaveResult.Saved)
        {
            ModelState.AddCompaniesConflict(result, t);
            await LoadCandidatesAsync(id);
            return Page();
        }

        TempData["Success"] = t["{0} has been registered and enrolled.", company!.Name].Value;
        return RedirectToPage("/Programmes/Companies/Details", new { id, companyId = company.Id });
    }

    /// <summary>Enrols the company; the audit entry follows from the programme's event (Events).</summary>
    private async Task<bool> EnrolAsync(Guid id, Guid companyId, bool isPilot)
    {
        var programme = await db.Programmes.Include(p => p.Enrolments).SingleAsync(p => p.Id == id);
        programme.EnrolCompany(companyId, isPilot, time.GetUtcNow());
        return true;
    }

    private async Task<IActionResult?> CheckAsync(Guid id)
    {
        var name = await db.Programmes.Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }

        if (!await access.CanAsync(Operation.ManageProgramme, new ProgrammeResource(id)))
        {
            return Forbid();
        }

        ProgrammeName = name;
        return null;
    }

    private async Task LoadCandidatesAsync(Guid id)
    {
        var rows = await db.Companies.AsNoTracking()
            .Where(c => !db.Enrolments.Any(e => e.ProgrammeId == id && e.CompanyId == c.Id && e.ArchivedAt == null))
            .OrderBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.City })
            .ToListAsync();
        Candidates = rows.Select(r => (r.Id, r.Name, r.City)).ToList();
    }

    public sealed class ExistingInput
    {
        [Required(ErrorMessage = "Choose a company from the register.")]
        [Display(Name = "Company")]
        public Guid? CompanyId { get; set; }

        [Display(Name = "Pilot company")]
        public bool IsPilot { get; set; }
    }

    public sealed class NewInput : CompanyForm
    {
        [Display(Name = "Pilot company")]
        public bool IsPilot { get; set; }
    }
}
