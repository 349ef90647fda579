using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Domain.Reports;

namespace CpTraining.Domain.Tests.Reports;

/// <summary>What the company report derives from its snapshot: financing needs, the action plan, the totals.</summary>
public sealed class CompanyReportFiguresTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid ProgrammeId = Guid.NewGuid();
    private static readonly Guid CompanyId = Guid.NewGuid();

    private static OptionSnapshot Option(int number, OptionKind kind, OptionStatus status, decimal investment, decimal savings, string? nextStep = null, DateOnly? due = null)
    {
        var option = CpOption.Create(ProgrammeId, CompanyId, number, "Option " + number, null, null, OptionCategory.EquipmentModification, kind, Now);
        option.ChangeEconomics(new EconomicInputs
        {
            Investment = investment > 0 ? [new InvestmentLine("Equipment", investment)] : [],
            Energy = savings,
            LifetimeYears = 10,
            DiscountRate = 0.1m,
        });
        option.ChangePlan(nextStep, nextStep is null ? null : "Chief engineer", due);
        var path = status switch
        {
            OptionStatus.Identified => Array.Empty<OptionStatus>(),
            OptionStatus.Feasible => [OptionStatus.UnderStudy, OptionStatus.Feasible],
            OptionStatus.Selected => [OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected],
            OptionStatus.Rejected => [OptionStatus.Rejected],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var next in path)
        {
            option.MoveTo(next, "Too expensive", "trainer", Now);
        }

        return option.Snapshot(Reductions.None, []);
    }

    private static CompanyReportSnapshot Report(params OptionSnapshot[] options) => new(
        ProgrammeId, "CPEE Kherson 2026", "CP Centre", "Kherson", "Ukraine", "uk", CompanyId, "Textile mill", null, "Kherson", "Ukraine",
        null, null, new DateOnly(2027, 6, 1), "Trainer", [], null, EmissionFactorTable.Defaults.Factors.ToList(),
        new OptionsRegisterSnapshot(ProgrammeId, CompanyId, "UAH", options), []);

    [Fact]
    public void Financing_needs_are_the_feasible_or_selected_investment_projects_quickest_payback_first()
    {
        var figures = CompanyReportFigures.Of(Report(
            Option(1, OptionKind.Investment, OptionStatus.Selected, 900_000m, 300_000m),   // payback 3.0 years
            Option(2, OptionKind.Investment, OptionStatus.Feasible, 400_000m, 200_000m),   // payback 2.0 years
            Option(3, OptionKind.LowCost, OptionStatus.Selected, 10_000m, 30_000m),        // low cost: no financing
            Option(4, OptionKind.Investment, OptionStatus.Identified, 2_000_000m, 100_000m), // not judged feasible yet
            Option(5, OptionKind.Investment, OptionStatus.Rejected, 500_000m, 10_000m)));

        Assert.Equal([2, 1], figures.Financing.Select(f => f.Number));
        Assert.Equal(2.0m, figures.Financing[0].SimplePayback);
        Assert.Equal(400_000m, figures.Financing[0].Investment);
        Assert.Equal([1, 3], figures.Selected.Select(a => a.Option.Number));
        Assert.Equal(5, figures.Totals.Identified);
        Assert.Equal(910_000m, figures.Totals.PlannedInvestment); // options 1 and 3
    }

    [Fact]
    public void The_action_plan_lists_next_steps_by_due_date_without_rejected_options()
    {
        var figures = CompanyReportFigures.Of(Report(
            Option(1, OptionKind.Investment, OptionStatus.Selected, 900_000m, 300_000m, "Ask for offers", new DateOnly(2027, 7, 1)),
            Option(2, OptionKind.LowCost, OptionStatus.Feasible, 1_000m, 3_000m, "Fix the valves", new DateOnly(2027, 6, 15)),
            Option(3, OptionKind.LowCost, OptionStatus.Rejected, 1_000m, 3_000m, "Nothing"),
            Option(4, OptionKind.LowCost, OptionStatus.Identified, 1_000m, 3_000m)));

        Assert.Equal(["Fix the valves", "Ask for offers"], figures.ActionPlan.Select(a => a.NextStep));
        Assert.Equal("Chief engineer", figures.ActionPlan[0].Responsible);
    }
}
