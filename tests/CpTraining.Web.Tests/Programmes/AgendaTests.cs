using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Programmes;

/// <summary>
/// A session's printable agenda and its editor. Session 1 of the template (the Dnipropetrovsk agenda of 5–7 October 2010):
/// day 1 two items, day 2 three, day 3 three.
/// </summary>
public sealed class AgendaTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private const string SaveForm = "form[action*='handler=Save']";
    private static readonly DateOnly FirstSession = new(2026, 9, 1);

    private static readonly string[] Day1 = ["Introduction to Cleaner Production", "Introduction to the Norwegian Model"];
    private static readonly string[] Day2 = ["Formulation of the environmental problems", "Planning and organization", "Mass and energy balances"];
    private static readonly string[] Day3 = ["Norwegian pollution control", "Tasks to be performed before second plenary session", "Training session summary"];

    [Fact]
    public async Task Agenda_of_session_1_lists_the_template_topics_by_day_in_order()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var page = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));

        Assert.Equal([.. Day1, .. Day2, .. Day3], Topics(page));
        Assert.Equal([Day1, Day2, Day3], TopicsByDay(page));
        // Tuesday 1 – Thursday 3 September 2026.
        Assert.Equal(
            Enumerable.Range(1, 3).Select(d => $"Day {d} — {ProgrammePages.Long(FirstSession.AddDays(d - 1))}"),
            page.QuerySelectorAll("section.agenda-day h2").Select(h => h.TextContent.Trim()));
        var firstRow = page.QuerySelector("table.agenda tbody tr")!.Children.Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal($"{Time(9, 0)}–{Time(12, 30)}", firstRow[0]);
        Assert.NotNull(page.QuerySelector("button[data-print]"));
        Assert.NotNull(page.QuerySelector($"a[href='{ProgrammePages.EditAgenda(programme.Id, 1)}']"));
    }

    [Fact]
    public async Task Final_session_agenda_is_marked_and_programme_language_chooses_the_template()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession, name: "Чисте виробництво", language: "uk");

        var first = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));
        var final = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 4));

        Assert.Equal("Вступ до чистого виробництва", Topics(first)[0]);
        Assert.Equal(8, Topics(first).Count);
        Assert.Contains("Final session", final.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(5, Topics(final).Count);
        Assert.Equal(2, final.QuerySelectorAll("section.agenda-day").Length);
    }

    [Fact]
    public async Task Added_item_appears_last_on_its_day_with_its_times_and_presenter()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var response = await SaveItemAsync(client, programme.Id, null, f =>
        {
            f["Input.Day"] = "2";
            f["Input.Start"] = "17:00";
            f["Input.End"] = "18:00";
            f["Input.Topic"] = "  Visit to the Dnipro pulp and paper mill  ";
            f["Input.Presenter"] = "Ole Hansen, TEKNA";
        });

        Assert.Equal(ProgrammePages.EditAgenda(programme.Id, 1), ProgrammePages.RedirectTarget(response));
        var editor = await client.GetDocumentAsync(ProgrammePages.EditAgenda(programme.Id, 1));
        Assert.Contains("The agenda has been saved.", editor.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        var page = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));
        Assert.Equal([Day1, [.. Day2, "Visit to the Dnipro pulp and paper mill"], Day3], TopicsByDay(page));
        var row = Row(page, "Visit to the Dnipro pulp and paper mill");
        Assert.Equal([$"{Time(17, 0)}–{Time(18, 0)}", "Visit to the Dnipro pulp and paper mill", "Ole Hansen, TEKNA"], row);
    }

    [Fact]
    public async Task Changing_an_item_shows_it_in_the_form_and_saves_the_change()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();
        var itemId = await ItemIdAsync(programme.Id, "Planning and organization");

        var form = await client.GetDocumentAsync($"{ProgrammePages.EditAgenda(programme.Id, 1)}?item={itemId}");

        Assert.Equal("Change the agenda item", form.QuerySelector("#item-form-title")!.TextContent.Trim());
        var fields = FormClient.FormValues(form, SaveForm);
        Assert.Equal(("2", "13:30", "15:00", "Planning and organization"), (fields["Input.Day"], fields["Input.Start"][..5], fields["Input.End"][..5], fields["Input.Topic"]));
        Assert.Equal(itemId.ToString(), fields["Input.ItemId"]);

        fields["Input.Topic"] = "Planning and organisation of the company team";
        fields["Input.Presenter"] = "Svetlana Kovalenko";
        fields["Input.End"] = "15:15";
        ProgrammePages.RedirectTarget(await client.PostAsync(form, SaveUrl(programme.Id), fields));

        var page = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));
        Assert.Equal([Day1, [Day2[0], "Planning and organisation of the company team", Day2[2]], Day3], TopicsByDay(page));
        Assert.Equal(
            [$"{Time(13, 30)}–{Time(15, 15)}", "Planning and organisation of the company team", "Svetlana Kovalenko"],
            Row(page, "Planning and organisation of the company team"));
        Assert.Equal(8, Topics(page).Count);
    }

    [Fact]
    public async Task Changing_the_day_of_an_item_moves_it_to_that_day()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();
        var itemId = await ItemIdAsync(programme.Id, "Norwegian pollution control");

        ProgrammePages.RedirectTarget(await SaveItemAsync(client, programme.Id, itemId, f => f["Input.Day"] = "1"));

        var page = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));
        Assert.Equal([[.. Day1, "Norwegian pollution control"], Day2, Day3[1..]], TopicsByDay(page));
    }

    [Fact]
    public async Task Moving_up_and_down_within_a_day_swaps_neighbours()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        ProgrammePages.RedirectTarget(await ClickAsync(client, programme.Id, "Mass and energy balances", "MoveUp"));
        var page = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));
        Assert.Equal([Day1, [Day2[0], Day2[2], Day2[1]], Day3], TopicsByDay(page));

        ProgrammePages.RedirectTarget(await ClickAsync(client, programme.Id, "Mass and energy balances", "MoveDown"));
        page = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));
        Assert.Equal([Day1, Day2, Day3], TopicsByDay(page));
    }

    [Fact]
    public async Task Moving_past_the_edge_of_a_day_moves_into_the_neighbouring_day()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        // The last item of day 1 moved down becomes the first of day 2 ...
        ProgrammePages.RedirectTarget(await ClickAsync(client, programme.Id, Day1[1], "MoveDown"));
        var page = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));
        Assert.Equal([Day1[..1], [Day1[1], .. Day2], Day3], TopicsByDay(page));

        // ... and moved up again becomes the last of day 1.
        ProgrammePages.RedirectTarget(await ClickAsync(client, programme.Id, Day1[1], "MoveUp"));
        page = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));
        Assert.Equal([Day1, Day2, Day3], TopicsByDay(page));
    }

    [Fact]
    public async Task Newly_added_item_moved_down_from_the_end_of_its_day_becomes_the_first_of_the_next_day()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();
        ProgrammePages.RedirectTarget(await SaveItemAsync(client, programme.Id, null, f =>
        {
            f["Input.Day"] = "1";
            f["Input.Topic"] = "Company introductions";
        }));
        var page = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));
        Assert.Equal([[.. Day1, "Company introductions"], Day2, Day3], TopicsByDay(page));

        ProgrammePages.RedirectTarget(await ClickAsync(client, programme.Id, "Company introductions", "MoveDown"));

        page = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));
        Assert.Equal([Day1, ["Company introductions", .. Day2], Day3], TopicsByDay(page));
    }

    [Fact]
    public async Task Item_moved_up_from_the_start_of_its_day_becomes_the_last_of_the_previous_day_after_an_addition()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();
        ProgrammePages.RedirectTarget(await SaveItemAsync(client, programme.Id, null, f =>
        {
            f["Input.Day"] = "1";
            f["Input.Topic"] = "Company introductions";
        }));

        ProgrammePages.RedirectTarget(await ClickAsync(client, programme.Id, Day2[0], "MoveUp"));

        var page = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));
        Assert.Equal([[.. Day1, "Company introductions", Day2[0]], Day2[1..], Day3], TopicsByDay(page));
    }

    [Fact]
    public async Task First_and_last_items_cannot_be_moved_further()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();
        var editor = await client.GetDocumentAsync(ProgrammePages.EditAgenda(programme.Id, 1));
        var rows = editor.QuerySelectorAll("#agenda-items tbody tr").ToList();

        Assert.True(rows[0].QuerySelector("button[formaction*='handler=MoveUp']")!.HasAttribute("disabled"));
        Assert.True(rows[^1].QuerySelector("button[formaction*='handler=MoveDown']")!.HasAttribute("disabled"));

        // Posting anyway changes nothing.
        ProgrammePages.RedirectTarget(await ClickAsync(client, programme.Id, Day1[0], "MoveUp"));
        ProgrammePages.RedirectTarget(await ClickAsync(client, programme.Id, Day3[2], "MoveDown"));
        Assert.Equal([Day1, Day2, Day3], TopicsByDay(await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1))));
    }

    [Fact]
    public async Task Removing_an_item_takes_it_off_the_agenda_and_keeps_the_order()
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        ProgrammePages.RedirectTarget(await ClickAsync(client, programme.Id, "Planning and organization", "Remove"));

        var page = await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));
        Assert.Equal([Day1, [Day2[0], Day2[2]], Day3], TopicsByDay(page));
        await using var db = factory.NewDbContext();
        var session = await db.Sessions.Include(s => s.Agenda).SingleAsync(s => s.ProgrammeId == programme.Id && s.Number == 1);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], session.Agenda.Select(i => i.Position));

        // The same (stale) button again: the item is gone; the user is told and nothing breaks.
        var again = await ClickAsync(client, programme.Id, "Norwegian pollution control", "Remove", pressTwice: true);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var stale = await FormClient.ParseAsync(again);
        Assert.Contains("This agenda item no longer exists", Assert.Single(FormClient.Errors(stale)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.Topic", "", "Input.Topic", "This field is required.")]
    [InlineData("Input.Topic", "   ", "Input.Topic", "This field is required.")]
    [InlineData("Input.Day", "9", "Input.Day", "The day must be between 1 and 5.")]
    [InlineData("Input.Day", "0", "Input.Day", "The day must be between 1 and 5.")]
    [InlineData("Input.Day", "4", "Input.Day", "The day must be between 1 and 3, the length of this session.")]
    [InlineData("Input.End", "08:00", "Input.End", "The end time must be after the start time.")]
    [InlineData("Input.End", "09:00", "Input.End", "The end time must be after the start time.")]
    [InlineData("Input.Start", "", "Input.Start", "Give the start time when you give an end time.")]
    [InlineData("Input.Start", "nine", "Input.Start", "The value 'nine' is not valid for Start time.")]
    public async Task Invalid_item_is_a_field_error_and_nothing_is_added(string field, string value, string errorField, string message)
    {
        var (client, programme) = await CoordinatorWithProgrammeAsync();

        var response = await SaveItemAsync(client, programme.Id, null, f =>
        {
            f["Input.Day"] = "1";
            f["Input.Start"] = "09:00";
            f["Input.End"] = "10:00";
            f["Input.Topic"] = "Energy audit walk-through";
            f["Input.Presenter"] = "Kept presenter";
            f[field] = value;
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Equal(message, FormClient.FieldError(page, errorField));
        Assert.Equal("Kept presenter", FormClient.FormValues(page, SaveForm)["Input.Presenter"]);
        Assert.Equal(8, page.QuerySelectorAll("#agenda-items tbody tr").Length);
        Assert.Equal(8, Topics(await client.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1))).Count);
    }

    [Fact]
    public async Task Second_of_two_simultaneous_changes_of_an_item_is_refused()
    {
        var (first, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var (second, colleague) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession);
        await factory.AddMemberAsync(programme.Id, colleague, ProgrammeRole.Coordinator);
        var url = $"{ProgrammePages.EditAgenda(programme.Id, 1)}?item={await ItemIdAsync(programme.Id, "Planning and organization")}";
        var firstForm = await first.GetDocumentAsync(url);
        var secondForm = await second.GetDocumentAsync(url);

        var firstFields = FormClient.FormValues(firstForm, SaveForm);
        firstFields["Input.Presenter"] = "First presenter";
        ProgrammePages.RedirectTarget(await first.PostAsync(firstForm, SaveUrl(programme.Id), firstFields));
        var secondFields = FormClient.FormValues(secondForm, SaveForm);
        secondFields["Input.Presenter"] = "Second presenter";
        var refused = await second.PostAsync(secondForm, SaveUrl(programme.Id), secondFields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await FormClient.ParseAsync(refused);
        Assert.Contains("Someone else changed or removed this agenda item", Assert.Single(FormClient.Errors(page)), StringComparison.Ordinal);
        Assert.Equal("First presenter", Row(await first.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1)), "Planning and organization")[2]);
    }

    [Fact]
    public async Task Items_of_another_programme_cannot_be_changed_or_removed_through_ones_own_programme()
    {
        var (client, mine) = await CoordinatorWithProgrammeAsync();
        var (_, theirs) = await CoordinatorWithProgrammeAsync();
        var theirItem = await ItemIdAsync(theirs.Id, "Planning and organization");

        var change = await SaveItemAsync(client, mine.Id, null, f =>
        {
            f["Input.ItemId"] = theirItem.ToString();
            f["Input.Day"] = "2";
            f["Input.Topic"] = "Overwritten from another programme";
        });
        var editor = await client.GetDocumentAsync(ProgrammePages.EditAgenda(mine.Id, 1));
        var remove = await client.PostAsync(editor, $"{ProgrammePages.EditAgenda(mine.Id, 1)}?handler=Remove", new() { ["item"] = theirItem.ToString() });

        Assert.Equal(HttpStatusCode.OK, change.StatusCode);
        Assert.Contains("This agenda item no longer exists", Assert.Single(FormClient.Errors(await FormClient.ParseAsync(change))), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, remove.StatusCode);
        await using var db = factory.NewDbContext();
        var item = await db.AgendaItems.SingleAsync(i => i.Id == theirItem);
        Assert.Equal("Planning and organization", item.Topic);
        Assert.Equal(8, Topics(await client.GetDocumentAsync(ProgrammePages.Agenda(mine.Id, 1))).Count);
    }

    [Fact]
    public async Task Engineer_member_may_read_the_agenda_but_not_edit_it()
    {
        var (owner, programme) = await CoordinatorWithProgrammeAsync();
        var (engineer, engineerUser) = await factory.SignedInClientAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineerUser, ProgrammeRole.Engineer);

        var page = await engineer.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1));

        Assert.Equal(8, Topics(page).Count);
        Assert.Null(page.QuerySelector($"a[href='{ProgrammePages.EditAgenda(programme.Id, 1)}']"));
        ProgrammePages.AssertAccessDenied(await engineer.GetAsync(ProgrammePages.EditAgenda(programme.Id, 1)));

        // Nor can the engineer post to the editor's handlers (with a token from a page they may open).
        var token = FormClient.Token(await engineer.GetDocumentAsync("/account/change-password"));
        var itemId = await ItemIdAsync(programme.Id, Day1[0]);
        var remove = await engineer.PostAsync(
            $"{ProgrammePages.EditAgenda(programme.Id, 1)}?handler=Remove",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["item"] = itemId.ToString(), ["__RequestVerificationToken"] = token }));
        ProgrammePages.AssertAccessDenied(remove);
        Assert.Equal(8, Topics(await owner.GetDocumentAsync(ProgrammePages.Agenda(programme.Id, 1))).Count);
    }

    [Fact]
    public async Task Someone_outside_the_programme_may_not_read_the_agenda()
    {
        var (_, programme) = await CoordinatorWithProgrammeAsync();
        var (stranger, _) = await factory.SignedInClientAsync(Roles.Engineer);

        ProgrammePages.AssertAccessDenied(await stranger.GetAsync(ProgrammePages.Agenda(programme.Id, 1)));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(ProgrammePages.Agenda(programme.Id, 7))).StatusCode);
    }

    private async Task<(HttpClient Client, Programme Programme)> CoordinatorWithProgrammeAsync()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        return (client, await factory.CreateProgrammeAsync(coordinator, FirstSession));
    }

    private static string SaveUrl(Guid programmeId) => $"{ProgrammePages.EditAgenda(programmeId, 1)}?handler=Save";

    private static string Time(int hour, int minute) => new TimeOnly(hour, minute).ToString("t", ProgrammePages.English);

    private static List<string> Topics(IHtmlDocument agenda) =>
        agenda.QuerySelectorAll("table.agenda tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();

    private static List<string[]> TopicsByDay(IHtmlDocument agenda) =>
        agenda.QuerySelectorAll("section.agenda-day")
            .Select(day => day.QuerySelectorAll("tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToArray())
            .ToList();

    private static List<string> Row(IHtmlDocument agenda, string topic) =>
        agenda.QuerySelectorAll("table.agenda tbody tr")
            .Single(tr => tr.Children[1].TextContent.Trim() == topic)
            .Children.Select(td => td.TextContent.Trim()).ToList();

    private async Task<Guid> ItemIdAsync(Guid programmeId, string topic)
    {
        await using var db = factory.NewDbContext();
        return await db.AgendaItems
            .Where(i => i.Topic == topic && db.Sessions.Any(s => s.Id == i.SessionId && s.ProgrammeId == programmeId && s.Number == 1))
            .Select(i => i.Id)
            .SingleAsync();
    }

    /// <summary>Opens the editor (for the item, or empty to add one), fills the item form and saves it.</summary>
    private static async Task<HttpResponseMessage> SaveItemAsync(HttpClient client, Guid programmeId, Guid? itemId, Action<Dictionary<string, string>> change)
    {
        var url = ProgrammePages.EditAgenda(programmeId, 1) + (itemId is null ? string.Empty : $"?item={itemId}");
        var form = await client.GetDocumentAsync(url);
        var fields = FormClient.FormValues(form, SaveForm);
        change(fields);
        return await client.PostAsync(form, form.QuerySelector(SaveForm)!.GetAttribute("action")!, fields);
    }

    /// <summary>Presses a row's button (MoveUp, MoveDown, Remove) in the editor, as it was when the page was loaded.</summary>
    private static async Task<HttpResponseMessage> ClickAsync(HttpClient client, Guid programmeId, string topic, string handler, bool pressTwice = false)
    {
        var editor = await client.GetDocumentAsync(ProgrammePages.EditAgenda(programmeId, 1));
        var row = editor.QuerySelectorAll("#agenda-items tbody tr").Single(tr => tr.Children[2].TextContent.Trim() == topic);
        var button = row.QuerySelector($"button[formaction*='handler={handler}']")!;
        var fields = new Dictionary<string, string> { ["item"] = row.QuerySelector("input[name=item]")!.GetAttribute("value")! };
        if (pressTwice)
        {
            // The first press goes through; the second comes from the same, now stale, page.
            var other = await client.PostAsync(editor, button.GetAttribute("formaction")!, new(fields));
            ProgrammePages.RedirectTarget(other);
        }

        return await client.PostAsync(editor, button.GetAttribute("formaction")!, fields);
    }
}
