using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes;

/// <summary>The programme's coordinators (and administrators) change its details.</summary>
[Authorize(Policy = Policies.ManageProgrammes)]
public sealed class EditModel(AppDbContext db, AccessControl access, SaveFlow save, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string ProgrammeName { get; private set; } = string.Empty;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        var denied = await CheckAsync(id);
        if (denied is not null)
        {
            return denied;
        }

        var loaded = await db.Programmes.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new { Programme = x, Version = EF.Property<uint>(x, "Version") }).SingleAsync();
        var p = loaded.Programme;
        ProgrammeName = p.Name;
        Input = new InputModel
        {
            Name = p.Name, Organisers = p.Organisers, City = p.City, Region = p.Region, Country = p.Country,
            Language = p.Language, Description = p.Description, TimeZoneId = p.TimeZoneId,
            Version = loaded.Version,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        var denied = await CheckAsync(id);
        if (denied is not null)
        {
            return denied;
        }

        ProgrammeName = await db.Programmes.Where(x => x.Id == id).Select(x => x.Name).SingleAsync();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await save.SaveAsync(this, async () =>
        {
            var programme = save.Expect(await db.Programmes.SingleAsync(x => x.Id == id), Input.Version);
            programme.ChangeDetails(Input.ToDetails());
            return true;
        });
        switch (result)
        {
            case SaveResult.Conflict:
                // Keep what the user typed; show the current saved values; the next save (with the new version) overwrites deliberately.
                var current = await db.Programmes.AsNoTracking().Where(x => x.Id == id)
                    .Select(x => new { x.Name, Version = EF.Property<uint>(x, "Version") }).SingleAsync();
                Input.Version = current.Version;
                ModelState.AddConflict(t["Someone else saved this programme while you were editing it. The saved name is now \"{0}\". Check your changes below and save again to overwrite theirs, or cancel.", current.Name], "Input.Version");
                return Page();
            case SaveResult.Refused:
                return Page();
        }

        TempData["Success"] = t["The programme has been saved."].Value;
        return RedirectToPage("/Programmes/Details", new { id });
    }

    private async Task<IActionResult?> CheckAsync(Guid id)
    {
        if (!await db.Programmes.AnyAsync(p => p.Id == id))
        {
            return NotFound();
        }

        return await access.CanAsync(Operation.ManageProgramme, new ProgrammeResource(id)) ? null : Forbid();
    }

    public sealed class InputModel : ProgrammeForm
    {
        public uint Version { get; set; }
    }
}
