using System.ComponentModel.DataAnnotations;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.Companies;

/// <summary>
/// One company's enrolment as its page shows it: pilot flag, archive date, trainer, the CP team, and what the
/// signed-in person may change (the team per <see cref="Operation.ManageCompany"/> while the company is active, the
/// enrolment per <see cref="Operation.ManageProgramme"/>, with the trainers to choose from).
/// </summary>
public sealed record EnrolmentView(
    bool IsPilot,
    DateTimeOffset? ArchivedAt,
    string? TrainerUserId,
    string? TrainerName,
    string? TrainerEmail,
    IReadOnlyList<EnrolmentView.TeamRow> Team,
    bool CanManageTeam,
    bool CanManageEnrolment,
    IReadOnlyList<TrainerOption> Trainers)
{
    public static async Task<EnrolmentView> LoadAsync(AppDbContext db, AccessControl access, Guid id, Guid companyId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(access);
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
        var team = await db.ProgrammeMembers.AsNoTracking()
            .Where(m => m.ProgrammeId == id && m.CompanyId == companyId)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { m, u })
            .OrderBy(x => x.m.Role).ThenBy(x => x.u.DisplayName)
            .Select(x => new TeamRow(x.m.Id, x.m.Role, x.u.DisplayName, x.u.Email, x.u.Position, x.u.PhoneNumber))
            .ToListAsync();
        var canManageTeam = enrolment.ArchivedAt is null
            && await access.CanAsync(Operation.ManageCompany, new CompanyResource(id, companyId));
        var canManageEnrolment = await access.CanAsync(Operation.ManageProgramme, new ProgrammeResource(id));
        return new EnrolmentView(
            enrolment.IsPilot,
            enrolment.ArchivedAt,
            enrolment.TrainerUserId,
            enrolment.Trainer?.DisplayName,
            enrolment.Trainer?.Email,
            team,
            canManageTeam,
            canManageEnrolment,
            canManageEnrolment ? await TrainerOption.LoadAsync(db) : []);
    }

    public sealed record TeamRow(Guid MemberId, ProgrammeRole Role, string Name, string? Email, string? Position, string? Phone);
}

/// <summary>A person to add to the company's CP team: an existing account by e-mail, or a new one to invite.</summary>
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

    /// <summary>The account to invite for a person who has none yet.</summary>
    public AppUser NewAccount(string email, DateTimeOffset now) => new()
    {
        UserName = email,
        Email = email,
        DisplayName = DisplayName?.Trim() ?? email,
        Position = string.IsNullOrWhiteSpace(Position) ? null : Position.Trim(),
        PhoneNumber = string.IsNullOrWhiteSpace(Phone) ? null : Phone.Trim(),
        PreferredLanguage = Language,
        CreatedAt = now,
    };
}
