using System.Net;
using System.Text;
using AngleSharp.Html.Dom;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Attendance;
using CpTraining.TestSupport;
using CsvHelper;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// The overview matrix of the tasks given after a session: statuses and badges for work in every state, filters,
/// counts, the CSV (read back with CsvHelper) and who may see it. The matrix is viewed on 15 June 2026; the tasks
/// were due on 10 June.
/// </summary>
public sealed class OverviewTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static readonly DateOnly Due = new(2026, 6, 10);
    private static readonly DateOnly Viewed = new(2026, 6, 15);

    [Fact]
    public async Task Matrix_shows_each_companys_status_with_late_and_extended_badges()
    {
        var w = await WorldAsync();

        var page = await w.Client.GetDocumentAsync(HomeTasksSetup.Overview(w.ProgrammeId));

        Assert.Equal([w.Description, w.Problems], page.QuerySelectorAll("#matrix thead th[data-task] > div:first-child").Select(e => e.TextContent.Trim()));
        Assert.Equal(
            ["A Alpha", "B Beta", "C Gamma", "D Delta", "E Epsilon", "F Zeta", "G Eta", "Petra Person (C Gamma)"],
            page.QuerySelectorAll("#matrix tbody th[scope=row]").Select(e => e.TextContent.Trim()));

        Assert.Equal(("NotStarted", true, false), Cell(page, w, "A Alpha", w.Description));
        Assert.Equal(("Accepted", false, false), Cell(page, w, "A Alpha", w.Problems));
        Assert.Equal(("Draft", false, true), Cell(page, w, "B Beta", w.Description));
        Assert.Equal(("Submitted", false, false), Cell(page, w, "C Gamma", w.Description));
        Assert.Equal(("Submitted", true, false), Cell(page, w, "D Delta", w.Description));
        Assert.Equal(("Returned", false, false), Cell(page, w, "E Epsilon", w.Description));
        Assert.Equal(("Accepted", true, false), Cell(page, w, "F Zeta", w.Description));
        Assert.Equal(("none", false, false), Cell(page, w, "G Eta", w.Description));
        Assert.Equal(("Draft", true, false), Cell(page, w, "Petra Person (C Gamma)", w.Problems));

        // The badges agree with the domain's own rules for every piece of work.
        await using var db = factory.NewDbContext();
        var work = await db.Submissions.Include(s => s.Versions).Where(s => s.ProgrammeId == w.ProgrammeId).ToListAsync();
        foreach (var s in work)
        {
            var cell = page.QuerySelector($"#matrix td a[href='/tasks/{s.Id}']")!.ParentElement!;
            Assert.Equal(s.Status.ToString(), cell.GetAttribute("data-status"));
            Assert.Equal(s.IsLateOn(Viewed) ? "true" : "false", cell.GetAttribute("data-late"));
            Assert.Equal(s.IsExtended ? "true" : "false", cell.GetAttribute("data-extended"));
        }

        // Visible words, not only colours: the status as the link text and the badges as text.
        var late = Td(page, w, "D Delta", w.Description);
        Assert.Equal("Submitted", late.QuerySelector("a")!.TextContent.Trim());
        Assert.Equal("Late", late.QuerySelector(".badge-late")!.TextContent.Trim());
        Assert.Contains("Extended to", Td(page, w, "B Beta", w.Description).QuerySelector(".badge-extended")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2 versions", Td(page, w, "E Epsilon", w.Description).QuerySelector(".small")!.TextContent.Trim());
    }

    [Fact]
    public async Task Counts_per_status_and_per_task()
    {
        var w = await WorldAsync();

        var page = await w.Client.GetDocumentAsync(HomeTasksSetup.Overview(w.ProgrammeId));

        Assert.Equal(
            new Dictionary<string, int> { ["NotStarted"] = 1, ["Draft"] = 2, ["Submitted"] = 2, ["Returned"] = 1, ["Accepted"] = 2, ["late"] = 4, ["extended"] = 1 },
            Counts(page));
        var columns = page.QuerySelectorAll("#matrix thead .column-count").Select(e => e.TextContent.Trim()).ToList();
        Assert.Equal(["1 of 6 accepted", "1 of 2 accepted"], columns);
    }

    [Fact]
    public async Task Filters_by_status_company_and_task()
    {
        var w = await WorldAsync();

        var late = await w.Client.GetDocumentAsync(HomeTasksSetup.Overview(w.ProgrammeId, query: "status=late"));
        Assert.Equal(["A Alpha", "D Delta", "F Zeta", "Petra Person (C Gamma)"], Rows(late));
        Assert.Equal("late", ((IHtmlSelectElement)late.QuerySelector("#filter-status")!).Value);

        var extended = await w.Client.GetDocumentAsync(HomeTasksSetup.Overview(w.ProgrammeId, query: "status=extended"));
        Assert.Equal(["B Beta"], Rows(extended));

        var returned = await w.Client.GetDocumentAsync(HomeTasksSetup.Overview(w.ProgrammeId, query: "status=Returned"));
        Assert.Equal(["E Epsilon"], Rows(returned));

        var gamma = await w.Client.GetDocumentAsync(HomeTasksSetup.Overview(w.ProgrammeId, query: "company=" + w.Companies["C Gamma"]));
        Assert.Equal(["C Gamma", "Petra Person (C Gamma)"], Rows(gamma));
        Assert.Equal(1, Counts(gamma)["Submitted"]);
        Assert.Equal(1, Counts(gamma)["Draft"]);

        var problems = await w.Client.GetDocumentAsync(HomeTasksSetup.Overview(w.ProgrammeId, query: $"task={w.Tasks[w.Problems]}"));
        Assert.Equal([w.Problems], problems.QuerySelectorAll("#matrix thead th[data-task] > div:first-child").Select(e => e.TextContent.Trim()));
        Assert.Equal(new Dictionary<string, int> { ["NotStarted"] = 0, ["Draft"] = 1, ["Submitted"] = 0, ["Returned"] = 0, ["Accepted"] = 1, ["late"] = 1, ["extended"] = 0 }, Counts(problems));

        var nothing = await w.Client.GetDocumentAsync(HomeTasksSetup.Overview(w.ProgrammeId, query: $"status=Returned&task={w.Tasks[w.Problems]}"));
        Assert.NotNull(nothing.QuerySelector("#no-rows"));

        // Rubbish in the query is ignored, never a server error.
        var rubbish = await w.Client.GetDocumentAsync(HomeTasksSetup.Overview(w.ProgrammeId, query: "status=%3Cscript%3E"));
        Assert.Equal(8, Rows(rubbish).Count);
        var badGuid = await w.Client.GetAsync(HomeTasksSetup.Overview(w.ProgrammeId, query: "company=not-a-guid"));
        Assert.NotEqual(HttpStatusCode.InternalServerError, badGuid.StatusCode);
    }

    [Fact]
    public async Task Session_selector_and_unknown_sessions()
    {
        var w = await WorldAsync();

        var page = await w.Client.GetDocumentAsync($"/programmes/{w.ProgrammeId}/tasks/overview");
        Assert.Equal(["1", "2", "3"], page.QuerySelectorAll("#sessions a").Select(a => a.GetAttribute("data-after")!));
        Assert.Equal("1", page.QuerySelector("#sessions a.active")!.GetAttribute("data-after"));

        var second = await w.Client.GetDocumentAsync(HomeTasksSetup.Overview(w.ProgrammeId, after: 2));
        Assert.NotNull(second.QuerySelector("#no-tasks"));

        Assert.Equal(HttpStatusCode.NotFound, (await w.Client.GetAsync(HomeTasksSetup.Overview(w.ProgrammeId, after: 4))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Client.GetAsync(HomeTasksSetup.Overview(w.ProgrammeId, after: 0))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await w.Client.GetAsync(HomeTasksSetup.Overview(Guid.NewGuid()))).StatusCode);
    }

    [Fact]
    public async Task Csv_has_a_line_per_piece_of_work_with_the_filter_applied()
    {
        var w = await WorldAsync();

        var response = await w.Client.GetAsync(HomeTasksSetup.Csv(w.ProgrammeId));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var (headers, lines) = ReadCsv(bytes);
        Assert.Equal(["Programme", "Session", "Company", "Person", "Task", "Status", "Late", "Extended", "Due date", "Submitted at", "Versions"], headers);
        Assert.Equal(8, lines.Count);

        var delta = lines.Single(l => l["Company"] == "D Delta");
        Assert.Equal(w.ProgrammeName, delta["Programme"]);
        Assert.Equal("1", delta["Session"]);
        Assert.Equal(string.Empty, delta["Person"]);
        Assert.Equal(w.Description, delta["Task"]);
        Assert.Equal("Submitted", delta["Status"]);
        Assert.Equal("yes", delta["Late"]);
        Assert.Equal("no", delta["Extended"]);
        Assert.Equal("2026-06-10", delta["Due date"]);
        Assert.Equal("2026-06-12 10:00", delta["Submitted at"]);
        Assert.Equal("1", delta["Versions"]);

        var beta = lines.Single(l => l["Company"] == "B Beta");
        Assert.Equal(("Draft", "no", "yes", "2026-06-20", string.Empty), (beta["Status"], beta["Late"], beta["Extended"], beta["Due date"], beta["Submitted at"]));
        Assert.Equal("2", lines.Single(l => l["Company"] == "E Epsilon")["Versions"]);
        var petra = lines.Single(l => l["Person"] == "Petra Person");
        Assert.Equal(("C Gamma", w.Problems, "Draft"), (petra["Company"], petra["Task"], petra["Status"]));

        var (_, late) = ReadCsv(await w.Client.GetByteArrayAsync(HomeTasksSetup.Csv(w.ProgrammeId, query: "status=late")));
        Assert.Equal(["A Alpha", "C Gamma", "D Delta", "F Zeta"], late.Select(l => l["Company"]).Order());
        var (_, gammaProblems) = ReadCsv(await w.Client.GetByteArrayAsync(HomeTasksSetup.Csv(w.ProgrammeId, query: $"company={w.Companies["C Gamma"]}&task={w.Tasks[w.Problems]}")));
        Assert.Equal("Petra Person", Assert.Single(gammaProblems)["Person"]);
    }

    [Fact]
    public async Task Csv_neutralises_formulas_in_names_and_titles()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, HomeTasksSetup.FirstSession, "=cmd|' /C calc'!A0");
        var company = await factory.EnrolCompanyAsync(programme.Id, "=HYPERLINK(\"http://evil.example\",\"Click\")");
        var person = await factory.PersonAsync(Roles.Engineer, "@SUM(1+1)");
        await factory.AddMemberAsync(programme.Id, person, ProgrammeRole.Engineer, company.Id);
        var formula = HomeTasksSetup.Task(programme.Id, "+1-2", Due);
        var minus = HomeTasksSetup.Task(programme.Id, "-3", Due);
        await factory.SaveAsync([formula, minus], [Submission.ForCompany(formula, company.Id), Submission.ForPerson(minus, person.Id, company.Id)]);
        var client = factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, coordinator.Email!);

        var (_, lines) = ReadCsv(await client.GetByteArrayAsync(HomeTasksSetup.Csv(programme.Id)));

        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.Equal("'=cmd|' /C calc'!A0", l["Programme"]));
        Assert.All(lines, l => Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"Click\")", l["Company"]));
        Assert.Equal(["'+1-2", "'-3"], lines.Select(l => l["Task"]).Order(StringComparer.Ordinal));
        Assert.Equal("'@SUM(1+1)", lines.Single(l => l["Task"] == "'-3")["Person"]);

        // The page itself shows the names as they are (HTML-encoded), not escaped.
        var page = await client.GetDocumentAsync(HomeTasksSetup.Overview(programme.Id));
        Assert.Contains("@SUM(1+1) (=HYPERLINK", page.QuerySelector("#matrix tbody")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_administrators_coordinators_and_trainers_of_the_programme_see_it()
    {
        var w = await WorldAsync();
        var trainer = await factory.CreateUserAsync(Roles.Trainer);
        await factory.AddMemberAsync(w.ProgrammeId, trainer, ProgrammeRole.Trainer);
        var engineer = await factory.EngineerAsync(w.ProgrammeId, w.Companies["A Alpha"], "Andrii Engineer");
        var otherCoordinator = await factory.CreateUserAsync(Roles.Coordinator);
        await factory.CreateProgrammeAsync(otherCoordinator, HomeTasksSetup.FirstSession, "Another programme");

        foreach (var (user, allowed) in new[] { (trainer, true), (engineer, false), (otherCoordinator, false) })
        {
            var client = factory.NewClient();
            await CpTrainingFactory.SignInAsync(client, user.Email!);
            foreach (var url in new[] { HomeTasksSetup.Overview(w.ProgrammeId), HomeTasksSetup.Csv(w.ProgrammeId) })
            {
                var response = await client.GetAsync(url);
                if (allowed)
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
                else
                {
                    RedirectAssert.ToAccessDenied(response);
                }
            }
        }

        // Unknown programmes are not found whoever asks.
        Assert.Equal(HttpStatusCode.NotFound, (await w.Client.GetAsync(HomeTasksSetup.Csv(Guid.NewGuid()))).StatusCode);
    }

    private static (string Status, bool Late, bool Extended) Cell(IHtmlDocument page, World w, string row, string task)
    {
        var td = Td(page, w, row, task);
        return (td.GetAttribute("data-status")!, td.GetAttribute("data-late") == "true", td.GetAttribute("data-extended") == "true");
    }

    private static AngleSharp.Dom.IElement Td(IHtmlDocument page, World w, string row, string task)
    {
        var tr = page.QuerySelectorAll("#matrix tbody tr").Single(r => r.QuerySelector("th")!.TextContent.Trim() == row);
        return tr.QuerySelector($"td[data-task='{w.Tasks[task]}']")!;
    }

    private static List<string> Rows(IHtmlDocument page) =>
        page.QuerySelectorAll("#matrix tbody th[scope=row]").Select(e => e.TextContent.Trim()).ToList();

    private static Dictionary<string, int> Counts(IHtmlDocument page) =>
        page.QuerySelectorAll("#counts li").ToDictionary(li => li.GetAttribute("data-status")!, li => int.Parse(li.QuerySelector(".count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Reads the file as a spreadsheet would: UTF-8 after the byte order mark, a header line, then records.</summary>
    private static (IReadOnlyList<string> Headers, List<Dictionary<string, string>> Lines) ReadCsv(byte[] bytes)
    {
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = true });
        var headers = reader.Headers.ToList();
        var lines = new List<Dictionary<string, string>>();
        while (reader.Read())
        {
            lines.Add(headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => reader.GetString(x.i) ?? string.Empty));
        }

        return (headers, lines);
    }

    private sealed record World(HttpClient Client, Guid ProgrammeId, string ProgrammeName, Dictionary<string, Guid> Companies, Dictionary<string, Guid> Tasks, string Description, string Problems);

    /// <summary>
    /// Companies A–G and Petra (an engineer of C given a task of her own), with the two tasks due 10 June (cut-off
    /// 30 June) in every state: A not started (overdue) and accepted, B a draft extended to 20 June, C submitted on
    /// time, D submitted late, E returned, F accepted after a late submission, G not given the task; Petra's draft
    /// of the second task is overdue.
    /// </summary>
    private async Task<World> WorldAsync()
    {
        factory.Clock.Set(HomeTasksSetup.June1);
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var name = "Overview " + Guid.NewGuid().ToString("N")[..6];
        var programme = await factory.CreateProgrammeAsync(coordinator, HomeTasksSetup.FirstSession, name);
        var companies = new Dictionary<string, Guid>();
        foreach (var company in new[] { "G Eta", "A Alpha", "B Beta", "C Gamma", "D Delta", "E Epsilon", "F Zeta" })
        {
            companies[company] = (await factory.EnrolCompanyAsync(programme.Id, company)).Id;
        }

        var petra = await factory.EngineerAsync(programme.Id, companies["C Gamma"], "Petra Person");
        const string description = "Company description";
        const string problems = "Environmental problems";
        var t1 = HomeTasksSetup.Task(programme.Id, description, Due, cutOff: new DateOnly(2026, 6, 30));
        var t2 = HomeTasksSetup.Task(programme.Id, problems, Due, cutOff: new DateOnly(2026, 6, 30));
        Submission For(HomeTask task, string company) => Submission.ForCompany(task, companies[company]);
        var june5 = new DateOnly(2026, 6, 5);
        var june12 = new DateOnly(2026, 6, 12);
        var beta = For(t1, "B Beta").Drafted(june5);
        beta.GrantExtension(new DateOnly(2026, 6, 20), "Plant shut down for a week", "trainer", isCoordinator: false, june5);
        var epsilon = For(t1, "E Epsilon").Submitted(june5);
        epsilon.Return("Add the flow chart.", "trainer", HomeTasksSetup.At(june5, 15));
        epsilon.Submitted(new DateOnly(2026, 6, 8));
        epsilon.Return("Still missing units.", "trainer", HomeTasksSetup.At(new DateOnly(2026, 6, 9)));
        var zeta = For(t1, "F Zeta").Submitted(june12);
        zeta.Accept("Fine.", "trainer", HomeTasksSetup.At(june12, 16));
        var alphaProblems = For(t2, "A Alpha").Submitted(june5);
        alphaProblems.Accept(null, "trainer", HomeTasksSetup.At(june5, 16));
        await factory.SaveAsync(
            [t1, t2],
            [
                For(t1, "A Alpha"),
                beta,
                For(t1, "C Gamma").Submitted(june5),
                For(t1, "D Delta").Submitted(june12),
                epsilon,
                zeta,
                alphaProblems,
                Submission.ForPerson(t2, petra.Id, companies["C Gamma"]).Drafted(june5, petra.Id),
            ]);

        factory.Clock.Set(HomeTasksSetup.At(Viewed, 9));
        var client = factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, coordinator.Email!);
        return new World(client, programme.Id, name, companies, new() { [description] = t1.Id, [problems] = t2.Id }, description, problems);
    }
}
