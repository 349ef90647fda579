using CpTraining.Domain.Balances;
using CpTraining.Domain.Checks;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;

namespace CpTraining.Domain.Reports;

/// <summary>A person of the company's CP team as named in the report.</summary>
public sealed record TeamMember(string Name, ProgrammeRole Role, string? JobTitle);

/// <summary>One participant's attendance and home tasks, for the participation section.</summary>
public sealed record Participation(string Name, ProgrammeRole Role, int DaysPresent, int DaysMarked, int TasksAccepted, int TasksGiven);

/// <summary>
/// One plausibility finding as a report prints it, frozen in the report's language: the rule, how much it matters,
/// what it is about (<paramref name="SubjectKey"/>) and where in words, the message, and the review that answers it
/// (null comment: open).
/// </summary>
public sealed record DataQualityItem(
    string Rule,
    Severity Severity,
    string SubjectKey,
    string Where,
    string Message,
    string? ReviewComment,
    string? ReviewedBy,
    DateTimeOffset? ReviewedAt)
{
    public bool IsOpen => ReviewComment is null;
}

/// <summary>
/// Everything a company report shows, frozen as data at one moment: read once from the database, then rendered as
/// the web page and the PDF alike, so both show the same figures. Derived figures (balance, assessments, totals) are
/// computed from it by <see cref="CompanyReportFigures"/>, never stored twice. Published versions keep this record
/// (fields added later are optional, so older versions still read): <paramref name="LogoFileIds"/> are the
/// organisers' logos (stored files) for the cover, in order.
/// </summary>
public sealed record CompanyReportSnapshot(
    Guid ProgrammeId,
    string ProgrammeName,
    string Organisers,
    string ProgrammeCity,
    string ProgrammeCountry,
    string Language,
    Guid CompanyId,
    string CompanyName,
    string? Sector,
    string CompanyCity,
    string CompanyCountry,
    string? ProductionDescription,
    string? EnvironmentalProblem,
    DateOnly ReportDate,
    string? TrainerName,
    IReadOnlyList<TeamMember> Team,
    WorksheetSnapshot? FocusProcess,
    IReadOnlyList<EmissionFactor> EmissionFactors,
    OptionsRegisterSnapshot Options,
    IReadOnlyList<Participation> Participants,
    IReadOnlyList<DataQualityItem>? DataQuality = null,
    IReadOnlyList<Guid>? LogoFileIds = null);

/// <summary>One investment project that needs financing: what an investor reads.</summary>
public sealed record FinancingNeed(int Number, string Title, OptionStatus Status, decimal Investment, decimal AnnualSavings, decimal? SimplePayback, decimal? Npv, decimal? Irr);

/// <summary>A next step of the action plan.</summary>
public sealed record ActionItem(int Number, string Title, string NextStep, string? Responsible, DateOnly? Due);

/// <summary>The figures a company report derives from its snapshot.</summary>
public sealed record CompanyReportFigures(
    BalanceResult? Balance,
    IReadOnlyList<OptionAssessment> Options,
    OptionTotals Totals,
    IReadOnlyList<OptionAssessment> Selected,
    IReadOnlyList<FinancingNeed> Financing,
    IReadOnlyList<ActionItem> ActionPlan)
{
    /// <summary>The selected options' cash flows added up (those with an economic evaluation); null when none has one.</summary>
    public CombinedCashFlow? SelectedCashFlow => CombinedCashFlow.Of(Selected.Select(a => a.Economics).OfType<EconomicResult>());

    /// <summary>Implemented and verified options with recorded results: what the company has achieved so far.</summary>
    public IReadOnlyList<OptionAssessment> Achieved => [.. Options.Where(a => a.Option.Status is OptionStatus.Implemented or OptionStatus.Verified && a.Option.Achieved is not null)];

    /// <summary>
    /// Derives the report's figures. Selected options: selected, implemented or verified. Financing needs: investment
    /// projects judged feasible or selected and not yet implemented, quickest payback first (what needs money now).
    /// The action plan: every option with a next step that is not rejected, not feasible or verified, by due date.
    /// </summary>
    public static CompanyReportFigures Of(CompanyReportSnapshot report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var balance = report.FocusProcess is { } sheet
            ? BalanceEvaluation.Evaluate(sheet, new EmissionFactorTable(report.EmissionFactors), report.CompanyCountry) // as the balance page
            : null;
        var options = report.Options.Options.OrderBy(o => o.Number).Select(OptionAssessment.Of).ToList();
        var financing = options
            .Where(a => a.Option.Kind == OptionKind.Investment
                && a.Option.Status is OptionStatus.Feasible or OptionStatus.Selected
                && a.Investment is > 0)
            .OrderBy(a => a.Economics?.SimplePayback ?? decimal.MaxValue)
            .ThenBy(a => a.Option.Number)
            .Select(a => new FinancingNeed(
                a.Option.Number, a.Option.Title, a.Option.Status, a.Investment!.Value, a.AnnualSavings ?? 0,
                a.Economics?.SimplePayback, a.Economics?.Npv, a.Economics?.Irr.Rate))
            .ToList();
        var plan = options
            .Where(a => a.Option.NextStep is not null
                && a.Option.Status is not (OptionStatus.Rejected or OptionStatus.NotFeasible or OptionStatus.Verified))
            .OrderBy(a => a.Option.NextStepDue ?? DateOnly.MaxValue)
            .ThenBy(a => a.Option.Number)
            .Select(a => new ActionItem(a.Option.Number, a.Option.Title, a.Option.NextStep!, a.Option.Responsible, a.Option.NextStepDue))
            .ToList();
        return new CompanyReportFigures(
            balance,
            options,
            OptionTotals.Of(options),
            options.Where(a => a.Option.Status.IsPlanned()).ToList(),
            financing,
            plan);
    }
}
