using AngleSharp.Html.Dom;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using static CpTraining.Web.Tests.Options.OptionsSetup;

namespace CpTraining.Web.Tests.Options;

/// <summary>
/// The options comparison over HTTP: sorting and filters, planned against achieved totals worked by hand, the cost
/// curve with the options left off it, and who may see the programme-wide page.
/// </summary>
public sealed class ComparisonPageTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private sealed record World(Guid ProgrammeId, Guid CompanyId, HttpClient Coordinator, HttpClient Engineer, HttpClient Manager, HttpClient Trainer)
    {
        public string CompanyUrl => $"/programmes/{ProgrammeId}/companies/{CompanyId}/options/compare";

        public string ProgrammeUrl => $"/programmes/{ProgrammeId}/options/compare";
    }

    /// <summary>
    /// One company with four options (5 years, 10 %; annuity factor 3.790787, capital recovery factor 0.263797):
    /// O1 leak repair, no investment, saves 2 000 a year, selected, 10 t CO₂: NPV = 2 000 × 3.790787 = 7 581.57;
    /// O2 rinsing, 10 000 invested, saves 3 000, verified (achieved 11 000 invested, 2 800 saved), 5 t CO₂: NPV = 1 372.36;
    /// O3 new dye machine, 50 000 invested, saves 5 000, identified, no CO₂: NPV = −50 000 + 18 953.93 = −31 046.07;
    /// O4 an idea without economics.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-10));
        var company = await factory.EnrolCompanyAsync(programme.Id, "Company " + Guid.NewGuid().ToString("N")[..6]);
        var other = await factory.EnrolCompanyAsync(programme.Id, "Other " + Guid.NewGuid().ToString("N")[..6]);
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
        var manager = await factory.CreateUserAsync(Roles.Manager);
        await factory.AddMemberAsync(programme.Id, manager, ProgrammeRole.Manager, company.Id);
        var trainer = await factory.CreateUserAsync(Roles.Trainer);
        await factory.AddMemberAsync(programme.Id, trainer, ProgrammeRole.Trainer);
        var now = factory.Clock.GetUtcNow();
        var co2 = (decimal t) => Reductions.Create(null, null, t, null, null, null, null, null);

        var leak = Option(programme.Id, company.Id, 1, "Leak repair", now, OptionCategory.GoodHousekeeping, OptionKind.LowCost, Flat(0, 2_000m, 5, 0.1m));
        leak.ChangeReductions(co2(10));
        leak.Walk(now, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        var rinsing = Option(programme.Id, company.Id, 2, "Rinsing", now, OptionCategory.EquipmentModification, OptionKind.Investment, Flat(10_000m, 3_000m, 5, 0.1m));
        rinsing.ChangeReductions(co2(5));
        rinsing.Walk(now, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        rinsing.RecordAchieved(AchievedResults.Create(factory.Clock.Today, 11_000m, 2_800m, co2(4), "Meters"), [], now);
        rinsing.Walk(now, OptionStatus.Implemented, OptionStatus.Verified);
        var machine = Option(programme.Id, company.Id, 3, "New dye machine", now, OptionCategory.TechnologyChange, OptionKind.Investment, Flat(50_000m, 5_000m, 5, 0.1m));
        var idea = Option(programme.Id, company.Id, 4, "Idea", now);
        var elsewhere = Option(programme.Id, other.Id, 1, "Other company's option", now, economics: Flat(1_000m, 100m, 5, 0.1m));
        await SaveAsync(factory, leak, rinsing, machine, idea, elsewhere);
        return new World(
            programme.Id, company.Id, await factory.ClientAsync(coordinator), await factory.ClientAsync(engineer),
            await factory.ClientAsync(manager), await factory.ClientAsync(trainer));
    }

    private static List<string> Titles(IHtmlDocument page) =>
        [.. page.QuerySelectorAll("#compare-table tbody tr th").Select(th => th.TextContent.Trim())];

    private static string Cell(IHtmlDocument page, string id, string selector) =>
        page.QuerySelector($"{id} {selector}")!.TextContent.Trim();

    [Fact]
    public async Task The_table_sorts_by_any_column_with_blanks_last_and_links_in_the_headers()
    {
        var w = await WorldAsync();

        var byDefault = await w.Engineer.GetDocumentAsync(w.CompanyUrl);
        var byNpv = await w.Engineer.GetDocumentAsync(w.CompanyUrl + "?sort=npv");
        var byNpvDescending = await w.Engineer.GetDocumentAsync(w.CompanyUrl + "?sort=-npv");
        var byTitle = await w.Engineer.GetDocumentAsync(w.CompanyUrl + "?sort=title");

        Assert.Equal(["Leak repair", "Rinsing", "New dye machine", "Idea"], Titles(byDefault));
        Assert.Equal(["New dye machine", "Rinsing", "Leak repair", "Idea"], Titles(byNpv));
        Assert.Equal(["Leak repair", "Rinsing", "New dye machine", "Idea"], Titles(byNpvDescending));
        Assert.Equal(["Idea", "Leak repair", "New dye machine", "Rinsing"], Titles(byTitle));
        Assert.Equal(["7,581.57", "1,372.36", "-31,046.07", "—"], byNpvDescending.QuerySelectorAll("#compare-table tbody td.npv").Select(td => td.TextContent.Trim()));
        Assert.Equal("ascending", byNpv.QuerySelector("th[data-column=npv]")!.GetAttribute("aria-sort"));
        Assert.EndsWith("sort=-npv", byNpv.QuerySelector("th[data-column=npv] a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Null(byDefault.QuerySelector("th[data-column=company]"));
    }

    [Fact]
    public async Task Filters_by_category_kind_and_status_keep_the_sort()
    {
        var w = await WorldAsync();

        var equipment = await w.Engineer.GetDocumentAsync(w.CompanyUrl + "?category=EquipmentModification");
        var investments = await w.Engineer.GetDocumentAsync(w.CompanyUrl + "?kind=Investment&sort=-investment");
        var identified = await w.Engineer.GetDocumentAsync(w.CompanyUrl + "?status=Identified");

        Assert.Equal(["Rinsing"], Titles(equipment));
        Assert.Equal(["New dye machine", "Rinsing"], Titles(investments));
        Assert.Contains("kind=Investment", investments.QuerySelector("th[data-column=npv] a")!.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal(["New dye machine", "Idea"], Titles(identified));
    }

    [Fact]
    public async Task Planned_and_achieved_totals_are_shown_separately()
    {
        var w = await WorldAsync();

        var page = await w.Engineer.GetDocumentAsync(w.CompanyUrl);

        // Planned = selected O1 + verified O2: investment 0 + 10 000, savings 2 000 + 3 000, payback 10 000 ÷ 5 000 = 2.00;
        // NPV 7 581.57 + 1 372.36 = 8 953.93. Achieved = verified O2 only: 11 000 and 2 800, payback 11 000 ÷ 2 800 = 3.93.
        Assert.Equal(["Options", "2", "1"], Row(page, "#totals-count"));
        Assert.Equal(["10,000.00", "11,000.00"], Row(page, "#totals-investment")[1..]);
        Assert.Equal(["5,000.00", "2,800.00"], Row(page, "#totals-savings")[1..]);
        Assert.Equal(["2.00", "3.93"], Row(page, "#totals-payback")[1..]);
        Assert.Equal("8,953.93", Row(page, "#totals-npv")[1]);
        Assert.Equal(["15.0", "4.0"], Row(page, "#totals-co2")[1..]);
    }

    [Fact]
    public async Task The_cost_curve_ranks_by_cost_per_tonne_and_lists_the_options_left_off()
    {
        var w = await WorldAsync();

        var page = await w.Engineer.GetDocumentAsync(w.CompanyUrl);

        // EAC = −NPV × CRF: O1 −7 581.57 × 0.263797 = −2 000 a year ÷ 10 t = −200 per t; O2 −362.03 ÷ 5 t = −72 per t.
        var rows = page.QuerySelectorAll("#curve-table tbody tr").Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(("O1 Leak repair", "-200\u00A0UAH/t"), (rows[0][1], rows[0][3]));
        Assert.Equal(("O2 Rinsing", "-72\u00A0UAH/t"), (rows[1][1], rows[1][3]));
        Assert.NotNull(page.QuerySelector("#curve svg"));
        var off = page.QuerySelectorAll("#not-on-curve li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(["O3 New dye machine — No CO₂ avoided.", "O4 Idea — No economic evaluation yet."], off);
        Assert.Equal(["O1 Leak repair", "O2 Rinsing", "O3 New dye machine"], page.QuerySelectorAll("#payback-table tbody th").Select(th => th.TextContent.Trim()));
        Assert.NotNull(page.QuerySelector("#payback svg"));
    }

    [Fact]
    public async Task The_programme_page_is_for_coordinators_trainers_and_administrators_only()
    {
        var w = await WorldAsync();

        var coordinator = await w.Coordinator.GetDocumentAsync(w.ProgrammeUrl + "?sort=company");
        var trainer = await w.Trainer.GetAsync(w.ProgrammeUrl);

        Assert.Equal(5, Titles(coordinator).Count);
        Assert.NotNull(coordinator.QuerySelector("th[data-column=company]"));
        Assert.Equal(System.Net.HttpStatusCode.OK, trainer.StatusCode);
        RedirectAssert.ToAccessDenied(await w.Engineer.GetAsync(w.ProgrammeUrl));
        RedirectAssert.ToAccessDenied(await w.Manager.GetAsync(w.ProgrammeUrl));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await w.Coordinator.GetAsync($"/programmes/{Guid.NewGuid()}/options/compare")).StatusCode);
    }

    private static List<string> Row(IHtmlDocument page, string id) =>
        [.. page.QuerySelector(id)!.Children.Select(c => c.TextContent.Trim())];
}
