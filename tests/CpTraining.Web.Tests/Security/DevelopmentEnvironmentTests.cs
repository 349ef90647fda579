using System.Net;
using CpTraining.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CpTraining.Web.Tests.Security;

/// <summary>The app in the Development environment (as <c>dotnet run</c> starts it): no HSTS even over HTTPS, so a developer's browser does not pin localhost to HTTPS.</summary>
public sealed class DevelopmentEnvironmentTests(DevelopmentEnvironmentTests.DevelopmentFactory factory) : IClassFixture<DevelopmentEnvironmentTests.DevelopmentFactory>
{
    [Fact]
    public async Task No_hsts_in_development_even_over_https()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://cptraining.example/"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Development", factory.Services.GetRequiredService<IWebHostEnvironment>().EnvironmentName);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
        Assert.True(response.Headers.Contains("Content-Security-Policy"));
    }

    public sealed class DevelopmentFactory : CpTrainingFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Development");
        }
    }
}
