using System.Text.Json;
using System.Text.Json.Serialization;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Domain.Reports;

namespace CpTraining.Domain.Tests.Reports;

/// <summary>
/// What the programme report derives from its snapshot: counts and reductions summed over the companies, money summed
/// per currency only, and the investment pipeline across companies by payback. Economics are chosen so every figure
/// is computed by hand: lifetime 2 years at 25 %, so NPV = S·(0.8 + 0.64) − I = 1.44·S − I, and payback = I ÷ S.
/// </summary>
public sealed class ProgrammeReportFiguresTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid ProgrammeId = Guid.NewGuid();
    private static readonly Guid Alpha = Guid.NewGuid();
    private static readonly Guid Beta = Guid.NewGuid();
    private static readonly Guid Gamma = Guid.NewGuid();

    private static OptionSnapshot Option(Guid company, int number, OptionKind kind, OptionStatus status, decimal investment, decimal savings, decimal co2)
    {
        var option = CpOption.Create(ProgrammeId, company, number, "Option " + number, null, null, OptionCategory.EquipmentModification, kind, Now);
        option.ChangeEconomics(new EconomicInputs
        {
            Investment = investment > 0 ? [new InvestmentLine("Equipment", investment)] : [],
            Energy = savings,
            LifetimeYears = 2,
            DiscountRate = 0.25m,
        });
        OptionStatus[] path = status switch
        {
            OptionStatus.Identified => [],
            OptionStatus.Feasible => [OptionStatus.UnderStudy, OptionStatus.Feasible],
            OptionStatus.Selected => [OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var next in path)
        {
            option.MoveTo(next, null, null, Now);
        }

        return option.Snapshot(new Reductions(null, null, co2, null, null, null, null, []), []);
    }

    private static CompanyReportSnapshot Company(Guid id, string name, string currency, params OptionSnapshot[] options) => new(
        ProgrammeId, "CPEE Kherson 2027", "CP Centre", "Kherson", "Ukraine", "uk", id, name, "Textiles", "Kherson", currency == "UAH" ? "Ukraine" : "Poland",
        null, null, new DateOnly(2027, 6, 1), "Trainer", [new TeamMember("Olena", ProgrammeRole.Engineer, "Chief engineer")], null,
        EmissionFactorTable.Defaults.Factors.ToList(), new OptionsRegisterSnapshot(ProgrammeId, id, currency, options), []);

    private static ProgrammeReportSnapshot Report() => new(
        ProgrammeId, "CPEE Kherson 2027", "CP Centre", "Kherson", "Ukraine", "uk", new DateOnly(2027, 6, 1),
        [new SessionHeld(1, new DateOnly(2027, 2, 1), new DateOnly(2027, 2, 3), "Hotel Fregat", false)],
        [new ReportParticipant("Olena", "Alpha", ProgrammeRole.Engineer), new ReportParticipant("Ivan", null, ProgrammeRole.Trainer)],
        [new AdvisorTrained("Olena", "Alpha")],
        [
            Company(Gamma, "Gamma", "EUR",
                Option(Gamma, 1, OptionKind.Investment, OptionStatus.Feasible, 50_000m, 10_000m, 1_000m),  // payback 5.0, not planned
                Option(Gamma, 2, OptionKind.Investment, OptionStatus.Selected, 30_000m, 0m, 10m)),          // no savings: payback unknown
            Company(Alpha, "Alpha", "UAH",
                Option(Alpha, 1, OptionKind.Investment, OptionStatus.Selected, 900_000m, 300_000m, 120m),  // payback 3.0, NPV −468 000
                Option(Alpha, 2, OptionKind.LowCost, OptionStatus.Selected, 10_000m, 30_000m, 5m),         // NPV 33 200; low cost: no financing
                Option(Alpha, 3, OptionKind.Investment, OptionStatus.Feasible, 400_000m, 100_000m, 1_000m)), // payback 4.0, not planned
            Company(Beta, "Beta", "UAH",
                Option(Beta, 1, OptionKind.Investment, OptionStatus.Selected, 200_000m, 100_000m, 40m)),   // payback 2.0, NPV −56 000
        ]);

    [Fact]
    public void Money_is_summed_per_currency_and_counts_and_reductions_over_all_companies()
    {
        var figures = ProgrammeReportFigures.Of(Report());

        Assert.Equal(["Alpha", "Beta", "Gamma"], figures.Companies.Select(c => c.Snapshot.CompanyName));
        Assert.Equal(6, figures.Identified);
        Assert.Equal(4, figures.Selected);
        Assert.Equal(175m, figures.PlannedReductions.TonnesCo2); // 120 + 5 + 40 + 10: feasible options are not planned
        Assert.Null(figures.AchievedReductions.TonnesCo2);

        Assert.Equal(["EUR", "UAH"], figures.Money.Select(m => m.Currency));
        var uah = figures.Money[1];
        Assert.Equal(2, uah.Companies);
        Assert.Equal(1_110_000m, uah.PlannedInvestment);    // 900 000 + 10 000 + 200 000
        Assert.Equal(430_000m, uah.PlannedAnnualSavings);   // 300 000 + 30 000 + 100 000
        Assert.Equal(-490_800m, uah.PlannedNpv);            // −468 000 + 33 200 − 56 000
        Assert.Equal(1_110_000m / 430_000m, uah.PlannedPayback);
        var eur = figures.Money[0];
        Assert.Equal(30_000m, eur.PlannedInvestment);
        Assert.Equal(-30_000m, eur.PlannedNpv);
        Assert.Null(eur.PlannedPayback);
    }

    [Fact]
    public void The_investment_pipeline_lists_every_companys_financing_needs_quickest_payback_first_unknown_last()
    {
        var pipeline = ProgrammeReportFigures.Of(Report()).Pipeline;

        Assert.Equal(
            [("Beta", 1, 2.0m), ("Alpha", 1, 3.0m), ("Alpha", 3, 4.0m), ("Gamma", 1, 5.0m), ("Gamma", 2, (decimal?)null)],
            pipeline.Select(p => (p.CompanyName, p.Need.Number, p.Need.SimplePayback)));
        Assert.Equal(["UAH", "UAH", "UAH", "EUR", "EUR"], pipeline.Select(p => p.Currency));
        Assert.Equal(-56_000m, pipeline[0].Need.Npv);
        Assert.Equal(200_000m, pipeline[0].Need.Investment);
        Assert.Equal(100_000m, pipeline[0].Need.AnnualSavings);
    }

    [Fact]
    public void A_snapshot_read_back_from_json_gives_the_same_figures()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.General) { Converters = { new JsonStringEnumConverter() } };
        var report = Report();

        var json = JsonSerializer.Serialize(report, options);
        var back = JsonSerializer.Deserialize<ProgrammeReportSnapshot>(json, options)!;

        Assert.Equal(json, JsonSerializer.Serialize(back, options));
        Assert.Contains("\"Selected\"", json, StringComparison.Ordinal); // enums as words, as the stored snapshots
        var before = ProgrammeReportFigures.Of(report);
        var after = ProgrammeReportFigures.Of(back);
        Assert.Equal(before.Money, after.Money);
        Assert.Equal(before.PlannedReductions, after.PlannedReductions);
        Assert.Equal(
            before.Pipeline.Select(p => (p.CompanyName, p.Need.Number, p.Need.Npv, p.Need.Irr)),
            after.Pipeline.Select(p => (p.CompanyName, p.Need.Number, p.Need.Npv, p.Need.Irr)));
        Assert.Equal(before.Companies.Select(c => c.Totals.PlannedNpv), after.Companies.Select(c => c.Totals.PlannedNpv));
        Assert.Equal(report.Sessions, back.Sessions);
        Assert.Equal(report.AdvisorsTrained, back.AdvisorsTrained);
    }
}
