using System.Net;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Programmes;

public sealed class EditProgrammeTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static readonly DateOnly FirstSession = new(2026, 9, 1);

    [Fact]
    public async Task Coordinator_changes_the_details_and_sees_them_on_the_timeline()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession);
        var url = ProgrammePages.EditDetails(programme.Id);
        var form = await client.GetDocumentAsync(url);
        var fields = FormClient.FormValues(form);
        Assert.Equal("Test programme", fields["Input.Name"]);
        Assert.Equal("Kherson", fields["Input.City"]);
        fields["Input.Name"] = "Cleaner Production in the Kherson region";
        fields["Input.Region"] = "Kherson oblast";
        fields["Input.Organisers"] = "TEKNA; NCPC Ukraine";
        fields["Input.Description"] = "Second round";

        var response = await client.PostAsync(form, url, fields);

        Assert.Equal(ProgrammePages.Timeline(programme.Id), ProgrammePages.RedirectTarget(response));
        var timeline = await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));
        Assert.Equal("Cleaner Production in the Kherson region", timeline.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("The programme has been saved.", timeline.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Kherson, Kherson oblast, Ukraine", timeline.Body!.TextContent, StringComparison.Ordinal);
        await using var db = factory.NewDbContext();
        var saved = await db.Programmes.SingleAsync(p => p.Id == programme.Id);
        Assert.Equal(("Cleaner Production in the Kherson region", "TEKNA; NCPC Ukraine", "Kherson oblast", "Second round"), (saved.Name, saved.Organisers, saved.Region, saved.Description));
    }

    [Theory]
    [InlineData("Input.City", "", "This field is required.")]
    [InlineData("Input.Name", "", "This field is required.")]
    [InlineData("Input.Language", "xx", "Choose one of the offered languages.")]
    [InlineData("Input.TimeZoneId", "Europe/Atlantis", "Choose the time zone of the venue.")]
    public async Task Invalid_details_re_render_the_form_and_change_nothing(string field, string value, string message)
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession);
        var url = ProgrammePages.EditDetails(programme.Id);
        var form = await client.GetDocumentAsync(url);
        var fields = FormClient.FormValues(form);
        fields["Input.Organisers"] = "Changed organisers";
        fields[field] = value;

        var response = await client.PostAsync(form, url, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Equal(message, FormClient.FieldError(page, field));
        Assert.Equal("Changed organisers", FormClient.FormValues(page)["Input.Organisers"]);
        await using var db = factory.NewDbContext();
        var saved = await db.Programmes.SingleAsync(p => p.Id == programme.Id);
        Assert.Equal(("Test programme", "TEKNA", "Kherson"), (saved.Name, saved.Organisers, saved.City));
    }

    [Fact]
    public async Task Second_of_two_simultaneous_edits_is_refused_and_the_first_is_kept()
    {
        var (first, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var (second, colleague) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession);
        await factory.AddMemberAsync(programme.Id, colleague, ProgrammeRole.Coordinator);
        var url = ProgrammePages.EditDetails(programme.Id);
        var firstForm = await first.GetDocumentAsync(url);
        var secondForm = await second.GetDocumentAsync(url);

        var firstFields = FormClient.FormValues(firstForm);
        firstFields["Input.Name"] = "Name from the first coordinator";
        ProgrammePages.RedirectTarget(await first.PostAsync(firstForm, url, firstFields));

        var secondFields = FormClient.FormValues(secondForm);
        secondFields["Input.Name"] = "Name from the second coordinator";
        var refused = await second.PostAsync(secondForm, url, secondFields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await FormClient.ParseAsync(refused);
        var error = Assert.Single(FormClient.Errors(page));
        Assert.Contains("Someone else saved this programme while you were editing it", error, StringComparison.Ordinal);
        Assert.Contains("\"Name from the first coordinator\"", error, StringComparison.Ordinal);
        Assert.Equal("Name from the second coordinator", FormClient.FormValues(page)["Input.Name"]);
        await using (var db = factory.NewDbContext())
        {
            Assert.Equal("Name from the first coordinator", (await db.Programmes.SingleAsync(p => p.Id == programme.Id)).Name);
        }

        // The refused form now carries the current version: saving again overwrites deliberately.
        var again = await second.PostAsync(page, url, FormClient.FormValues(page));

        ProgrammePages.RedirectTarget(again);
        await using (var db = factory.NewDbContext())
        {
            Assert.Equal("Name from the second coordinator", (await db.Programmes.SingleAsync(p => p.Id == programme.Id)).Name);
        }
    }

    [Fact]
    public async Task Other_coordinators_and_engineer_members_may_not_edit()
    {
        var (_, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession);
        var (stranger, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var (engineer, engineerUser) = await factory.SignedInClientAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineerUser, ProgrammeRole.Engineer);

        ProgrammePages.AssertAccessDenied(await stranger.GetAsync(ProgrammePages.EditDetails(programme.Id)));
        ProgrammePages.AssertAccessDenied(await engineer.GetAsync(ProgrammePages.EditDetails(programme.Id)));

        // Posting directly is refused as well (a token from a page the stranger may open).
        var token = FormClient.Token(await stranger.GetDocumentAsync("/programmes/create"));
        var post = await stranger.PostAsync(ProgrammePages.EditDetails(programme.Id), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Name"] = "Hijacked",
            ["Input.Organisers"] = "X",
            ["Input.City"] = "X",
            ["Input.Country"] = "X",
            ["Input.Language"] = "en",
            ["Input.TimeZoneId"] = "UTC",
        }));
        ProgrammePages.AssertAccessDenied(post);
        await using var db = factory.NewDbContext();
        Assert.Equal("Test programme", (await db.Programmes.SingleAsync(p => p.Id == programme.Id)).Name);
    }
}
