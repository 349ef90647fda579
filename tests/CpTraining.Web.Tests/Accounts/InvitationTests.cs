using System.Net;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.Accounts.AccountTestHelpers;

namespace CpTraining.Web.Tests.Accounts;

/// <summary>Accounts are created by coordinators and administrators; the person chooses a password through the e-mailed link.</summary>
public sealed class InvitationTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task An_invited_person_sets_a_password_through_the_link_and_signs_in()
    {
        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var email = $"olena-{Guid.NewGuid():N}@test.local";

        var link = await InviteAsync(factory, coordinator, email, Roles.Engineer);

        Assert.StartsWith("/account/reset-password?email=", link, StringComparison.Ordinal);
        Assert.Contains("&token=", link, StringComparison.Ordinal);
        await using (var db = factory.NewDbContext())
        {
            var message = await db.OutboxMessages.SingleAsync(m => m.To == email);
            Assert.Equal("You are invited to CpTraining", message.Subject);
            Assert.Contains("Hello Olena Kovalenko,", message.Body, StringComparison.Ordinal);
            Assert.Null(message.SentAt);
            var user = await db.Users.SingleAsync(u => u.Email == email);
            Assert.Null(user.PasswordHash);
        }

        Assert.Equal("Invited", await StatusOnAccountsPageAsync(coordinator, email));

        // The link, opened in the invited person's own browser.
        using var invited = factory.NewClient();
        var response = await SetPasswordAsync(invited, link, NewPassword);
        Assert.Equal("/account/login", RedirectAssert.Target(response));

        await CpTrainingFactory.SignInAsync(invited, email, NewPassword);
        Assert.Equal(HttpStatusCode.OK, (await invited.GetAsync("/programmes")).StatusCode);
        Assert.Equal("Active", await StatusOnAccountsPageAsync(coordinator, email));

        await using (var db = factory.NewDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            Assert.True(user.EmailConfirmed);
            var roles = await db.UserRoles.Where(r => r.UserId == user.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToListAsync();
            Assert.Equal([Roles.Engineer], roles);
        }
    }

    [Fact]
    public async Task The_link_works_once()
    {
        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var email = $"once-{Guid.NewGuid():N}@test.local";
        var link = await InviteAsync(factory, coordinator, email, Roles.Trainer);
        using var invited = factory.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await SetPasswordAsync(invited, link, NewPassword)).StatusCode);

        var again = await SetPasswordAsync(invited, link, "another phrase chosen later");

        Assert.Contains("This link is invalid or has already been used. Ask for a new one.", await ErrorsAsync(again));
        await CpTrainingFactory.SignInAsync(factory.NewClient(), email, NewPassword);
    }

    [Fact]
    public async Task Twelve_characters_are_enough()
    {
        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var email = $"twelve-{Guid.NewGuid():N}@test.local";
        var link = await InviteAsync(factory, coordinator, email, Roles.Engineer);

        var response = await SetPasswordAsync(factory.NewClient(), link, "short phrase");

        Assert.Equal("/account/login", RedirectAssert.Target(response));
    }

    [Theory]
    [InlineData("eleven char", "Passwords must be at least 12 characters long.")]
    [InlineData("password1234", "This password is too common or too easy to guess. Choose a longer phrase that is unique to you.")]
    [InlineData("PASSWORD1234", "This password is too common or too easy to guess. Choose a longer phrase that is unique to you.")]
    [InlineData("aaaaaaaaaaaaaaaa", "This password is too common or too easy to guess. Choose a longer phrase that is unique to you.")]
    public async Task Weak_passwords_are_refused_with_a_message(string password, string message)
    {
        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var email = $"weak-{Guid.NewGuid():N}@test.local";
        var link = await InviteAsync(factory, coordinator, email, Roles.Engineer);
        using var invited = factory.NewClient();

        var response = await SetPasswordAsync(invited, link, password);

        var form = await FormClient.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(message, FormClient.FieldError(form, "Input.Password"));
        await using (var db = factory.NewDbContext())
        {
            Assert.Null(await db.Users.Where(u => u.Email == email).Select(u => u.PasswordHash).SingleAsync());
        }

        // The link still works for a good password.
        Assert.Equal("/account/login", RedirectAssert.Target(await SetPasswordAsync(invited, link, NewPassword)));
    }

    [Fact]
    public async Task A_password_built_from_the_e_mail_address_is_refused()
    {
        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var local = $"mykola{Guid.NewGuid().ToString("N")[..6]}";
        var email = $"{local}@test.local";
        var link = await InviteAsync(factory, coordinator, email, Roles.Manager);

        var response = await SetPasswordAsync(factory.NewClient(), link, local.ToUpperInvariant() + "-2026");

        Assert.Equal(
            "This password is too common or too easy to guess. Choose a longer phrase that is unique to you.",
            FormClient.FieldError(await FormClient.ParseAsync(response), "Input.Password"));
    }

    [Fact]
    public async Task The_two_passwords_must_match()
    {
        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var email = $"mismatch-{Guid.NewGuid():N}@test.local";
        var link = await InviteAsync(factory, coordinator, email, Roles.Engineer);

        var response = await SetPasswordAsync(factory.NewClient(), link, NewPassword, NewPassword + "!");

        Assert.Equal("The two passwords are not the same.", FormClient.FieldError(await FormClient.ParseAsync(response), "Input.ConfirmPassword"));
    }

    [Fact]
    public async Task A_second_account_with_the_same_e_mail_is_refused()
    {
        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var existing = await factory.CreateUserAsync(Roles.Engineer);

        foreach (var email in new[] { existing.Email!, existing.Email!.ToUpperInvariant() })
        {
            var response = await coordinator.PostFormAsync("/accounts/create", new()
            {
                ["Input.DisplayName"] = "Twin", ["Input.Email"] = email, ["Input.Role"] = Roles.Engineer, ["Input.Language"] = "en",
            });

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var error = FormClient.FieldError(await FormClient.ParseAsync(response), "Input.Email");
            Assert.Equal($"An account with the e-mail address {email} already exists.", error);
        }

        await using var db = factory.NewDbContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == existing.Email!.ToUpperInvariant()));
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To.ToUpper() == existing.Email!.ToUpperInvariant()));
    }

    [Fact]
    public async Task An_administrator_sees_the_invitation_in_the_outbox()
    {
        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var email = $"outboxed-{Guid.NewGuid():N}@test.local";
        var link = await InviteAsync(factory, coordinator, email, Roles.Engineer, name: "Ivan Outbox");
        var (admin, _) = await factory.SignedInClientAsync(Roles.Administrator);

        var outbox = await admin.GetDocumentAsync("/admin/outbox");

        var message = Assert.Single(outbox.QuerySelectorAll("article.outbox-message"), a => a.TextContent.Contains(email, StringComparison.Ordinal));
        Assert.Equal("You are invited to CpTraining", message.QuerySelector("h2")!.TextContent.Trim());
        Assert.Contains("Hello Ivan Outbox,", message.TextContent, StringComparison.Ordinal);
        Assert.Contains("Waiting", message.TextContent, StringComparison.Ordinal);
        Assert.Contains("http://localhost" + link, System.Net.WebUtility.HtmlDecode(message.QuerySelector("pre")!.TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_may_invite_an_administrator()
    {
        var (admin, _) = await factory.SignedInClientAsync(Roles.Administrator);
        var email = $"second-admin-{Guid.NewGuid():N}@test.local";

        var form = await admin.GetDocumentAsync("/accounts/create");
        Assert.NotNull(form.QuerySelector("select[name='Input.Role'] option[value='Administrator']"));
        var link = await InviteAsync(factory, admin, email, Roles.Administrator);
        using var invited = factory.NewClient();
        await SetPasswordAsync(invited, link, NewPassword);
        await CpTrainingFactory.SignInAsync(invited, email, NewPassword);

        Assert.Equal(HttpStatusCode.OK, (await invited.GetAsync("/admin/outbox")).StatusCode);
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.IsInRoleAsync((await users.FindByEmailAsync(email))!, Roles.Administrator));
    }

    private static async Task<string> StatusOnAccountsPageAsync(HttpClient client, string email)
    {
        var page = await client.GetDocumentAsync("/accounts");
        var row = Assert.Single(page.QuerySelectorAll("#accounts tbody tr"), r => r.Children[1].TextContent.Trim() == email);
        return row.Children[3].TextContent.Trim();
    }
}
