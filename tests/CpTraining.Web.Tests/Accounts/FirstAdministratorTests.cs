using System.Net;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Accounts;

/// <summary>A fresh installation gets its first administrator from CPTRAINING_ADMIN_EMAIL / CPTRAINING_ADMIN_PASSWORD at start-up.</summary>
public sealed class FirstAdministratorTests(FirstAdministratorTests.ConfiguredAdminFactory factory) : IClassFixture<FirstAdministratorTests.ConfiguredAdminFactory>
{
    public const string Email = "first.admin@cp-centre.test";
    public const string AdminPassword = "cleaner production centre 1995";

    [Fact]
    public async Task The_configured_administrator_exists_at_start_up_and_signs_in()
    {
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var admin = await users.FindByEmailAsync(Email);
            Assert.NotNull(admin);
            Assert.Equal([Roles.Administrator], await users.GetRolesAsync(admin));
            Assert.True(admin.EmailConfirmed);
            Assert.True(await users.CheckPasswordAsync(admin, AdminPassword));
        }

        using var client = factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, Email, AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/admin/outbox")).StatusCode);
        var accounts = await client.GetDocumentAsync("/accounts/create");
        Assert.NotNull(accounts.QuerySelector("select[name='Input.Role'] option[value='Administrator']"));
    }

    [Fact]
    public async Task A_restart_leaves_the_existing_administrator_as_it_is()
    {
        _ = factory.Services; // the first start-up has created the account
        await using (var restarted = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:Default", factory.ConnectionString);
            b.UseSetting("CPTRAINING_ADMIN_EMAIL", Email);
            b.UseSetting("CPTRAINING_ADMIN_PASSWORD", "a different configured phrase");
        }))
        {
            using var client = restarted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        }

        await using var db = factory.NewDbContext();
        Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == Email.ToUpperInvariant()));
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByEmailAsync(Email))!, AdminPassword));
    }

    [Fact]
    public async Task A_weak_configured_password_stops_the_start_up()
    {
        var weak = new WeakPasswordFactory();
        await weak.InitializeAsync();
        try
        {
            var ex = Assert.Throws<InvalidOperationException>(() => weak.CreateClient());
            Assert.StartsWith("CPTRAINING_ADMIN_PASSWORD was refused: ", ex.Message, StringComparison.Ordinal);
            Assert.Contains("too common", ex.Message, StringComparison.Ordinal);
        }
        finally
        {
            await ((IAsyncLifetime)weak).DisposeAsync();
        }
    }

    public sealed class ConfiguredAdminFactory : CpTrainingFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("CPTRAINING_ADMIN_EMAIL", Email);
            builder.UseSetting("CPTRAINING_ADMIN_PASSWORD", AdminPassword);
        }
    }

    private sealed class WeakPasswordFactory : CpTrainingFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("CPTRAINING_ADMIN_EMAIL", "weak.admin@cp-centre.test");
            builder.UseSetting("CPTRAINING_ADMIN_PASSWORD", "password1234");
        }
    }
}
