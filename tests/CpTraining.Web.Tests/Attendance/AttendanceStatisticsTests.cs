using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using CpTraining.Web.Tests.Programmes;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Domain.Programmes.AttendanceStatus;

namespace CpTraining.Web.Tests.Attendance;

/// <summary>The attendance statistics page and a participant's own record, with rates worked out by hand.</summary>
public sealed class AttendanceStatisticsTests : IClassFixture<CpTrainingFactory>
{
    private readonly CpTrainingFactory _factory;

    public AttendanceStatisticsTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.ResetClock();
    }

    [Fact]
    public async Task Rates_per_person_company_and_session_match_the_hand_worked_example()
    {
        var s = await SeedAsync();
        var client = _factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, s.Coordinator.Email!);

        var page = await client.GetDocumentAsync(AttendanceSetup.Statistics(s.Programme.Id));

        // Session 1, days 1–3:        day 1    day 2    day 3    present/marked
        //   Anna  (Alpha Textiles)    P        P        A        2/3 = 67 %
        //   Boris (Alpha Textiles)    P        E        –        1/2 = 50 %
        //   Chen  (Beta Dairy)        A        P        P        2/3 = 67 %
        //   Dana  (Gamma, archived)   P        –        –        not a participant any more: not counted
        // Alpha: P P A P E = 3/5 = 60 %; Beta: 2/3 = 67 %; session 1: 5/8 = 62.5 %; session 2: nothing marked.
        Assert.Equal("2/3", AttendanceSetup.Rate(page, $"#per-person tr[data-user='{s.Anna.Id}'] .rate-total"));
        Assert.Equal("1/2", AttendanceSetup.Rate(page, $"#per-person tr[data-user='{s.Boris.Id}'] .rate-total"));
        Assert.Equal("2/3", AttendanceSetup.Rate(page, $"#per-person tr[data-user='{s.Chen.Id}'] .rate-total"));
        Assert.Equal("2/3", AttendanceSetup.Rate(page, $"#per-person tr[data-user='{s.Anna.Id}'] td[data-session='1']"));
        Assert.Equal("0/0", AttendanceSetup.Rate(page, $"#per-person tr[data-user='{s.Anna.Id}'] td[data-session='2']"));
        Assert.Equal("3/5", AttendanceSetup.Rate(page, $"#per-company tr[data-company='{s.Alpha}']"));
        Assert.Equal("2/3", AttendanceSetup.Rate(page, $"#per-company tr[data-company='{s.Beta}']"));
        Assert.Equal("5/8", AttendanceSetup.Rate(page, "#per-session tr[data-session='1']"));
        Assert.Equal("0/0", AttendanceSetup.Rate(page, "#per-session tr[data-session='2']"));
        Assert.Equal("5/8", AttendanceSetup.Rate(page, "#overall"));
        Assert.Contains("60%", page.QuerySelector($"#per-company tr[data-company='{s.Alpha}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("67%", page.QuerySelector($"#per-company tr[data-company='{s.Beta}']")!.TextContent, StringComparison.Ordinal);

        // Alpha's row: 2 participants, 3 present, 1 absent, 1 excused.
        var alpha = page.QuerySelectorAll($"#per-company tr[data-company='{s.Alpha}'] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal(["2", alpha[1], "3", "1", "1"], alpha);

        // Only participants are listed: no manager, trainer, coordinator, nor the archived company's engineer.
        Assert.Equal(
            new[] { s.Anna.Id, s.Boris.Id, s.Chen.Id }.Order(),
            page.QuerySelectorAll("#per-person tbody tr").Select(r => r.GetAttribute("data-user")!).Order());
        Assert.DoesNotContain("Dana", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Maria Manager", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trainers_and_administrators_see_the_statistics_of_the_whole_programme()
    {
        var s = await SeedAsync();
        var trainer = _factory.NewClient();
        await CpTrainingFactory.SignInAsync(trainer, s.Trainer.Email!);
        var (administrator, _) = await _factory.SignedInClientAsync(Roles.Administrator);

        foreach (var client in new[] { trainer, administrator })
        {
            var page = await client.GetDocumentAsync(AttendanceSetup.Statistics(s.Programme.Id));

            Assert.Equal("2/3", AttendanceSetup.Rate(page, $"#per-company tr[data-company='{s.Beta}']"));
            Assert.Equal("3/5", AttendanceSetup.Rate(page, $"#per-company tr[data-company='{s.Alpha}']"));
        }

        // An administrator who is not a member of the programme records every row.
        var grid = await administrator.GetDocumentAsync(AttendanceSetup.Grid(s.Programme.Id, 1, 1));
        Assert.All(grid.QuerySelectorAll("li.attendance-row"), row => Assert.Equal("true", row.GetAttribute("data-editable")));
    }

    [Fact]
    public async Task An_engineer_sees_only_their_own_record_and_cannot_open_the_statistics_or_the_grid()
    {
        var s = await SeedAsync();
        var client = _factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, s.Anna.Email!);

        RedirectAssert.ToAccessDenied(await client.GetAsync(AttendanceSetup.Statistics(s.Programme.Id)));
        RedirectAssert.ToAccessDenied(await client.GetAsync(AttendanceSetup.Grid(s.Programme.Id, 1, 1)));
        var mine = await client.GetDocumentAsync(AttendanceSetup.Mine(s.Programme.Id));

        Assert.Equal(
            ["Present", "Present", "Absent"],
            mine.QuerySelectorAll("section[data-session='1'] li[data-day]").Select(li => li.GetAttribute("data-status")!));
        Assert.Equal("2/3", AttendanceSetup.Rate(mine, "#overall"));
        Assert.Equal("0/0", AttendanceSetup.Rate(mine, "section[data-session='2'] h2"));
        var text = mine.QuerySelector("main")!.TextContent;
        Assert.DoesNotContain("Boris", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Chen", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Managers_and_outsiders_cannot_open_the_statistics()
    {
        var s = await SeedAsync();
        var outsider = await _factory.PersonAsync(Roles.Coordinator, "Other coordinator");
        foreach (var user in new[] { s.Manager, outsider })
        {
            var client = _factory.NewClient();
            await CpTrainingFactory.SignInAsync(client, user.Email!);

            RedirectAssert.ToAccessDenied(await client.GetAsync(AttendanceSetup.Statistics(s.Programme.Id)));
            RedirectAssert.ToAccessDenied(await client.GetAsync(AttendanceSetup.Grid(s.Programme.Id, 1, 1)));
        }

        var manager = _factory.NewClient();
        await CpTrainingFactory.SignInAsync(manager, s.Manager.Email!);
        var mine = await manager.GetDocumentAsync(AttendanceSetup.Mine(s.Programme.Id));
        Assert.NotNull(mine.QuerySelector("#not-participant"));
    }

    [Fact]
    public async Task The_timeline_links_to_attendance_and_groups()
    {
        var s = await SeedAsync();
        var coordinator = _factory.NewClient();
        await CpTrainingFactory.SignInAsync(coordinator, s.Coordinator.Email!);
        var engineer = _factory.NewClient();
        await CpTrainingFactory.SignInAsync(engineer, s.Anna.Email!);

        var forCoordinator = await coordinator.GetDocumentAsync(ProgrammePages.Timeline(s.Programme.Id));
        var forEngineer = await engineer.GetDocumentAsync(ProgrammePages.Timeline(s.Programme.Id));

        Assert.Equal(AttendanceSetup.Statistics(s.Programme.Id), forCoordinator.QuerySelector("#attendance-link")!.GetAttribute("href"));
        Assert.NotNull(forCoordinator.QuerySelector($"#timeline li[data-session='1'] a[href='/programmes/{s.Programme.Id}/sessions/1/attendance']"));
        Assert.NotNull(forCoordinator.QuerySelector($"#timeline li[data-session='1'] a[href='{AttendanceSetup.Groups(s.Programme.Id, 1)}']"));
        Assert.Equal(AttendanceSetup.Mine(s.Programme.Id), forEngineer.QuerySelector("#attendance-link")!.GetAttribute("href"));
        Assert.Null(forEngineer.QuerySelector($"#timeline a[href='/programmes/{s.Programme.Id}/sessions/1/attendance']"));
        Assert.NotNull(forEngineer.QuerySelector($"#timeline li[data-session='1'] a[href='{AttendanceSetup.Groups(s.Programme.Id, 1)}']"));
    }

    private async Task<Seeded> SeedAsync()
    {
        var coordinator = await _factory.PersonAsync(Roles.Coordinator, "Olena Coordinator");
        var programme = await _factory.CreateProgrammeAsync(coordinator, AttendanceSetup.FirstSession);
        var alpha = await _factory.EnrolCompanyAsync(programme.Id, "Alpha Textiles");
        var beta = await _factory.EnrolCompanyAsync(programme.Id, "Beta Dairy");
        var gamma = await _factory.EnrolCompanyAsync(programme.Id, "Gamma Metals");
        var anna = await _factory.EngineerAsync(programme.Id, alpha.Id, "Anna");
        var boris = await _factory.EngineerAsync(programme.Id, alpha.Id, "Boris");
        var chen = await _factory.EngineerAsync(programme.Id, beta.Id, "Chen");
        var dana = await _factory.EngineerAsync(programme.Id, gamma.Id, "Dana");
        var manager = await _factory.PersonAsync(Roles.Manager, "Maria Manager");
        await _factory.AddMemberAsync(programme.Id, manager, ProgrammeRole.Manager, alpha.Id);
        var trainer = await _factory.PersonAsync(Roles.Trainer, "Taras Trainer");
        await _factory.AssignTrainerAsync(programme.Id, beta.Id, trainer);
        await _factory.MarkAsync(
            programme.Id,
            1,
            coordinator.Id,
            (anna, 1, Present), (anna, 2, Present), (anna, 3, Absent),
            (boris, 1, Present), (boris, 2, Excused),
            (chen, 1, Absent), (chen, 2, Present), (chen, 3, Present),
            (dana, 1, Present));
        await using (var db = _factory.NewDbContext())
        {
            var loaded = await db.Programmes.Include(p => p.Enrolments).SingleAsync(p => p.Id == programme.Id);
            loaded.ArchiveCompany(gamma.Id, _factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        return new Seeded(programme, coordinator, trainer, manager, anna, boris, chen, alpha.Id, beta.Id);
    }

    private sealed record Seeded(Programme Programme, AppUser Coordinator, AppUser Trainer, AppUser Manager, AppUser Anna, AppUser Boris, AppUser Chen, Guid Alpha, Guid Beta);
}
