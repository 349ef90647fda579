using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace CpTraining.Browser.Tests.Balances;

/// <summary>
/// A first-time user in Ukrainian finds the worksheets from the company page, starts one, adds two steps and a stream
/// typed with the decimal comma, sees the annual figure beside the entry, and sees a refused entry next to its field.
/// </summary>
public sealed class WorksheetEditorBrowserTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    [Fact]
    public async Task Engineer_starts_a_worksheet_from_the_company_page_and_enters_streams_with_the_decimal_comma()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-10), "CPEE Kherson");
        var company = await factory.EnrolCompanyAsync(programme.Id, "Kherson Dairy");
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);

        await using var context = await factory.NewContextAsync(locale: "uk-UA");
        var page = await context.NewPageAsync();
        await page.SignInAsync(engineer.Email!);
        await page.GotoAsync($"/programmes/{programme.Id}/companies/{company.Id}");
        await page.RunAndWaitForResponseAsync(
            () => page.SelectOptionAsync("#culture-select", "uk"),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/culture");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "uk");
        await page.ClickAsync("#worksheets-link");
        await Expect(page.Locator("#Input_Currency")).ToHaveValueAsync("UAH");
        await page.FillAsync("#Input_Name", "Пастеризація молока, 2026");
        await page.FillAsync("#Input_FocusProcess", "Пастеризація та розлив молока");
        await page.ScreenshotAsync("worksheet-list-new");
        await page.ClickAsync("#new-worksheet button[type=submit]");

        foreach (var step in new[] { "Приймання", "Пастеризація" })
        {
            await page.FillAsync("#Step_Name", step);
            await page.ClickAsync("#step-form button[type=submit]");
            await Expect(page.Locator("#step-table")).ToContainTextAsync(step);
        }

        await page.FillAsync("#Stream_Name", "Сире молоко");
        await page.FillAsync("#Stream_Material", "Молоко");
        await page.SelectOptionAsync("#Stream_ToStepId", new Microsoft.Playwright.SelectOptionValue { Label = "Приймання" });
        await page.FillAsync("#Stream_Quantity", "1 200,5");
        await page.FillAsync("#Stream_PurchasePrice", "12,75");
        await page.ClickAsync("#stream-form button[type=submit]");
        var row = page.Locator("#stream-table tbody tr", new() { HasText = "Сире молоко" });
        await Expect(row.Locator(".entered")).ToHaveTextAsync("1 200,5 т");
        await Expect(row.Locator(".annual")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^1\\s200,5$"));

        // A volume without a density: refused next to the density field, the typed figure kept.
        await page.FillAsync("#Stream_Name", "Вода на миття");
        await page.FillAsync("#Stream_Material", "Вода");
        await page.SelectOptionAsync("#Stream_ToStepId", new Microsoft.Playwright.SelectOptionValue { Label = "Пастеризація" });
        await page.FillAsync("#Stream_Quantity", "3,5");
        await page.SelectOptionAsync("#Stream_Unit", "CubicMetre");
        await page.ClickAsync("#stream-form button[type=submit]");
        await Expect(page.Locator("[data-valmsg-for='Stream.Density']")).ToContainTextAsync("густину");
        await Expect(page.Locator("#Stream_Quantity")).ToHaveValueAsync("3,5");
        await page.ScreenshotAsync("worksheet-editor-refused");
        await page.FillAsync("#Stream_Density", "1000");
        await page.ClickAsync("#stream-form button[type=submit]");
        await Expect(page.Locator("#stream-table tbody tr", new() { HasText = "Вода на миття" }).Locator(".annual")).ToHaveTextAsync("3,5");
        await page.ScreenshotAsync("worksheet-editor");
    }
}
