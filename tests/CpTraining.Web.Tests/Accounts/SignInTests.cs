using System.Net;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.Accounts.AccountTestHelpers;

namespace CpTraining.Web.Tests.Accounts;

/// <summary>Signing in, lockout, forgotten and changed passwords.</summary>
public sealed class SignInTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private const string WrongPassword = "not my password at all";
    private const string NeutralAnswer = "If an account exists for that address, we have sent it a link to choose a new password.";

    [Fact]
    public async Task Sign_in_returns_to_the_page_asked_for()
    {
        var user = await factory.CreateUserAsync(Roles.Engineer);
        using var client = factory.NewClient();
        RedirectAssert.ToSignIn(await client.GetAsync("/account/change-password"), "/account/change-password");

        var response = await client.PostFormAsync("/account/login?ReturnUrl=%2Faccount%2Fchange-password", new()
        {
            ["Input.Email"] = user.Email!, ["Input.Password"] = CpTrainingFactory.Password, ["ReturnUrl"] = "/account/change-password",
        });

        Assert.Equal("/account/change-password", RedirectAssert.Target(response));
    }

    [Fact]
    public async Task Sign_in_never_returns_to_another_site()
    {
        var user = await factory.CreateUserAsync(Roles.Engineer);
        using var client = factory.NewClient();

        var response = await client.PostFormAsync("/account/login", new()
        {
            ["Input.Email"] = user.Email!, ["Input.Password"] = CpTrainingFactory.Password, ["ReturnUrl"] = "https://evil.example/phish",
        });

        Assert.Equal("/home", RedirectAssert.Target(response));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_get_the_same_answer()
    {
        var user = await factory.CreateUserAsync(Roles.Engineer);
        using var client = factory.NewClient();

        var wrongPassword = await ErrorsAsync(await TrySignInAsync(client, user.Email!, WrongPassword));
        var unknownAddress = await ErrorsAsync(await TrySignInAsync(client, $"nobody-{Guid.NewGuid():N}@test.local", WrongPassword));

        Assert.Equal(["The e-mail address or password is not correct."], wrongPassword);
        Assert.Equal(wrongPassword, unknownAddress);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var user = await factory.CreateUserAsync(Roles.Engineer);
        using var client = factory.NewClient();
        const string locked = "This account is locked after too many failed sign-in attempts. Try again in 15 minutes or reset your password.";

        for (var attempt = 1; attempt <= 4; attempt++)
        {
            Assert.Equal(["The e-mail address or password is not correct."], await ErrorsAsync(await TrySignInAsync(client, user.Email!, WrongPassword)));
        }

        // The fifth failure locks the account and says so.
        Assert.Equal([locked], await ErrorsAsync(await TrySignInAsync(client, user.Email!, WrongPassword)));

        // The sixth attempt, with the right password, is refused too.
        var sixth = await TrySignInAsync(client, user.Email!, CpTrainingFactory.Password);
        Assert.Equal([locked], await ErrorsAsync(sixth));
        Assert.DoesNotContain(sixth.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("CpTraining=", StringComparison.Ordinal));
        RedirectAssert.ToSignIn(await client.GetAsync("/programmes"), "/programmes");

        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var accounts = await coordinator.GetDocumentAsync("/accounts");
        var row = Assert.Single(accounts.QuerySelectorAll("#accounts tbody tr"), r => r.Children[1].TextContent.Trim() == user.Email);
        Assert.Equal("Locked out", row.Children[3].TextContent.Trim());
    }

    [Fact]
    public async Task The_lockout_lasts_15_minutes()
    {
        var user = await factory.CreateUserAsync(Roles.Engineer);
        using var client = factory.NewClient();
        var lockedAt = DateTimeOffset.UtcNow;
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await TrySignInAsync(client, user.Email!, WrongPassword);
        }

        // Identity's UserManager reads the system clock for lockouts (Microsoft.Extensions.Identity.Core 10 takes no
        // TimeProvider), so the test clock cannot move past it: read the end it recorded, then move it to the past.
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var stored = (await users.FindByIdAsync(user.Id))!;
        var end = Assert.NotNull(stored.LockoutEnd);
        Assert.InRange(end, lockedAt.AddMinutes(15), DateTimeOffset.UtcNow.AddMinutes(15));

        await users.SetLockoutEndDateAsync(stored, DateTimeOffset.UtcNow.AddSeconds(-1));
        await CpTrainingFactory.SignInAsync(client, user.Email!);
    }

    [Fact]
    public async Task Forgot_password_for_an_unknown_address_answers_the_same_and_sends_nothing()
    {
        var user = await factory.CreateUserAsync(Roles.Engineer);
        var unknown = $"nobody-{Guid.NewGuid():N}@test.local";
        using var client = factory.NewClient();

        var before = await OutboxCountAsync();
        var forUnknown = await FormClient.ParseAsync(await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = unknown }));
        Assert.Equal(before, await OutboxCountAsync());

        var forKnown = await FormClient.ParseAsync(await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = user.Email! }));
        Assert.Equal(before + 1, await OutboxCountAsync());

        Assert.Equal(NeutralAnswer, forUnknown.QuerySelector("main .alert")!.TextContent.Trim());
        Assert.Equal(forKnown.QuerySelector("main")!.TextContent, forUnknown.QuerySelector("main")!.TextContent);
        await using var db = factory.NewDbContext();
        Assert.False(await db.OutboxMessages.AnyAsync(m => m.To == unknown));
        Assert.Equal("Reset your CpTraining password", await db.OutboxMessages.Where(m => m.To == user.Email).Select(m => m.Subject).SingleAsync());
    }

    [Fact]
    public async Task A_forgotten_password_is_replaced_through_the_link()
    {
        var user = await factory.CreateUserAsync(Roles.Trainer);
        using var client = factory.NewClient();
        await client.PostFormAsync("/account/forgot-password", new() { ["Input.Email"] = user.Email! });

        var link = await LinkSentToAsync(factory, user.Email!);
        Assert.Equal("/account/login", RedirectAssert.Target(await SetPasswordAsync(client, link, NewPassword)));

        await CpTrainingFactory.SignInAsync(factory.NewClient(), user.Email!, NewPassword);
        Assert.NotEmpty(await ErrorsAsync(await TrySignInAsync(factory.NewClient(), user.Email!, CpTrainingFactory.Password)));
    }

    [Fact]
    public async Task A_signed_in_person_changes_their_password()
    {
        var (client, user) = await factory.SignedInClientAsync(Roles.Manager);

        var response = await client.PostFormAsync("/account/change-password", new()
        {
            ["Input.CurrentPassword"] = CpTrainingFactory.Password, ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal("/programmes", RedirectAssert.Target(response));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/programmes")).StatusCode);
        await CpTrainingFactory.SignInAsync(factory.NewClient(), user.Email!, NewPassword);
        Assert.Equal(["The e-mail address or password is not correct."], await ErrorsAsync(await TrySignInAsync(factory.NewClient(), user.Email!, CpTrainingFactory.Password)));
    }

    [Fact]
    public async Task Changing_the_password_signs_out_other_browsers_within_a_minute()
    {
        var (laptop, user) = await factory.SignedInClientAsync(Roles.Engineer);
        using var phone = factory.NewClient();
        await CpTrainingFactory.SignInAsync(phone, user.Email!);

        await laptop.PostFormAsync("/account/change-password", new()
        {
            ["Input.CurrentPassword"] = CpTrainingFactory.Password, ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });

        var start = factory.Clock.GetUtcNow();
        try
        {
            factory.Clock.Set(start.AddSeconds(61));
            RedirectAssert.ToSignIn(await phone.GetAsync("/programmes"), "/programmes");

            // The browser that changed it was signed in again with the new stamp.
            Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/programmes")).StatusCode);
        }
        finally
        {
            factory.Clock.Set(start);
        }
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_a_strong_new_one()
    {
        var (client, user) = await factory.SignedInClientAsync(Roles.Manager);

        var wrongCurrent = await FormClient.ParseAsync(await client.PostFormAsync("/account/change-password", new()
        {
            ["Input.CurrentPassword"] = WrongPassword, ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        }));
        Assert.Equal("The current password is not correct.", FormClient.FieldError(wrongCurrent, "Input.CurrentPassword"));

        var common = await FormClient.ParseAsync(await client.PostFormAsync("/account/change-password", new()
        {
            ["Input.CurrentPassword"] = CpTrainingFactory.Password, ["Input.NewPassword"] = "password1234", ["Input.ConfirmPassword"] = "password1234",
        }));
        Assert.Equal("This password is too common or too easy to guess. Choose a longer phrase that is unique to you.", FormClient.FieldError(common, "Input.NewPassword"));

        var tooShort = await FormClient.ParseAsync(await client.PostFormAsync("/account/change-password", new()
        {
            ["Input.CurrentPassword"] = CpTrainingFactory.Password, ["Input.NewPassword"] = "eleven char", ["Input.ConfirmPassword"] = "eleven char",
        }));
        Assert.Equal("Passwords must be at least 12 characters long.", FormClient.FieldError(tooShort, "Input.NewPassword"));

        // Nothing changed.
        await CpTrainingFactory.SignInAsync(factory.NewClient(), user.Email!, CpTrainingFactory.Password);
    }

    private async Task<int> OutboxCountAsync()
    {
        await using var db = factory.NewDbContext();
        return await db.OutboxMessages.CountAsync();
    }
}
