using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using CpTraining.Web.Pages.Companies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.Companies;

/// <summary>
/// One company in one programme: its data, environmental problem, CP team, trainer and pilot flag. Readable per
/// <see cref="Operation.SeeCompany"/>; the team is edited per <see cref="Operation.ManageCompany"/> (coordinators,
/// the assigned trainer); enrolment actions (pilot, trainer, archive, remove) are for the programme's coordinators.
/// Programme and company come from the route only: handlers never bind them from the body, and a company that is
/// not enrolled in this programme is not found here.
/// </summary>
[Authorize]
public sealed class DetailsModel(
    AppDbContext db,
    AccessControl access,
    SaveFlow save,
    UserManager<AppUser> users,
    TimeProvider time,
    IConfiguration configuration,
    IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>
    /// A broken rule next to its field on the team form, or above the page when it is about the enrolment itself
    /// (e.g. the company was archived meanwhile), which has no field on any form here.
    /// </summary>
    private static readonly FormFields TeamForm = new FormFields().Above("CompanyId");

    public PersonInput Input { get; set; } = new();

    public string ProgrammeName { get; private set; } = string.Empty;

    public CompanyView Company { get; private set; } = null!;

    public EnrolmentView View { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, [FromRoute] Guid companyId)
    {
        return await CheckAsync(id, companyId, Operation.SeeCompany) ?? await PageAsync(id, companyId);
    }

    /// <summary>Adds a person to the CP team by e-mail: an existing account joins; otherwise an account is created and invited, in the same transaction.</summary>
    public async Task<IActionResult> OnPostAddPersonAsync([FromRoute] Guid id, [FromRoute] Guid companyId, [Bind(Prefix = nameof(Input))] PersonInput input)
    {
        if (await CheckAsync(id, companyId, Operation.ManageCompany) is { } denied)
        {
            return denied;
        }

        Input = input;
        var email = input.Email.Trim();
        if (ModelState.IsValid && string.IsNullOrWhiteSpace(input.DisplayName) && await users.FindByEmailAsync(email) is null)
        {
            ModelState.AddModelError("Input.DisplayName", t["There is no account with this e-mail yet: give the person's name to invite them."]);
        }

        if (!ModelState.IsValid)
        {
            return await PageAsync(id, companyId);
        }

        var role = input.Role == Roles.Manager ? ProgrammeRole.Manager : ProgrammeRole.Engineer;
        var invited = false;
        var result = await save.SaveInTransactionAsync(this, async () =>
        {
            invited = false;
            var programme = await Changes(id, companyId).ProgrammeAsync();
            var person = await users.FindByEmailAsync(email);
            if (person is null)
            {
                person = input.NewAccount(email, time.GetUtcNow());
                var created = await IdentitySetup.InviteAsync(
                    users,
                    db,
                    person,
                    role == ProgrammeRole.Manager ? Roles.Manager : Roles.Engineer,
                    (address, token) => Url.AbsolutePage(configuration, "/Account/ResetPassword", new { email = address, token }),
                    t,
                    time.GetUtcNow());
                foreach (var error in created.Errors)
                {
                    ModelState.AddModelError("Input.Email", error.Description);
                }

                invited = created.Succeeded;
                if (!invited)
                {
                    return false;
                }
            }

            programme.AddTeamMember(companyId, person.Id, role);
            return true;
        }, TeamForm);
        if (result != SaveResult.Saved)
        {
            return await RefusedAsync(id, companyId, result);
        }

        TempData["Success"] = invited
            ? t["An account has been created for {0} and the invitation is in the outbox; they are now in the CP team.", email].Value
            : t["{0} has been added to the CP team.", email].Value;
        return RedirectToPage(new { id, companyId });
    }

    public async Task<IActionResult> OnPostRemovePersonAsync([FromRoute] Guid id, [FromRoute] Guid companyId, Guid memberId)
    {
        if (await CheckAsync(id, companyId, Operation.ManageCompany) is { } denied)
        {
            return denied;
        }

        var member = await db.ProgrammeMembers.AsNoTracking().SingleOrDefaultAsync(m => m.Id == memberId && m.ProgrammeId == id && m.CompanyId == companyId);
        if (member is null)
        {
            return NotFound();
        }

        var email = await db.Users.Where(u => u.Id == member.UserId).Select(u => u.Email).SingleAsync();
        var result = await save.SaveAsync(this, () => Changes(id, companyId).RemovePersonAsync(member.Id), TeamForm);
        if (result != SaveResult.Saved)
        {
            return await RefusedAsync(id, companyId, result);
        }

        TempData["Success"] = t["{0} has been removed from the CP team.", email ?? string.Empty].Value;
        return RedirectToPage(new { id, companyId });
    }

    public async Task<IActionResult> OnPostPilotAsync([FromRoute] Guid id, [FromRoute] Guid companyId, bool isPilot, bool toList)
    {
        if (await CheckAsync(id, companyId, Operation.ManageProgramme) is { } denied)
        {
            return denied;
        }

        var result = await save.SaveAsync(this, () => Changes(id, companyId).SetPilotAsync(isPilot), TeamForm);
        if (result != SaveResult.Saved)
        {
            return await RefusedAsync(id, companyId, result);
        }

        TempData["Success"] = (isPilot ? t["{0} is a pilot company of the programme.", Company.Name] : t["{0} is no longer a pilot company.", Company.Name]).Value;
        return Back(id, companyId, toList);
    }

    public async Task<IActionResult> OnPostTrainerAsync([FromRoute] Guid id, [FromRoute] Guid companyId, string? trainerUserId, bool toList)
    {
        if (await CheckAsync(id, companyId, Operation.ManageProgramme) is { } denied)
        {
            return denied;
        }

        trainerUserId = string.IsNullOrWhiteSpace(trainerUserId) ? null : trainerUserId;
        if (trainerUserId is not null && !(await TrainerOption.LoadAsync(db)).Exists(o => o.UserId == trainerUserId))
        {
            ModelState.AddModelError(string.Empty, t["Choose a trainer from the list."]);
            return await PageAsync(id, companyId);
        }

        var result = await save.SaveAsync(this, () => Changes(id, companyId).AssignTrainerAsync(trainerUserId), TeamForm);
        if (result != SaveResult.Saved)
        {
            return await RefusedAsync(id, companyId, result);
        }

        TempData["Success"] = t["The trainer of {0} has been saved.", Company.Name].Value;
        return Back(id, companyId, toList);
    }

    public async Task<IActionResult> OnPostArchiveAsync([FromRoute] Guid id, [FromRoute] Guid companyId)
    {
        if (await CheckAsync(id, companyId, Operation.ManageProgramme) is { } denied)
        {
            return denied;
        }

        var result = await save.SaveAsync(this, Changes(id, companyId).ArchiveAsync, TeamForm);
        if (result != SaveResult.Saved)
        {
            return await RefusedAsync(id, companyId, result);
        }

        // Its people lose access: the access model refuses them, and their signed-in sessions end (Events/SessionEnd).
        TempData["Success"] = t["{0} has been archived; its records are kept and its people no longer have access.", Company.Name].Value;
        return RedirectToPage("/Programmes/Companies/Index", new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromRoute] Guid id, [FromRoute] Guid companyId)
    {
        if (await CheckAsync(id, companyId, Operation.ManageProgramme) is { } denied)
        {
            return denied;
        }

        var result = await save.SaveAsync(this, Changes(id, companyId).RemoveAsync, TeamForm);
        if (result != SaveResult.Saved)
        {
            return await RefusedAsync(id, companyId, result);
        }

        TempData["Success"] = t["{0} has been removed from the programme.", Company.Name].Value;
        return RedirectToPage("/Programmes/Companies/Index", new { id });
    }

    private EnrolmentChanges Changes(Guid id, Guid companyId) => new(db, time, id, companyId);

    private IActionResult Back(Guid id, Guid companyId, bool toList) =>
        toList ? RedirectToPage("/Programmes/Companies/Index", new { id }) : RedirectToPage(new { id, companyId });

    /// <summary>The page again after a refused change (the rule is in the model state) or a change that lost to another.</summary>
    private async Task<IActionResult> RefusedAsync(Guid id, Guid companyId, SaveResult result)
    {
        ModelState.AddCompaniesConflict(result, t);
        return await PageAsync(id, companyId);
    }

    private async Task<IActionResult> PageAsync(Guid id, Guid companyId)
    {
        View = await EnrolmentView.LoadAsync(db, access, id, companyId);
        return Page();
    }

    /// <summary>Not found unless the company is (or was) enrolled in this programme; then the operation is checked for this company or programme.</summary>
    private async Task<IActionResult?> CheckAsync(Guid id, Guid companyId, Operation operation)
    {
        var found = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == id && e.CompanyId == companyId)
            .Select(e => new
            {
                Programme = db.Programmes.Where(p => p.Id == id).Select(p => p.Name).Single(),
                Company = db.Companies.Where(c => c.Id == companyId)
                    .Select(c => new CompanyView(c.Id, c.Name, c.SectorCode, c.SectorName, c.City, c.Region, c.Country, c.Employees, c.Address, c.ProductionDescription, c.EnvironmentalProblem))
                    .Single(),
            })
            .SingleOrDefaultAsync();
        if (found is null)
        {
            return NotFound();
        }

        if (!await access.CanAsync(operation, new CompanyResource(id, companyId)))
        {
            return Forbid();
        }

        ProgrammeName = found.Programme;
        Company = found.Company;
        return null;
    }
}
