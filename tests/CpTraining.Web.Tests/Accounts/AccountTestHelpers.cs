using System.Net;
using System.Text.RegularExpressions;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Accounts;

/// <summary>Inviting people and following the links the app e-mails (the outbox is the mailbox in tests).</summary>
internal static partial class AccountTestHelpers
{
    public const string NewPassword = "a river of clean water 2010";

    /// <summary>Invites a person through /accounts/create and returns the set-password link from the invitation.</summary>
    public static async Task<string> InviteAsync(CpTrainingFactory factory, HttpClient inviter, string email, string role, string name = "Olena Kovalenko")
    {
        var response = await inviter.PostFormAsync("/accounts/create", new()
        {
            ["Input.DisplayName"] = name, ["Input.Email"] = email, ["Input.Role"] = role, ["Input.Language"] = "en",
        });
        Assert.Equal("/accounts", RedirectAssert.Target(response));
        return await LinkSentToAsync(factory, email);
    }

    /// <summary>Path and query of the newest set-password link e-mailed to <paramref name="email"/>.</summary>
    public static async Task<string> LinkSentToAsync(CpTrainingFactory factory, string email)
    {
        await using var db = factory.NewDbContext();
        var body = await db.OutboxMessages.Where(m => m.To == email).OrderByDescending(m => m.CreatedAt).Select(m => m.Body).FirstAsync();
        var match = ResetLink().Match(body);
        Assert.True(match.Success, "No set-password link in: " + body);
        return new Uri(match.Value).PathAndQuery;
    }

    /// <summary>Opens the link in a fresh browser and submits the password twice; returns the answer.</summary>
    public static async Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, string link, string password, string? confirmation = null)
    {
        var form = await client.GetDocumentAsync(link);
        var values = FormClient.FormValues(form);
        values["Input.Password"] = password;
        values["Input.ConfirmPassword"] = confirmation ?? password;
        return await client.PostAsync(link, new FormUrlEncodedContent(values));
    }

    public static async Task<HttpResponseMessage> TrySignInAsync(HttpClient client, string email, string password) =>
        await client.PostFormAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });

    public static async Task<IReadOnlyList<string>> ErrorsAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return FormClient.Errors(await FormClient.ParseAsync(response));
    }

    [GeneratedRegex(@"https?://\S+/account/reset-password\?\S+")]
    private static partial Regex ResetLink();
}
