using System.Globalization;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Web.Data;
using CpTraining.Web.Pages.EmissionFactors;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Options;

/// <summary>One enrolled company as the comparison needs it: name, country (for emission factors) and currency.</summary>
public sealed record ComparedCompany(Guid Id, string Name, string Country, string Currency);

/// <summary>One option of the comparison: its company and its assessment.</summary>
public sealed record ComparedOption(ComparedCompany Company, OptionAssessment Assessment)
{
    public OptionSnapshot Option => Assessment.Option;

    public decimal? SimplePayback => Assessment.Economics?.SimplePayback;

    public decimal? Npv => Assessment.Economics?.Npv;

    public decimal? Irr => Assessment.Economics?.Irr.Rate;
}

/// <summary>An option left off the abatement cost curve, with the reason (an English template, localised by the page).</summary>
public sealed record OffCurve(ComparedOption Option, string Reason);

/// <summary>What the comparison's numbers are: assessments, planned vs achieved totals and the cost curve's items.</summary>
public sealed record ComparisonResult(
    IReadOnlyList<ComparedOption> Options,
    OptionTotals Totals,
    IReadOnlyList<(ComparedOption Option, decimal Tonnes, decimal CostPerTonne)> Curve,
    IReadOnlyList<OffCurve> NotOnCurve,
    IReadOnlyList<ComparedOption> Paybacks);

