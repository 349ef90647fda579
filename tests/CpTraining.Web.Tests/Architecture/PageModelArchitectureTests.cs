using System.Text.RegularExpressions;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Architecture;

/// <summary>
/// A page model reads top to bottom (authorize → bind → validate → domain call → save → redirect): it stays short,
/// with view-model loading and form reading in small classes beside it, and it saves through the one save flow
/// (src/CpTraining.Web/Infrastructure/Saving/SaveFlow.cs) instead of catching concurrency conflicts itself.
/// </summary>
public sealed partial class PageModelArchitectureTests
{
    /// <summary>Lines a page model may have.</summary>
    private const int MaxLines = 300;

    [Fact]
    public void No_page_model_is_longer_than_300_lines()
    {
        var offenders = PageModels()
            .Select(f => (f.Path, Lines: f.Text.Split('\n').Length - (f.Text.EndsWith('\n') ? 1 : 0)))
            .Where(f => f.Lines > MaxLines)
            .Select(f => $"{f.Path}: {f.Lines} lines")
            .ToList();

        Assert.True(offenders.Count == 0, $"Page models over {MaxLines} lines (move view-model loading or form reading into a class beside the page):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void No_page_model_catches_a_concurrency_conflict_itself()
    {
        var offenders = PageModels()
            .Where(f => ConcurrencyCatch().IsMatch(f.Text))
            .Select(f => f.Path)
            .ToList();

        Assert.True(offenders.Count == 0, "Save through SaveFlow (it turns a DbUpdateConcurrencyException into SaveResult.Conflict) instead of catching it in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void The_checks_recognise_what_they_look_for()
    {
        Assert.Matches(ConcurrencyCatch(), "        catch (DbUpdateConcurrencyException)\n");
        Assert.Matches(ConcurrencyCatch(), "catch (Exception ex) when (ex is StaleFormException or DbUpdateConcurrencyException)");
        Assert.Matches(ConcurrencyCatch(), "catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException ex)");
        Assert.DoesNotMatch(ConcurrencyCatch(), "/// <see cref=\"DbUpdateConcurrencyException\"/> becomes a conflict");
        Assert.Contains(PageModels(), f => f.Path.EndsWith("Work.cshtml.cs", StringComparison.Ordinal));
    }

    /// <summary>A catch clause (or its filter) that names the concurrency exception.</summary>
    [GeneratedRegex(@"catch\s*\([^)]*DbUpdateConcurrencyException|catch\s*\([^)]*\)\s*when\s*\([^)]*DbUpdateConcurrencyException")]
    private static partial Regex ConcurrencyCatch();

    /// <summary>Every page model of the web project (the .cshtml.cs files under Pages).</summary>
    private static List<(string Path, string Text)> PageModels()
    {
        var pages = Path.Combine(Repository.Root(), "src", "CpTraining.Web", "Pages");
        return Directory.EnumerateFiles(pages, "*.cshtml.cs", SearchOption.AllDirectories)
            .Select(p => (Path.GetRelativePath(pages, p), File.ReadAllText(p)))
            .ToList();
    }
}
