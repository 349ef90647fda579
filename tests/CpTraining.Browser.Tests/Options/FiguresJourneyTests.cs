using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CpTraining.Browser.Tests.Options;

/// <summary>
/// Figures an investor can trust, as people use them: an engineer enters uneven cash flows with a grant and a loan and
/// reads the tornado chart and the break-even values; the trainer marks a warning reviewed with a comment; the
/// coordinator publishes the company report, whose published version shows the data-quality box with that review.
/// </summary>
/// <remarks>
/// Sessions from 26 May 2026; today is 20 October 2026, the final session, when reports may be published.
/// O1, entered in the browser: investment 10 000, energy savings 3 000 a year, 5 years at 10 %; year 1 is a ramp-up
/// with 1 500; a grant of 2 000 in year 0; a loan of 50 % of (10 000 − 2 000) = 4 000 at 8 % over 3 years.
/// NPV = −8 000 + 1 500/1.1 + 3 000 × (3.790787 − 0.909091) = 2 008.72; the equity flows −4 000, −52.13, 1 447.87,
/// 1 447.87, 3 000, 3 000 have an IRR of 23.58 % (bisection). Savings × f: NPV = −8 000 + 10 008.72 f = 0 at
/// f = 0.7993: the savings may fall by 20 %.
/// O2, entered beforehand: 1 000 invested for 5 000 a year (good housekeeping): an IRR far above 100 %, a warning.
/// </remarks>
public sealed class FiguresJourneyTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    [Fact]
    public async Task Engineer_enters_a_grant_and_a_loan_trainer_reviews_a_warning_and_the_published_report_shows_data_quality()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero));
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 5, 26), "CPEE Kherson 2026");
        var company = await factory.EnrolCompanyAsync(programme.Id, "Kherson Textile Finishing");
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
        var trainer = await factory.CreateUserAsync(Roles.Trainer);
        var heat = CpOption.Create(programme.Id, company.Id, 1, "Heat recovery from hot effluent", null, null, OptionCategory.OnSiteRecovery, OptionKind.Investment, factory.Clock.GetUtcNow());
        var leaks = CpOption.Create(programme.Id, company.Id, 2, "Repair steam leaks", null, null, OptionCategory.GoodHousekeeping, OptionKind.LowCost, factory.Clock.GetUtcNow());
        leaks.ChangeEconomics(new EconomicInputs { Investment = [new("Spare parts", 1_000m)], Energy = 5_000m, LifetimeYears = 5, DiscountRate = 0.10m, PriceYear = 2026 });
        foreach (var status in new[] { OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected })
        {
            heat.MoveTo(status, null, null, factory.Clock.GetUtcNow());
            leaks.MoveTo(status, null, null, factory.Clock.GetUtcNow());
        }

        await using (var db = factory.NewDbContext())
        {
            var p = await db.Programmes.Include(x => x.Members).Include(x => x.Enrolments).SingleAsync(x => x.Id == programme.Id);
            p.AssignTrainer(company.Id, trainer.Id);
            db.CpOptions.AddRange(heat, leaks);
            await db.SaveChangesAsync();
        }

        // 1. The engineer enters the economics of O1 with a ramp-up year, a grant and a loan.
        await using var engineerContext = await factory.NewContextAsync();
        var page = await engineerContext.NewPageAsync();
        await page.SignInAsync(engineer.Email!);
        await page.GotoAsync($"/options/{heat.Id}");
        await page.ClickAsync("#economics-link");
        await page.FillAsync("#Input_Investment_0__Description", "Plate heat exchanger");
        await page.FillAsync("#Input_Investment_0__Amount", "10000");
        await page.FillAsync("#Input_Energy", "3000");
        await page.FillAsync("#Input_PriceYear", "2026");
        await page.FillAsync("#Input_LifetimeYears", "5");
        await page.FillAsync("#Input_DiscountRate", "10");
        await page.ClickAsync("#fit-grid");
        await Expect(page.Locator("#year-grid-table tbody tr")).ToHaveCountAsync(5);
        await Expect(page.Locator("#Input_Investment_0__Amount")).ToHaveValueAsync("10000");
        await page.FillAsync("#Input_Years_0__Savings", "1500");
        await page.FillAsync("#Input_Grants_0__Description", "Energy-efficiency fund");
        await page.FillAsync("#Input_Grants_0__Amount", "2000");
        await page.FillAsync("#Input_DebtShare", "50");
        await page.FillAsync("#Input_DebtInterestRate", "8");
        await page.FillAsync("#Input_DebtTermYears", "3");
        await page.ClickAsync("#save-economics");
        await Expect(page.Locator("#result-npv")).ToHaveTextAsync("2,008.72\u00A0UAH");
        await Expect(page.Locator("#equity-irr")).ToContainTextAsync("23.58\u00A0%");
        await Expect(page.Locator("#price-basis")).ToContainTextAsync("2026 prices");

        // The tornado chart and the break-even values in words.
        await Expect(page.Locator("#tornado-chart svg g.bar")).ToHaveCountAsync(5);
        await Expect(page.Locator("#break-even li[data-parameter='Savings']")).ToHaveTextAsync("Stays profitable until the savings fall by 20\u00A0%.");
        await page.Locator("#sensitivity").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync("figures-journey-sensitivity");

        // O2's IRR above 100 % is flagged on its economics page.
        await page.GotoAsync($"/options/{leaks.Id}/economics");
        await Expect(page.Locator("#checks li[data-rule='economics.irr-above-100']")).ToBeVisibleAsync();

        // 2. The trainer reviews the warning with a comment.
        await using var trainerContext = await factory.NewContextAsync();
        var review = await trainerContext.NewPageAsync();
        await review.SignInAsync(trainer.Email!);
        await review.GotoAsync($"/programmes/{programme.Id}/companies/{company.Id}/findings");
        var finding = review.Locator("#findings li[data-rule='economics.irr-above-100']");
        await Expect(finding).ToHaveAttributeAsync("data-status", "open");
        await finding.Locator("textarea").FillAsync("Checked the invoices: 1 000 UAH of spare parts, steam meter before and after.");
        await finding.Locator("button[type=submit]").ClickAsync();
        await Expect(review.Locator("#findings li[data-rule='economics.irr-above-100']")).ToHaveAttributeAsync("data-status", "reviewed");
        await Expect(review.Locator("#findings li[data-rule='economics.irr-above-100'] .finding-review")).ToContainTextAsync("Checked the invoices");

        // 3. The coordinator publishes the company report; the published version shows the data-quality box.
        await using var coordinatorContext = await factory.NewContextAsync();
        var desk = await coordinatorContext.NewPageAsync();
        await desk.SignInAsync(coordinator.Email!);
        await desk.GotoAsync($"/programmes/{programme.Id}/companies/{company.Id}/report");
        await desk.ClickAsync("#publish-button");
        await desk.WaitForURLAsync($"**/programmes/{programme.Id}/companies/{company.Id}/report/versions/1");
        await Expect(desk.Locator("#data-quality")).ToBeVisibleAsync();
        await Expect(desk.Locator("#data-quality-reviewed")).ToContainTextAsync("Checked the invoices");
        await desk.Locator("#data-quality").ScrollIntoViewIfNeededAsync();
        await desk.ScreenshotAsync("figures-journey-data-quality");
    }
}
