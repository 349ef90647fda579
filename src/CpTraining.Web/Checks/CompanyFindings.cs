using CpTraining.Domain.Balances;
using CpTraining.Domain.Checks;
using CpTraining.Domain.Options;
using CpTraining.Web.Data;
using CpTraining.Web.Pages.EmissionFactors;
using CpTraining.Web.Pages.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Checks;

/// <summary>A trainer's or coordinator's review of a finding: their comment, name and when.</summary>
public sealed record ReviewMark(string Comment, string ByName, DateTimeOffset At);

/// <summary>
/// One finding of a company, placed: its stable subject key (what it is about: <c>option/{id}</c>,
/// <c>worksheet/{id}</c>, a figure or a stream of one), where it is in words, the page that fixes it, its message in the
/// reader's language, and the review that answers it (null: open).
/// </summary>
public sealed record CompanyFinding(string SubjectKey, string Where, string Url, Finding Finding, string Message, ReviewMark? Review)
{
    public string Rule => Finding.Rule;

    public Severity Severity => Finding.Severity;

    public bool IsOpen => Review is null;

    /// <summary>Whether the finding is about this subject or a part of it (<c>option/{id}</c> covers <c>option/{id}/achieved/…</c>).</summary>
    public bool IsAbout(string subjectKey) => SubjectKey == subjectKey || SubjectKey.StartsWith(subjectKey + "/", StringComparison.Ordinal);
}

/// <summary>
/// Every plausibility finding of one company in one programme, gathered in one place for every page that shows them:
/// each option's economics (<see cref="EconomicChecks"/> over <see cref="EconomicEvaluation"/>) and achieved results
/// against the plan (<see cref="AchievedChecks"/>), each worksheet's balance (<see cref="BalanceChecks"/>), with the
/// reviews that answer them. Pages filter by subject (<see cref="CompanyFinding.IsAbout"/>).
/// </summary>
public static class CompanyFindings
{
    public static string OptionKey(Guid optionId) => "option/" + optionId;

    public static string WorksheetKey(Guid worksheetId) => "worksheet/" + worksheetId;

    /// <summary>Reads the company's worksheets, options, emission factors and reviews (five queries), and checks them.</summary>
    public static async Task<IReadOnlyList<CompanyFinding>> LoadAsync(AppDbContext db, Guid programmeId, Guid companyId, IStringLocalizer t, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var sheets = await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .Where(w => w.ProgrammeId == programmeId && w.CompanyId == companyId)
            .OrderBy(w => w.CreatedAt).ThenBy(w => w.Id)
            .ToListAsync(cancellationToken);
        var snapshots = sheets.ToDictionary(s => s.Id, s => s.Snapshot());
        var country = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.Country).SingleOrDefaultAsync(cancellationToken);
        var factors = await EmissionFactorCatalogue.LoadAsync(db);
        var options = await db.CpOptions.AsNoTracking()
            .Where(o => o.ProgrammeId == programmeId && o.CompanyId == companyId)
            .OrderBy(o => o.Number)
            .ToListAsync(cancellationToken);
        var reviews = await ReviewsAsync(db, programmeId, [companyId], cancellationToken);
        return Of(
            [.. sheets.Select(s => snapshots[s.Id])],
            [.. options.Select(o => OptionsRegister.SnapshotOf(o, snapshots, factors, country))],
            factors,
            country,
            reviews.GetValueOrDefault(companyId, []),
            t);
    }

    /// <summary>The reviews of the companies' findings in a programme, per company.</summary>
    public static async Task<Dictionary<Guid, List<FindingReview>>> ReviewsAsync(AppDbContext db, Guid programmeId, IReadOnlyCollection<Guid> companyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var reviews = await db.FindingReviews.AsNoTracking()
            .Where(r => r.ProgrammeId == programmeId && companyIds.Contains(r.CompanyId))
            .ToListAsync(cancellationToken);
        return reviews.GroupBy(r => r.CompanyId).ToDictionary(g => g.Key, g => g.ToList());
    }

    /// <summary>The checks over data already read: worksheets first (in the order given), then options by number.</summary>
    public static IReadOnlyList<CompanyFinding> Of(
        IReadOnlyList<WorksheetSnapshot> worksheets,
        IReadOnlyList<OptionSnapshot> options,
        EmissionFactorTable factors,
        string? country,
        IReadOnlyList<FindingReview> reviews,
        IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(worksheets);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(t);
        var found = new List<(string Key, string Where, string Url, Finding Finding)>();
        foreach (var sheet in worksheets)
        {
            found.AddRange(Worksheet(sheet, BalanceEvaluation.Evaluate(sheet, factors, country), t));
        }

        foreach (var option in options.OrderBy(o => o.Number))
        {
            found.AddRange(Option(option));
        }

        var byKey = reviews.ToDictionary(r => (r.SubjectKey, r.Rule));
        return
        [
            .. found.Select(f => new CompanyFinding(
                f.Key,
                f.Where,
                f.Url,
                f.Finding,
                Message(t, f.Finding),
                byKey.TryGetValue((f.Key, f.Finding.Rule), out var r) ? new ReviewMark(r.Comment, r.ReviewedByName, r.ReviewedAt) : null)),
        ];
    }

    /// <summary>A worksheet's findings: about the worksheet, or about one of its streams (<c>worksheet/{id}/stream/{id}</c>).</summary>
    private static IEnumerable<(string, string, string, Finding)> Worksheet(WorksheetSnapshot sheet, BalanceResult result, IStringLocalizer t)
    {
        var key = WorksheetKey(sheet.WorksheetId);
        var where = t["worksheet {0}", sheet.Name].Value;
        foreach (var f in BalanceChecks.Of(sheet, result))
        {
            var reconcile = f.Rule is BalanceChecks.GrossError or BalanceChecks.NegativeReconciledFlow;
            var url = "/worksheets/" + sheet.WorksheetId + "/balance" + (reconcile ? "?reconcile=true#reconciliation" : "#losses");
            if (f.Rule == BalanceChecks.OutsideTolerance)
            {
                url = "/worksheets/" + sheet.WorksheetId + "/balance#closure";
            }

            yield return (Guid.TryParse(f.Field, out var stream) ? key + "/stream/" + stream : key, where, url, f);
        }
    }

    /// <summary>An option's findings: its economics (<c>option/{id}</c>) and its achieved figures (<c>option/{id}/achieved/{figure}</c>).</summary>
    private static IEnumerable<(string, string, string, Finding)> Option(OptionSnapshot option)
    {
        var key = OptionKey(option.Id);
        var where = OptionText.Number(option.Number) + " " + option.Title;
        var assessment = OptionAssessment.Of(option);
        if (assessment.Economics is { } result)
        {
            foreach (var f in EconomicChecks.Of(option.Economics!, result))
            {
                yield return (key, where, "/options/" + option.Id + "/economics", f);
            }
        }

        foreach (var f in AchievedChecks.Of(option))
        {
            yield return (key + "/achieved/" + f.Field, where, "/options/" + option.Id + "/achieved", f);
        }
    }

    /// <summary>A finding's message in the reader's language, its terms translated too.</summary>
    public static string Message(IStringLocalizer t, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(finding);
        return t[finding.MessageTemplate, [.. finding.Arguments.Select(a => a is Term term ? t[term.Text].Value : a)]].Value;
    }
}
