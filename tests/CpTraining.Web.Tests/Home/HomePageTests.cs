using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Companies;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Accounts;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Home;

/// <summary>
/// "My programme" at /home for each role. Today is Monday 1 June 2026. The running programme of each test has
/// sessions on 7–9 April, 26–28 May, 14–16 July and 1–2 September 2026 (so session 3 is 43 days away), and two
/// companies: Alpha (trainer A; an engineer, a colleague and a manager) and Beta (trainer B; an engineer and a manager).
/// </summary>
public sealed class HomePageTests : IClassFixture<CpTrainingFactory>
{
    private readonly CpTrainingFactory _factory;

    public HomePageTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Signing_in_lands_on_home_and_the_start_page_sends_signed_in_people_there()
    {
        var user = await _factory.CreateUserAsync(Roles.Engineer);
        using var client = _factory.NewClient();

        Assert.Equal("/home", RedirectAssert.Target(await AccountTestHelpers.TrySignInAsync(client, user.Email!, CpTrainingFactory.Password)));
        Assert.Equal("/home", RedirectAssert.Target(await client.GetAsync("/")));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/home")).StatusCode);
    }

    [Fact]
    public async Task Sign_in_still_returns_to_the_page_asked_for()
    {
        var user = await _factory.CreateUserAsync(Roles.Coordinator);
        using var client = _factory.NewClient();

        var response = await client.PostFormAsync("/account/login?ReturnUrl=%2Fprogrammes", new()
        {
            ["Input.Email"] = user.Email!, ["Input.Password"] = CpTrainingFactory.Password, ["ReturnUrl"] = "/programmes",
        });

        Assert.Equal("/programmes", RedirectAssert.Target(response));
    }

    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        RedirectAssert.ToSignIn(await _factory.NewClient().GetAsync("/home"), "/home");
    }

    [Fact]
    public async Task Engineer_sees_their_company_colleagues_trainer_next_session_and_what_is_due()
    {
        var w = await WorldAsync();
        var home = await HomeOfAsync(w.EngineerA);

        Assert.Equal(w.Programme.Name, home.QuerySelector("#current-programme h2")!.TextContent.Trim());
        var company = home.QuerySelector("#company-name")!;
        Assert.Equal(w.Alpha.Name, company.TextContent.Trim());
        Assert.Equal($"/programmes/{w.Programme.Id}/companies/{w.Alpha.Id}", company.GetAttribute("href"));
        Assert.Equal(
            new[] { w.Names[w.ManagerA], w.Names[w.ColleagueA], w.Names[w.EngineerA] }.Order(),
            home.QuerySelectorAll("#team li .fw-semibold").Select(e => e.TextContent.Trim()).Order());
        Assert.Contains(w.Names[w.TrainerA], home.QuerySelector("#trainer")!.TextContent, StringComparison.Ordinal);

        var next = home.QuerySelector("#next-session")!;
        Assert.Equal("3", next.GetAttribute("data-session"));
        Assert.Contains("Session 3 in 43 days", next.TextContent, StringComparison.Ordinal);
        Assert.Contains(new DateOnly(2026, 7, 14).ToString("D", Programmes.ProgrammePages.English), next.TextContent, StringComparison.Ordinal);
        Assert.NotNull(next.QuerySelector($"a[href='/programmes/{w.Programme.Id}/sessions/3/agenda']"));

        var due = home.QuerySelector("#what-is-due")!;
        Assert.Contains("Be at session 3 on " + new DateOnly(2026, 7, 14).ToString("D", Programmes.ProgrammePages.English), due.TextContent, StringComparison.Ordinal);
        Assert.NotNull(due.QuerySelector("#home-tasks"));
        Assert.Equal(4, home.QuerySelectorAll("#sessions a[href$='/agenda']").Length);
        AssertNothingOfBeta(home, w);
    }

    [Fact]
    public async Task Manager_sees_their_company_summary_read_only()
    {
        var w = await WorldAsync();
        var home = await HomeOfAsync(w.ManagerA);

        Assert.Equal(w.Alpha.Name, home.QuerySelector("#company-name")!.TextContent.Trim());
        Assert.Equal(w.Alpha.EnvironmentalProblem, home.QuerySelector("#environmental-problem")!.TextContent.Trim());
        Assert.Contains("Dyeing and finishing of cotton fabric.", home.QuerySelector("#my-company")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, home.QuerySelectorAll("#team li").Length);
        Assert.Contains(w.Names[w.TrainerA], home.QuerySelector("#trainer")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["completed", "completed", "planned", "planned"], home.QuerySelectorAll("#sessions li").Select(li => Programmes.ProgrammePages.StatusOf(li.QuerySelector(".badge")!)));
        Assert.Null(home.QuerySelector("#what-is-due"));
        Assert.Empty(home.QuerySelectorAll("main form[method=post]"));
        AssertNothingOfBeta(home, w);
    }

    [Fact]
    public async Task Trainer_sees_the_companies_assigned_to_them_with_team_sizes()
    {
        var w = await WorldAsync();
        var home = await HomeOfAsync(w.TrainerA);

        var rows = home.QuerySelectorAll("#coached tbody tr").ToList();
        var row = Assert.Single(rows);
        Assert.Equal(w.Alpha.Name, row.QuerySelector("a")!.TextContent.Trim());
        Assert.Equal($"/programmes/{w.Programme.Id}/companies/{w.Alpha.Id}", row.QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal("People: 3", row.Children[1].TextContent.Trim());
        Assert.Contains("Session 3 in 43 days", home.QuerySelector("#next-session")!.TextContent, StringComparison.Ordinal);
        Assert.Null(home.QuerySelector("#my-company"));
        AssertNothingOfBeta(home, w);
    }

    [Fact]
    public async Task Trainer_sees_their_companies_in_other_programmes_too()
    {
        var w = await WorldAsync();
        var later = await _factory.CreateProgrammeAsync(w.Coordinator, new DateOnly(2026, 11, 3), "Later " + Guid.NewGuid().ToString("N"));
        var gamma = await _factory.EnrolCompanyAsync(later.Id, "Gamma Dairy " + Guid.NewGuid().ToString("N")[..8]);
        await using (var db = _factory.NewDbContext())
        {
            var programme = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == later.Id);
            programme.AssignTrainer(gamma.Id, w.TrainerA.Id);
            await db.SaveChangesAsync();
        }

        var home = await HomeOfAsync(w.TrainerA);

        Assert.Equal(w.Programme.Name, home.QuerySelector("#current-programme h2")!.TextContent.Trim());
        var other = home.QuerySelector($"#other-programmes tr[data-programme='{later.Id}']")!;
        Assert.Equal(gamma.Name, other.QuerySelector(".coached a")!.TextContent.Trim());
        Assert.Contains("People: 0", other.QuerySelector(".coached")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Coordinator_sees_the_running_programme_first_and_their_others_with_links()
    {
        var coordinator = await _factory.CreateUserAsync(Roles.Coordinator);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var completed = await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2025, 1, 7), "Completed " + suffix);
        var running = await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 4, 7), "Running " + suffix);
        var planned = await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 11, 3), "Planned " + suffix);
        var stranger = await _factory.CreateUserAsync(Roles.Coordinator);
        var foreign = await _factory.CreateProgrammeAsync(stranger, new DateOnly(2026, 4, 7), "Foreign " + suffix);

        var home = await HomeOfAsync(coordinator);

        Assert.Equal(running.Name, home.QuerySelector("#current-programme h2 a")!.TextContent.Trim());
        Assert.Contains("Your role: Coordinator", home.QuerySelector("#current-programme")!.TextContent, StringComparison.Ordinal);
        var others = home.QuerySelectorAll("#other-programmes tbody tr").ToList();
        Assert.Equal([planned.Name, completed.Name], others.Select(r => r.QuerySelector("td a")!.TextContent.Trim()));
        Assert.Equal($"/programmes/{planned.Id}", others[0].QuerySelector("td a")!.GetAttribute("href"));
        Assert.Equal("Session 1 in 155 days", others[0].Children[3].TextContent.Trim());
        Assert.Equal(["planned", "completed"], others.Select(r => Programmes.ProgrammePages.StatusOf(r.QuerySelector(".badge")!)));
        Assert.DoesNotContain(foreign.Name, home.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_sees_every_programme()
    {
        var coordinator = await _factory.CreateUserAsync(Roles.Coordinator);
        var programme = await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 4, 7), "Someone else's " + Guid.NewGuid().ToString("N"));
        var admin = await _factory.CreateUserAsync(Roles.Administrator);

        var home = await HomeOfAsync(admin);

        Assert.NotNull(home.QuerySelector($"[data-programme='{programme.Id}']"));
        Assert.Contains(programme.Name, home.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Person_with_several_programmes_sees_the_current_one_first()
    {
        var coordinator = await _factory.CreateUserAsync(Roles.Coordinator);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var engineer = await _factory.CreateUserAsync(Roles.Engineer);
        var old = await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2025, 1, 7), "Old " + suffix);
        var next = await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 11, 3), "Next " + suffix);
        var nextCompany = await _factory.EnrolCompanyAsync(next.Id, "Next Mill " + suffix);
        await _factory.AddMemberAsync(old.Id, engineer, ProgrammeRole.Engineer);
        await _factory.AddMemberAsync(next.Id, engineer, ProgrammeRole.Engineer, nextCompany.Id);

        // Nothing runs today: the next programme to begin comes first.
        var home = await HomeOfAsync(engineer);
        Assert.Equal(next.Name, home.QuerySelector("#current-programme h2 a")!.TextContent.Trim());
        Assert.Equal(nextCompany.Name, home.QuerySelector("#company-name")!.TextContent.Trim());
        Assert.Equal([old.Name], home.QuerySelectorAll("#other-programmes tbody tr td a").Select(a => a.TextContent.Trim()));

        // After the last programme has ended, the latest one comes first.
        _factory.Clock.Set(new DateTimeOffset(2027, 6, 1, 9, 0, 0, TimeSpan.Zero));
        home = await HomeOfAsync(engineer);
        Assert.Equal(next.Name, home.QuerySelector("#current-programme h2 a")!.TextContent.Trim());
        Assert.Contains("All sessions of this programme have been held.", home.QuerySelector("#next-session")!.TextContent, StringComparison.Ordinal);

        // While a programme runs, it comes first.
        _factory.Clock.Set(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));
        home = await HomeOfAsync(engineer);
        Assert.Equal(old.Name, home.QuerySelector("#current-programme h2 a")!.TextContent.Trim());
        Assert.Equal([next.Name], home.QuerySelectorAll("#other-programmes tbody tr td a").Select(a => a.TextContent.Trim()));
    }

    [Fact]
    public async Task People_of_an_archived_company_see_no_programme()
    {
        var w = await WorldAsync();
        await using (var db = _factory.NewDbContext())
        {
            var programme = await db.Programmes.Include(p => p.Enrolments).SingleAsync(p => p.Id == w.Programme.Id);
            programme.ArchiveCompany(w.Alpha.Id, _factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var home = await HomeOfAsync(w.EngineerA);

        Assert.NotNull(home.QuerySelector("#no-programme"));
        Assert.DoesNotContain(w.Alpha.Name, home.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(w.Programme.Name, home.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_is_Ukrainian_when_asked()
    {
        var w = await WorldAsync();
        using var client = _factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, w.EngineerA.Email!);

        var home = await client.GetDocumentAsync("/home?culture=uk");

        Assert.Equal("Моя програма", home.QuerySelector("main h1")!.TextContent.Trim());
        Assert.Equal("Ваше підприємство", home.QuerySelector("#my-company h3")!.TextContent.Trim());
    }

    private static void AssertNothingOfBeta(IHtmlDocument home, World w)
    {
        var text = home.Body!.TextContent;
        foreach (var foreign in new[] { w.Beta.Name, w.Beta.EnvironmentalProblem!, w.Names[w.EngineerB], w.Names[w.ManagerB], w.Names[w.TrainerB] })
        {
            Assert.DoesNotContain(foreign, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(w.Beta.Id.ToString(), home.Body!.InnerHtml, StringComparison.Ordinal);
    }

    private async Task<IHtmlDocument> HomeOfAsync(AppUser user)
    {
        using var client = _factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, user.Email!);
        return await client.GetDocumentAsync("/home");
    }

    private async Task<World> WorldAsync()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var names = new Dictionary<AppUser, string>();
        async Task<AppUser> Person(string role, string name)
        {
            var user = await _factory.CreateUserAsync(role);
            await using var db = _factory.NewDbContext();
            await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name + " " + suffix));
            names[user] = name + " " + suffix;
            return user;
        }

        var coordinator = await _factory.CreateUserAsync(Roles.Coordinator);
        var programme = await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 4, 7), "Kherson running " + suffix);
        var trainerA = await Person(Roles.Trainer, "Ivan Trainer-A");
        var trainerB = await Person(Roles.Trainer, "Larysa Trainer-B");
        var engineerA = await Person(Roles.Engineer, "Oksana Engineer-A");
        var colleagueA = await Person(Roles.Engineer, "Olena Colleague-A");
        var managerA = await Person(Roles.Manager, "Mykola Manager-A");
        var engineerB = await Person(Roles.Engineer, "Andrii Engineer-B");
        var managerB = await Person(Roles.Manager, "Tetiana Manager-B");

        var now = _factory.Clock.GetUtcNow();
        var alpha = new Company(
            new CompanyDetails("Alpha Dyeworks " + suffix, "C13.30", "Finishing of textiles", "Kherson", "Kherson oblast", "Ukraine", 420, "Beryslavske shose 1",
                "Dyeing and finishing of cotton fabric.", "Alpha discharges dye-house wastewater to the sewer " + suffix),
            now);
        var beta = new Company(
            new CompanyDetails("Beta Cannery " + suffix, "C10.39", "Preserving of vegetables", "Kherson", null, "Ukraine", 200, null,
                "Tomato paste.", "Beta's secret problem " + suffix),
            now);
        await using (var db = _factory.NewDbContext())
        {
            var p = await db.Programmes.Include(x => x.Members).Include(x => x.Enrolments).SingleAsync(x => x.Id == programme.Id);
            db.Companies.AddRange(alpha, beta);
            p.EnrolCompany(alpha.Id, isPilot: false, now);
            p.EnrolCompany(beta.Id, isPilot: false, now);
            p.AssignTrainer(alpha.Id, trainerA.Id);
            p.AssignTrainer(beta.Id, trainerB.Id);
            p.AddTeamMember(alpha.Id, engineerA.Id, ProgrammeRole.Engineer);
            p.AddTeamMember(alpha.Id, colleagueA.Id, ProgrammeRole.Engineer);
            p.AddTeamMember(alpha.Id, managerA.Id, ProgrammeRole.Manager);
            p.AddTeamMember(beta.Id, engineerB.Id, ProgrammeRole.Engineer);
            p.AddTeamMember(beta.Id, managerB.Id, ProgrammeRole.Manager);
            await db.SaveChangesAsync();
        }

        return new World(coordinator, programme, alpha, beta, trainerA, trainerB, engineerA, colleagueA, managerA, engineerB, managerB, names);
    }

    private sealed record World(
        AppUser Coordinator,
        Programme Programme,
        Company Alpha,
        Company Beta,
        AppUser TrainerA,
        AppUser TrainerB,
        AppUser EngineerA,
        AppUser ColleagueA,
        AppUser ManagerA,
        AppUser EngineerB,
        AppUser ManagerB,
        IReadOnlyDictionary<AppUser, string> Names);
}
