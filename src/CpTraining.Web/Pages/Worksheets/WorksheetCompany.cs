using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Worksheets;

/// <summary>The company a worksheet belongs to, for the pages that load a worksheet by id.</summary>
internal static class WorksheetCompany
{
    /// <summary>Null when the worksheet does not exist (404 for an unknown id and a guessed one alike).</summary>
    public static async Task<EnrolledCompany?> LoadAsync(AppDbContext db, AccessControl access, Guid worksheetId)
    {
        var sheet = await db.Worksheets.AsNoTracking()
            .Where(w => w.Id == worksheetId)
            .Select(w => new { w.ProgrammeId, w.CompanyId, w.Name })
            .SingleOrDefaultAsync();
        return sheet is not null && await access.EnrolledCompanyAsync(sheet.ProgrammeId, sheet.CompanyId) is { } company
            ? company with { WorksheetId = worksheetId, WorksheetName = sheet.Name }
            : null;
    }
}
