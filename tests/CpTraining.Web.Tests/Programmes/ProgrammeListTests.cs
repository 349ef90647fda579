using AngleSharp.Html.Dom;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Programmes;

/// <summary>
/// The programme list and its filters. Today is Monday 1 June 2026. Each test's coordinator has three programmes
/// (7 weeks between sessions):
/// <list type="bullet">
/// <item>Kherson 2025, Ukraine: 7 Jan – 4 Jun 2025 (sessions 7 Jan, 25 Feb, 15 Apr, 3–4 Jun): completed.</item>
/// <item>Zagreb 2026, Croatia: 7 Apr – 2 Sep 2026 (sessions 7 Apr, 26 May, 14 Jul, 1–2 Sep): running.</item>
/// <item>Dnipro 2026/27, Ukraine: 3 Nov 2026 – 31 Mar 2027 (sessions 3 Nov, 22 Dec, 9 Feb, 30–31 Mar): planned.</item>
/// </list>
/// </summary>
public sealed class ProgrammeListTests : IClassFixture<CpTrainingFactory>
{
    private readonly CpTrainingFactory _factory;

    public ProgrammeListTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Coordinator_sees_own_programmes_newest_first_with_status_and_next_session()
    {
        var (client, names) = await CoordinatorWithThreeProgrammesAsync();

        var list = await client.GetDocumentAsync("/programmes");

        Assert.Equal([names.Dnipro, names.Zagreb, names.Kherson], Names(list));
        var rows = Rows(list);
        Assert.Equal(["planned", "running", "completed"], rows.Select(r => ProgrammePages.StatusOf(r.QuerySelector(".badge")!)));
        // 1 June → 3 November 2026: 29 + 31 + 31 + 30 + 31 + 3 = 155 days; → 14 July: 29 + 14 = 43 days.
        Assert.Equal(["Session 1 in 155 days", "Session 3 in 43 days", string.Empty], rows.Select(r => r.Children[4].TextContent.Trim()));
        Assert.Equal("Kherson, Croatia", rows[1].Children[1].TextContent.Trim());
        Assert.Equal(
            $"{new DateOnly(2026, 4, 7).ToString("d", ProgrammePages.English)} – {new DateOnly(2026, 9, 2).ToString("d", ProgrammePages.English)}",
            rows[1].Children[2].TextContent.Trim());

        // The filter choices are what the visible programmes offer.
        Assert.Equal(["", "Croatia", "Ukraine"], Options(list, "country"));
        Assert.Equal(["", "2027", "2026", "2025"], Options(list, "year"));
    }

    [Theory]
    [InlineData("status=Completed", new[] { "Kherson" })]
    [InlineData("status=Running", new[] { "Zagreb" })]
    [InlineData("status=Planned", new[] { "Dnipro" })]
    [InlineData("country=Ukraine", new[] { "Dnipro", "Kherson" })]
    [InlineData("country=croatia", new[] { "Zagreb" })]
    [InlineData("country=Norway", new string[0])]
    [InlineData("year=2025", new[] { "Kherson" })]
    [InlineData("year=2026", new[] { "Dnipro", "Zagreb" })]
    [InlineData("year=2027", new[] { "Dnipro" })]
    [InlineData("year=2010", new string[0])]
    [InlineData("status=Planned&country=Ukraine&year=2027", new[] { "Dnipro" })]
    [InlineData("status=Completed&country=Croatia", new string[0])]
    [InlineData("status=&country=&year=", new[] { "Dnipro", "Zagreb", "Kherson" })]
    [InlineData("status=Bogus&year=abc", new[] { "Dnipro", "Zagreb", "Kherson" })]
    public async Task Filters_return_the_matching_programmes(string query, string[] expected)
    {
        var (client, names) = await CoordinatorWithThreeProgrammesAsync();

        var list = await client.GetDocumentAsync("/programmes?" + query);

        Assert.Equal(expected.Select(names.Of), Names(list));
        if (expected.Length == 0)
        {
            Assert.NotNull(list.QuerySelector("#no-programmes"));
        }
    }

    [Fact]
    public async Task Filter_form_shows_the_chosen_filters()
    {
        var (client, _) = await CoordinatorWithThreeProgrammesAsync();

        var list = await client.GetDocumentAsync("/programmes?status=Planned&country=Ukraine&year=2027");

        var form = FormClient.FormValues(list, "form[role=search]");
        Assert.Equal(("Planned", "Ukraine", "2027"), (form["status"], form["country"], form["year"]));
    }

