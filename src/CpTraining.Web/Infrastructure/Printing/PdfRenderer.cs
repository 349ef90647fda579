using System.Diagnostics;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CpTraining.Web.Infrastructure.Printing;

/// <summary>Settings of <see cref="PdfRenderer"/> (section "Pdf").</summary>
public sealed class PdfOptions
{
    public const string Section = "Pdf";

    /// <summary>The Chromium to print with (Debian package "chromium").</summary>
    public string ExecutablePath { get; set; } = "/usr/bin/chromium";

    /// <summary>Renders at once; more wait their turn (each render is one tab of the one browser).</summary>
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>One render (waiting for a slot included) may take this long before it is given up.</summary>
    public int TimeoutSeconds { get; set; } = 60;

    /// <summary>MB of PDFs kept in memory, keyed by the content hash of their snapshot.</summary>
    public int CacheMegabytes { get; set; } = 64;
}

/// <summary>
/// What goes into the PDF besides the HTML: its metadata and the running header and footer (an empty
/// <paramref name="PageLabel"/> leaves out "page X of Y", e.g. on a one-page certificate), and the orientation.
/// </summary>
public sealed record PdfDocument(string Html, string Title, string Author, string Language, string HeaderText, string FooterText, string PageLabel, string OfLabel, bool Landscape = false);

