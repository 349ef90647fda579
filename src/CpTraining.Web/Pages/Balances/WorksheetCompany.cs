using CpTraining.Web.Data;
using CpTraining.Web.Identity;

namespace CpTraining.Web.Pages.Balances;

/// <summary>The company a worksheet belongs to, for the pages that load a worksheet by id.</summary>
internal static class WorksheetCompany
{
    /// <summary>Null when the worksheet does not exist (404 for an unknown id and a guessed one alike).</summary>
    public static async Task<EnrolledCompany?> LoadAsync(AppDbContext db, AccessControl access, Guid worksheetId) =>
        await access.EnrolledCompanyAsync(db.Enrolments.Where(e => db.Worksheets.Any(w => w.Id == worksheetId && w.ProgrammeId == e.ProgrammeId && w.CompanyId == e.CompanyId)))
            is { } company
            ? company with { WorksheetId = worksheetId }
            : null;
}
