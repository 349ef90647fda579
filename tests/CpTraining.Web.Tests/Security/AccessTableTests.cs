using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Security;

/// <summary>
/// The README's "Who may do what" table says what <see cref="Standing.Can(Operation, Resource)"/> decides: for each
/// operation and each kind of user (relative to programme P and its company A), a tick exactly where the rule allows.
/// </summary>
public sealed class AccessTableTests
{
    private static readonly Guid P = Guid.NewGuid();
    private static readonly Guid Q = Guid.NewGuid();
    private static readonly Guid A = Guid.NewGuid();
    private static readonly Guid B = Guid.NewGuid();

    /// <summary>The README's columns, in order, and the standing of such a person.</summary>
    private static readonly (string Column, Standing Standing)[] Kinds =
    [
        ("administrator", Person([Roles.Administrator])),
        ("coordinator", Person([Roles.Coordinator], new Membership(P, ProgrammeRole.Coordinator, null, true))),
        ("company's trainer", Person([Roles.Trainer], [new Membership(P, ProgrammeRole.Trainer, null, true)], [new Coaching(P, A, true)])),
        ("other trainer", Person([Roles.Trainer], new Membership(P, ProgrammeRole.Trainer, null, true))),
        ("engineer", Person([Roles.Engineer], new Membership(P, ProgrammeRole.Engineer, A, true))),
        ("manager", Person([Roles.Manager], new Membership(P, ProgrammeRole.Manager, A, true))),
        ("other company's engineer", Person([Roles.Engineer], new Membership(P, ProgrammeRole.Engineer, B, true))),
        ("other programme's coordinator", Person([Roles.Coordinator], new Membership(Q, ProgrammeRole.Coordinator, null, true))),
        ("outsider", Person([Roles.Engineer])),
    ];

    [Fact]
    public void Every_operation_has_one_row_and_the_columns_are_the_kinds_of_user()
    {
        var (columns, rows) = ReadTable();

        Assert.Equal(Kinds.Select(k => k.Column), columns);
        Assert.Equal(Enum.GetNames<Operation>().Order(), rows.Keys.Order());
    }

    [Fact]
    public void Each_tick_in_the_readme_is_what_the_rules_decide()
    {
        var (_, rows) = ReadTable();
        var wrong = new List<string>();
        foreach (var operation in Enum.GetValues<Operation>())
        {
            var ticks = rows[operation.ToString()];
            for (var i = 0; i < Kinds.Length; i++)
            {
                var allowed = Decide(Kinds[i].Standing, operation);
                if (allowed != ticks[i])
                {
                    wrong.Add($"{operation} / {Kinds[i].Column}: README says {(ticks[i] ? "yes" : "no")}, the rules say {(allowed ? "yes" : "no")}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>Account operations need no resource; the others are asked about P, company A of P, and A's home-task work.</summary>
    private static bool Decide(Standing standing, Operation operation) => operation switch
    {
        Operation.Administer or Operation.CreateProgrammes or Operation.UseReviewQueue => standing.Can(operation),
        Operation.SeeProgramme or Operation.ManageProgramme or Operation.SeeAllCompanies or Operation.PublishReports or Operation.ShareReports
            => standing.Can(operation, new ProgrammeResource(P)),
        Operation.SeeWork or Operation.DoWork or Operation.ReviewWork => standing.Can(operation, new WorkResource(P, A, null, true)),
        _ => standing.Can(operation, new CompanyResource(P, A)),
    };

    private static Standing Person(string[] roles, params Membership[] memberships) => Person(roles, memberships, []);

    private static Standing Person(string[] roles, Membership[] memberships, Coaching[] coached) =>
        new("user", roles.ToHashSet(), memberships, coached);

    /// <summary>The table under "## Who may do what": its column headings after "operation", and per operation (the name in backticks) its ticks.</summary>
    private static (List<string> Columns, Dictionary<string, bool[]> Rows) ReadTable()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root(), "README.md"));
        var start = Array.IndexOf(lines, "## Who may do what");
        Assert.True(start >= 0, "README.md has no '## Who may do what' section");
        var table = lines.Skip(start).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')).ToList();
        static string[] Cells(string line) => line.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
        var columns = Cells(table[0]).Skip(1).ToList();
        var rows = new Dictionary<string, bool[]>();
        foreach (var line in table.Skip(2))
        {
            var cells = Cells(line);
            var name = cells[0].Split('`')[1];
            rows.Add(name, cells.Skip(1).Select(c => c == "✓").ToArray());
        }

        return (columns, rows);
    }
}
