using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace CpTraining.Web.Tests.Security;

/// <summary>Security headers on every kind of response, a CSP that needs no inline script, and cookie attributes.</summary>
public sealed class SecurityHeadersTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Theory]
    [InlineData("/account/login", false, HttpStatusCode.OK)]
    [InlineData("/programmes", true, HttpStatusCode.OK)]
    [InlineData("/no-such-page", true, HttpStatusCode.NotFound)]
    [InlineData("/programmes", false, HttpStatusCode.Redirect)]
    [InlineData("/css/site.css", false, HttpStatusCode.OK)]
    [InlineData("/lib/jquery/dist/jquery.min.js", false, HttpStatusCode.OK)]
    [InlineData("/health/live", false, HttpStatusCode.OK)]
    public async Task Every_response_carries_the_security_headers(string url, bool signedIn, HttpStatusCode status)
    {
        using var client = signedIn ? (await factory.SignedInClientAsync(Roles.Engineer)).Client : factory.NewClient();

        var response = await client.GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        var csp = Directives(Single(response, "Content-Security-Policy"));
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.Equal(["'none'"], csp["base-uri"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'self'"], csp["default-src"]);
        Assert.Equal(["'self'"], csp["form-action"]);
        var scriptSources = csp["script-src"];
        Assert.DoesNotContain("'unsafe-inline'", scriptSources);
        Assert.DoesNotContain("'unsafe-eval'", scriptSources);
        Assert.DoesNotContain("*", scriptSources);
        Assert.DoesNotContain("data:", scriptSources);
        Assert.DoesNotContain("'unsafe-inline'", csp["style-src"]);

        Assert.Equal("nosniff", Single(response, "X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", Single(response, "Referrer-Policy"));
        Assert.Equal("DENY", Single(response, "X-Frame-Options"));

        // HSTS is configured outside Development (see Program.cs), but the middleware sends it only over HTTPS and
        // never to localhost, so these plain-HTTP test requests carry none. See Hsts_* below.
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Unknown_urls_are_404_when_signed_in_and_send_anonymous_visitors_to_sign_in()
    {
        // The fallback policy (signed-in users only) also covers URLs that match no page, so an anonymous
        // visitor learns nothing about which URLs exist.
        using var anonymous = factory.NewClient();
        RedirectAssert.ToSignIn(await anonymous.GetAsync("/no-such-page"), "/no-such-page");

        var (client, _) = await factory.SignedInClientAsync(Roles.Engineer);
        var response = await client.GetAsync("/no-such-page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_outside_development()
    {
        // The Testing environment is "outside Development"; a real host name, because localhost is excluded.
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://cptraining.example/"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/account/login");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Single(response, "Strict-Transport-Security"));
    }

    [Fact]
    public async Task Pages_contain_no_inline_script_or_style()
    {
        using var anonymous = factory.NewClient();
        await AssertNoInlineCodeAsync(anonymous, "/account/login");
        await AssertNoInlineCodeAsync(anonymous, "/account/forgot-password");
        await AssertNoInlineCodeAsync(anonymous, "/");

        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 9, 1));
        foreach (var url in new[]
        {
            "/programmes", "/programmes/create", $"/programmes/{programme.Id}", $"/programmes/{programme.Id}/edit",
            $"/programmes/{programme.Id}/sessions/1/agenda", $"/programmes/{programme.Id}/sessions/1/edit",
            $"/programmes/{programme.Id}/sessions/1/agenda/edit", "/accounts", "/accounts/create", "/account/change-password",
        })
        {
            await AssertNoInlineCodeAsync(client, url);
        }

        // The 404 page is rendered by the app too.
        var notFound = await client.GetAsync("/no-such-page");
        AssertNoInlineCode(await FormClient.ParseAsync(notFound), "/no-such-page");
    }

    [Fact]
    public async Task Auth_and_antiforgery_cookies_are_http_only_and_same_site_lax()
    {
        var user = await factory.CreateUserAsync(Roles.Engineer);
        using var client = factory.NewClient();

        var login = await client.GetAsync("/account/login");
        var antiforgery = Assert.Single(Cookies(login), c => c.Name == "CpTraining-Antiforgery");

        var token = FormClient.Token(await FormClient.ParseAsync(login));
        var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Email"] = user.Email!, ["Input.Password"] = CpTrainingFactory.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var signInCookies = Cookies(signIn);
        var auth = Assert.Single(signInCookies, c => c.Name == "CpTraining");

        // In the Testing (and Development) environment the names have no __Host- prefix and Secure follows the
        // request (plain HTTP here); elsewhere they are __Host-CpTraining and __Host-CpTraining-Antiforgery, always Secure.
        foreach (var cookie in signInCookies.Append(antiforgery))
        {
            Assert.True(cookie.HttpOnly, cookie.Name.ToString());
            Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Lax, cookie.SameSite);
            Assert.False(cookie.Secure, cookie.Name.ToString());
            Assert.Equal("/", cookie.Path.ToString());
            Assert.False(cookie.Name.ToString().StartsWith("__Host-", StringComparison.Ordinal));
        }

        // A session cookie unless "keep me signed in" is ticked.
        Assert.Null(auth.Expires);
        Assert.Null(auth.MaxAge);
    }

    [Fact]
    public async Task Cookies_are_secure_when_the_request_is_https()
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://cptraining.example/"), AllowAutoRedirect = false });

        var login = await client.GetAsync("/account/login");

        var antiforgery = Assert.Single(Cookies(login), c => c.Name == "CpTraining-Antiforgery");
        Assert.True(antiforgery.Secure);
    }

    private static async Task AssertNoInlineCodeAsync(HttpClient client, string url) =>
        AssertNoInlineCode(await client.GetDocumentAsync(url), url);

    /// <summary>The CSP (script-src 'self', style-src 'self') would block inline code, so there must be none.</summary>
    private static void AssertNoInlineCode(IHtmlDocument document, string url)
    {
        var scripts = document.QuerySelectorAll("script").ToList();
        Assert.True(scripts.Count > 0, $"{url}: no scripts at all?");
        foreach (var script in scripts)
        {
            var src = script.GetAttribute("src");
            Assert.True(!string.IsNullOrEmpty(src), $"{url}: inline <script> {script.OuterHtml[..Math.Min(200, script.OuterHtml.Length)]}");
            Assert.True(src.StartsWith('/') && !src.StartsWith("//", StringComparison.Ordinal), $"{url}: script from elsewhere: {src}");
            Assert.True(string.IsNullOrWhiteSpace(script.TextContent), $"{url}: <script src> with a body");
        }

        Assert.Empty(document.QuerySelectorAll("style"));
        foreach (var element in document.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{url}: inline handler {attribute.Name} on <{element.LocalName}>");
                Assert.False(attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase), $"{url}: inline style on <{element.LocalName}>");
                Assert.False(attribute.Value.TrimStart().StartsWith("javascript:", StringComparison.OrdinalIgnoreCase), $"{url}: javascript: URL in {attribute.Name}");
            }
        }
    }

    private static string Single(HttpResponseMessage response, string header)
    {
        var values = response.Headers.TryGetValues(header, out var found) ? found.ToList() : [];
        if (response.Content.Headers.TryGetValues(header, out var contentValues))
        {
            values.AddRange(contentValues);
        }

        return Assert.Single(values);
    }

    private static Dictionary<string, string[]> Directives(string policy) =>
        policy.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => parts[1..], StringComparer.Ordinal);

    private static IList<SetCookieHeaderValue> Cookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? SetCookieHeaderValue.ParseList(values.ToList()) : [];
}
