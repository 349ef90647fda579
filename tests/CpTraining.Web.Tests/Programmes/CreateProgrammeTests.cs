using System.Net;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Programmes;

public sealed class CreateProgrammeTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task Coordinator_creates_programme_from_template_with_four_sessions()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);

        var response = await client.PostFormAsync("/programmes/create", new()
        {
            ["Input.Name"] = "Cleaner Production and Energy Efficiency",
            ["Input.Organisers"] = "TEKNA; UNDP-GEF Dnipro Basin Environment Programme",
            ["Input.City"] = "Dnipropetrovsk",
            ["Input.Country"] = "Ukraine",
            ["Input.Language"] = "en",
            ["Input.TimeZoneId"] = "UTC",
            ["Input.FirstSessionStart"] = "2026-09-01",
            ["Input.WeeksBetweenSessions"] = "7",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = factory.NewDbContext();
        var programme = await db.Programmes.Include(p => p.Sessions).Include(p => p.Members)
            .SingleAsync(p => p.Name == "Cleaner Production and Energy Efficiency");
        Assert.Equal([3, 3, 3, 2], programme.Sessions.Select(s => s.Days));
        // 7 weeks apart from Tuesday 1 September 2026.
        Assert.Equal([new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 20), new DateOnly(2026, 12, 8), new DateOnly(2027, 1, 26)], programme.Sessions.Select(s => s.StartDate));
        Assert.True(programme.Sessions[3].IsFinal);
        Assert.True(programme.IsCoordinatedBy(coordinator.Id));

        var timeline = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(4, timeline.QuerySelectorAll("#timeline > li").Length);
    }

    [Theory]
    [InlineData("Input.Name", "", "This field is required.")]
    [InlineData("Input.Name", "   ", "This field is required.")]
    [InlineData("Input.Organisers", "", "This field is required.")]
    [InlineData("Input.City", "", "This field is required.")]
    [InlineData("Input.Country", "", "This field is required.")]
    [InlineData("Input.FirstSessionStart", "", "This field is required.")]
    [InlineData("Input.FirstSessionStart", "not-a-date", "The value 'not-a-date' is not valid for First session starts on.")]
    [InlineData("Input.FirstSessionStart", "2026-02-30", "The value '2026-02-30' is not valid for First session starts on.")]
    [InlineData("Input.WeeksBetweenSessions", "5", "Sessions of the Norwegian model are 6 to 8 weeks apart.")]
    [InlineData("Input.WeeksBetweenSessions", "9", "Sessions of the Norwegian model are 6 to 8 weeks apart.")]
    [InlineData("Input.Language", "xx", "Choose one of the offered languages.")]
    [InlineData("Input.TimeZoneId", "Mars/Olympus_Mons", "Choose the time zone of the venue.")]
    public async Task Invalid_input_re_renders_the_form_with_a_field_error_and_keeps_the_input(string field, string value, string message)
    {
        var (client, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var name = "Rejected " + Guid.NewGuid().ToString("N");
        var fields = ValidFields(name);
        fields[field] = value;

        var response = await client.PostFormAsync("/programmes/create", new(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Equal(message, FormClient.FieldError(page, field));
        Assert.Single(FormClient.Errors(page));

        // What the user typed in the other (free-text) fields is still there.
        var shown = FormClient.FormValues(page);
        foreach (var kept in new[] { "Input.Name", "Input.Organisers", "Input.City", "Input.Region", "Input.Country", "Input.Description" }.Where(f => f != field))
        {
            Assert.Equal(fields[kept], shown[kept]);
        }

        if (field == "Input.FirstSessionStart")
        {
            Assert.Equal(value, shown[field]);
        }
        else
        {
            Assert.Equal(fields["Input.FirstSessionStart"], shown["Input.FirstSessionStart"]);
        }

        await using var db = factory.NewDbContext();
        Assert.False(await db.Programmes.AnyAsync(p => p.Name == name));
    }

    [Fact]
    public async Task Historical_programme_with_2010_start_is_accepted_and_shown_as_completed()
    {
        var (client, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var name = "2nd CPEE programme " + Guid.NewGuid().ToString("N");
        var fields = ValidFields(name);
        fields["Input.FirstSessionStart"] = "2010-10-05";

        var response = await client.PostFormAsync("/programmes/create", fields);

        var timeline = await client.GetDocumentAsync(ProgrammePages.RedirectTarget(response));
        await using var db = factory.NewDbContext();
        var programme = await db.Programmes.Include(p => p.Sessions).SingleAsync(p => p.Name == name);
        // Tuesday 5 October 2010, then every 7 weeks (49 days): 23 Nov 2010, 11 Jan 2011, 1 Mar 2011.
        Assert.Equal(
            [new DateOnly(2010, 10, 5), new DateOnly(2010, 11, 23), new DateOnly(2011, 1, 11), new DateOnly(2011, 3, 1)],
            programme.Sessions.Select(s => s.StartDate));
        Assert.Equal(["completed", "completed", "completed", "completed"], Enumerable.Range(1, 4).Select(n => ProgrammePages.SessionStatus(timeline, n)));
        Assert.Contains(ProgrammePages.Long(new DateOnly(2010, 10, 5)), ProgrammePages.SessionDates(timeline, 1), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Form_offers_the_template_defaults()
    {
        var (client, _) = await factory.SignedInClientAsync(Roles.Coordinator);

        var form = FormClient.FormValues(await client.GetDocumentAsync("/programmes/create"));

        // Four weeks after the factory clock's 1 June 2026.
        Assert.Equal("2026-06-29", form["Input.FirstSessionStart"]);
        Assert.Equal("7", form["Input.WeeksBetweenSessions"]);
        Assert.Equal("en", form["Input.Language"]);
    }

    [Theory]
    [InlineData(Roles.Engineer)]
    [InlineData(Roles.Trainer)]
    [InlineData(Roles.Manager)]
    public async Task Only_coordinators_and_administrators_may_create(string role)
    {
        var (client, _) = await factory.SignedInClientAsync(role);

        ProgrammePages.AssertAccessDenied(await client.GetAsync("/programmes/create"));
    }

    private static Dictionary<string, string> ValidFields(string name) => new()
    {
        ["Input.Name"] = name,
        ["Input.Organisers"] = "TEKNA; UNDP-GEF Dnipro Basin Environment Programme",
        ["Input.City"] = "Dnipropetrovsk",
        ["Input.Region"] = "Dnipropetrovsk oblast",
        ["Input.Country"] = "Ukraine",
        ["Input.Language"] = "en",
        ["Input.Description"] = "Energy efficiency and Cleaner Production for the Dnipro basin",
        ["Input.TimeZoneId"] = "UTC",
        ["Input.FirstSessionStart"] = "2026-09-01",
        ["Input.WeeksBetweenSessions"] = "7",
    };
}
