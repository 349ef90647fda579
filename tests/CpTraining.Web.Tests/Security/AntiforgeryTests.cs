using System.Net;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Security;

/// <summary>Every form post needs the antiforgery token of the same browser and user; without it the app answers 400.</summary>
public sealed class AntiforgeryTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task Creating_a_programme_without_the_token_is_refused()
    {
        var (client, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var name = "Forged " + Guid.NewGuid();

        var response = await client.PostAsync("/programmes/create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Name"] = name, ["Input.Organisers"] = "TEKNA", ["Input.City"] = "Kherson", ["Input.Country"] = "Ukraine",
            ["Input.Language"] = "en", ["Input.TimeZoneId"] = "UTC", ["Input.FirstSessionStart"] = "2026-09-01", ["Input.WeeksBetweenSessions"] = "7",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await using var db = factory.NewDbContext();
        Assert.False(await db.Programmes.AnyAsync(p => p.Name == name));
    }

    [Fact]
    public async Task Signing_in_without_the_token_is_refused()
    {
        var user = await factory.CreateUserAsync(Roles.Engineer);
        using var client = factory.NewClient();

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = user.Email!, ["Input.Password"] = CpTrainingFactory.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("CpTraining=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Signing_out_without_the_token_is_refused()
    {
        var (client, _) = await factory.SignedInClientAsync(Roles.Engineer);

        var response = await client.PostAsync("/account/logout", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/programmes")).StatusCode);
    }

    [Fact]
    public async Task A_token_issued_before_sign_in_is_not_accepted_after_it()
    {
        var user = await factory.CreateUserAsync(Roles.Coordinator);
        using var client = factory.NewClient();
        var anonymousToken = FormClient.Token(await client.GetDocumentAsync("/account/login"));
        await CpTrainingFactory.SignInAsync(client, user.Email!);

        var response = await client.PostAsync("/accounts/create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = anonymousToken,
            ["Input.DisplayName"] = "Replayed", ["Input.Email"] = $"replayed-{Guid.NewGuid():N}@test.local", ["Input.Role"] = Roles.Engineer, ["Input.Language"] = "en",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_token_from_another_browser_is_not_accepted()
    {
        var (victim, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var (attacker, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var attackerToken = FormClient.Token(await attacker.GetDocumentAsync("/programmes"));

        var response = await victim.PostAsync("/accounts/create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = attackerToken,
            ["Input.DisplayName"] = "Planted", ["Input.Email"] = $"planted-{Guid.NewGuid():N}@test.local", ["Input.Role"] = Roles.Coordinator, ["Input.Language"] = "en",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
