using System.Text.RegularExpressions;
using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Web.Identity;
using static Microsoft.Playwright.Assertions;

namespace CpTraining.Browser.Tests.Programmes;

/// <summary>The create form refuses an empty name with the message next to the field and keeps what was typed.</summary>
public sealed class CreateFormValidationTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    [Theory]
    [InlineData(true)]  // jQuery unobtrusive validation stops the post in the browser
    [InlineData(false)] // without script the server answers with the form again
    public async Task Empty_name_shows_error_next_to_the_field_and_keeps_typed_values(bool javaScript)
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        await using var context = await factory.NewContextAsync(javaScript: javaScript);
        var page = await context.NewPageAsync();
        await page.SignInAsync(coordinator.Email!);
        await page.GotoAsync("/programmes/create");

        await page.FillAsync("#Input_Name", string.Empty);
        await page.FillAsync("#Input_Organisers", "TEKNA");
        await page.FillAsync("#Input_City", "Zagreb");
        await page.FillAsync("#Input_Country", "Croatia");
        await page.FillAsync("#Input_FirstSessionStart", "2026-10-05");
        await page.SelectOptionAsync("#Input_WeeksBetweenSessions", "6");
        await page.ClickAsync("main form button[type=submit]");

        var nameError = page.Locator("span[data-valmsg-for='Input.Name']");
        await Expect(nameError).ToHaveTextAsync("This field is required.");
        await Expect(nameError).ToBeVisibleAsync();
        await Expect(nameError).ToHaveClassAsync(new Regex("field-validation-error"));
        await Expect(page.Locator("#Input_Name")).ToHaveClassAsync(new Regex("input-validation-error"));
        await Expect(page).ToHaveURLAsync(new Regex("/programmes/create$"));

        // Next to the field: directly below the Name input, aligned with it.
        var input = await page.Locator("#Input_Name").BoundingBoxAsync();
        var error = await nameError.BoundingBoxAsync();
        Assert.NotNull(input);
        Assert.NotNull(error);
        Assert.InRange(error.Y - (input.Y + input.Height), -1, 24);
        Assert.InRange(error.X - input.X, -1, 1);

        // No other field complains, and everything typed is still there.
        await Expect(page.Locator(".field-validation-error")).ToHaveCountAsync(1);
        await Expect(page.Locator("#Input_Organisers")).ToHaveValueAsync("TEKNA");
        await Expect(page.Locator("#Input_City")).ToHaveValueAsync("Zagreb");
        await Expect(page.Locator("#Input_Country")).ToHaveValueAsync("Croatia");
        await Expect(page.Locator("#Input_FirstSessionStart")).ToHaveValueAsync("2026-10-05");
        await Expect(page.Locator("#Input_WeeksBetweenSessions")).ToHaveValueAsync("6");
        await page.ScreenshotAsync(javaScript ? "create-validation-client" : "create-validation-server");
    }
}
