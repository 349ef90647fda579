using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CpTraining.Browser.Tests.Options;

/// <summary>
/// Issue 6's journey: an engineer adds three CP options, links them to balance streams, evaluates one technically,
/// enters the economics of all three and moves them to "feasible"; the company comparison ranks them and draws them on
/// the cost curve; the trainer selects the cheapest; the engineer records its implementation; the coordinator adjusts
/// the measured savings and verifies them, and only then do they count as achieved.
/// </summary>
/// <remarks>
/// <para>The balance (t/yr): natural gas 1 000 in and CO₂ (an air emission) 2 000 out at the boiler; process water
/// 10 000 in, effluent 9 000 and sludge 100 out at the dye house. Linked reductions = flow × share: O1 cuts the CO₂ by
/// 10 % (200 t) and the gas by 10 % (100 t raw material); O2 cuts the CO₂ by 5 % (100 t) and the water by 20 %
/// (10 000 t of water at 1 000 kg/m³ = 10 000 m³, so 2 000 m³); O3 cuts the CO₂ by 5 % (100 t).</para>
/// <para>Economics, all over 10 years at a 0 % discount rate, no escalation, no salvage, so that NPV = −I + 10·S,
/// simple payback = I ÷ S, and (capital recovery factor 1/10 at 0 %) the equivalent annual cost EAC = −NPV ÷ 10:
/// O1: I = 10 000, S = 25 000 + 5 000 = 30 000 → NPV 290 000, payback 0.33 yr, EAC −29 000, −145 per t CO₂;
/// O2: I = 100 000, S = 15 000 → NPV 50 000, payback 6.67 yr, EAC −5 000, −50 per t CO₂;
/// O3: I = 300 000, S = 20 000 → NPV −100 000, payback 15 yr, EAC +10 000, +100 per t CO₂.
/// So O1 is the cheapest per tonne and the best by NPV and payback, O3 the dearest and worst on all three.</para>
/// <para>Technical evaluation of O1: product quality weight 2 score 5, the other seven criteria weight 1 with scores
/// 4, 3, 4, 5, 4, 3, 5: Σ weight × score = 10 + 28 = 38, Σ weight = 9, score 38 ÷ 9 = 4.22.</para>
/// <para>Achieved: the engineer records 12 000 invested, 27 000 a year saved and 180 t CO₂; the coordinator corrects
/// the savings to 25 000 and verifies. Planned totals (O1 only, the one selected): investment 10 000, savings 30 000,
/// CO₂ 200 t, payback 10 000 ÷ 30 000 = 0.3 yr; achieved: 0 before verification, then 12 000, 25 000, 180 t and
/// 12 000 ÷ 25 000 = 0.48 ≈ 0.5 yr.</para>
/// </remarks>
public sealed class OptionJourneyTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    [Fact]
    public async Task Engineer_evaluates_three_options_trainer_selects_the_cheapest_and_only_verified_results_count_as_achieved()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 4, 7), "CPEE Kherson 2026");
        var company = await factory.EnrolCompanyAsync(programme.Id, "Kherson Textile Finishing");
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
        var trainer = await factory.CreateUserAsync(Roles.Trainer);
        await using (var db = factory.NewDbContext())
        {
            var p = await db.Programmes.Include(x => x.Members).Include(x => x.Enrolments).SingleAsync(x => x.Id == programme.Id);
            p.AssignTrainer(company.Id, trainer.Id);
            await db.SaveChangesAsync();
        }

        var sheet = Worksheet.Create(programme.Id, company.Id, "Dye house 2026", "Reactive dyeing", "UAH", factory.Clock.GetUtcNow());
        var boiler = sheet.AddStep("Boiler");
        var dyeing = sheet.AddStep("Dyeing");
        sheet.AddStream(new StreamSpec("Natural gas", "Natural gas", null, boiler.Id, Tonnes(1_000)));
        sheet.AddStream(new StreamSpec("Flue gas", "CO2", boiler.Id, null, Tonnes(2_000), OutputClass: OutputClass.AirEmission));
        sheet.AddStream(new StreamSpec("Process water", "Water", null, dyeing.Id, Tonnes(10_000)));
        sheet.AddStream(new StreamSpec("Dyeing effluent", "Water", dyeing.Id, null, Tonnes(9_000), OutputClass: OutputClass.Wastewater));
        sheet.AddStream(new StreamSpec("Sludge", "Fibre", dyeing.Id, null, Tonnes(100), OutputClass: OutputClass.SolidWaste));
        await using (var db = factory.NewDbContext())
        {
            db.Worksheets.Add(sheet);
            await db.SaveChangesAsync();
        }

        var register = $"/programmes/{programme.Id}/companies/{company.Id}/options";

        await using var engineerContext = await factory.NewContextAsync();
        var page = await engineerContext.NewPageAsync();
        await page.SignInAsync(engineer.Email!);

        // 1. Three options through the register form, each linked to streams on its page.
        var o1 = await AddOptionAsync(page, register, "Boiler tuning", "BetterProcessControl", "LowCost");
        await LinkAsync(page, ("Flue gas", "10"), ("Natural gas", "10"));
        await Expect(page.Locator("#computed-lines tbody tr", new() { HasText = "Flue gas" }).Locator(".reduction")).ToContainTextAsync("200");
        await Expect(page.Locator("#reduction-co2 .computed")).ToHaveTextAsync("200");
        await Expect(page.Locator("#reduction-raw .computed")).ToHaveTextAsync("100");
        await Expect(page.Locator("#reduction-co2 .effective")).ToHaveTextAsync("200");

        // The technical evaluation of O1: product quality counts double.
        string[] scores = ["5", "4", "3", "4", "5", "4", "3", "5"];
        await page.FillAsync("#Technical_Criteria_0__Weight", "2");
        for (var i = 0; i < scores.Length; i++)
        {
            await page.SelectOptionAsync($"#Technical_Criteria_{i}__Score", scores[i]);
        }

        await page.SelectOptionAsync("#Technical_IsFeasible", "true");
        await page.FillAsync("#Technical_Notes", "Burner tuning by the boiler supplier; one day of downtime.");
        await page.ClickAsync("#technical-form button[type=submit]");
        await Expect(page.Locator("#technical-score")).ToHaveTextAsync("4.22");
        await Expect(page.Locator("#technical-verdict")).ToHaveTextAsync("technically feasible");
        await page.ScreenshotAsync("option-journey-option");

        var o2 = await AddOptionAsync(page, register, "Heat recovery from hot effluent", "OnSiteRecovery", "Investment");
        await LinkAsync(page, ("Flue gas", "5"), ("Process water", "20"));
        await Expect(page.Locator("#reduction-co2 .computed")).ToHaveTextAsync("100");
        await Expect(page.Locator("#reduction-water .computed")).ToHaveTextAsync("2,000");

        var o3 = await AddOptionAsync(page, register, "New condensing boiler", "TechnologyChange", "Investment");
        await LinkAsync(page, ("Flue gas", "5"));
        await Expect(page.Locator("#reduction-co2 .computed")).ToHaveTextAsync("100");

        // Economics of all three (see the remarks for the figures).
        await EnterEconomicsAsync(page, o1, "Burner tuning", "10000", energy: "25000", rawMaterials: "5000");
        await Expect(page.Locator("#result-npv")).ToContainTextAsync("290,000.00");
        await Expect(page.Locator("#result-payback")).ToHaveTextAsync("0.33 years");
        await page.ScreenshotAsync("option-journey-economics");
        await EnterEconomicsAsync(page, o2, "Heat exchanger", "100000", energy: "15000");
        await Expect(page.Locator("#result-npv")).ToContainTextAsync("50,000.00");
        await Expect(page.Locator("#result-payback")).ToHaveTextAsync("6.67 years");
        await EnterEconomicsAsync(page, o3, "Condensing boiler", "300000", energy: "20000");
        await Expect(page.Locator("#result-npv")).ToContainTextAsync("-100,000.00");
        await Expect(page.Locator("#result-payback")).ToHaveTextAsync("15.00 years");

        // Under study → feasible, all three.
        foreach (var id in new[] { o1, o2, o3 })
        {
            await page.GotoAsync($"/options/{id}");
            await MoveAsync(page, "UnderStudy", "Under study");
            await MoveAsync(page, "Feasible", "Feasible");
        }

        // 2. The comparison, reached from the register: ranked by NPV and payback; the cost curve cheapest first.
        await page.GotoAsync(register);
        await Expect(page.Locator("#pile-ImplementNow tbody tr")).ToHaveCountAsync(3);
        await page.ClickAsync("#compare-link");
        await Expect(page.Locator("#compare-table tbody tr")).ToHaveCountAsync(3);
        await page.ClickAsync("#compare-table th[data-column=npv] a");
        await Expect(page.Locator("#compare-table th[data-column=npv]")).ToHaveAttributeAsync("aria-sort", "ascending");
        await Expect(Numbers(page)).ToHaveTextAsync(["O3", "O2", "O1"]);
        await page.ClickAsync("#compare-table th[data-column=npv] a");
        await Expect(page.Locator("#compare-table th[data-column=npv]")).ToHaveAttributeAsync("aria-sort", "descending");
        await Expect(Numbers(page)).ToHaveTextAsync(["O1", "O2", "O3"]);
        await Expect(page.Locator("#compare-table tbody td.npv")).ToHaveTextAsync(["290,000.00", "50,000.00", "-100,000.00"]);
        await page.ClickAsync("#compare-table th[data-column=payback] a");
        await Expect(Numbers(page)).ToHaveTextAsync(["O1", "O2", "O3"]);
        await Expect(page.Locator("#compare-table tbody td.payback")).ToHaveTextAsync(["0.33", "6.67", "15.00"]);
        await Expect(page.Locator("#compare-table tbody td.costco2")).ToHaveTextAsync(["-145.00", "-50.00", "100.00"]);

        // The curve's bars, left to right, and the table under it: O1, O2, O3 from cheapest to dearest per tonne.
        var bars = page.Locator("#curve svg g.bars g.bar > title");
        await Expect(bars).ToHaveCountAsync(3);
        var barTitles = await bars.AllTextContentsAsync();
        Assert.StartsWith("1. O1 Boiler tuning", barTitles[0], StringComparison.Ordinal);
        Assert.StartsWith("2. O2 Heat recovery", barTitles[1], StringComparison.Ordinal);
        Assert.StartsWith("3. O3 New condensing boiler", barTitles[2], StringComparison.Ordinal);
        var curveRows = await page.Locator("#curve-table tbody tr th").AllTextContentsAsync();
        Assert.Equal(["O1 Boiler tuning", "O2 Heat recovery from hot effluent", "O3 New condensing boiler"], curveRows);
        await page.ScreenshotAsync("option-journey-compare");

        // 3. The trainer selects O1.
        await using var trainerContext = await factory.NewContextAsync();
        var trainerPage = await trainerContext.NewPageAsync();
        await trainerPage.SignInAsync(trainer.Email!);
        await trainerPage.GotoAsync($"/options/{o1}");
        await MoveAsync(trainerPage, "Selected", "Selected");
        await Expect(trainerPage.Locator("#option-pile")).ToHaveTextAsync("Implement now");

        // 4. The engineer records the implementation and marks it implemented; it cannot verify its own results.
        await page.GotoAsync($"/options/{o1}");
        await page.ClickAsync("#achieved-link");
        await page.FillAsync("#Input_ImplementedOn", "2026-05-20");
        await page.FillAsync("#Input_ActualInvestment", "12000");
        await page.FillAsync("#Input_AnnualSavings", "27000");
        await page.FillAsync("#Input_TonnesCo2", "180");
        await page.FillAsync("#Input_Notes", "Gas meter readings March–May attached to the report.");
        await page.ClickAsync("#implement-button");
        await Expect(page.Locator("#option-status [data-status]")).ToHaveAttributeAsync("data-status", "Implemented");
        await Expect(page.Locator("#cannot-verify")).ToBeVisibleAsync();
        await Expect(page.Locator("#compare tr[data-figure=savings] [data-difference]")).ToHaveTextAsync("-3,000.00");

        // Implemented but not verified: planned counts, achieved does not yet.
        await page.GotoAsync(register);
        await page.ClickAsync("#results-link");
        await Expect(Total(page, "investment", "planned")).ToHaveTextAsync("10,000.00");
        await Expect(Total(page, "savings", "planned")).ToHaveTextAsync("30,000.00");
        await Expect(Total(page, "co2", "planned")).ToHaveTextAsync("200");
        await Expect(Total(page, "payback", "planned")).ToHaveTextAsync("0.3");
        await Expect(Total(page, "savings", "achieved")).ToHaveTextAsync("0.00");
        await Expect(page.Locator("#option-totals-counts [data-count=verified]")).ToHaveTextAsync("Verified: 0");

        // The coordinator corrects the measured savings and verifies them.
        await using var coordinatorContext = await factory.NewContextAsync();
        var coordinatorPage = await coordinatorContext.NewPageAsync();
        await coordinatorPage.SignInAsync(coordinator.Email!);
        await coordinatorPage.GotoAsync($"/options/{o1}/achieved");
        await Expect(coordinatorPage.Locator("#Input_AnnualSavings")).ToHaveValueAsync("27000");
        await coordinatorPage.FillAsync("#Input_AnnualSavings", "25000");
        await coordinatorPage.ClickAsync("#save-button");
        await Expect(coordinatorPage.Locator("#compare tr[data-figure=savings] [data-achieved]")).ToHaveTextAsync("25,000.00");
        await Expect(coordinatorPage.Locator("#option-status [data-status]")).ToHaveAttributeAsync("data-status", "Implemented");
        await coordinatorPage.ClickAsync("#verify-button");
        await Expect(coordinatorPage.Locator("#option-status [data-status]")).ToHaveAttributeAsync("data-status", "Verified");
        await Expect(coordinatorPage.Locator("#verified-by")).ToBeVisibleAsync();
        await coordinatorPage.ScreenshotAsync("option-journey-achieved");

        // The engineer now reads the verified figures as achieved.
        await page.ReloadAsync();
        await Expect(page.Locator("#option-totals-counts [data-count=verified]")).ToHaveTextAsync("Verified: 1");
        await Expect(Total(page, "investment", "achieved")).ToHaveTextAsync("12,000.00");
        await Expect(Total(page, "savings", "achieved")).ToHaveTextAsync("25,000.00");
        await Expect(Total(page, "co2", "achieved")).ToHaveTextAsync("180");
        await Expect(Total(page, "payback", "achieved")).ToHaveTextAsync("0.5");
        await Expect(Total(page, "savings", "planned")).ToHaveTextAsync("30,000.00");
        await page.ScreenshotAsync("option-journey-results");

        // The comparison's totals agree.
        await page.GotoAsync($"{register}/compare");
        await Expect(page.Locator("#totals-savings td").Nth(1)).ToHaveTextAsync("25,000.00");
        await Expect(page.Locator("#totals-count td")).ToHaveTextAsync(["1", "1"]);
    }

    private static Quantity Tonnes(decimal tonnes) => Quantity.Of(tonnes, Unit.Tonne);

    private static ILocator Numbers(IPage page) => page.Locator("#compare-table tbody tr td:first-child");

    private static ILocator Total(IPage page, string figure, string column) =>
        page.Locator($"#option-totals-table tr[data-figure={figure}] td[data-{column}]");

    private static async Task<Guid> AddOptionAsync(IPage page, string register, string title, string category, string kind)
    {
        await page.GotoAsync(register);
        await page.FillAsync("#Input_Title", title);
        await page.FillAsync("#Input_Description", "What changes: **" + title.ToLowerInvariant() + "**.");
        await page.FillAsync("#Input_ProblemsAddressed", "Gas use and CO₂ of the boiler house.");
        await page.SelectOptionAsync("#Input_Category", category);
        await page.SelectOptionAsync("#Input_Kind", kind);
        await page.ClickAsync("#new-option button[type=submit]");
        await Expect(page.Locator("#option-title")).ToHaveTextAsync(title);
        await Expect(page.Locator("#current-status")).ToHaveTextAsync("Identified");
        return Guid.Parse(page.Url.Split('/', '?', '#')[4]);
    }

    private static async Task LinkAsync(IPage page, params (string Stream, string Percent)[] links)
    {
        foreach (var (stream, percent) in links)
        {
            var row = page.Locator("#stream-table tbody tr", new() { HasText = stream });
            await row.Locator("input[type=checkbox]").CheckAsync();
            await row.Locator("td.option-percent input").FillAsync(percent);
        }

        await page.ClickAsync("#links-form button[type=submit]");
        await Expect(page.Locator("#computed-lines tbody tr")).ToHaveCountAsync(links.Length);
        await Expect(page.Locator("#form-errors.validation-summary-errors")).ToHaveCountAsync(0);
    }

    private static async Task EnterEconomicsAsync(IPage page, Guid optionId, string item, string investment, string energy, string? rawMaterials = null)
    {
        await page.GotoAsync($"/options/{optionId}");
        await page.ClickAsync("#economics-link");
        await page.FillAsync("#Input_Investment_0__Description", item);
        await page.FillAsync("#Input_Investment_0__Amount", investment);
        await page.FillAsync("#Input_Energy", energy);
        if (rawMaterials is not null)
        {
            await page.FillAsync("#Input_RawMaterials", rawMaterials);
        }

        await page.FillAsync("#Input_LifetimeYears", "10");
        await page.FillAsync("#Input_DiscountRate", "0");
        await page.ClickAsync("#save-economics");
        await Expect(page.Locator("#figures")).ToBeVisibleAsync();
    }

    private static async Task MoveAsync(IPage page, string to, string label)
    {
        await page.ClickAsync($"#moves button[data-to={to}]");
        await Expect(page.Locator("#current-status")).ToHaveTextAsync(label);
    }
}
