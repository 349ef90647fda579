using CpTraining.Domain.Options;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Investment;

/// <summary>An option whose investment project sheet may be shared, with whether its company's manager has consented.</summary>
public sealed record SheetChoice(Guid Id, Guid CompanyId, string CompanyName, int Number, string Title, bool HasConsent)
{
    /// <summary>The selected, implemented and verified options of the programme's active companies, by company and number.</summary>
    public static async Task<IReadOnlyList<SheetChoice>> LoadAsync(AppDbContext db, Guid programmeId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.CpOptions.AsNoTracking()
            .Where(o => o.ProgrammeId == programmeId
                && (o.Status == OptionStatus.Selected || o.Status == OptionStatus.Implemented || o.Status == OptionStatus.Verified)
                && db.Enrolments.Any(e => e.ProgrammeId == programmeId && e.CompanyId == o.CompanyId && e.ArchivedAt == null))
            .Join(db.Companies, o => o.CompanyId, c => c.Id, (o, c) => new { o.Id, o.CompanyId, c.Name, o.Number, o.Title })
            .OrderBy(o => o.Name).ThenBy(o => o.Number)
            .Select(o => new SheetChoice(
                o.Id,
                o.CompanyId,
                o.Name,
                o.Number,
                o.Title,
                db.FinancingConsents.Any(f => f.ProgrammeId == programmeId && f.CompanyId == o.CompanyId && f.WithdrawnAt == null)))
            .ToListAsync();
    }
}
