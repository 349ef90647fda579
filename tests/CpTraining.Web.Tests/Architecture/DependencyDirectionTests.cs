using System.Text.RegularExpressions;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Architecture;

/// <summary>
/// The web project's folders depend one way: pages may use everything; Demo (seeding through the features) may use
/// pages; Data, Identity, Infrastructure, Background and Events never use Pages or Demo. Every file's namespace is its folder,
/// so a folder tells the truth about what is in it.
/// </summary>
public sealed partial class DependencyDirectionTests
{
    private static readonly string[] Foundations = ["Data", "Identity", "Infrastructure", "Background", "Events"];

    [Fact]
    public void Data_identity_infrastructure_background_and_events_do_not_depend_on_pages_or_demo_data()
    {
        var offenders = Sources()
            .Where(f => Foundations.Contains(f.Path.Split(Path.DirectorySeparatorChar)[0]))
            .SelectMany(f => PageOrDemoReference().Matches(f.Text).Select(m => $"{f.Path}: {m.Value}"))
            .ToList();

        Assert.True(offenders.Count == 0, "Wrong-way dependencies:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Pages_leave_notifications_and_ending_sessions_to_the_event_handlers()
    {
        var offenders = Sources()
            .Where(f => f.Path.StartsWith("Pages" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(f => SideEffect().Matches(f.Text).Select(m => $"{f.Path}: {m.Value}"))
            .ToList();

        Assert.True(offenders.Count == 0, "Pages doing what Events handles:\n" + string.Join("\n", offenders));
        Assert.Matches(SideEffect(), "await notifier.NotifyAsync(NotificationKind.TaskAssigned, people, title, due, link);");
        Assert.Matches(SideEffect(), "await users.UpdateSecurityStampAsync(person);");
        Assert.DoesNotMatch(SideEffect(), "db.Record(time, actor, id, \"worksheet.changed\", subject, null, what);");
    }

    [Fact]
    public void Every_file_is_in_the_namespace_of_its_folder()
    {
        var wrong = Sources()
            .Where(f => f.Path.EndsWith(".cs", StringComparison.Ordinal) && !f.Path.Contains(Path.DirectorySeparatorChar + "Migrations" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(f => (f.Path, Expected: Expected(f.Path), Actual: FileNamespace().Match(f.Text) is { Success: true } m ? m.Groups[1].Value : null))
            .Where(f => f.Actual is not null && f.Actual != f.Expected)
            .Select(f => $"{f.Path}: namespace {f.Actual}, folder says {f.Expected}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public void The_check_recognises_a_wrong_way_reference()
    {
        Assert.Matches(PageOrDemoReference(), "using CpTraining.Web.Pages.Options;");
        Assert.Matches(PageOrDemoReference(), "var x = CpTraining.Web.Pages.HomeTasks.TaskNotifier.Create();");
        Assert.Matches(PageOrDemoReference(), "using CpTraining.Web.Demo;");
        Assert.DoesNotMatch(PageOrDemoReference(), "using CpTraining.Web.Infrastructure.Printing;");
    }

    private static string Expected(string path)
    {
        var folder = Path.GetDirectoryName(path) ?? string.Empty;
        return folder.Length == 0 ? "CpTraining.Web" : "CpTraining.Web." + folder.Replace(Path.DirectorySeparatorChar, '.');
    }

    [GeneratedRegex(@"CpTraining\.Web\.(Pages|Demo)\b[\w.]*")]
    private static partial Regex PageOrDemoReference();

    [GeneratedRegex(@"\.(NotifyAsync|UpdateSecurityStampAsync)\(|\bnew Notification\(")]
    private static partial Regex SideEffect();

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    /// <summary>The web project's C# and Razor files (not build output), by path relative to the project.</summary>
    private static List<(string Path, string Text)> Sources()
    {
        var web = Path.Combine(Repository.Root(), "src", "CpTraining.Web");
        return Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(web, p))
            .Where(p => !p.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !p.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(p => (p, File.ReadAllText(Path.Combine(web, p))))
            .ToList();
    }
}
