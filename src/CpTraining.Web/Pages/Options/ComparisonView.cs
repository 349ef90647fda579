using CpTraining.Web.Checks;
using System.Globalization;
using CpTraining.Domain.Options;
using CpTraining.Web.Infrastructure.Charts;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// What the comparison pages show, built once from <see cref="OptionComparison"/>: the filtered, sorted rows, the
/// totals, the cost curve and the payback chart, with labels in the reader's language.
/// </summary>
public sealed class ComparisonView
{
    public required string Heading { get; init; }

    /// <summary>The plausibility findings of the compared options (one company's comparison only).</summary>
    public FindingsBlock? Findings { get; set; }

    /// <summary>The findings of each company's options, by company name (the programme's comparison only).</summary>
    public IReadOnlyList<CompanyFindingsView> FindingsByCompany { get; set; } = [];

    public required Guid ProgrammeId { get; init; }

    public required string ProgrammeName { get; init; }

    /// <summary>Null on the programme page (then a company column is shown).</summary>
    public Guid? CompanyId { get; init; }

    public string? CompanyName { get; init; }

    /// <summary>The currency of the figures; null when the companies use different currencies.</summary>
    public string? Currency { get; init; }

    public required IReadOnlyList<ComparedOption> Rows { get; init; }

    public required OptionTotals Totals { get; init; }

    public MarginalCostCurve? Curve { get; init; }

    public required IReadOnlyList<OffCurve> NotOnCurve { get; init; }

    public PaybackChart? Payback { get; init; }

    public required string Sort { get; init; }

    public OptionCategory? Category { get; init; }

    public OptionKind? Kind { get; init; }

    public OptionStatus? Status { get; init; }

    public bool WasteBasis { get; init; }

    public bool ShowCompany => CompanyId is null;

    public CultureInfo Culture => CultureInfo.CurrentCulture;

    public int TotalCount { get; init; }

    public string Money(decimal? value) => value is { } v ? v.ToString("N2", Culture) : "—";

    public string Amount(decimal? value, string format = "N1") => value is { } v ? v.ToString(format, Culture) : "—";

    public string Percent(decimal? fraction) => fraction is { } f ? (f * 100).ToString("N2", Culture) + " %" : "—";

    /// <summary>The query string for a sort link: the same filters, this column, toggling direction when it is the current one.</summary>
    public Dictionary<string, string> SortRoute(string column)
    {
        var route = FilterRoute();
        route["sort"] = Sort == column ? "-" + column : column;
        return route;
    }

    public string? SortState(string column) =>
        Sort == column ? "ascending" : Sort == "-" + column ? "descending" : null;

    public Dictionary<string, string> FilterRoute()
    {
        var route = new Dictionary<string, string> { ["id"] = ProgrammeId.ToString() };
        if (CompanyId is { } c)
        {
            route["companyId"] = c.ToString();
        }

        if (Category is { } cat)
        {
            route["category"] = cat.ToString();
        }

        if (Kind is { } k)
        {
            route["kind"] = k.ToString();
        }

        if (Status is { } s)
        {
            route["status"] = s.ToString();
        }

        if (WasteBasis)
        {
            route["basis"] = "waste";
        }

        return route;
    }

    public static ComparisonView Build(
        ComparisonResult result, IStringLocalizer t, string heading, Guid programmeId, string programmeName, Guid? companyId, string? companyName,
        string? currency, string? sort, OptionCategory? category, OptionKind? kind, OptionStatus? status, bool wasteBasis)
    {
        var culture = CultureInfo.CurrentCulture;
        var column = OptionComparison.Columns.Contains(sort?.TrimStart('-') ?? string.Empty, StringComparer.OrdinalIgnoreCase) ? sort!.ToLowerInvariant() : "company";
        var filtered = result.Options
            .Where(o => category is null || o.Option.Category == category)
            .Where(o => kind is null || o.Option.Kind == kind)
            .Where(o => status is null || o.Option.Status == status)
            .ToHashSet();
        var rows = OptionComparison.Sort(filtered, column, culture);
        var totals = OptionTotals.Of(rows.Select(r => r.Assessment));
        // Chart labels stay short (the key has two columns); the tables below the charts carry the full names.
        string Name(ComparedOption o) => (companyId is null ? Shorten(o.Company.Name, 18) + " · " : string.Empty) + "O" + o.Option.Number.ToString(culture) + " " + o.Option.Title;
        var curveItems = result.Curve.Where(c => filtered.Contains(c.Option)).ToList();
        var curve = OptionCharts.CostCurve(curveItems.Select(c => new CostCurveItem(Name(c.Option), (double)c.Tonnes, (double)c.CostPerTonne)), wasteBasis, currency, t);
        var paybackItems = result.Paybacks.Where(filtered.Contains).ToList();
        PaybackChart? payback = paybackItems.Count == 0 ? null : new PaybackChart(
            t["Simple payback per option"],
            t["Options from the quickest to the slowest simple payback, in years."],
            paybackItems.Select(p => new PaybackItem(Name(p), (double)p.SimplePayback!.Value)))
        {
            Unit = t["yr"],
            ValueAxisTitle = t["Simple payback, years"],
        };
        return new ComparisonView
        {
            Heading = heading,
            ProgrammeId = programmeId,
            ProgrammeName = programmeName,
            CompanyId = companyId,
            CompanyName = companyName,
            Currency = currency,
            Rows = rows,
            Totals = totals,
            Curve = curve,
            NotOnCurve = [.. result.NotOnCurve.Where(o => filtered.Contains(o.Option)).OrderBy(o => o.Option.Company.Name).ThenBy(o => o.Option.Option.Number)],
            Payback = payback,
            Sort = column,
            Category = category,
            Kind = kind,
            Status = status,
            WasteBasis = wasteBasis,
            TotalCount = result.Options.Count,
        };
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1).TrimEnd(), "…");
}

/// <summary>One company's findings on the programme's comparison: its block and how many are open or reviewed.</summary>
public sealed record CompanyFindingsView(ComparedCompany Company, FindingsBlock Findings)
{
    public int Open => Findings.Items.Count(f => f.IsOpen);

    public int Reviewed => Findings.Items.Count - Open;
}
