using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Attendance;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// "My programme" points each person at their home-task work: engineers at their open tasks and the nearest due
/// date, trainers at the work waiting for their review, coordinators at the overview.
/// </summary>
public sealed class HomeTaskSummaryTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task Each_person_sees_what_waits_for_them()
    {
        factory.Clock.Set(HomeTasksSetup.June1);
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, HomeTasksSetup.FirstSession, "Summary");
        var a = await factory.EnrolCompanyAsync(programme.Id, "A");
        var b = await factory.EnrolCompanyAsync(programme.Id, "B");
        var engineer = await factory.EngineerAsync(programme.Id, a.Id, "Anna");
        var colleague = await factory.EngineerAsync(programme.Id, b.Id, "Borys");
        var trainer = await factory.CreateUserAsync(Roles.Trainer);
        await factory.AssignTrainerAsync(programme.Id, a.Id, trainer);
        var first = HomeTasksSetup.Task(programme.Id, "Company description", new DateOnly(2026, 6, 10));
        var second = HomeTasksSetup.Task(programme.Id, "Problems", new DateOnly(2026, 6, 8));
        var third = HomeTasksSetup.Task(programme.Id, "Team", new DateOnly(2026, 6, 5));
        var personal = HomeTasksSetup.Task(programme.Id, "Focus area", new DateOnly(2026, 6, 20));
        var extended = Submission.ForCompany(second, a.Id);
        extended.GrantExtension(new DateOnly(2026, 6, 12), "Shut-down", trainer.Id, isCoordinator: false, new DateOnly(2026, 6, 1));
        await factory.SaveAsync(
            [first, second, third, personal],
            [
                Submission.ForCompany(first, a.Id).Drafted(new DateOnly(2026, 6, 1)),
                extended,
                Submission.ForCompany(third, a.Id).Submitted(new DateOnly(2026, 6, 1)),
                Submission.ForPerson(personal, engineer.Id, a.Id),
                Submission.ForCompany(first, b.Id).Submitted(new DateOnly(2026, 6, 1)),
                Submission.ForCompany(second, b.Id),
            ]);

        // Anna: her company's draft (10 June) and extended work (12 June) and her own task (20 June); not the submitted one, nor B's.
        var anna = await HomeAsync(engineer);
        var tasks = anna.QuerySelector("#home-tasks")!;
        Assert.Equal("3", tasks.GetAttribute("data-open"));
        Assert.Contains("Open home tasks: 3. The nearest is due on " + new DateOnly(2026, 6, 10).ToString("D", Programmes.ProgrammePages.English), tasks.TextContent, StringComparison.Ordinal);
        Assert.NotNull(tasks.QuerySelector("a[href='/tasks']"));
        Assert.Null(anna.QuerySelector("#to-review"));
        Assert.Null(anna.QuerySelector("#tasks-overview"));

        // Borys: B's open work only.
        Assert.Equal("1", (await HomeAsync(colleague)).QuerySelector("#home-tasks")!.GetAttribute("data-open"));

        // A's trainer: A's submitted work, not B's (another trainer's company).
        var coach = await HomeAsync(trainer);
        Assert.Equal("1", coach.QuerySelector("#to-review")!.GetAttribute("data-count"));
        Assert.NotNull(coach.QuerySelector("#to-review a[href='/tasks/review']"));
        Assert.NotNull(coach.QuerySelector($"#tasks-overview a[href='/programmes/{programme.Id}/tasks/overview']"));

        var coordinates = await HomeAsync(coordinator);
        Assert.NotNull(coordinates.QuerySelector($"#tasks-overview a[href='/programmes/{programme.Id}/tasks/overview']"));
        Assert.Null(coordinates.QuerySelector("#home-tasks"));
    }

    [Fact]
    public async Task An_engineer_without_open_work_is_told_so()
    {
        factory.Clock.Set(HomeTasksSetup.June1);
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, HomeTasksSetup.FirstSession, "Nothing open");
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer);

        var home = await HomeAsync(engineer);

        Assert.Equal("0", home.QuerySelector("#home-tasks")!.GetAttribute("data-open"));
        Assert.Contains("No open home tasks.", home.QuerySelector("#home-tasks")!.TextContent, StringComparison.Ordinal);
    }

    private async Task<AngleSharp.Html.Dom.IHtmlDocument> HomeAsync(AppUser user)
    {
        var client = factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, user.Email!);
        return await client.GetDocumentAsync("/home");
    }
}
