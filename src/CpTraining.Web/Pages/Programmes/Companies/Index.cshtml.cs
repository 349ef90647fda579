using System.ComponentModel.DataAnnotations;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.Companies;

/// <summary>
/// The companies enrolled in a programme, and its CP advisors in training. Every member of the programme may open
/// it, but sees only the rows <see cref="Operation.SeeCompany"/> allows: coordinators and trainers all companies,
/// engineers and managers their own company only. Coordinators add and remove advisors in training here; the
/// company-level actions (pilot, trainer, archive, remove) post to the company's page, with its id in the route.
/// </summary>
[Authorize]
public sealed class IndexModel(
    AppDbContext db,
    AccessControl access,
    UserManager<AppUser> users,
    SaveFlow save,
    IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public AdvisorInput Advisor { get; set; } = new();

    public string ProgrammeName { get; private set; } = string.Empty;

    public bool CanManage { get; private set; }

    public bool SeesAll { get; private set; }

    public IReadOnlyList<Row> Active { get; private set; } = [];

    public IReadOnlyList<Row> Archived { get; private set; } = [];

    public IReadOnlyList<AdvisorRow> Advisors { get; private set; } = [];

    public IReadOnlyList<TrainerOption> Trainers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id)
    {
        var denied = await CheckAsync(id, Operation.SeeProgramme);
        if (denied is not null)
        {
            return denied;
        }

        await LoadAsync(id);
        return Page();
    }

    public async Task<IActionResult> OnPostAddAdvisorAsync([FromRoute] Guid id)
    {
        var denied = await CheckAsync(id, Operation.ManageProgramme);
        if (denied is not null)
        {
            return denied;
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(id);
            return Page();
        }

        var person = await users.FindByEmailAsync(Advisor.Email.Trim());
        if (person is null)
        {
            ModelState.AddModelError("Advisor.Email", t["There is no account with this e-mail; invite the person under Accounts first."]);
            await LoadAsync(id);
            return Page();
        }

        var result = await save.SaveAsync(this, async () =>
        {
            var programme = await db.Programmes.Include(p => p.Members).SingleAsync(p => p.Id == id);
            if (programme.Members.Any(m => m.UserId == person.Id && m.Role == ProgrammeRole.AdvisorInTraining))
            {
                ModelState.AddModelError("Advisor.Email", t["This person is already a CP advisor in training in this programme."]);
                return false;
            }

            programme.AddMember(person.Id, ProgrammeRole.AdvisorInTraining);
            return true;
        }, new FormFields("Advisor"));
        if (result != SaveResult.Saved)
        {
            ModelState.AddCompaniesConflict(result, t);
            await LoadAsync(id);
            return Page();
        }

        TempData["Success"] = t["{0} is now a CP advisor in training.", person.DisplayName].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRemoveAdvisorAsync([FromRoute] Guid id, Guid memberId)
    {
        var denied = await CheckAsync(id, Operation.ManageProgramme);
        if (denied is not null)
        {
            return denied;
        }

        if (!await db.ProgrammeMembers.AnyAsync(m => m.Id == memberId && m.ProgrammeId == id && m.Role == ProgrammeRole.AdvisorInTraining))
        {
            return NotFound();
        }

        // The audit entry and the end of the advisor's sessions follow from the removal's event (Events).
        var result = await save.SaveAsync(this, async () =>
        {
            var programme = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == id);
            programme.RemoveMember(memberId);
            return true;
        }, FormFields.AllAbove);
        if (result != SaveResult.Saved)
        {
            ModelState.AddCompaniesConflict(result, t);
            await LoadAsync(id);
            return Page();
        }

        TempData["Success"] = t["The CP advisor in training has been removed from the programme."].Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> CheckAsync(Guid id, Operation operation)
    {
        var name = await db.Programmes.Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync();
        if (name is null)
        {
            return NotFound();
        }

        if (!await access.CanAsync(operation, new ProgrammeResource(id)))
        {
            return Forbid();
        }

        ProgrammeName = name;
        return null;
    }

    private async Task LoadAsync(Guid id)
    {
        CanManage = await access.CanAsync(Operation.ManageProgramme, new ProgrammeResource(id));
        var standing = await access.StandingAsync();
        SeesAll = standing.Can(Operation.SeeAllCompanies, new ProgrammeResource(id));

        // Never others' rows: the rest see only the active companies whose CP team they are in.
        var enrolments = standing.VisibleCompanies(db.Enrolments.AsNoTracking(), id);

        var rows = await enrolments
            .Join(db.Companies, e => e.CompanyId, c => c.Id, (e, c) => new { e, c })
            .OrderBy(x => x.c.Name)
            .Select(x => new Row(
                x.c.Id,
                x.c.Name,
                x.c.City,
                x.c.SectorCode,
                x.e.IsPilot,
                x.e.ArchivedAt,
                x.e.TrainerUserId,
                db.Users.Where(u => u.Id == x.e.TrainerUserId).Select(u => u.DisplayName).FirstOrDefault(),
                db.ProgrammeMembers.Count(m => m.ProgrammeId == id && m.CompanyId == x.c.Id && m.Role == ProgrammeRole.Engineer),
                db.ProgrammeMembers.Count(m => m.ProgrammeId == id && m.CompanyId == x.c.Id && m.Role == ProgrammeRole.Manager)))
            .ToListAsync();
        Active = rows.Where(r => r.ArchivedAt is null).ToList();
        Archived = rows.Where(r => r.ArchivedAt is not null).ToList();
        if (SeesAll)
        {
            Advisors = await db.ProgrammeMembers.AsNoTracking()
                .Where(m => m.ProgrammeId == id && m.Role == ProgrammeRole.AdvisorInTraining)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
                .OrderBy(x => x.u.DisplayName)
                .Select(x => new AdvisorRow(x.m.Id, x.u.DisplayName, x.u.Email, x.u.Position))
                .ToListAsync();
        }

        if (CanManage)
        {
            Trainers = await TrainerOption.LoadAsync(db);
        }
    }

    public sealed record Row(
        Guid CompanyId,
        string Name,
        string City,
        string? SectorCode,
        bool IsPilot,
        DateTimeOffset? ArchivedAt,
        string? TrainerUserId,
        string? TrainerName,
        int Engineers,
        int Managers);

    public sealed record AdvisorRow(Guid MemberId, string Name, string? Email, string? Position);

    public sealed class AdvisorInput
    {
        [Required(ErrorMessage = "This field is required.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(256, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;
    }
}

/// <summary>An account in the Trainer role, offered as a company's CP advisor.</summary>
public sealed record TrainerOption(string UserId, string Name, string? Email)
{
    public static Task<List<TrainerOption>> LoadAsync(AppDbContext db) =>
        (from u in db.Users
         join ur in db.UserRoles on u.Id equals ur.UserId
         join r in db.Roles on ur.RoleId equals r.Id
         where r.Name == Roles.Trainer
         orderby u.DisplayName
         select new TrainerOption(u.Id, u.DisplayName, u.Email))
        .AsNoTracking()
        .ToListAsync();
}
