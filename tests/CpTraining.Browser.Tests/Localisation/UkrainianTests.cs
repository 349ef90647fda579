using System.Text.RegularExpressions;
using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Web.Identity;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CpTraining.Browser.Tests.Localisation;

/// <summary>The language switcher in the layout and the main pages in Ukrainian.</summary>
public sealed class UkrainianTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    /// <summary>At least one letter of the Cyrillic block.</summary>
    private static readonly Regex Cyrillic = new("[\u0400-\u04FF]");

    [Fact]
    public async Task Switching_to_Ukrainian_shows_login_programme_list_and_create_form_in_Ukrainian()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        await using var context = await factory.NewContextAsync();
        var page = await context.NewPageAsync();

        await page.GotoAsync("/account/login");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Sign in");

        // The switcher posts to /culture as soon as the language is chosen (site.js), and comes back to this page.
        await SwitchToUkrainianAsync(page);
        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await ExpectUkrainianPageAsync(page);
        await Expect(page.Locator("#culture-select")).ToHaveValueAsync("uk");
        await Expect(page.Locator("main form button[type=submit]")).ToHaveTextAsync(Cyrillic);

        // The choice is remembered: signing in and the pages after it stay in Ukrainian.
        await page.SignInAsync(coordinator.Email!);
        await Expect(page).ToHaveURLAsync(new Regex("/home$"));
        await ExpectUkrainianPageAsync(page);
        await page.ClickAsync("nav a[href='/programmes']");
        await Expect(page).ToHaveURLAsync(new Regex("/programmes$"));
        await ExpectUkrainianPageAsync(page);
        var newProgramme = page.Locator("main a[href='/programmes/create']");
        await Expect(newProgramme).ToHaveTextAsync(Cyrillic);

        await newProgramme.ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/programmes/create$"));
        await ExpectUkrainianPageAsync(page);
        await Expect(page.Locator("label[for='Input_Name']")).ToHaveTextAsync(Cyrillic);
        await Expect(page.Locator("main form button[type=submit]")).ToHaveTextAsync(Cyrillic);
        await page.ScreenshotAsync("create-programme-uk");
    }

    [Fact]
    public async Task Language_switcher_works_without_script_through_its_button()
    {
        await using var context = await factory.NewContextAsync(javaScript: false);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");

        await page.SelectOptionAsync("#culture-select", "uk");
        await page.ClickAsync("#culture-form button[type=submit]");

        await Expect(page).ToHaveURLAsync(new Regex("/account/login$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "uk");
        await Expect(page.Locator("#culture-select")).ToHaveValueAsync("uk");
    }

    /// <summary>Chooses Ukrainian in the layout's switcher; with script, the change event submits the form to /culture.</summary>
    private static async Task SwitchToUkrainianAsync(IPage page)
    {
        var response = await page.RunAndWaitForResponseAsync(
            () => page.SelectOptionAsync("#culture-select", "uk"),
            r => r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/culture");
        Assert.Equal(302, response.Status);
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    private static async Task ExpectUkrainianPageAsync(IPage page)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "uk");
        await Expect(page.Locator("main h1")).ToHaveTextAsync(Cyrillic);
        await Expect(page).ToHaveTitleAsync(Cyrillic);
    }
}
