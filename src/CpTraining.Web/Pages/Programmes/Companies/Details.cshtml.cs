using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CpTraining.Domain;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
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
    UserManager<AppUser> users,
    TimeProvider time,
    IConfiguration configuration,
    IStringLocalizer<SharedResource> t) : PageModel
{
    public PersonInput Input { get; set; } = new();

    public string ProgrammeName { get; private set; } = string.Empty;

    public CompanyView Company { get; private set; } = null!;

    public bool IsPilot { get; private set; }

    public DateTimeOffset? ArchivedAt { get; private set; }

    public string? TrainerUserId { get; private set; }

    public string? TrainerName { get; private set; }

    public string? TrainerEmail { get; private set; }

    public IReadOnlyList<TeamRow> Team { get; private set; } = [];

    public bool CanManageTeam { get; private set; }

    public bool CanManageEnrolment { get; private set; }

    public IReadOnlyList<TrainerOption> Trainers { get; private set; } = [];

    private string ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public async Task<IActionResult> OnGetAsync([FromRoute] Guid id, [FromRoute] Guid companyId)
    {
        var denied = await CheckAsync(id, companyId, Operation.SeeCompany);
        if (denied is not null)
        {
            return denied;
        }

        await LoadAsync(id, companyId);
        return Page();
    }

    /// <summary>Adds a person to the CP team by e-mail: an existing account joins; otherwise an account is created and invited, in the same transaction.</summary>
    public async Task<IActionResult> OnPostAddPersonAsync([FromRoute] Guid id, [FromRoute] Guid companyId, [Bind(Prefix = nameof(Input))] PersonInput input)
    {
        var denied = await CheckAsync(id, companyId, Operation.ManageCompany);
        if (denied is not null)
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
        IdentityResult? refused = null;
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                db.ChangeTracker.Clear();
                (invited, refused) = (false, null);
                await using var transaction = await db.Database.BeginTransactionAsync();
                var programme = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == id);
                var person = await users.FindByEmailAsync(email);
                if (person is null)
                {
                    person = new AppUser
                    {
                        UserName = email,
                        Email = email,
                        DisplayName = input.DisplayName?.Trim() ?? email,
                        Position = string.IsNullOrWhiteSpace(input.Position) ? null : input.Position.Trim(),
                        PhoneNumber = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim(),
                        PreferredLanguage = input.Language,
                        CreatedAt = time.GetUtcNow(),
                    };
                    var result = await IdentitySetup.InviteAsync(
                        users,
                        db,
                        person,
                        role == ProgrammeRole.Manager ? Roles.Manager : Roles.Engineer,
                        (address, token) => Url.AbsolutePage(configuration, "/Account/ResetPassword", new { email = address, token }),
                        t,
                        time.GetUtcNow());
                    if (!result.Succeeded)
                    {
                        refused = result;
                        return;
                    }

                    invited = true;
                }

                programme.AddTeamMember(companyId, person.Id, role);
                db.Record(time, ActorId, id, "member.added", person.Email!, null, $"{role} of {Company.Name}");
                await db.SaveChangesAsync();
                await transaction.CommitAsync();
            });
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            ModelState.AddDomainError(ex, t, TeamForm);
            return await PageAsync(id, companyId);
        }

        if (refused is not null)
        {
            db.ChangeTracker.Clear();
            foreach (var error in refused.Errors)
            {
                ModelState.AddModelError("Input.Email", error.Description);
            }

            return await PageAsync(id, companyId);
        }

        TempData["Success"] = invited
            ? t["An account has been created for {0} and the invitation is in the outbox; they are now in the CP team.", email].Value
            : t["{0} has been added to the CP team.", email].Value;
        return RedirectToPage(new { id, companyId });
    }

    public async Task<IActionResult> OnPostRemovePersonAsync([FromRoute] Guid id, [FromRoute] Guid companyId, Guid memberId)
    {
        var denied = await CheckAsync(id, companyId, Operation.ManageCompany);
        if (denied is not null)
        {
            return denied;
        }

        var programme = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == id);
        var member = programme.Members.FirstOrDefault(m => m.Id == memberId && m.CompanyId == companyId);
        if (member is null)
        {
            return NotFound();
        }

        var email = await db.Users.Where(u => u.Id == member.UserId).Select(u => u.Email).SingleAsync();
        programme.RemoveMember(member.Id);
        db.Record(time, ActorId, id, "member.removed", email ?? member.UserId, $"{member.Role} of {Company.Name}", null);
        await db.SaveChangesAsync();
        await CompanyAccess.RevokeSessionsAsync(users, [member.UserId]);
        TempData["Success"] = t["{0} has been removed from the CP team.", email ?? string.Empty].Value;
        return RedirectToPage(new { id, companyId });
    }

    public async Task<IActionResult> OnPostPilotAsync([FromRoute] Guid id, [FromRoute] Guid companyId, bool isPilot, bool toList)
    {
        var denied = await CheckAsync(id, companyId, Operation.ManageProgramme);
        if (denied is not null)
        {
            return denied;
        }

        var programme = await db.Programmes.Include(p => p.Enrolments).SingleAsync(p => p.Id == id);
        var before = programme.Enrolments.Single(e => e.CompanyId == companyId).IsPilot;
        try
        {
            programme.SetPilot(companyId, isPilot);
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(ex, t, TeamForm);
            return await PageAsync(id, companyId);
        }

        if (before != isPilot)
        {
            db.Record(time, ActorId, id, "company.pilot", Company.Name, before ? "pilot company" : "not a pilot", isPilot ? "pilot company" : "not a pilot");
            await db.SaveChangesAsync();
        }

        TempData["Success"] = (isPilot ? t["{0} is a pilot company of the programme.", Company.Name] : t["{0} is no longer a pilot company.", Company.Name]).Value;
        return Back(id, companyId, toList);
    }

    public async Task<IActionResult> OnPostTrainerAsync([FromRoute] Guid id, [FromRoute] Guid companyId, string? trainerUserId, bool toList)
    {
        var denied = await CheckAsync(id, companyId, Operation.ManageProgramme);
        if (denied is not null)
        {
            return denied;
        }

        trainerUserId = string.IsNullOrWhiteSpace(trainerUserId) ? null : trainerUserId;
        if (trainerUserId is not null && !(await TrainerOption.LoadAsync(db)).Exists(o => o.UserId == trainerUserId))
        {
            ModelState.AddModelError(string.Empty, t["Choose a trainer from the list."]);
            return await PageAsync(id, companyId);
        }

        var programme = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == id);
        var previous = programme.Enrolments.Single(e => e.CompanyId == companyId).TrainerUserId;
        try
        {
            programme.AssignTrainer(companyId, trainerUserId);
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(ex, t, TeamForm);
            return await PageAsync(id, companyId);
        }

        if (previous != trainerUserId)
        {
            var people = await CompanyAccess.DescribePeopleAsync(db, [previous, trainerUserId]);
            db.Record(time, ActorId, id, "company.trainer", Company.Name,
                previous is null ? "(none)" : people.GetValueOrDefault(previous, previous),
                trainerUserId is null ? "(none)" : people.GetValueOrDefault(trainerUserId, trainerUserId));
            await db.SaveChangesAsync();
        }

        TempData["Success"] = t["The trainer of {0} has been saved.", Company.Name].Value;
        return Back(id, companyId, toList);
    }

    public async Task<IActionResult> OnPostArchiveAsync([FromRoute] Guid id, [FromRoute] Guid companyId)
    {
        var denied = await CheckAsync(id, companyId, Operation.ManageProgramme);
        if (denied is not null)
        {
            return denied;
        }

        var programme = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == id);
        try
        {
            programme.ArchiveCompany(companyId, time.GetUtcNow());
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(ex, t, TeamForm);
            return await PageAsync(id, companyId);
        }

        db.Record(time, ActorId, id, "company.archived", Company.Name, "active", "archived");
        await db.SaveChangesAsync();

        // Its people lose access: the authorization handlers already refuse them; end their signed-in sessions too.
        await CompanyAccess.RevokeSessionsAsync(users, programme.Members.Where(m => m.CompanyId == companyId).Select(m => m.UserId));
        TempData["Success"] = t["{0} has been archived; its records are kept and its people no longer have access.", Company.Name].Value;
        return RedirectToPage("/Programmes/Companies/Index", new { id });
    }

    public async Task<IActionResult> OnPostRemoveAsync([FromRoute] Guid id, [FromRoute] Guid companyId)
    {
        var denied = await CheckAsync(id, companyId, Operation.ManageProgramme);
        if (denied is not null)
        {
            return denied;
        }

        var programme = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == id);
        var team = programme.Members.Where(m => m.CompanyId == companyId).ToList();
        var teamIds = team.Select(m => m.UserId).ToList();
        var hasRecords = await db.AttendanceMarks.AnyAsync(a => teamIds.Contains(a.UserId) && db.Sessions.Any(s => s.Id == a.SessionId && s.ProgrammeId == id));
        try
        {
            programme.RemoveCompany(companyId, hasRecords);
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(ex, t, TeamForm);
            return await PageAsync(id, companyId);
        }

        var people = await CompanyAccess.DescribePeopleAsync(db, teamIds);
        foreach (var member in team)
        {
            db.Record(time, ActorId, id, "member.removed", people.GetValueOrDefault(member.UserId, member.UserId), $"{member.Role} of {Company.Name}", null);
        }

        db.Record(time, ActorId, id, "company.removed", Company.Name, "enrolled", null);
        await db.SaveChangesAsync();
        await CompanyAccess.RevokeSessionsAsync(users, teamIds);
        TempData["Success"] = t["{0} has been removed from the programme.", Company.Name].Value;
        return RedirectToPage("/Programmes/Companies/Index", new { id });
    }

    /// <summary>
    /// A broken rule next to its field on the team form, or above the page when it is about the enrolment itself
    /// (e.g. the company was archived meanwhile), which has no field on any form here.
    /// </summary>
    private static readonly FormFields TeamForm = new FormFields().Above("CompanyId");

    private IActionResult Back(Guid id, Guid companyId, bool toList) =>
        toList ? RedirectToPage("/Programmes/Companies/Index", new { id }) : RedirectToPage(new { id, companyId });

    private async Task<IActionResult> PageAsync(Guid id, Guid companyId)
    {
        await LoadAsync(id, companyId);
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

    private async Task LoadAsync(Guid id, Guid companyId)
    {
        var enrolment = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == id && e.CompanyId == companyId)
            .Select(e => new
            {
                e.IsPilot,
                e.ArchivedAt,
                e.TrainerUserId,
                Trainer = db.Users.Where(u => u.Id == e.TrainerUserId).Select(u => new { u.DisplayName, u.Email }).FirstOrDefault(),
            })
            .SingleAsync();
        (IsPilot, ArchivedAt, TrainerUserId, TrainerName, TrainerEmail) =
            (enrolment.IsPilot, enrolment.ArchivedAt, enrolment.TrainerUserId, enrolment.Trainer?.DisplayName, enrolment.Trainer?.Email);
        Team = await db.ProgrammeMembers.AsNoTracking()
            .Where(m => m.ProgrammeId == id && m.CompanyId == companyId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.m.Role).ThenBy(x => x.u.DisplayName)
            .Select(x => new TeamRow(x.m.Id, x.m.Role, x.u.DisplayName, x.u.Email, x.u.Position, x.u.PhoneNumber))
            .ToListAsync();
        CanManageTeam = ArchivedAt is null
            && await access.CanAsync(Operation.ManageCompany, new CompanyResource(id, companyId));
        CanManageEnrolment = await access.CanAsync(Operation.ManageProgramme, new ProgrammeResource(id));
        if (CanManageEnrolment)
        {
            Trainers = await TrainerOption.LoadAsync(db);
        }
    }

    public sealed record TeamRow(Guid MemberId, ProgrammeRole Role, string Name, string? Email, string? Position, string? Phone);

    public sealed class PersonInput
    {
        [Required(ErrorMessage = "This field is required.")]
        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        [StringLength(256, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "E-mail")]
        public string Email { get; set; } = string.Empty;

        [StringLength(AppUser.DisplayNameMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Name")]
        public string? DisplayName { get; set; }

        [StringLength(AppUser.PositionMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Position")]
        public string? Position { get; set; }

        [Phone(ErrorMessage = "Enter a valid phone number.")]
        [StringLength(50, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Phone")]
        public string? Phone { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [RegularExpression("^(en|uk)$", ErrorMessage = "Choose one of the offered languages.")]
        [Display(Name = "Language")]
        public string Language { get; set; } = "en";

        [Required(ErrorMessage = "This field is required.")]
        [RegularExpression("^(Engineer|Manager)$", ErrorMessage = "A company's CP team has engineers and managers.")]
        [Display(Name = "Role")]
        public string Role { get; set; } = Roles.Engineer;
    }
}
