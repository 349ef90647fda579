using System.Net;
using System.Text;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Regressions;

/// <summary>Cases found in a review of the first capability: each failed (or answered 500) before its fix.</summary>
public sealed class ReviewFindingsTests(ReviewFindingsTests.PublicUrlFactory factory) : IClassFixture<ReviewFindingsTests.PublicUrlFactory>
{
    [Fact]
    public async Task Password_reset_link_uses_the_configured_public_address_not_a_forged_host_header()
    {
        var user = await factory.CreateUserAsync(Roles.Engineer);
        var client = factory.NewClient();
        var form = await client.GetDocumentAsync("/account/forgot-password");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/forgot-password")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = FormClient.Token(form),
                ["Input.Email"] = user.Email!,
            }),
        };
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var db = factory.NewDbContext();
        var mail = await db.OutboxMessages.SingleAsync(m => m.To == user.Email);
        Assert.Contains("https://cp.example.org/account/reset-password?", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invitation_from_a_company_page_uses_the_configured_public_address_not_a_forged_host_header()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 9, 1));
        var company = await factory.EnrolCompanyAsync(programme.Id, "Host Test Works");
        var url = $"/programmes/{programme.Id}/companies/{company.Id}";
        var page = await client.GetDocumentAsync(url);
        var email = $"invited-{Guid.NewGuid():N}@test.local";
        using var request = new HttpRequestMessage(HttpMethod.Post, url + "?handler=AddPerson")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = FormClient.Token(page),
                ["Input.Email"] = email,
                ["Input.DisplayName"] = "Invited Person",
                ["Input.Language"] = "en",
                ["Input.Role"] = Roles.Engineer,
            }),
        };
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = factory.NewDbContext();
        var mail = await db.OutboxMessages.SingleAsync(m => m.To == email);
        Assert.Contains("https://cp.example.org/account/reset-password?", mail.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("evil.example", mail.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("1900-01-02")]
    public async Task Reschedule_to_a_date_far_out_of_range_is_a_field_error_not_a_server_error(string date)
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 9, 1));
        var url = $"/programmes/{programme.Id}/sessions/4/edit";
        var form = await client.GetDocumentAsync(url);
        var fields = FormClient.FormValues(form);
        fields["Input.StartDate"] = date;

        var response = await client.PostAsync(url, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.StartsWith("Choose a date between", FormClient.FieldError(page, "Input.StartDate"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reschedule_form_opened_in_English_saves_after_switching_to_Ukrainian()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 9, 1));
        var url = $"/programmes/{programme.Id}/sessions/2/edit";
        var form = await client.GetDocumentAsync(url + "?culture=en");
        var fields = FormClient.FormValues(form);
        fields["Input.DailyStart"] = "09:00";
        fields["Input.DailyEnd"] = "17:00";
        fields["Input.Venue"] = "Hotel Fregat";

        var response = await client.PostAsync(url + "?culture=uk", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = factory.NewDbContext();
        Assert.Equal("Hotel Fregat", (await db.Sessions.SingleAsync(s => s.ProgrammeId == programme.Id && s.Number == 2)).Venue);
    }

    [Fact]
    public async Task Creating_a_programme_in_year_9999_is_a_field_error()
    {
        var (client, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var response = await client.PostFormAsync("/programmes/create", new()
        {
            ["Input.Name"] = "Far future",
            ["Input.Organisers"] = "TEKNA",
            ["Input.City"] = "Kherson",
            ["Input.Country"] = "Ukraine",
            ["Input.Language"] = "en",
            ["Input.TimeZoneId"] = "UTC",
            ["Input.FirstSessionStart"] = "9999-11-01",
            ["Input.WeeksBetweenSessions"] = "7",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("Choose a date between", FormClient.FieldError(await FormClient.ParseAsync(response), "Input.FirstSessionStart"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("302")]
    [InlineData("99999")]
    public async Task Error_page_with_a_nonsense_code_answers_500_with_the_page(string code)
    {
        var response = await factory.NewClient().GetAsync($"/error?code={code}");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resetting_the_password_ends_a_lockout()
    {
        var user = await factory.CreateUserAsync(Roles.Engineer);
        var client = factory.NewClient();
        for (var i = 0; i < 5; i++)
        {
            await client.PostFormAsync("/account/login", new() { ["Input.Email"] = user.Email!, ["Input.Password"] = "wrong password, sorry" });
        }

        string token;
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByIdAsync(user.Id))!));
            token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GeneratePasswordResetTokenAsync((await users.FindByIdAsync(user.Id))!)));
        }

        var url = $"/account/reset-password?email={Uri.EscapeDataString(user.Email!)}&token={token}";
        var reset = await client.PostFormAsync(url, new()
        {
            ["Input.Email"] = user.Email!,
            ["Input.Token"] = token,
            ["Input.Password"] = "a brand new long passphrase",
            ["Input.ConfirmPassword"] = "a brand new long passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        await CpTrainingFactory.SignInAsync(client, user.Email!, "a brand new long passphrase");
    }

    public sealed class PublicUrlFactory : CpTrainingFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("CPTRAINING_PUBLIC_URL", "https://cp.example.org");
        }
    }
}
