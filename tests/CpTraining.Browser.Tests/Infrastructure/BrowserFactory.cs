using CpTraining.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;

namespace CpTraining.Browser.Tests.Infrastructure;

/// <summary>
/// The app on a real Kestrel port over its own PostgreSQL database, plus one headless Chromium for the whole
/// test class (IClassFixture). Every test opens its own browser context (fresh cookies) with <see cref="NewContextAsync"/>.
/// </summary>
public sealed class BrowserFactory : CpTrainingFactory
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where Kestrel listens, e.g. http://127.0.0.1:43123 (no trailing slash).</summary>
    public string ServerAddress { get; private set; } = string.Empty;

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not been started.");

    public override async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {ChromiumPath}; the browser tests need it. Run scripts/test (as root it installs "
                + "chromium), or install it yourself: apt-get update && apt-get install -y chromium");
        }

        await base.InitializeAsync();

        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("The test server reports no addresses.");
        ServerAddress = addresses.First().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>
    /// A new browser context (own cookies and storage); English unless <paramref name="locale"/> says otherwise.
    /// <paramref name="phone"/> emulates a 390×844 touch screen; <paramref name="storageState"/> (from
    /// <see cref="IBrowserContext.StorageStateAsync"/>) carries another context's cookies over.
    /// </summary>
    public async Task<IBrowserContext> NewContextAsync(bool phone = false, bool javaScript = true, string locale = "en-GB", string? storageState = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = ServerAddress,
            Locale = locale,
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            IsMobile = phone,
            HasTouch = phone,
            DeviceScaleFactor = phone ? 2 : 1,
            StorageState = storageState,
            JavaScriptEnabled = javaScript,
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        context.SetDefaultNavigationTimeout(30_000);
        return context;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
            _browser = null;
        }

        _playwright?.Dispose();
        _playwright = null;
        await base.DisposeAsync();
    }
}
