using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;

namespace CpTraining.Domain.Reports;

/// <summary>A plenary session that has begun by the report date, with its dates and place.</summary>
public sealed record SessionHeld(int Number, DateOnly StartDate, DateOnly EndDate, string? Venue, bool IsFinal);

/// <summary>A member of the programme as the overview lists them; <see cref="Company"/> is null for programme staff.</summary>
public sealed record ReportParticipant(string Name, string? Company, ProgrammeRole Role);

/// <summary>A participant who met the programme's completion rule: a CP advisor trained.</summary>
public sealed record AdvisorTrained(string Name, string? Company);

/// <summary>
/// Everything the programme report (for the final session and its investors) shows, frozen as data at one moment:
/// the programme, the sessions held, its people, the CP advisors trained, and every enrolled company's full report
/// snapshot (so per-company figures come from <see cref="CompanyReportFigures.Of"/>, exactly as the company report
/// shows them). Plain records: published versions keep it as JSON.
/// </summary>
public sealed record ProgrammeReportSnapshot(
    Guid ProgrammeId,
    string ProgrammeName,
    string Organisers,
    string City,
    string Country,
    string Language,
    DateOnly ReportDate,
    IReadOnlyList<SessionHeld> Sessions,
    IReadOnlyList<ReportParticipant> Participants,
    IReadOnlyList<AdvisorTrained> AdvisorsTrained,
    IReadOnlyList<CompanyReportSnapshot> Companies,
    IReadOnlyList<Guid>? LogoFileIds = null);

/// <summary>One company's figures inside the programme report, with the currency its money is in.</summary>
public sealed record CompanyResult(CompanyReportSnapshot Snapshot, CompanyReportFigures Figures)
{
    public string Currency => Snapshot.Options.Currency;

    public OptionTotals Totals => Figures.Totals;
}

/// <summary>
/// Planned against achieved money of the companies whose registers are in one currency; money in different currencies
/// is never added up.
/// </summary>
public sealed record CurrencyTotals(
    string Currency,
    int Companies,
    decimal PlannedInvestment,
    decimal PlannedAnnualSavings,
    decimal PlannedNpv,
    decimal AchievedInvestment,
    decimal AchievedAnnualSavings)
{
    /// <summary>Σ planned investment ÷ Σ planned annual savings, years; null without savings (as <see cref="OptionTotals.PlannedPayback"/>).</summary>
    public decimal? PlannedPayback => PlannedAnnualSavings > 0 ? PlannedInvestment / PlannedAnnualSavings : null;

    public decimal? AchievedPayback => AchievedAnnualSavings > 0 ? AchievedInvestment / AchievedAnnualSavings : null;
}

/// <summary>One investment project seeking financing, with the company that proposes it and its currency.</summary>
public sealed record PipelineProject(Guid CompanyId, string CompanyName, string Currency, FinancingNeed Need);

/// <summary>The figures the programme report derives from its snapshot.</summary>
public sealed record ProgrammeReportFigures(
    IReadOnlyList<CompanyResult> Companies,
    int Identified,
    int Selected,
    int Implemented,
    int Verified,
    IReadOnlyList<CurrencyTotals> Money,
    Reductions PlannedReductions,
    Reductions AchievedReductions,
    IReadOnlyList<PipelineProject> Pipeline)
{
    /// <summary>
    /// Each company's figures as its own report derives them; counts and reductions summed over the companies; money
    /// summed per currency (ordered by currency code); the investment pipeline = every company's financing needs,
    /// quickest simple payback first, unknown payback last, then by company name and option number.
    /// </summary>
    public static ProgrammeReportFigures Of(ProgrammeReportSnapshot report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var companies = report.Companies
            .Select(c => new CompanyResult(c, CompanyReportFigures.Of(c)))
            .OrderBy(c => c.Snapshot.CompanyName, StringComparer.CurrentCulture)
            .ToList();
        var totals = companies.Select(c => c.Totals).ToList();
        var money = companies
            .GroupBy(c => c.Currency, StringComparer.OrdinalIgnoreCase)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyTotals(
                g.First().Currency,
                g.Count(),
                g.Sum(c => c.Totals.PlannedInvestment),
                g.Sum(c => c.Totals.PlannedAnnualSavings),
                g.Sum(c => c.Totals.PlannedNpv),
                g.Sum(c => c.Totals.AchievedInvestment),
                g.Sum(c => c.Totals.AchievedAnnualSavings)))
            .ToList();
        var pipeline = companies
            .SelectMany(c => c.Figures.Financing.Select(n => new PipelineProject(c.Snapshot.CompanyId, c.Snapshot.CompanyName, c.Currency, n)))
            .OrderBy(p => p.Need.SimplePayback is null)
            .ThenBy(p => p.Need.SimplePayback ?? 0)
            .ThenBy(p => p.CompanyName, StringComparer.CurrentCulture)
            .ThenBy(p => p.Need.Number)
            .ToList();
        return new ProgrammeReportFigures(
            companies,
            totals.Sum(t => t.Identified),
            totals.Sum(t => t.Selected),
            totals.Sum(t => t.Implemented),
            totals.Sum(t => t.Verified),
            money,
            Reductions.Sum(totals.Select(t => t.PlannedReductions)),
            Reductions.Sum(totals.Select(t => t.AchievedReductions)),
            pipeline);
    }
}