/// <summary>
/// The data and the calculations of the options comparison (a company's or a whole programme's), kept apart from
/// the page so that the benchmark measures exactly what the page computes. Loading sends a fixed number of SQL
/// commands whatever the number of companies and options: companies, options, worksheets (split query: worksheets,
/// steps, streams, energy streams) and the emission factors.
/// </summary>
public static class OptionComparison
{
    /// <summary>Loads the options of the programme (or of one company) and everything needed to assess them.</summary>
    public static async Task<(IReadOnlyList<ComparedCompany> Companies, IReadOnlyList<CpOption> Options, IReadOnlyDictionary<Guid, WorksheetSnapshot> Sheets, EmissionFactorTable Factors)> LoadAsync(
        AppDbContext db, Guid programmeId, Guid? companyId, string defaultCurrency)
    {
        var companies = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == programmeId && (companyId == null || e.CompanyId == companyId))
            .Join(db.Companies, e => e.CompanyId, c => c.Id, (e, c) => new
            {
                c.Id,
                c.Name,
                c.Country,
                Currency = db.Worksheets.Where(w => w.ProgrammeId == programmeId && w.CompanyId == c.Id)
                    .OrderBy(w => w.CreatedAt).Select(w => w.Currency).FirstOrDefault(),
            })
            .ToListAsync();
        var options = await db.CpOptions.AsNoTracking()
            .Where(o => o.ProgrammeId == programmeId && (companyId == null || o.CompanyId == companyId))
            .ToListAsync();
        var sheets = await db.Worksheets.AsNoTracking()
            .Where(w => w.ProgrammeId == programmeId && (companyId == null || w.CompanyId == companyId))
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .ToListAsync();
        var factors = await EmissionFactorCatalogue.LoadAsync(db);
        return (
            companies.Select(c => new ComparedCompany(c.Id, c.Name, c.Country, c.Currency ?? defaultCurrency)).ToList(),
            options,
            sheets.ToDictionary(s => s.Id, s => s.Snapshot()),
            factors);
    }

    /// <summary>
    /// Assesses every option (reductions from its linked streams of its own company's worksheets), totals them and
    /// builds the cost curve on the chosen basis (CO₂ or waste). Options of unknown companies are skipped.
    /// </summary>
    public static ComparisonResult Compute(
        IReadOnlyList<ComparedCompany> companies,
        IEnumerable<CpOption> options,
        IReadOnlyDictionary<Guid, WorksheetSnapshot> sheets,
        EmissionFactorTable factors,
        bool wasteBasis)
    {
        var byId = companies.ToDictionary(c => c.Id);

        // Each assessment is independent and pure (decimal cash flows, IRR, MIRR): spread them over the cores,
        // keeping the options' order.
        var compared = options
            .Where(o => byId.ContainsKey(o.CompanyId))
            .AsParallel().AsOrdered()
            .Select(o => new ComparedOption(byId[o.CompanyId], OptionAssessment.Of(OptionsRegister.SnapshotOf(o, sheets, factors, byId[o.CompanyId].Country))))
            .ToList();

        var curve = new List<(ComparedOption, decimal, decimal)>();
        var off = new List<OffCurve>();
        foreach (var c in compared)
        {
            var a = c.Assessment;
            var (point, reason) = CurvePoint(a, wasteBasis);
            if (point is { } p)
            {
                curve.Add((c, p.Tonnes, p.CostPerTonne));
            }
            else
            {
                off.Add(new OffCurve(c, reason!));
            }
        }

        return new ComparisonResult(
            compared,
            OptionTotals.Of(compared.Select(c => c.Assessment)),
            [.. curve.OrderBy(x => x.Item3)],
            off,
            [.. compared.Where(c => c.SimplePayback is not null && c.Option.Status is not (OptionStatus.Rejected or OptionStatus.NotFeasible)).OrderBy(c => c.SimplePayback)]);
    }

    /// <summary>The sortable columns (the <c>?sort=</c> values; a leading "-" sorts descending).</summary>
    /// <summary>
    /// Where an option stands on the cost curve (tonnes of CO₂ or waste avoided a year, cost per tonne), or why it is
    /// not on it (an English sentence, translated by the page). The comparison pages and the company report use it.
    /// </summary>
    public static ((decimal Tonnes, decimal CostPerTonne)? Point, string? Reason) CurvePoint(OptionAssessment a, bool wasteBasis)
    {
        ArgumentNullException.ThrowIfNull(a);
        var tonnes = wasteBasis ? a.Reductions.WasteTonnes : a.Reductions.TonnesCo2;
        var cost = wasteBasis ? a.CostPerTonneWaste : a.CostPerTonneCo2;
        string? reason = a.Option.Status switch
        {
            OptionStatus.Rejected => "Rejected.",
            OptionStatus.NotFeasible => "Not feasible.",
            _ when a.Option.Technical.IsFeasible == false => "Technically infeasible: the economics are skipped.",
            _ when a.EconomicsProblem is not null => "The economics cannot be computed.",
            _ when a.Economics is null => "No economic evaluation yet.",
            _ when tonnes is not > 0 => wasteBasis ? "No waste avoided." : "No CO₂ avoided.",
            _ => null,
        };
        return reason is null && cost is { } perTonne ? ((tonnes!.Value, perTonne), null) : (null, reason ?? "No economic evaluation yet.");
    }

    public static readonly IReadOnlyList<string> Columns =
        ["number", "company", "title", "status", "category", "kind", "investment", "savings", "payback", "npv", "irr", "co2", "water", "waste", "costco2"];

    /// <summary>
    /// Sorts by a column; options without the figure always come last; ties keep company and number order (stable).
    /// An unknown column sorts by the default (company, then number).
    /// </summary>
    public static IReadOnlyList<ComparedOption> Sort(IEnumerable<ComparedOption> options, string? sort, CultureInfo culture)
    {
        var descending = sort?.StartsWith('-') == true;
        var column = sort?.TrimStart('-').ToLowerInvariant();
        var baseline = options.OrderBy(o => o.Company.Name, StringComparer.Create(culture, ignoreCase: true)).ThenBy(o => o.Option.Number).ToList();
        Func<ComparedOption, decimal?>? number = column switch
        {
            "investment" => o => o.Assessment.Investment,
            "savings" => o => o.Assessment.AnnualSavings,
            "payback" => o => o.SimplePayback,
            "npv" => o => o.Npv,
            "irr" => o => o.Irr,
            "co2" => o => o.Assessment.Reductions.TonnesCo2,
            "water" => o => o.Assessment.Reductions.WaterCubicMetres,
            "waste" => o => o.Assessment.Reductions.WasteTonnes,
            "costco2" => o => o.Assessment.CostPerTonneCo2,
            "number" => o => o.Option.Number,
            "status" => o => (int)o.Option.Status,
            "category" => o => (int)o.Option.Category,
            "kind" => o => (int)o.Option.Kind,
            _ => null,
        };
        if (number is not null)
        {
            var withValue = baseline.Where(o => number(o) is not null);
            var ordered = descending ? withValue.OrderByDescending(o => number(o)) : withValue.OrderBy(o => number(o));
            return [.. ordered, .. baseline.Where(o => number(o) is null)];
        }

        var comparer = StringComparer.Create(culture, ignoreCase: true);
        Func<ComparedOption, string>? text = column switch
        {
            "company" => o => o.Company.Name,
            "title" => o => o.Option.Title,
            _ => null,
        };
        if (text is null)
        {
            return baseline;
        }

        return descending ? [.. baseline.OrderByDescending(text, comparer)] : [.. baseline.OrderBy(text, comparer)];
    }

    /// <summary>The currency of a set of companies: theirs when they agree, else null (mixed).</summary>
    public static string? CommonCurrency(IEnumerable<ComparedCompany> companies, string fallback)
    {
        var currencies = companies.Select(c => c.Currency).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        return currencies.Count switch
        {
            0 => fallback,
            1 => currencies[0],
            _ => null,
        };
    }
}
