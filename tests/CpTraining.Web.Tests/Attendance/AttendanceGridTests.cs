using System.Net;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using CpTraining.Web.Tests.Programmes;
using static CpTraining.Domain.Programmes.AttendanceStatus;

namespace CpTraining.Web.Tests.Attendance;

/// <summary>Marking a session day on the grid: who may mark whom, days that have not begun, and two people at once.</summary>
public sealed class AttendanceGridTests : IClassFixture<CpTrainingFactory>
{
    private readonly CpTrainingFactory _factory;

    public AttendanceGridTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.ResetClock();
    }

    [Fact]
    public async Task Coordinator_marks_a_day_and_re_marks_it()
    {
        var s = await SeedAsync();
        var client = await SignedInAsync(s.Coordinator);
        var url = AttendanceSetup.Grid(s.Programme.Id, 1, 2);
        var grid = await client.GetDocumentAsync(url);

        // Grouped by company, one row per participant, three buttons each; day tabs for the three days.
        Assert.Equal(["Alpha Textiles", "Beta Dairy"], grid.QuerySelectorAll("section[data-company] h2").Select(h => h.TextContent.Trim()));
        Assert.Equal(3, grid.QuerySelectorAll("li.attendance-row").Length);
        Assert.Equal(9, grid.QuerySelectorAll("li.attendance-row input[type=radio]").Length);
        Assert.Equal(3, grid.QuerySelectorAll("#days a").Length);
        var form = FormClient.FormValues(grid);
        AttendanceSetup.Choose(grid, form, s.Anna, Present);
        AttendanceSetup.Choose(grid, form, s.Boris, Excused);
        AttendanceSetup.Choose(grid, form, s.Chen, Absent);

        var saved = await client.PostAsync(url, new FormUrlEncodedContent(form));

        Assert.Equal(url, ProgrammePages.RedirectTarget(saved));
        var marks = await _factory.SavedMarksAsync(s.Programme.Id, 1);
        Assert.Equal(Present, marks[(s.Anna.Id, 2)]);
        Assert.Equal(Excused, marks[(s.Boris.Id, 2)]);
        Assert.Equal(Absent, marks[(s.Chen.Id, 2)]);
        Assert.Equal(3, marks.Count);

        // The grid shows the marks; Boris turns out to have come after all.
        var again = await client.GetDocumentAsync(url);
        Assert.Contains("Attendance for day 2 of session 1 has been saved.", again.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(again.QuerySelector($"li[data-user='{s.Anna.Id}'] input[value=Present][checked]"));
        var form2 = FormClient.FormValues(again);
        AttendanceSetup.Choose(again, form2, s.Boris, Present);
        ProgrammePages.RedirectTarget(await client.PostAsync(url, new FormUrlEncodedContent(form2)));

        marks = await _factory.SavedMarksAsync(s.Programme.Id, 1);
        Assert.Equal(Present, marks[(s.Boris.Id, 2)]);
        Assert.Equal(Present, marks[(s.Anna.Id, 2)]);
        Assert.Equal(3, marks.Count);
    }

    [Fact]
    public async Task A_day_that_has_not_begun_cannot_be_marked()
    {
        var s = await SeedAsync();
        var client = await SignedInAsync(s.Coordinator);
        var url = AttendanceSetup.Grid(s.Programme.Id, 2, 1);
        var grid = await client.GetDocumentAsync(url);

        // Session 2 starts on Tuesday 14 July 2026: the grid says so and offers no save.
        const string Rule = "Attendance can be marked only for days that have begun; day 1 of session 2 is on 14/07/2026.";
        Assert.Equal(Rule, grid.QuerySelector("#future-day")!.TextContent.Trim());
        Assert.Null(grid.QuerySelector("main form button[type=submit]"));

        // A crafted post is refused by the domain rule, shown above the form.
        var form = FormClient.FormValues(grid);
        form["Rows[0].Status"] = "Present";
        var posted = await client.PostAsync(url, new FormUrlEncodedContent(form));

        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains(Rule, FormClient.Errors(await FormClient.ParseAsync(posted)));
        Assert.Empty(await _factory.SavedMarksAsync(s.Programme.Id, 2));
    }

    [Fact]
    public async Task A_trainer_marks_only_the_companies_assigned_to_them()
    {
        var s = await SeedAsync();
        var client = await SignedInAsync(s.Trainer);
        var url = AttendanceSetup.Grid(s.Programme.Id, 1, 1);
        var grid = await client.GetDocumentAsync(url);

        // The trainer coaches Beta Dairy: Chen's row is editable, Alpha's rows are read-only.
        Assert.Equal("true", grid.QuerySelector($"li[data-user='{s.Chen.Id}']")!.GetAttribute("data-editable"));
        Assert.Equal("false", grid.QuerySelector($"li[data-user='{s.Anna.Id}']")!.GetAttribute("data-editable"));
        Assert.Empty(grid.QuerySelectorAll($"li[data-user='{s.Anna.Id}'] input"));
        var form = FormClient.FormValues(grid);
        AttendanceSetup.Choose(grid, form, s.Chen, Present);
        ProgrammePages.RedirectTarget(await client.PostAsync(url, new FormUrlEncodedContent(form)));
        Assert.Equal(Present, (await _factory.SavedMarksAsync(s.Programme.Id, 1))[(s.Chen.Id, 1)]);

        // Posting a row for Anna (Alpha Textiles) by hand is refused and nothing changes, Chen's row included.
        var crafted = FormClient.FormValues(await client.GetDocumentAsync(url));
        AttendanceSetup.Choose(grid, crafted, s.Chen, Absent);
        crafted["Rows[1].UserId"] = s.Anna.Id;
        crafted["Rows[1].Status"] = "Absent";
        crafted["Rows[1].OriginalStamp"] = "0";
        var refused = await client.PostAsync(url, new FormUrlEncodedContent(crafted));

        RedirectAssert.ToAccessDenied(refused);
        var marks = await _factory.SavedMarksAsync(s.Programme.Id, 1);
        Assert.False(marks.ContainsKey((s.Anna.Id, 1)));
        Assert.Equal(Present, marks[(s.Chen.Id, 1)]);
    }

    [Theory]
    [InlineData(Roles.Engineer)]
    [InlineData(Roles.Manager)]
    public async Task Engineers_and_managers_cannot_post_the_grid(string role)
    {
        var s = await SeedAsync();
        var coordinator = await SignedInAsync(s.Coordinator);
        var url = AttendanceSetup.Grid(s.Programme.Id, 1, 1);
        var grid = await coordinator.GetDocumentAsync(url);
        var form = FormClient.FormValues(grid);
        AttendanceSetup.Choose(grid, form, s.Anna, Present);
        var user = role == Roles.Engineer ? s.Anna : s.Manager;
        var client = await SignedInAsync(user);
        form["__RequestVerificationToken"] = FormClient.Token(await client.GetDocumentAsync(ProgrammePages.Timeline(s.Programme.Id)));

        RedirectAssert.ToAccessDenied(await client.GetAsync(url));
        RedirectAssert.ToAccessDenied(await client.PostAsync(url, new FormUrlEncodedContent(form)));
        Assert.Empty(await _factory.SavedMarksAsync(s.Programme.Id, 1));
    }

    [Fact]
    public async Task A_mark_changed_by_someone_else_meanwhile_is_not_overwritten_but_shown()
    {
        var s = await SeedAsync();
        var first = await SignedInAsync(s.Coordinator);
        var second = await SignedInAsync(s.Trainer);
        var url = AttendanceSetup.Grid(s.Programme.Id, 1, 3);
        var firstGrid = await first.GetDocumentAsync(url);
        var secondGrid = await second.GetDocumentAsync(url);

        // The trainer marks Chen absent; the coordinator, with the older page, marks Chen and Anna present.
        var secondForm = FormClient.FormValues(secondGrid);
        AttendanceSetup.Choose(secondGrid, secondForm, s.Chen, Absent);
        ProgrammePages.RedirectTarget(await second.PostAsync(url, new FormUrlEncodedContent(secondForm)));
        var firstForm = FormClient.FormValues(firstGrid);
        AttendanceSetup.Choose(firstGrid, firstForm, s.Chen, Present);
        AttendanceSetup.Choose(firstGrid, firstForm, s.Anna, Present);
        var refused = await first.PostAsync(url, new FormUrlEncodedContent(firstForm));

        // Nothing is saved; Chen's row is listed and highlighted with the trainer's mark; the coordinator's choices are kept.
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var shown = await FormClient.ParseAsync(refused);
        Assert.Equal([s.Chen.Id], shown.QuerySelectorAll("#conflicts li").Select(li => li.GetAttribute("data-user")!));
        Assert.Contains("Chen: Not marked → Absent", shown.QuerySelector("#conflicts")!.TextContent, StringComparison.Ordinal);
        Assert.Equal([s.Chen.Id], shown.QuerySelectorAll("li.attendance-row.conflict").Select(li => li.GetAttribute("data-user")!));
        Assert.NotNull(shown.QuerySelector($"li[data-user='{s.Chen.Id}'] input[value=Present][checked]"));
        Assert.NotNull(shown.QuerySelector($"li[data-user='{s.Anna.Id}'] input[value=Present][checked]"));
        var marks = await _factory.SavedMarksAsync(s.Programme.Id, 1);
        Assert.Equal(Absent, marks[(s.Chen.Id, 3)]);
        Assert.False(marks.ContainsKey((s.Anna.Id, 3)));

        // Saving the re-shown form applies the coordinator's choices deliberately.
        var again = FormClient.FormValues(shown);
        again["__RequestVerificationToken"] = FormClient.Token(shown);
        ProgrammePages.RedirectTarget(await first.PostAsync(url, new FormUrlEncodedContent(again)));
        marks = await _factory.SavedMarksAsync(s.Programme.Id, 1);
        Assert.Equal(Present, marks[(s.Chen.Id, 3)]);
        Assert.Equal(Present, marks[(s.Anna.Id, 3)]);
    }

    [Fact]
    public async Task Rows_nobody_touched_keep_marks_others_saved_meanwhile()
    {
        var s = await SeedAsync();
        var first = await SignedInAsync(s.Coordinator);
        var second = await SignedInAsync(s.Trainer);
        var url = AttendanceSetup.Grid(s.Programme.Id, 1, 1);
        var firstGrid = await first.GetDocumentAsync(url);
        var secondGrid = await second.GetDocumentAsync(url);
        var secondForm = FormClient.FormValues(secondGrid);
        AttendanceSetup.Choose(secondGrid, secondForm, s.Chen, Excused);
        ProgrammePages.RedirectTarget(await second.PostAsync(url, new FormUrlEncodedContent(secondForm)));

        var firstForm = FormClient.FormValues(firstGrid);
        AttendanceSetup.Choose(firstGrid, firstForm, s.Anna, Present);
        ProgrammePages.RedirectTarget(await first.PostAsync(url, new FormUrlEncodedContent(firstForm)));

        var marks = await _factory.SavedMarksAsync(s.Programme.Id, 1);
        Assert.Equal(Excused, marks[(s.Chen.Id, 1)]);
        Assert.Equal(Present, marks[(s.Anna.Id, 1)]);
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
        var manager = await _factory.PersonAsync(Roles.Manager, "Maria Manager");
        await _factory.AddMemberAsync(programme.Id, manager, ProgrammeRole.Manager, alpha.Id);
        var trainer = await _factory.PersonAsync(Roles.Trainer, "Taras Trainer");
        await _factory.AssignTrainerAsync(programme.Id, beta.Id, trainer);
        return new Seeded(programme, coordinator, trainer, manager, anna, boris, chen);
    }

    private sealed record Seeded(Programme Programme, AppUser Coordinator, AppUser Trainer, AppUser Manager, AppUser Anna, AppUser Boris, AppUser Chen);
}
