using System.Security.Claims;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Worksheets.Transfer;

/// <summary>
/// What one user may do with one worksheet: read it (<see cref="CompanyOperations.View"/> on its company in its
/// programme) and write it (<see cref="CompanyOperations.Manage"/>, or an engineer of that company while it is
/// actively enrolled). Null when the worksheet does not exist, so a guessed id and an unknown one both answer 404.
/// </summary>
/// <remarks>G3's own copy of the rule; G1's <c>WorksheetAccess</c> states the same and may replace it.</remarks>
public sealed record WorksheetRights(Guid WorksheetId, Guid ProgrammeId, Guid CompanyId, string Name, string UserId, bool MayRead, bool MayWrite)
{
    public static async Task<WorksheetRights?> LoadAsync(AppDbContext db, IAuthorizationService authorization, ClaimsPrincipal user, Guid worksheetId)
    {
        var sheet = await db.Worksheets.AsNoTracking()
            .Where(w => w.Id == worksheetId)
            .Select(w => new { w.ProgrammeId, w.CompanyId, w.Name })
            .SingleOrDefaultAsync();
        if (sheet is null)
        {
            return null;
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        var resource = new CompanyResource(sheet.ProgrammeId, sheet.CompanyId);
        var mayRead = (await authorization.AuthorizeAsync(user, resource, CompanyOperations.View)).Succeeded;
        var mayWrite = mayRead
            && ((await authorization.AuthorizeAsync(user, resource, CompanyOperations.Manage)).Succeeded
                || await db.ProgrammeMembers.AnyAsync(m =>
                    m.ProgrammeId == sheet.ProgrammeId && m.UserId == userId && m.CompanyId == sheet.CompanyId && m.Role == ProgrammeRole.Engineer
                    && db.Enrolments.Any(e => e.ProgrammeId == sheet.ProgrammeId && e.CompanyId == sheet.CompanyId && e.ArchivedAt == null)));
        return new WorksheetRights(worksheetId, sheet.ProgrammeId, sheet.CompanyId, sheet.Name, userId, mayRead, mayWrite);
    }
}
