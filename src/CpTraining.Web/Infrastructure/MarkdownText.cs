using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace CpTraining.Web.Infrastructure;

/// <summary>
/// Markdown of task instructions, answers and feedback, rendered with raw HTML disabled (a &lt;script&gt; in a
/// submission is shown as text) and only http(s), mailto and relative links kept, so nothing typed can run in a
/// reader's browser. The CSP forbids inline scripts as a second line of defence.
/// </summary>
public static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .UseTaskLists()
        .Build();

    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return string.Empty;
        }

        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }

        foreach (var link in document.Descendants<AutolinkInline>())
        {
            if (!IsSafe(link.Url))
            {
                link.Url = "#";
            }
        }

        return document.ToHtml(Pipeline);
    }

    /// <summary>For views: <c>@Html.Markdown(text)</c>.</summary>
    public static IHtmlContent Markdown(this IHtmlHelper html, string? markdown) =>
        new HtmlString("<div class=\"markdown\">" + ToHtml(markdown) + "</div>");

    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        // Only a scheme before the first '/', '?' or '#' makes a link absolute ("javascript:…", "data:…").
        var trimmed = url.Trim();
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        var delimiter = trimmed.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (delimiter >= 0 && delimiter < colon))
        {
            return true;
        }

        return trimmed[..colon].ToLowerInvariant() is "http" or "https" or "mailto";
    }
}