/// <summary>The renderer could not make the PDF (Chromium missing, crashed or too slow); the message says what to do.</summary>
public sealed class PdfUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Prints report HTML to PDF with headless Chromium through Playwright. One browser per process, launched on first
/// use and relaunched when it dies. Renders use tabs of one browser context that are kept open between renders (a
/// tab whose renderer has its fonts loaded prints a report several times faster than a new one); a tab that was
/// stopped or failed is closed, never reused. At most
/// <see cref="PdfOptions.MaxConcurrency"/> renders run at once; each has a timeout and stops when the request is
/// aborted. PDFs are cached by the content hash of the snapshot they were made from, so an unchanged report is
/// printed once.
/// </summary>
public sealed partial class PdfRenderer(IOptions<PdfOptions> options, ILogger<PdfRenderer> logger) : IAsyncDisposable
{
    private readonly PdfOptions _options = options.Value;
    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.CacheMegabytes) * 1_048_576L });
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.MaxConcurrency));
    private readonly SemaphoreSlim _launch = new(1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private IBrowserContext? _context;
    private readonly System.Collections.Concurrent.ConcurrentBag<IPage> _idle = [];
    private int _launches;

    /// <summary>Why the last launch or render failed, with the fix; null when the last one worked.</summary>
    public string? Problem { get; private set; }

    /// <summary>How many times a browser was started (a benchmark checks that concurrent renders share one).</summary>
    public int Launches => _launches;

    public bool ExecutableExists => File.Exists(_options.ExecutablePath);

    /// <summary>The PDF of <paramref name="document"/>, from the cache when <paramref name="contentHash"/> was printed before.</summary>
    public async Task<byte[]> RenderAsync(PdfDocument document, string contentHash, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        var key = "pdf:" + contentHash;
        if (_cache.TryGetValue(key, out byte[]? cached) && cached is not null)
        {
            return cached;
        }

        if (!ExecutableExists)
        {
            Problem = $"Chromium was not found at {_options.ExecutablePath}. Install it (apt-get install -y chromium) or set Pdf:ExecutablePath.";
            LogUnavailable(logger, Problem);
            throw new PdfUnavailableException(Problem);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.TimeoutSeconds));
        try
        {
            await _slots.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unavailable($"All {_options.MaxConcurrency} PDF slots stayed busy for {_options.TimeoutSeconds} s. Try again in a minute, or raise Pdf:MaxConcurrency.");
        }

        try
        {
            var watch = Stopwatch.StartNew();
            byte[] pdf;
            try
            {
                pdf = await PrintAsync(document, timeout.Token);
            }
            catch (PlaywrightException ex) when (!timeout.IsCancellationRequested)
            {
                // The browser may have died under us: drop it, and try once more with a fresh one.
                LogRetry(logger, ex.Message);
                await ForgetBrowserAsync();
                pdf = await PrintAsync(document, timeout.Token);
            }

            pdf = PdfInfo.Set(pdf, document.Title, document.Author, document.Language);
            _cache.Set(key, pdf, new MemoryCacheEntryOptions { Size = pdf.Length, SlidingExpiration = TimeSpan.FromHours(6) });
            Problem = null;
            LogRendered(logger, document.Title, pdf.Length, watch.ElapsedMilliseconds);
            return pdf;
        }
        catch (Exception ex) when (ex is OperationCanceledException or PlaywrightException && timeout.IsCancellationRequested)
        {
            // Stopped: the request was aborted (pass the cancellation on) or the time was up (say so).
            await ForgetBrowserAsync();
            cancellationToken.ThrowIfCancellationRequested();
            throw Unavailable($"Printing took longer than {_options.TimeoutSeconds} s and was stopped. Try again; if it keeps happening, raise Pdf:TimeoutSeconds.");
        }
        catch (PlaywrightException ex)
        {
            await ForgetBrowserAsync();
            throw Unavailable($"Chromium failed to print: {ex.Message.Split('\n')[0]}. Check that {_options.ExecutablePath} starts (apt-get install -y chromium).", ex);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ForgetBrowserAsync();
        _playwright?.Dispose();
        _slots.Dispose();
        _launch.Dispose();
        _cache.Dispose();
    }

    /// <summary>Closes the browser behind the renderer's back, as a crash would (tests of the restart).</summary>
    internal async Task CloseBrowserForTestsAsync()
    {
        if (_browser is { } browser)
        {
            await browser.CloseAsync();
        }
    }

    private async Task<byte[]> PrintAsync(PdfDocument document, CancellationToken cancellationToken)
    {
        var page = await TabAsync(cancellationToken);
        var reusable = false;
        try
        {
            page.SetDefaultTimeout(_options.TimeoutSeconds * 1_000f);

            // Closing the tab stops Chromium's work when the request is aborted or the time is up.
            await using var stop = cancellationToken.Register(() => _ = page.CloseAsync());
            var pdf = await PrintPassAsync(page, document.Html, document, final: !TableOfContents.HasPlaceholders(document.Html), cancellationToken);
            if (TableOfContents.HasPlaceholders(document.Html))
            {
                // Contents with page numbers, in two passes (Chromium has no target-counter()): the first print lays
                // the document out with the numbers' fixed-width places empty; the page of each heading is read back
                // from the PDF's named destinations (the contents link to every heading); the second print fills them
                // in. The numbers' places do not change width, so the layout stays; should a heading still move, one
                // more pass settles it.
                var ids = TableOfContents.Ids(document.Html);
                var pages = PdfDestinations.PageNumbers(pdf);
                for (var pass = 0; pass < 2; pass++)
                {
                    pdf = await PrintPassAsync(page, TableOfContents.Fill(document.Html, pages), document, final: true, cancellationToken);
                    var printed = PdfDestinations.PageNumbers(pdf);
                    if (ids.All(id => printed.GetValueOrDefault(id) == pages.GetValueOrDefault(id)))
                    {
                        break;
                    }

                    pages = printed;
                }
            }

            reusable = !cancellationToken.IsCancellationRequested && !page.IsClosed;
            return pdf;
        }
        finally
        {
            if (reusable)
            {
                _idle.Add(page);
            }
            else
            {
                await CloseQuietlyAsync(page);
            }
        }
    }

    /// <summary>
    /// One print of <paramref name="html"/> in the tab. A first pass that only measures where the headings fall leaves
    /// out the tagging and the outline, which do not change the layout but cost time.
    /// </summary>
    private static async Task<byte[]> PrintPassAsync(IPage page, string html, PdfDocument document, bool final, CancellationToken cancellationToken)
    {
        await page.SetContentAsync(html, new PageSetContentOptions { WaitUntil = WaitUntilState.Load }).WaitAsync(cancellationToken);
        return await page.PdfAsync(new PagePdfOptions
        {
            Format = "A4",
            Landscape = document.Landscape,
            PrintBackground = true,
            PreferCSSPageSize = false,
            DisplayHeaderFooter = true,
            HeaderTemplate = HeaderFooter(document.HeaderText, null, null),
            FooterTemplate = HeaderFooter(document.FooterText, document.PageLabel, document.OfLabel),
            Margin = new Margin { Top = "18mm", Bottom = "18mm", Left = "16mm", Right = "16mm" },
            Tagged = final,
            Outline = final,
        }).WaitAsync(cancellationToken);
    }

    /// <summary>An idle tab of the current browser, or a new one (in the one context, JavaScript off: reports are static HTML and SVG).</summary>
    private async Task<IPage> TabAsync(CancellationToken cancellationToken)
    {
        var browser = await BrowserAsync(cancellationToken);
        while (_idle.TryTake(out var idle))
        {
            if (!idle.IsClosed && idle.Context.Browser == browser)
            {
                return idle;
            }

            await CloseQuietlyAsync(idle);
        }

        await _launch.WaitAsync(cancellationToken);
        try
        {
            if (_context is null || _context.Browser != browser)
            {
                _context = await browser.NewContextAsync(new BrowserNewContextOptions { JavaScriptEnabled = false });
            }

            return await _context.NewPageAsync();
        }
        finally
        {
            _launch.Release();
        }
    }

    private static async Task CloseQuietlyAsync(IPage page)
    {
        try
        {
            await page.CloseAsync();
        }
        catch (PlaywrightException)
        {
            // the tab or its browser is already gone
        }
    }

    /// <summary>
    /// Chromium's header and footer templates: small grey text; the footer adds "page X of Y" with Chromium's
    /// pageNumber and totalPages placeholders (the labels are localised by the caller).
    /// </summary>
    private static string HeaderFooter(string text, string? pageLabel, string? ofLabel)
    {
        var encoded = System.Net.WebUtility.HtmlEncode(text);
        var pages = string.IsNullOrEmpty(pageLabel)
            ? string.Empty
            : $"<span style=\"float:right\">{System.Net.WebUtility.HtmlEncode(pageLabel)} <span class=\"pageNumber\"></span> {System.Net.WebUtility.HtmlEncode(ofLabel)} <span class=\"totalPages\"></span></span>";
        return $"<div style=\"font-family:'Noto Sans','DejaVu Sans',sans-serif;font-size:8px;color:#555;width:100%;margin:0 16mm\"><span>{encoded}</span>{pages}</div>";
    }

    private async Task<IBrowser> BrowserAsync(CancellationToken cancellationToken)
    {
        if (_browser is { IsConnected: true } ready)
        {
            return ready;
        }

        await _launch.WaitAsync(cancellationToken);
        try
        {
            if (_browser is { IsConnected: true } launched)
            {
                return launched;
            }

            _playwright ??= await Playwright.CreateAsync();
            var browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = _options.ExecutablePath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
            });
            browser.Disconnected += (_, _) => LogDisconnected(logger);
            Interlocked.Increment(ref _launches);
            _browser = browser;
            return browser;
        }
        catch (PlaywrightException ex)
        {
            Problem = $"Chromium at {_options.ExecutablePath} could not be started: {ex.Message.Split('\n')[0]}. Install it (apt-get install -y chromium) or set Pdf:ExecutablePath.";
            LogUnavailable(logger, Problem);
            throw new PdfUnavailableException(Problem, ex);
        }
        finally
        {
            _launch.Release();
        }
    }

    private async Task ForgetBrowserAsync()
    {
        _context = null;
        while (_idle.TryTake(out _))
        {
        }

        var browser = Interlocked.Exchange(ref _browser, null);
        if (browser is not null)
        {
            try
            {
                await browser.CloseAsync();
            }
            catch (PlaywrightException)
            {
                // already gone
            }
        }
    }

    private PdfUnavailableException Unavailable(string problem, Exception? inner = null)
    {
        Problem = problem;
        LogUnavailable(logger, problem);
        return new PdfUnavailableException(problem, inner);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "PDF rendering unavailable: {Problem:l}")]
    private static partial void LogUnavailable(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "PDF rendering failed ({Error:l}); relaunching Chromium and trying once more")]
    private static partial void LogRetry(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chromium disconnected; the next PDF starts a new one")]
    private static partial void LogDisconnected(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Printed {Title:l}: {Bytes} bytes in {Milliseconds} ms")]
    private static partial void LogRendered(ILogger logger, string title, int bytes, long milliseconds);
}
