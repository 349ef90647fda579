using System.Text.RegularExpressions;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Architecture;

/// <summary>
/// Who may do what is decided in one place (src/CpTraining.Web/Identity): no page, report or other web code asks for
/// account roles itself or works out the signed-in person's memberships with its own query.
/// </summary>
public sealed partial class AccessArchitectureTests
{
    [Fact]
    public void No_code_outside_identity_asks_for_account_roles()
    {
        var offenders = WebSources()
            .Where(f => f.Text.Contains("IsInRole(", StringComparison.Ordinal) || f.Text.Contains("ClaimTypes.Role", StringComparison.Ordinal))
            .Select(f => f.Path)
            .ToList();

        Assert.True(offenders.Count == 0, "Ask AccessControl/Standing instead of the account roles in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void No_code_outside_identity_queries_the_signed_in_persons_memberships()
    {
        var offenders = WebSources()
            .SelectMany(f => f.Text.Split(";").Where(s => OwnMembershipQuery().IsMatch(s)).Select(statement => $"{f.Path}: {Squeeze(statement)}"))
            .ToList();

        Assert.True(offenders.Count == 0, "Use the Standing's filters instead of a membership query of one's own in:\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void The_check_recognises_a_page_that_writes_its_own_membership_query()
    {
        const string statement = "var coordinates = await db.ProgrammeMembers.AnyAsync(m => m.ProgrammeId == id && m.UserId == userId && m.Role == ProgrammeRole.Coordinator)";
        const string trainer = "query.Where(s => db.Enrolments.Any(e => e.CompanyId == s.CompanyId && e.TrainerUserId == userId))";

        Assert.Matches(OwnMembershipQuery(), statement);
        Assert.Matches(OwnMembershipQuery(), trainer);
        Assert.DoesNotMatch(OwnMembershipQuery(), "db.ProgrammeMembers.Where(m => m.ProgrammeId == id && m.CompanyId == companyId)");
    }

    /// <summary>A membership (or a trainer assignment) compared with the signed-in person's id.</summary>
    [GeneratedRegex(@"(ProgrammeMembers|\.Members\b)[\s\S]*\bm\.UserId\s*==\s*(userId|UserId|ActorId|_userId)\b|TrainerUserId\s*==\s*(userId|UserId|ActorId|_userId)\b")]
    private static partial Regex OwnMembershipQuery();

    private static string Squeeze(string text) => WhiteSpace().Replace(text.Trim(), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();

    /// <summary>The web project's C# and Razor files, except the Identity folder that holds the access model.</summary>
    private static IEnumerable<(string Path, string Text)> WebSources()
    {
        var web = Path.Combine(Repository.Root(), "src", "CpTraining.Web");
        return Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".cs", StringComparison.Ordinal) || p.EndsWith(".cshtml", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(web, p))
            .Where(p => !p.StartsWith("Identity" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !p.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                && !p.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(p => (p, File.ReadAllText(Path.Combine(web, p))))
            .ToList();
    }
}
