using CpTraining.Domain.Options;
using CpTraining.Web.Data;
using CpTraining.Web.Pages.EmissionFactors;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// Assesses live options of one company in one programme (planned figures: economics and effective reductions),
/// with the reductions computed from the company's worksheets as they are now. A constant number of queries.
/// </summary>
public static class PlannedAndAchieved
{
    public static async Task<IReadOnlyList<OptionAssessment>> AssessAsync(AppDbContext db, Guid programmeId, Guid companyId, IReadOnlyList<CpOption> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count == 0)
        {
            return [];
        }

        var worksheets = await db.Worksheets.AsNoTracking()
            .Where(w => w.ProgrammeId == programmeId && w.CompanyId == companyId)
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .ToListAsync();
        var snapshots = worksheets.ToDictionary(w => w.Id, w => w.Snapshot());
        var country = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.Country).SingleOrDefaultAsync();
        var factors = await EmissionFactorCatalogue.LoadAsync(db);
        return options
            .Select(o =>
            {
                var (computed, lines) = EnvironmentalEvaluation.Compute(o.Links, snapshots, factors, country);
                return OptionAssessment.Of(o.Snapshot(computed, lines));
            })
            .ToList();
    }

    /// <summary>Achieved minus planned; null unless both are known.</summary>
    public static decimal? Difference(decimal? planned, decimal? achieved) =>
        planned is { } p && achieved is { } a ? a - p : null;
}
