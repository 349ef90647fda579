using System.Net;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using CpTraining.Web.Tests.Programmes;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Attendance;

/// <summary>The working groups of a session: coordinators edit them, members read them.</summary>
public sealed class WorkingGroupTests : IClassFixture<CpTrainingFactory>
{
    private readonly CpTrainingFactory _factory;

    public WorkingGroupTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.ResetClock();
    }

    [Fact]
    public async Task Coordinator_creates_groups_assigns_participants_renames_and_removes()
    {
        var s = await SeedAsync();
        var client = await SignedInAsync(s.Coordinator);
        var url = AttendanceSetup.Groups(s.Programme.Id, 1);

        ProgrammePages.RedirectTarget(await AddGroupAsync(client, url, "Dyeing"));
        ProgrammePages.RedirectTarget(await AddGroupAsync(client, url, "Water"));
        var page = await client.GetDocumentAsync(url);
        Assert.Equal(["Dyeing", "Water"], page.QuerySelectorAll("#groups .group-name").Select(h => h.TextContent.Trim()));
        var dyeing = GroupId(page, "Dyeing");
        var water = GroupId(page, "Water");

        // One select per participant, one save.
        var form = FormClient.FormValues(page, "#assign-groups");
        form[SelectName(page, s.Anna)] = dyeing.ToString();
        form[SelectName(page, s.Boris)] = water.ToString();
        form[SelectName(page, s.Chen)] = dyeing.ToString();
        ProgrammePages.RedirectTarget(await client.PostAsync(url + "?handler=Assign", new FormUrlEncodedContent(form)));
        Assert.Equal(
            new Dictionary<string, string> { [s.Anna.Id] = "Dyeing", [s.Boris.Id] = "Water", [s.Chen.Id] = "Dyeing" },
            await GroupsOfAsync(s.Programme.Id, 1));

        // Chen moves to Water; renaming keeps the members; a duplicate name is refused.
        page = await client.GetDocumentAsync(url);
        form = FormClient.FormValues(page, "#assign-groups");
        form[SelectName(page, s.Chen)] = water.ToString();
        ProgrammePages.RedirectTarget(await client.PostAsync(url + "?handler=Assign", new FormUrlEncodedContent(form)));
        ProgrammePages.RedirectTarget(await client.PostAsync(url + $"?handler=Rename&groupId={dyeing}", Fields(page, new() { ["name"] = "Dyeing and finishing" })));
        var duplicate = await client.PostAsync(url + $"?handler=Rename&groupId={water}", Fields(page, new() { ["name"] = "dyeing AND finishing" }));
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("This session already has a group called dyeing AND finishing.", FormClient.Errors(await FormClient.ParseAsync(duplicate)));
        Assert.Equal(
            new Dictionary<string, string> { [s.Anna.Id] = "Dyeing and finishing", [s.Boris.Id] = "Water", [s.Chen.Id] = "Water" },
            await GroupsOfAsync(s.Programme.Id, 1));

        // Removing a group frees its members.
        ProgrammePages.RedirectTarget(await client.PostAsync(url + $"?handler=Remove&groupId={water}", Fields(page, [])));
        Assert.Equal(new Dictionary<string, string> { [s.Anna.Id] = "Dyeing and finishing" }, await GroupsOfAsync(s.Programme.Id, 1));
    }

    [Fact]
    public async Task Groups_are_copied_from_the_previous_session()
    {
        var s = await SeedAsync();
        var client = await SignedInAsync(s.Coordinator);
        var session1 = AttendanceSetup.Groups(s.Programme.Id, 1);
        var session2 = AttendanceSetup.Groups(s.Programme.Id, 2);
        ProgrammePages.RedirectTarget(await AddGroupAsync(client, session1, "Energy"));
        ProgrammePages.RedirectTarget(await AddGroupAsync(client, session1, "Water"));
        var page = await client.GetDocumentAsync(session1);
        var form = FormClient.FormValues(page, "#assign-groups");
        form[SelectName(page, s.Anna)] = GroupId(page, "Energy").ToString();
        form[SelectName(page, s.Chen)] = GroupId(page, "Water").ToString();
        ProgrammePages.RedirectTarget(await client.PostAsync(session1 + "?handler=Assign", new FormUrlEncodedContent(form)));

        // Session 1 has no earlier session to copy from; session 2 offers its groups.
        Assert.Null((await client.GetDocumentAsync(session1)).QuerySelector("#copy-groups"));
        var second = await client.GetDocumentAsync(session2);
        Assert.Contains("Copy groups from session 1", second.QuerySelector("#copy-groups")!.TextContent, StringComparison.Ordinal);
        ProgrammePages.RedirectTarget(await client.PostAsync(session2 + "?handler=Copy", Fields(second, [])));

        Assert.Equal(new Dictionary<string, string> { [s.Anna.Id] = "Energy", [s.Chen.Id] = "Water" }, await GroupsOfAsync(s.Programme.Id, 2));
        var copied = await client.GetDocumentAsync(session2);
        Assert.Null(copied.QuerySelector("#copy-groups"));

        // Copying again is refused by the rule (the session already has groups).
        var again = await client.PostAsync(session2 + "?handler=Copy", Fields(copied, []));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(
            "This session already has groups; remove them before copying another session's groups.",
            FormClient.Errors(await FormClient.ParseAsync(again)));
    }

    [Fact]
    public async Task Members_see_the_groups_but_cannot_change_them()
    {
        var s = await SeedAsync();
        var coordinator = await SignedInAsync(s.Coordinator);
        var url = AttendanceSetup.Groups(s.Programme.Id, 1);
        ProgrammePages.RedirectTarget(await AddGroupAsync(coordinator, url, "Energy"));
        var page = await coordinator.GetDocumentAsync(url);
        var form = FormClient.FormValues(page, "#assign-groups");
        form[SelectName(page, s.Anna)] = GroupId(page, "Energy").ToString();
        ProgrammePages.RedirectTarget(await coordinator.PostAsync(url + "?handler=Assign", new FormUrlEncodedContent(form)));

        foreach (var user in new[] { s.Chen, s.Trainer })
        {
            var client = await SignedInAsync(user);
            var view = await client.GetDocumentAsync(url);

            Assert.Equal(["Anna"], view.QuerySelectorAll(".group-members li").Select(li => li.TextContent.Split('·')[0].Trim()));
            Assert.Empty(view.QuerySelectorAll("main form[method=post]"));
            var token = FormClient.Token(await client.GetDocumentAsync(ProgrammePages.Timeline(s.Programme.Id)));
            var add = await client.PostAsync(url + "?handler=Add", new FormUrlEncodedContent(new Dictionary<string, string> { ["name"] = "Mine", ["__RequestVerificationToken"] = token }));
            RedirectAssert.ToAccessDenied(add);
        }

        var outsider = await SignedInAsync(await _factory.PersonAsync(Roles.Engineer, "Outsider"));
        RedirectAssert.ToAccessDenied(await outsider.GetAsync(url));
        Assert.Equal(["Energy"], (await GroupsOfAsync(s.Programme.Id, 1)).Values.Distinct());
        await using var db = _factory.NewDbContext();
        Assert.Equal(1, await db.WorkingGroups.CountAsync(g => db.Sessions.Any(x => x.Id == g.SessionId && x.ProgrammeId == s.Programme.Id)));
    }

    private static Task<HttpResponseMessage> AddGroupAsync(HttpClient client, string url, string name) =>
        client.PostFormAsync(url, new() { ["name"] = name }, url + "?handler=Add");

    private static FormUrlEncodedContent Fields(AngleSharp.Html.Dom.IHtmlDocument page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = FormClient.Token(page);
        return new FormUrlEncodedContent(fields);
    }

    private static Guid GroupId(AngleSharp.Html.Dom.IHtmlDocument page, string name) =>
        Guid.Parse(page.QuerySelectorAll("#groups section[data-group]").Single(g => g.QuerySelector(".group-name")!.TextContent.Trim() == name).GetAttribute("data-group")!);

    private static string SelectName(AngleSharp.Html.Dom.IHtmlDocument page, AppUser who) =>
        page.QuerySelector($"#assign-groups li[data-user='{who.Id}'] select")!.GetAttribute("name")!;

    private async Task<Dictionary<string, string>> GroupsOfAsync(Guid programmeId, int number)
    {
        await using var db = _factory.NewDbContext();
        var session = await db.Sessions.Include(x => x.Groups).ThenInclude(g => g.Members).SingleAsync(x => x.ProgrammeId == programmeId && x.Number == number);
        return session.Groups.SelectMany(g => g.Members.Select(m => (m.UserId, g.Name))).ToDictionary(x => x.UserId, x => x.Name);
    }

    private async Task<HttpClient> SignedInAsync(AppUser user)
    {
        var client = _factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, user.Email!);
        return client;
    }

    private async Task<Seeded> SeedAsync()
    {
        var coordinator = await _factory.PersonAsync(Roles.Coordinator, "Olena Coordinator");
        var programme = await _factory.CreateProgrammeAsync(coordinator, AttendanceSetup.FirstSession);
        var alpha = await _factory.EnrolCompanyAsync(programme.Id, "Alpha Textiles");
        var beta = await _factory.EnrolCompanyAsync(programme.Id, "Beta Dairy");
        var anna = await _factory.EngineerAsync(programme.Id, alpha.Id, "Anna");
        var boris = await _factory.EngineerAsync(programme.Id, alpha.Id, "Boris");
        var chen = await _factory.EngineerAsync(programme.Id, beta.Id, "Chen");
        var trainer = await _factory.PersonAsync(Roles.Trainer, "Taras Trainer");
        await _factory.AssignTrainerAsync(programme.Id, beta.Id, trainer);
        return new Seeded(programme, coordinator, trainer, anna, boris, chen);
    }

    private sealed record Seeded(Programme Programme, AppUser Coordinator, AppUser Trainer, AppUser Anna, AppUser Boris, AppUser Chen);
}
