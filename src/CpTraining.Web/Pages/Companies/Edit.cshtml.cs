using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Companies;

/// <summary>
/// Changes a company's data in the register (they are shared by every programme it takes part in). Two people
/// editing at once: the second save is refused (PostgreSQL xmin) and nothing is overwritten silently.
/// </summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class EditModel(AppDbContext db, SaveFlow save, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string CompanyName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        var loaded = await db.Companies.AsNoTracking().Where(c => c.Id == id)
            .Select(c => new { Company = c, Version = EF.Property<uint>(c, "Version") }).SingleOrDefaultAsync();
        if (loaded is null)
        {
            return NotFound();
        }

        CompanyName = loaded.Company.Name;
        Input.Fill(loaded.Company);
        Input.Version = loaded.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromRoute] Guid id)
    {
        var name = await db.Companies.Where(c => c.Id == id).Select(c => c.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }

        CompanyName = name;
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await save.SaveAsync(this, async () =>
        {
            var company = save.Expect(await db.Companies.SingleOrDefaultAsync(c => c.Id == id), Input.Version);
            company.Change(Input.ToDetails());
            return true;
        });
        switch (result)
        {
            case SaveResult.Conflict:
                // Keep what the user typed; the next save (with the current version) overwrites deliberately.
                var current = await db.Companies.AsNoTracking().Where(c => c.Id == id)
                    .Select(c => new { c.Name, Version = EF.Property<uint>(c, "Version") }).SingleAsync();
                Input.Version = current.Version;
                ModelState.AddConflict(t["Someone else saved this company while you were editing it. The saved name is now \"{0}\". Check your changes below and save again to overwrite theirs, or cancel.", current.Name], "Input.Version");
                return Page();
            case SaveResult.Refused:
                return Page();
        }

        TempData["Success"] = t["The company has been saved."].Value;
        return RedirectToPage("/Companies/Details", new { id });
    }

    public sealed class InputModel : CompanyForm
    {
        public uint Version { get; set; }
    }
}
