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

    /// <summary>
    /// Reads the company's worksheets, options, emission factors and reviews (five queries), and checks them. A page
    /// that has read or assessed these already passes them to <see cref="OfWorksheet"/>, <see cref="OfOptions"/> or
    /// <see cref="OfEconomics"/> with <see cref="ReviewsAsync(AppDbContext, Guid, Guid, CancellationToken)"/> instead.
    /// </summary>
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

    /// <summary>The reviews of one company's findings in a programme (one query).</summary>
    public static async Task<IReadOnlyList<FindingReview>> ReviewsAsync(AppDbContext db, Guid programmeId, Guid companyId, CancellationToken cancellationToken) =>
        (await ReviewsAsync(db, programmeId, [companyId], cancellationToken)).GetValueOrDefault(companyId, []);

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
            found.AddRange(Option(OptionAssessment.Of(option)));
        }

        return Reviewed(found, reviews, t);
    }

    /// <summary>The findings of one worksheet whose balance the page has already evaluated.</summary>
    public static IReadOnlyList<CompanyFinding> OfWorksheet(WorksheetSnapshot sheet, BalanceResult result, IReadOnlyList<FindingReview> reviews, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(t);
        return Reviewed(Worksheet(sheet, result, t), reviews, t);
    }

    /// <summary>The findings of options the page has already assessed (their economics and achieved results), by number.</summary>
    public static IReadOnlyList<CompanyFinding> OfOptions(IEnumerable<OptionAssessment> options, IReadOnlyList<FindingReview> reviews, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(t);
        return Reviewed(options.OrderBy(a => a.Option.Number).SelectMany(Option), reviews, t);
    }

    /// <summary>The economics findings of one option whose inputs the page has already evaluated (the economics page).</summary>
    public static IReadOnlyList<CompanyFinding> OfEconomics(
        Guid optionId, int number, string title, EconomicInputs inputs, EconomicResult result, IReadOnlyList<FindingReview> reviews, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return Reviewed(Economics(optionId, number, title, inputs, result), reviews, t);
    }

    /// <summary>Findings placed, in the reader's language, each with the review that answers it (same subject and rule).</summary>
    private static IReadOnlyList<CompanyFinding> Reviewed(IEnumerable<(string Key, string Where, string Url, Finding Finding)> found, IReadOnlyList<FindingReview> reviews, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(reviews);
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
    private static IEnumerable<(string, string, string, Finding)> Option(OptionAssessment assessment)
    {
        var option = assessment.Option;
        if (assessment.Economics is { } result)
        {
            foreach (var f in Economics(option.Id, option.Number, option.Title, option.Economics!, result))
            {
                yield return f;
            }
        }

        foreach (var f in AchievedChecks.Of(option))
        {
            yield return (OptionKey(option.Id) + "/achieved/" + f.Field, Where(option.Number, option.Title), "/options/" + option.Id + "/achieved", f);
        }
    }

    /// <summary>An option's economics findings, about the option (<c>option/{id}</c>), fixed on its economics page.</summary>
    private static IEnumerable<(string, string, string, Finding)> Economics(Guid optionId, int number, string title, EconomicInputs inputs, EconomicResult result) =>
        EconomicChecks.Of(inputs, result).Select(f => (OptionKey(optionId), Where(number, title), "/options/" + optionId + "/economics", f));

    private static string Where(int number, string title) => OptionText.Number(number) + " " + title;

    /// <summary>A finding's message in the reader's language, its terms translated too.</summary>
    public static string Message(IStringLocalizer t, Finding finding)
    {
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(finding);
        return t[finding.MessageTemplate, [.. finding.Arguments.Select(a => a is Term term ? t[term.Text].Value : a)]].Value;
    }
}
