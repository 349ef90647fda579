using System.Net;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace CpTraining.Web.Tests.Security;

/// <summary>The app in the Production environment: __Host- cookies that are always Secure, and HSTS over HTTPS.</summary>
public sealed class ProductionEnvironmentTests(ProductionEnvironmentTests.ProductionFactory factory) : IClassFixture<ProductionEnvironmentTests.ProductionFactory>
{
    [Fact]
    public async Task Cookies_carry_the_host_prefix_and_are_always_secure()
    {
        var user = await factory.CreateUserAsync(Roles.Engineer);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://cptraining.example/"), AllowAutoRedirect = false });

        var login = await client.GetAsync("/account/login");
        Assert.Equal("max-age=31536000", Assert.Single(login.Headers.GetValues("Strict-Transport-Security")));
        var antiforgery = Assert.Single(Cookies(login), c => c.Name == "__Host-CpTraining-Antiforgery");

        var token = FormClient.Token(await FormClient.ParseAsync(login));
        var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Email"] = user.Email!, ["Input.Password"] = CpTrainingFactory.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = Assert.Single(Cookies(signIn), c => c.Name == "__Host-CpTraining");

        foreach (var cookie in new[] { antiforgery, auth })
        {
            // __Host- cookies must be Secure, have Path=/ and no Domain, or browsers drop them.
            Assert.True(cookie.Secure);
            Assert.True(cookie.HttpOnly);
            Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
            Assert.Equal("/", cookie.Path.ToString());
            Assert.True(cookie.Domain.Length == 0);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/programmes")).StatusCode);
    }

    [Fact]
    public async Task Behind_a_trusted_TLS_proxy_plain_http_with_forwarded_proto_https_serves_the_sign_in_page()
    {
        using var proxied = new ProxiedFactory();
        await proxied.InitializeAsync();
        try
        {
            using var client = proxied.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://cptraining.internal/"), AllowAutoRedirect = false });
            using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
            request.Headers.Add("X-Forwarded-Proto", "https");

            var login = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            Assert.Contains(Cookies(login), c => c.Name == "__Host-CpTraining-Antiforgery" && c.Secure);
        }
        finally
        {
            await ((IAsyncLifetime)proxied).DisposeAsync();
        }
    }

    private static IList<SetCookieHeaderValue> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? SetCookieHeaderValue.ParseList(values.ToList()) : [];

    public sealed class ProxiedFactory : CpTrainingFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("CPTRAINING_TRUST_FORWARDED_HEADERS", "true");
        }
    }

    public sealed class ProductionFactory : CpTrainingFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }
}
