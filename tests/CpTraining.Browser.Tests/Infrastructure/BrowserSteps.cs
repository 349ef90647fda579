using CpTraining.TestSupport;
using Microsoft.Playwright;

namespace CpTraining.Browser.Tests.Infrastructure;

/// <summary>Steps several browser tests share.</summary>
public static class BrowserSteps
{
    private static readonly Lazy<string> ScreenshotFolder = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CpTraining.sln")))
            {
                return Path.Combine(dir.FullName, "artifacts", "screenshots");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "screenshots");
    });

    /// <summary>Signs in through the login form and waits until the app has redirected away from it.</summary>
    public static async Task SignInAsync(this IPage page, string email, string password = CpTrainingFactory.Password)
    {
        if (!page.Url.Contains("/account/login", StringComparison.Ordinal))
        {
            await page.GotoAsync("/account/login");
        }

        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_Password", password);
        await page.ClickAsync("main form button[type=submit]");
        // The first sign-in of a test class hits a cold app (first page compilations, first queries); on a busy
        // 2-core CI machine that once took over Playwright's default 30 s, so allow longer. Not a timing assertion.
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal), new() { Timeout = 90_000 });
    }

    /// <summary>Saves a full-page PNG under artifacts/screenshots/ in the repository for people to look at.</summary>
    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotFolder.Value);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder.Value, name + ".png"), FullPage = true });
    }
}
