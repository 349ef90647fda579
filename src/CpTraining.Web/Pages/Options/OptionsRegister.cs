using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.Web.Pages.EmissionFactors;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Options;

/// <summary>One option with its assessment (computed from a snapshot taken now).</summary>
public sealed record AssessedOption(CpOption Option, Guid CompanyId, OptionAssessment Assessment);

/// <summary>
/// Loads options with everything needed to assess them — their companies' worksheets (for the reductions of linked
/// streams), the companies' countries and the emission factors — in a constant number of queries whatever the number
/// of companies and options.
/// </summary>
public static class OptionsRegister
{
    /// <summary>The options of <paramref name="companyIds"/> (all companies when null) in a programme, by company and number.</summary>
    public static async Task<IReadOnlyList<AssessedOption>> AssessAsync(
        AppDbContext db, Guid programmeId, IReadOnlyCollection<Guid>? companyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var options = await db.CpOptions.AsNoTracking()
            .Where(o => o.ProgrammeId == programmeId && (companyIds == null || companyIds.Contains(o.CompanyId)))
            .OrderBy(o => o.CompanyId).ThenBy(o => o.Number)
            .ToListAsync(cancellationToken);
        if (options.Count == 0)
        {
            return [];
        }

        return await AssessAsync(db, programmeId, options, cancellationToken);
    }

    /// <summary>Already loaded options of a programme (of any companies), assessed in the same order.</summary>
    public static async Task<IReadOnlyList<AssessedOption>> AssessAsync(
        AppDbContext db, Guid programmeId, IReadOnlyList<CpOption> options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Count == 0)
        {
            return [];
        }

        var companies = options.Select(o => o.CompanyId).Distinct().ToList();
        var sheets = await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .Where(w => w.ProgrammeId == programmeId && companies.Contains(w.CompanyId))
            .ToListAsync(cancellationToken);
        var countries = await db.Companies.AsNoTracking()
            .Where(c => companies.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Country, cancellationToken);
        var factors = await EmissionFactorCatalogue.LoadAsync(db);
        var snapshots = sheets.ToDictionary(s => s.Id, s => s.Snapshot());
        return options
            .Select(o => new AssessedOption(o, o.CompanyId, OptionAssessment.Of(SnapshotOf(o, snapshots, factors, countries.GetValueOrDefault(o.CompanyId)))))
            .ToList();
    }

    /// <summary>One company's register frozen, for a home-task version. The currency is its first worksheet's, else the programme country's.</summary>
    public static async Task<OptionsRegisterSnapshot> SnapshotAsync(
        AppDbContext db, Guid programmeId, Guid companyId, CancellationToken cancellationToken)
    {
        var assessed = await AssessAsync(db, programmeId, [companyId], cancellationToken);
        var currency = await db.Worksheets.AsNoTracking()
            .Where(w => w.ProgrammeId == programmeId && w.CompanyId == companyId)
            .OrderBy(w => w.CreatedAt)
            .Select(w => w.Currency)
            .FirstOrDefaultAsync(cancellationToken);
        currency ??= Currencies.DefaultFor(
            await db.Programmes.Where(p => p.Id == programmeId).Select(p => p.Country).SingleAsync(cancellationToken));
        return new OptionsRegisterSnapshot(programmeId, companyId, currency, await WithEvidenceNamesAsync(db, assessed.Select(a => a.Assessment.Option).ToList(), cancellationToken));
    }

    /// <summary>
    /// The options with their evidence files named, in one query for all of them; a listed file that is not stored as
    /// this option's evidence is left out (as on the achieved page).
    /// </summary>
    internal static async Task<IReadOnlyList<OptionSnapshot>> WithEvidenceNamesAsync(AppDbContext db, IReadOnlyList<OptionSnapshot> options, CancellationToken cancellationToken)
    {
        var ids = options.SelectMany(o => o.Evidence ?? []).Select(e => e.Id).ToList();
        if (ids.Count == 0)
        {
            return options;
        }

        var files = await db.StoredFiles.AsNoTracking()
            .Where(f => ids.Contains(f.Id) && f.OwnerKind == FileOwnerKind.OptionEvidence)
            .Select(f => new { f.Id, f.OwnerId, f.FileName })
            .ToDictionaryAsync(f => f.Id, cancellationToken);
        return
        [
            .. options.Select(o => o.Evidence is not { Count: > 0 } evidence ? o : o with
            {
                Evidence = [.. evidence.Where(e => files.TryGetValue(e.Id, out var f) && f.OwnerId == o.Id).Select(e => e with { FileName = files[e.Id].FileName })],
            }),
        ];
    }

    /// <summary>The option frozen now, its reductions computed from the linked streams of its company's worksheets.</summary>
    public static OptionSnapshot SnapshotOf(
        CpOption option, IReadOnlyDictionary<Guid, WorksheetSnapshot> worksheets, EmissionFactorTable factors, string? country)
    {
        ArgumentNullException.ThrowIfNull(option);
        ArgumentNullException.ThrowIfNull(worksheets);
        // Only streams of the company's own worksheets in this programme count: a link is never trusted blindly.
        var own = option.Links.Where(l => worksheets.TryGetValue(l.WorksheetId, out var s) && s.CompanyId == option.CompanyId && s.ProgrammeId == option.ProgrammeId);
        var (computed, lines) = EnvironmentalEvaluation.Compute(own, worksheets, factors, country);
        return option.Snapshot(computed, lines);
    }
}