    [Fact]
    public async Task Unrelated_coordinator_sees_none_of_another_coordinators_programmes()
    {
        var (_, names) = await CoordinatorWithThreeProgrammesAsync();
        var (stranger, _) = await _factory.SignedInClientAsync(Roles.Coordinator);

        var list = await stranger.GetDocumentAsync("/programmes");

        Assert.Empty(Names(list));
        Assert.NotNull(list.QuerySelector("#no-programmes"));
        Assert.DoesNotContain(names.Kherson, list.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal([""], Options(list, "country"));
        Assert.Empty(Names(await stranger.GetDocumentAsync("/programmes?country=Ukraine")));
    }

    [Fact]
    public async Task Member_sees_only_the_programmes_they_belong_to()
    {
        var (_, coordinator) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var mine = await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 4, 7), "Engineer's programme " + Guid.NewGuid().ToString("N"));
        await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 4, 7), "Not the engineer's " + Guid.NewGuid().ToString("N"));
        var (engineer, engineerUser) = await _factory.SignedInClientAsync(Roles.Engineer);
        await _factory.AddMemberAsync(mine.Id, engineerUser, ProgrammeRole.Engineer);

        var list = await engineer.GetDocumentAsync("/programmes");

        Assert.Equal([mine.Name], Names(list));
        Assert.Null(list.QuerySelector("a[href='/programmes/create']"));
    }

    [Theory]
    [InlineData(Roles.Engineer, ProgrammeRole.Engineer)]
    [InlineData(Roles.Manager, ProgrammeRole.Manager)]
    public async Task People_of_an_archived_company_no_longer_see_the_programme(string accountRole, ProgrammeRole role)
    {
        var (_, coordinator) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 4, 7), "Archived company's programme " + Guid.NewGuid().ToString("N"));
        var company = await _factory.EnrolCompanyAsync(programme.Id, "Archived Mill");
        var (client, user) = await _factory.SignedInClientAsync(accountRole);
        await _factory.AddMemberAsync(programme.Id, user, role, company.Id);
        Assert.Equal([programme.Name], Names(await client.GetDocumentAsync("/programmes")));

        await using (var db = _factory.NewDbContext())
        {
            var tracked = await db.Programmes.Include(p => p.Enrolments).SingleAsync(p => p.Id == programme.Id);
            tracked.ArchiveCompany(company.Id, _factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var list = await client.GetDocumentAsync("/programmes");
        Assert.Empty(Names(list));
        Assert.DoesNotContain(programme.Name, list.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Administrator_sees_every_programme()
    {
        var (_, names) = await CoordinatorWithThreeProgrammesAsync();
        var (admin, _) = await _factory.SignedInClientAsync(Roles.Administrator);

        var all = Names(await admin.GetDocumentAsync("/programmes"));

        Assert.Contains(names.Kherson, all);
        Assert.Contains(names.Zagreb, all);
        Assert.Contains(names.Dnipro, all);
    }

    [Fact]
    public async Task Signed_out_visitor_is_sent_to_sign_in()
    {
        ProgrammePages.AssertSignInRequired(await _factory.NewClient().GetAsync("/programmes"));
    }

    private async Task<(HttpClient Client, ProgrammeNames Names)> CoordinatorWithThreeProgrammesAsync()
    {
        var (client, coordinator) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var names = new ProgrammeNames("Kherson 2025 " + suffix, "Zagreb 2026 " + suffix, "Dnipro 2026/27 " + suffix);
        await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2025, 1, 7), names.Kherson, "Ukraine");
        await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 4, 7), names.Zagreb, "Croatia");
        await _factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 11, 3), names.Dnipro, "Ukraine");
        return (client, names);
    }

    private static List<AngleSharp.Dom.IElement> Rows(IHtmlDocument list) => list.QuerySelectorAll("#programmes tbody tr").ToList();

    private static List<string> Names(IHtmlDocument list) =>
        Rows(list).Select(r => r.QuerySelector("td a")!.TextContent.Trim()).ToList();

    private static List<string> Options(IHtmlDocument list, string filter) =>
        list.QuerySelectorAll($"select[name={filter}] option").Select(o => o.GetAttribute("value") ?? string.Empty).ToList();

    private sealed record ProgrammeNames(string Kherson, string Zagreb, string Dnipro)
    {
        public string Of(string key) => key switch
        {
            "Kherson" => Kherson,
            "Zagreb" => Zagreb,
            _ => Dnipro,
        };
    }
}
