using System.Security.Claims;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Worksheets;

/// <summary>
/// What one user may do with one company's balance worksheets in one programme, read in one query. Reading follows
/// <see cref="CompanyOperations.View"/> (administrators, the programme's coordinators and trainers, the company's
/// engineers and managers while it is actively enrolled); writing (edit, import, copy, create) is
/// <see cref="CompanyOperations.Manage"/> (administrators, coordinators, the company's assigned trainer while active)
/// or being an engineer of the company while it is actively enrolled. Managers read only. <see cref="MayManage"/> is
/// the Manage part alone (administrators, coordinators, the company's trainer): independent checks such as verifying an
/// option's achieved results.
/// </summary>
public sealed record WorksheetAccess(
    Guid? WorksheetId,
    Guid ProgrammeId,
    Guid CompanyId,
    string ProgrammeName,
    string ProgrammeCountry,
    string CompanyName,
    string UserId,
    bool MayView,
    bool MayEdit,
    bool MayManage)
{
    /// <summary>The worksheet's name when loaded by <see cref="LoadAsync"/> (empty for a company's list).</summary>
    public string WorksheetName { get; init; } = string.Empty;

    /// <summary>An administrator or a coordinator of the programme: publishes reports, shares them.</summary>
    public bool Coordinates { get; init; }

    /// <summary>A manager of the company while it is actively enrolled: consents to sharing its financing needs.</summary>
    public bool IsCompanyManager { get; init; }

    /// <summary>The currency a new worksheet starts with: hryvnia in Ukraine, else euro (editable).</summary>
    public string DefaultCurrency => CurrencyOf(ProgrammeCountry);

    /// <summary>Hryvnia in Ukraine, else euro.</summary>
    public static string CurrencyOf(string? country) => string.Equals(country?.Trim(), "Ukraine", StringComparison.OrdinalIgnoreCase)
        || string.Equals(country?.Trim(), "Україна", StringComparison.OrdinalIgnoreCase) ? "UAH" : "EUR";

    /// <summary>Null when the worksheet does not exist (404 for an unknown id and a guessed one alike).</summary>
    public static async Task<WorksheetAccess?> LoadAsync(AppDbContext db, ClaimsPrincipal user, Guid worksheetId)
    {
        var sheet = await db.Worksheets.AsNoTracking()
            .Where(w => w.Id == worksheetId)
            .Select(w => new { w.ProgrammeId, w.CompanyId, w.Name })
            .SingleOrDefaultAsync();
        return sheet is null
            ? null
            : await ForCompanyAsync(db, user, sheet.ProgrammeId, sheet.CompanyId, worksheetId) is { } access
                ? access with { WorksheetName = sheet.Name }
                : null;
    }

    /// <summary>
    /// A page's check of a user asking for one company's worksheets or options: NotFound when the company is not
    /// enrolled in the programme, Forbid when the user may not read them (or, with <paramref name="write"/>, change
    /// them), else the access and no refusal.
    /// </summary>
    public static Task<(WorksheetAccess? Access, IActionResult? Refused)> CheckAsync(AppDbContext db, PageModel page, Guid programmeId, Guid companyId, bool write) =>
        CheckAsync(db, page, programmeId, companyId, write ? a => a.MayEdit : a => a.MayView);

    /// <summary>The same check with the right the page needs (e.g. <see cref="Coordinates"/> to publish a report).</summary>
    public static async Task<(WorksheetAccess? Access, IActionResult? Refused)> CheckAsync(AppDbContext db, PageModel page, Guid programmeId, Guid companyId, Func<WorksheetAccess, bool> allowed)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(allowed);
        var access = await ForCompanyAsync(db, page.User, programmeId, companyId);
        if (access is null)
        {
            return (null, page.NotFound());
        }

        return allowed(access) ? (access, null) : (null, page.Forbid());
    }

    /// <summary>Null when the company is not enrolled in the programme (or either does not exist).</summary>
    public static async Task<WorksheetAccess?> ForCompanyAsync(AppDbContext db, ClaimsPrincipal user, Guid programmeId, Guid companyId, Guid? worksheetId = null)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        var row = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == programmeId && e.CompanyId == companyId)
            .Select(e => new
            {
                e.TrainerUserId,
                e.ArchivedAt,
                Programme = db.Programmes.Where(p => p.Id == programmeId).Select(p => new { p.Name, p.Country }).Single(),
                Company = db.Companies.Where(c => c.Id == companyId).Select(c => c.Name).Single(),
                Roles = db.ProgrammeMembers
                    .Where(m => m.ProgrammeId == programmeId && m.UserId == userId)
                    .Select(m => new { m.Role, m.CompanyId })
                    .ToList(),
            })
            .SingleOrDefaultAsync();
        if (row is null)
        {
            return null;
        }

        // The same rules as CompanyAuthorizationHandler, plus the company's engineers writing.
        var isAdministrator = user.IsInRole(Roles.Administrator);
        var coordinates = isAdministrator
            || (row.Roles.Exists(r => r.Role == ProgrammeRole.Coordinator) && user.IsInRole(Roles.Coordinator));
        var trains = row.Roles.Exists(r => r.Role == ProgrammeRole.Trainer);
        var active = row.ArchivedAt is null;
        var trainsIt = trains && row.TrainerUserId == userId;
        var inTeam = active && row.Roles.Exists(r => r.CompanyId == companyId);
        var engineer = active && row.Roles.Exists(r => r.CompanyId == companyId && r.Role == ProgrammeRole.Engineer);
        var manages = coordinates || (trainsIt && active);
        return new WorksheetAccess(
            worksheetId,
            programmeId,
            companyId,
            row.Programme.Name,
            row.Programme.Country,
            row.Company,
            userId,
            MayView: coordinates || trains || inTeam,
            MayEdit: manages || engineer,
            MayManage: manages)
        {
            Coordinates = coordinates,
            IsCompanyManager = active && row.Roles.Exists(r => r.CompanyId == companyId && r.Role == ProgrammeRole.Manager),
        };
    }
}
