using CpTraining.TestSupport;
using CpTraining.Web.Infrastructure.Printing;
using Microsoft.Extensions.Logging.Abstractions;

namespace CpTraining.Web.Tests.Reports;

/// <summary>
/// The PDF renderer against the real Chromium: a readable A4 PDF with page numbers, embedded Latin, Cyrillic and
/// Chinese fonts and metadata; one browser shared by concurrent renders; a cache keyed by content hash; a restart
/// when the browser dies; a clear message when Chromium is missing.
/// </summary>
public sealed class PdfRendererTests
{
    private static PdfDocument Document(string body, string title = "Звіт підприємства") => new(
        $"<!doctype html><html lang=\"uk\"><head><meta charset=\"utf-8\"><title>{title}</title><style>body{{font-family:'Noto Sans','DejaVu Sans',sans-serif}} .p{{break-after:page}}</style></head><body>{body}</body></html>",
        title,
        "CP Centre Kherson",
        "uk",
        "Kherson Cotton Textile Mill",
        "CpTraining",
        "сторінка",
        "з");

    private static PdfRenderer Renderer(string executable = "/usr/bin/chromium", int concurrency = 2) =>
        new(Microsoft.Extensions.Options.Options.Create(new PdfOptions { ExecutablePath = executable, MaxConcurrency = concurrency, TimeoutSeconds = 60 }), NullLogger<PdfRenderer>.Instance);

    [Fact]
    public async Task A_report_prints_as_a_readable_a4_pdf_with_page_numbers_fonts_and_metadata()
    {
        await using var renderer = Renderer();
        var pdf = await renderer.RenderAsync(
            Document("<h1 class=\"p\">Херсонський бавовняний комбінат</h1><h1>Cleaner Production 清洁生产</h1>"),
            Guid.NewGuid().ToString(),
            CancellationToken.None);

        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        var text = await Poppler.TextAsync(pdf);
        Assert.Contains("Херсонський бавовняний комбінат", text, StringComparison.Ordinal);
        Assert.Contains("清洁生产", text, StringComparison.Ordinal);
        Assert.Contains("сторінка 1 з 2", text, StringComparison.Ordinal);
        Assert.Contains("сторінка 2 з 2", text, StringComparison.Ordinal);
        Assert.Contains("Kherson Cotton Textile Mill", text, StringComparison.Ordinal);

        var info = await Poppler.InfoAsync(pdf);
        Assert.Matches(@"Title:\s+Звіт підприємства", info);
        Assert.Matches(@"Author:\s+CP Centre Kherson", info);
        Assert.Matches(@"Pages:\s+2", info);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(info, @"Page size:\s+595(\.\d+)? x 84[12](\.\d+)? pts \(A4\)"), info);
        Assert.Matches(@"Tagged:\s+yes", info);

        // pdffonts: every font row says "yes" in the "emb" column.
        var fonts = (await Poppler.FontsAsync(pdf)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, row => Assert.Matches(@"\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row));
    }

    [Fact]
    public async Task Concurrent_renders_share_one_browser_and_an_unchanged_snapshot_is_printed_once()
    {
        await using var renderer = Renderer();
        var hashes = new[] { "a", "b", "c" }.Select(h => h + Guid.NewGuid()).ToArray();

        var pdfs = await Task.WhenAll(hashes.Select(h => renderer.RenderAsync(Document("<p>" + h + "</p>"), h, CancellationToken.None)));

        Assert.Equal(1, renderer.Launches);
        Assert.All(pdfs, p => Assert.True(p.Length > 500));
        var again = await renderer.RenderAsync(Document("<p>changed body, same hash</p>"), hashes[0], CancellationToken.None);
        Assert.Same(pdfs[0], again); // from the cache
    }

    [Fact]
    public async Task A_dead_browser_is_replaced_on_the_next_render()
    {
        await using var renderer = Renderer();
        await renderer.RenderAsync(Document("<p>one</p>"), Guid.NewGuid().ToString(), CancellationToken.None);

        await renderer.CloseBrowserForTestsAsync();
        var pdf = await renderer.RenderAsync(Document("<p>two</p>"), Guid.NewGuid().ToString(), CancellationToken.None);

        Assert.Contains("two", await Poppler.TextAsync(pdf), StringComparison.Ordinal);
        Assert.Equal(2, renderer.Launches);
    }

    [Fact]
    public async Task Missing_chromium_gives_a_message_that_says_how_to_fix_it()
    {
        await using var renderer = Renderer("/nonexistent/chromium");

        var ex = await Assert.ThrowsAsync<PdfUnavailableException>(() => renderer.RenderAsync(Document("<p>x</p>"), "x", CancellationToken.None));

        Assert.Contains("apt-get install -y chromium", ex.Message, StringComparison.Ordinal);
        var health = await new PdfRendererHealthCheck(renderer).CheckHealthAsync(new());
        Assert.Equal(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Degraded, health.Status);
    }

    [Fact]
    public async Task An_aborted_request_stops_the_render()
    {
        await using var renderer = Renderer();
        using var aborted = new CancellationTokenSource();
        await aborted.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => renderer.RenderAsync(Document("<p>x</p>"), Guid.NewGuid().ToString(), aborted.Token));
    }
}
