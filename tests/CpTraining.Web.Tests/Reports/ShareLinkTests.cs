using System.Net;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Reports;

/// <summary>
/// Investor access (issue 7, point 5): read-only links for people without an account, time-limited, revocable, every
/// use logged; a company's financing needs only with its manager's consent. See <see cref="ReportSeed"/>.
/// </summary>
public sealed class ShareLinkTests : IClassFixture<CpTrainingFactory>
{
    private readonly CpTrainingFactory _factory;

    public ShareLinkTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.ResetClock();
    }

    private static Dictionary<string, string> Financing(Guid companyId, string recipient = "Green Fund — O. Petrenko", string days = "14") => new()
    {
        ["Input.Scope"] = "CompanyFinancing",
        ["Input.CompanyId"] = companyId.ToString(),
        ["Input.Recipient"] = recipient,
        ["Input.Days"] = days,
    };

    /// <summary>Maria consents, the coordinator publishes Alpha's report and makes a financing link; returns its address.</summary>
    private async Task<(ReportSeed Seed, HttpClient Coordinator, string Link)> FinancingLinkAsync(string days = "14")
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var maria = await _factory.ClientAsync(s.Maria);
        await maria.PostFormAsync(s.AlphaReport, [], s.AlphaReport + "?handler=Consent");
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        var created = await coordinator.PostFormAsync(s.ShareLinks, Financing(s.Alpha, days: days), s.ShareLinks + "?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await coordinator.GetDocumentAsync(s.ShareLinks);
        var link = page.QuerySelector("#new-link")!.GetAttribute("value")!;
        return (s, coordinator, new Uri(link).PathAndQuery);
    }

    [Fact]
    public async Task A_financing_link_opens_the_projects_without_an_account_and_every_use_is_logged()
    {
        var (s, coordinator, link) = await FinancingLinkAsync();

        // The link is shown once: the list no longer has it, and the database keeps only its hash.
        var list = await coordinator.GetDocumentAsync(s.ShareLinks);
        Assert.Null(list.QuerySelector("#new-link"));
        var token = link.Split('/').Last();
        await using (var db = _factory.NewDbContext())
        {
            Assert.False(await db.ShareLinks.AnyAsync(l => l.TokenHash.Contains(token)));
        }

        using var investor = _factory.NewClient();
        var response = await investor.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var page = await FormClient.ParseAsync(response);
        Assert.Contains("Counter-current rinsing", page.QuerySelector("#financing tbody")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("10,000 UAH", page.QuerySelector("#financing tbody")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("3.3", page.QuerySelector("#financing tbody")!.TextContent, StringComparison.Ordinal);

        // Read-only and only the financing needs: no participation, options register or balance, no forms.
        Assert.Null(page.QuerySelector("#participation"));
        Assert.Null(page.QuerySelector("#options"));
        Assert.Empty(page.QuerySelectorAll("main form"));

        var pdf = await investor.GetAsync(link + "?handler=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Counter-current rinsing", await Poppler.TextAsync(await pdf.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);

        var log = await coordinator.GetDocumentAsync(s.ShareLinks);
        Assert.Equal("2", log.QuerySelector(".link-uses")!.TextContent.Trim());
        var uses = log.QuerySelectorAll(".access-log li").Select(e => e.TextContent).ToList();
        Assert.Contains(uses, u => u.Contains("PDF downloaded", StringComparison.Ordinal));
        Assert.Contains(uses, u => u.Contains("Viewed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_expired_link_is_refused_with_the_reason_and_the_refusal_is_logged()
    {
        var (s, _, link) = await FinancingLinkAsync(days: "1");
        _factory.Clock.Set(ReportSeed.FinalSessionDay1.AddDays(1).AddMinutes(1));
        using var investor = _factory.NewClient();
        var response = await investor.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.StartsWith("This link expired on", page.QuerySelector("#share-refusal")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#financing"));
        Assert.Equal(HttpStatusCode.Gone, (await investor.GetAsync(link + "?handler=Pdf")).StatusCode);

        // A day later the coordinator signs in again (sessions end) and sees why.
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        var list = await coordinator.GetDocumentAsync(s.ShareLinks);
        Assert.Equal("Expired", list.QuerySelector(".link-state")!.TextContent.Trim());
        Assert.All(list.QuerySelectorAll(".access-log li"), li => Assert.Contains("Refused: expired", li.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_revoked_link_is_refused_at_once()
    {
        var (s, coordinator, link) = await FinancingLinkAsync();
        using var investor = _factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await investor.GetAsync(link)).StatusCode);

        var list = await coordinator.GetDocumentAsync(s.ShareLinks);
        var linkId = list.QuerySelector(".share-link")!.GetAttribute("data-link");
        var revoked = await coordinator.PostFormAsync(s.ShareLinks, [], $"{s.ShareLinks}?handler=Revoke&linkId={linkId}");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        var response = await investor.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.StartsWith("This link was withdrawn on", (await FormClient.ParseAsync(response)).QuerySelector("#share-refusal")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Equal("Revoked", (await coordinator.GetDocumentAsync(s.ShareLinks)).QuerySelector(".link-state")!.TextContent.Trim());
    }

    [Fact]
    public async Task Without_the_managers_consent_the_financing_needs_are_not_shared_and_withdrawing_it_ends_the_links()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        var refused = await FormClient.ParseAsync(await coordinator.PostFormAsync(s.ShareLinks, Financing(s.Alpha), s.ShareLinks + "?handler=Create"));
        Assert.Equal(
            "A company's financing needs are shared only with its manager's consent, and this company's manager has not given it.",
            FormClient.FieldError(refused, "Input.CompanyId"));
        Assert.Equal("Green Fund — O. Petrenko", refused.QuerySelector("#Input_Recipient")!.GetAttribute("value"));

        // Maria consents (the page records who and when), the link works; she withdraws, the link stops.
        var maria = await _factory.ClientAsync(s.Maria);
        await maria.PostFormAsync(s.AlphaReport, [], s.AlphaReport + "?handler=Consent");
        Assert.StartsWith("Maria Manager consented on", (await coordinator.GetDocumentAsync(s.AlphaReport)).QuerySelector("#consent-given")!.TextContent.Trim(), StringComparison.Ordinal);
        await coordinator.PostFormAsync(s.ShareLinks, Financing(s.Alpha), s.ShareLinks + "?handler=Create");
        var link = new Uri((await coordinator.GetDocumentAsync(s.ShareLinks)).QuerySelector("#new-link")!.GetAttribute("value")!).PathAndQuery;
        using var investor = _factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await investor.GetAsync(link)).StatusCode);

        await maria.PostFormAsync(s.AlphaReport, [], s.AlphaReport + "?handler=WithdrawConsent");
        Assert.Equal(HttpStatusCode.Gone, (await investor.GetAsync(link)).StatusCode);

        // Only Alpha's managers consent for Alpha: Boris (Beta) and the coordinator are refused.
        var boris = await _factory.ClientAsync(s.Boris);
        RedirectAssert.ToAccessDenied(await boris.PostFormAsync(s.BetaReport, [], s.AlphaReport + "?handler=Consent"));
        RedirectAssert.ToAccessDenied(await coordinator.PostFormAsync(s.AlphaReport, [], s.AlphaReport + "?handler=Consent"));
    }

    [Fact]
    public async Task A_link_needs_a_published_report_a_recipient_and_a_validity_of_1_to_90_days()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var maria = await _factory.ClientAsync(s.Maria);
        await maria.PostFormAsync(s.AlphaReport, [], s.AlphaReport + "?handler=Consent");
        var coordinator = await _factory.ClientAsync(s.Coordinator);

        var unpublished = await FormClient.ParseAsync(await coordinator.PostFormAsync(s.ShareLinks, Financing(s.Alpha), s.ShareLinks + "?handler=Create"));
        Assert.StartsWith("Publish the report of Alpha Textiles", FormClient.FieldError(unpublished, "Input.CompanyId"), StringComparison.Ordinal);
        var programme = await FormClient.ParseAsync(await coordinator.PostFormAsync(s.ShareLinks, new() { ["Input.Scope"] = "ProgrammeReport", ["Input.Recipient"] = "Bank", ["Input.Days"] = "7" }, s.ShareLinks + "?handler=Create"));
        Assert.Equal("Publish the programme report first: a share link opens its published version.", FormClient.FieldError(programme, "Input.Scope"));

        await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        foreach (var days in new[] { "0", "91" })
        {
            var page = await FormClient.ParseAsync(await coordinator.PostFormAsync(s.ShareLinks, Financing(s.Alpha, days: days), s.ShareLinks + "?handler=Create"));
            Assert.Equal("A link is valid for 1 to 90 days.", FormClient.FieldError(page, "Input.Days"));
        }

        var empty = await FormClient.ParseAsync(await coordinator.PostFormAsync(s.ShareLinks, Financing(s.Alpha, recipient: " "), s.ShareLinks + "?handler=Create"));
        Assert.Equal("This field is required.", FormClient.FieldError(empty, "Input.Recipient"));
        Assert.NotNull((await coordinator.GetDocumentAsync(s.ShareLinks)).QuerySelector("#no-links"));
    }

    [Fact]
    public async Task A_guessed_or_malformed_token_opens_nothing_and_only_coordinators_manage_links()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        using var anonymous = _factory.NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/shared/" + new string('A', 43))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/shared/not-a-token")).StatusCode);

        foreach (var who in new[] { s.Maria, s.Anna, s.Boris })
        {
            var client = await _factory.ClientAsync(who);
            RedirectAssert.ToAccessDenied(await client.GetAsync(s.ShareLinks));
        }

        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync(s.ShareLinks)).StatusCode);
    }

    [Fact]
    public async Task The_link_is_built_on_the_configured_public_address_not_the_requests_host()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var maria = await _factory.ClientAsync(s.Maria);
        await maria.PostFormAsync(s.AlphaReport, [], s.AlphaReport + "?handler=Consent");
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        await ReportSeed.PublishAsync(coordinator, s.AlphaReport);

        using var production = _factory.WithWebHostBuilder(b => b.UseSetting("CPTRAINING_PUBLIC_URL", "https://cp.example.org"));
        using var client = production.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await CpTrainingFactory.SignInAsync(client, s.Coordinator.Email!);
        await client.PostFormAsync(s.ShareLinks, Financing(s.Alpha), s.ShareLinks + "?handler=Create");
        var link = (await client.GetDocumentAsync(s.ShareLinks)).QuerySelector("#new-link")!.GetAttribute("value")!;
        Assert.Matches("^https://cp\\.example\\.org/shared/[A-Za-z0-9_-]{43}$", link);
    }
}
