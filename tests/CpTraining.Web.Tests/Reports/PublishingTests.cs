using System.Net;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Reports;

/// <summary>
/// Publishing company reports (issue 7, point 4): a draft at any time, frozen versions from the final session on,
/// later changes in a new version, old versions still downloadable. See <see cref="ReportSeed"/> for the data.
/// </summary>
public sealed class PublishingTests : IClassFixture<CpTrainingFactory>
{
    private readonly CpTrainingFactory _factory;

    public PublishingTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.ResetClock();
    }

    private static string Investment(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelector("#summary tbody tr:nth-child(2) td")!.TextContent.Trim();

    [Fact]
    public async Task A_published_version_is_frozen_and_a_later_change_is_published_as_version_2_while_version_1_stays_downloadable()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        var draft = await coordinator.GetDocumentAsync(s.AlphaReport);
        Assert.NotNull(draft.QuerySelector("#draft-mark"));
        Assert.NotNull(draft.QuerySelector("#no-versions"));
        Assert.Equal("10,000 UAH", Investment(draft));

        var published = await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(s.AlphaReport + "/versions/1", published.Headers.Location!.OriginalString);

        // The engineer later doubles the investment: the draft shows it, version 1 does not.
        await ReportSeed.ChangeInvestmentAsync(_factory, s.AlphaOptionId, 20_000m, 6_000m); // still paying back within its life (3.3 years), so no warning to confirm
        var engineer = await _factory.ClientAsync(s.Anna);
        var v1 = await engineer.GetDocumentAsync(s.AlphaReport + "/versions/1");
        Assert.Null(v1.QuerySelector("#draft-mark"));
        Assert.Equal("Version 1", v1.QuerySelector("#report-version")!.TextContent.Trim());
        Assert.Equal("10,000 UAH", Investment(v1));
        var changed = await coordinator.GetDocumentAsync(s.AlphaReport);
        Assert.Equal("20,000 UAH", Investment(changed));
        Assert.Equal("The data has changed since version 1: publishing freezes it as version 2.", changed.QuerySelector("#changed")!.TextContent.Trim());

        var second = await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        Assert.Equal(s.AlphaReport + "/versions/2", second.Headers.Location!.OriginalString);
        var v2 = await engineer.GetDocumentAsync(s.AlphaReport + "/versions/2");
        Assert.Equal("20,000 UAH", Investment(v2));
        Assert.Equal(["2", "1"], v2.QuerySelectorAll("#report-versions .report-version").Select(e => e.GetAttribute("data-version")!).ToArray());

        // The old version's PDF is still there, with the old figures and no DRAFT mark.
        var pdf = await engineer.GetAsync(s.AlphaReport + "/versions/1?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var text = await Poppler.TextAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("10,000 UAH", text, StringComparison.Ordinal);
        Assert.DoesNotContain("20,000 UAH", text, StringComparison.Ordinal);
        Assert.DoesNotContain("DRAFT", text, StringComparison.Ordinal);
        Assert.Contains("Version 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_published_version_shows_the_same_figures_as_the_draft_it_was_made_from()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        await ReportSeed.AddInvestmentAsync(_factory, s.Programme.Id, s.Alpha, 2, "Heat recovery from dye baths", 40_000m, 8_000m);
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        var draft = await coordinator.GetDocumentAsync(s.AlphaReport);
        await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        var v1 = await coordinator.GetDocumentAsync(s.AlphaReport + "/versions/1");
        foreach (var section in new[] { "#summary", "#options", "#financing", "#participation" })
        {
            Assert.Equal(draft.QuerySelector(section)!.TextContent, v1.QuerySelector(section)!.TextContent);
        }

        // Nothing is planned yet: the action plan is left out of the version; the draft says so in one line.
        Assert.Null(v1.QuerySelector("#action-plan"));
        Assert.Null(v1.QuerySelector("#report-missing"));
        Assert.Contains("Action plan", draft.QuerySelector("#report-missing")!.TextContent, StringComparison.Ordinal);

        // Both investments, 10 000 + 40 000 = 50 000, quickest payback first (3.3 before 5.0 years).
        Assert.Equal("50,000 UAH", Investment(v1));
        var projects = v1.QuerySelectorAll("#financing tbody th").Select(e => e.TextContent.Trim()).ToArray();
        Assert.Equal(["Counter-current rinsing", "Heat recovery from dye baths"], projects);
    }

    [Fact]
    public async Task Publishing_again_without_a_change_is_refused_with_the_rule_in_words()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        var page = await coordinator.GetDocumentAsync(s.AlphaReport);
        Assert.Equal("The data has not changed since version 1.", page.QuerySelector("#unchanged")!.TextContent.Trim());

        var again = await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var refused = await FormClient.ParseAsync(again);
        Assert.Equal(["Nothing has changed since version 1, published on Tuesday, 20 October 2026: there is no new version to publish."], FormClient.Errors(refused));
        Assert.Single(refused.QuerySelectorAll("#report-versions .report-version"));
    }

    [Fact]
    public async Task Before_the_final_session_a_report_is_not_published()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        _factory.Clock.Set(new DateTimeOffset(2026, 10, 19, 12, 0, 0, TimeSpan.Zero));
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        var page = await coordinator.GetDocumentAsync(s.AlphaReport);
        Assert.Equal("A report is published at the final session: from Tuesday, 20 October 2026.", page.QuerySelector("#publish-opens")!.TextContent.Trim());
        var refused = await FormClient.ParseAsync(await ReportSeed.PublishAsync(coordinator, s.AlphaReport));
        Assert.Equal(["A report is published at the final session: from Tuesday, 20 October 2026."], FormClient.Errors(refused));
        Assert.NotNull(refused.QuerySelector("#no-versions"));
    }

    [Fact]
    public async Task Only_coordinators_publish_and_managers_read_only_their_own_companys_versions()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        await ReportSeed.PublishAsync(coordinator, s.BetaReport);

        var maria = await _factory.ClientAsync(s.Maria);
        var anna = await _factory.ClientAsync(s.Anna);
        Assert.Null((await maria.GetDocumentAsync(s.AlphaReport)).QuerySelector("#publish-button"));
        RedirectAssert.ToAccessDenied(await ReportSeed.PublishAsync(maria, s.AlphaReport));
        RedirectAssert.ToAccessDenied(await ReportSeed.PublishAsync(anna, s.AlphaReport));

        // Boris manages Beta: Alpha's versions and PDFs are refused, and a version that does not exist is not found.
        var boris = await _factory.ClientAsync(s.Boris);
        Assert.Equal(HttpStatusCode.OK, (await boris.GetAsync(s.BetaReport + "/versions/1")).StatusCode);
        RedirectAssert.ToAccessDenied(await boris.GetAsync(s.AlphaReport + "/versions/1"));
        RedirectAssert.ToAccessDenied(await boris.GetAsync(s.AlphaReport + "/versions/1?handler=Pdf"));
        Assert.Equal(HttpStatusCode.NotFound, (await maria.GetAsync(s.AlphaReport + "/versions/2")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await maria.GetAsync($"/programmes/{s.Programme.Id}/companies/{Guid.NewGuid()}/report/versions/1")).StatusCode);
    }

    [Fact]
    public async Task A_managers_landing_page_opens_the_latest_published_version()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var maria = await _factory.ClientAsync(s.Maria);
        var before = await maria.GetDocumentAsync("/home");
        Assert.Equal(s.AlphaReport, before.QuerySelector("#company-report-link")!.GetAttribute("href"));
        Assert.Equal("Company report (draft)", before.QuerySelector("#company-report-link")!.TextContent.Trim());

        var coordinator = await _factory.ClientAsync(s.Coordinator);
        await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        var after = await maria.GetDocumentAsync("/home");
        Assert.Equal(s.AlphaReport + "/versions/1", after.QuerySelector("#company-report-link")!.GetAttribute("href"));
        Assert.Equal(s.AlphaReport + "/versions/1?handler=Pdf", after.QuerySelector("#company-report-pdf")!.GetAttribute("href"));
        var pdf = await maria.GetAsync(s.AlphaReport + "/versions/1?handler=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task The_report_is_written_in_the_programmes_language_whatever_the_readers()
    {
        var s = await ReportSeed.CreateAsync(_factory, language: "uk");
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        var page = await coordinator.GetDocumentAsync(s.AlphaReport);

        // The reader's interface stays English; the report is Ukrainian with a decimal comma and spaces between thousands.
        Assert.Equal("Download PDF", page.QuerySelector("#pdf-link")!.TextContent.Trim());
        Assert.Equal("1 Стислий огляд", page.QuerySelector("#summary h2")!.TextContent.Trim()); // numbered
        Assert.Equal("10 000 UAH", Investment(page).Replace('\u00a0', ' '));
        var text = await Poppler.TextAsync(await (await coordinator.GetAsync(s.AlphaReport + "?handler=Pdf")).Content.ReadAsByteArrayAsync());
        Assert.Contains("Стислий огляд", text, StringComparison.Ordinal);
        Assert.Contains("3,3", text, StringComparison.Ordinal);
    }
}

/// <summary>Publishing the programme report and sharing it with an investor (issue 7, points 2, 4 and 5).</summary>
public sealed class ProgrammeReportPublishingTests : IClassFixture<CpTrainingFactory>
{
    private readonly CpTrainingFactory _factory;

    public ProgrammeReportPublishingTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.ResetClock();
    }

    [Fact]
    public async Task The_coordinator_publishes_the_programme_report_and_a_share_link_opens_the_published_version_without_an_account()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        await ReportSeed.AddInvestmentAsync(_factory, s.Programme.Id, s.Beta, 1, "Whey recovery", 60_000m, 12_000m);
        var report = $"/programmes/{s.Programme.Id}/report";
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        var draft = await coordinator.GetDocumentAsync(report);
        Assert.NotNull(draft.QuerySelector("#draft-mark"));

        var published = await coordinator.PostFormAsync(report, [], report + "?handler=Publish");
        Assert.Equal(report + "/versions/1", published.Headers.Location!.OriginalString);
        var again = await FormClient.ParseAsync(await coordinator.PostFormAsync(report, [], report + "?handler=Publish"));
        Assert.Equal(["Nothing has changed since version 1, published on Tuesday, 20 October 2026: there is no new version to publish."], FormClient.Errors(again));

        // A later change does not reach version 1.
        await ReportSeed.ChangeInvestmentAsync(_factory, s.AlphaOptionId, 20_000m, 6_000m); // still paying back within its life (3.3 years), so no warning to confirm
        var v1 = await coordinator.GetDocumentAsync(report + "/versions/1");
        Assert.Null(v1.QuerySelector("#draft-mark"));
        var pipeline = v1.QuerySelector("#pipeline")!.TextContent;
        Assert.Contains("10,000 UAH", pipeline, StringComparison.Ordinal);
        Assert.DoesNotContain("20,000 UAH", pipeline, StringComparison.Ordinal);

        // The investor's link opens version 1 read-only, page and PDF, and both uses are logged.
        var created = await coordinator.PostFormAsync(s.ShareLinks, new() { ["Input.Scope"] = "ProgrammeReport", ["Input.Recipient"] = "Dnipro Green Fund", ["Input.Days"] = "30" }, s.ShareLinks + "?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var link = new Uri((await coordinator.GetDocumentAsync(s.ShareLinks)).QuerySelector("#new-link")!.GetAttribute("value")!).PathAndQuery;
        using var investor = _factory.NewClient();
        var shared = await investor.GetDocumentAsync(link);
        Assert.Equal("Kherson CP programme 2026", shared.QuerySelector("#report-programme")!.TextContent.Trim());
        Assert.Equal("Version 1", shared.QuerySelector("#report-version")!.TextContent.Trim());
        var projects = shared.QuerySelector("#pipeline")!.TextContent;
        Assert.Contains("Counter-current rinsing", projects, StringComparison.Ordinal);
        Assert.Contains("Whey recovery", projects, StringComparison.Ordinal);
        Assert.Empty(shared.QuerySelectorAll("main form"));
        var pdf = await investor.GetAsync(link + "?handler=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        var text = await Poppler.TextAsync(await pdf.Content.ReadAsByteArrayAsync());
        Assert.Contains("Whey recovery", text, StringComparison.Ordinal);
        Assert.Contains("Version 1", text, StringComparison.Ordinal);
        Assert.Equal("2", (await coordinator.GetDocumentAsync(s.ShareLinks)).QuerySelector(".link-uses")!.TextContent.Trim());
    }

    [Fact]
    public async Task Trainers_read_the_programme_report_but_only_coordinators_publish_it_and_company_people_get_neither()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var report = $"/programmes/{s.Programme.Id}/report";
        var trainer = await _factory.PersonAsync(Identity.Roles.Trainer, "Taras Trainer");
        await _factory.AddMemberAsync(s.Programme.Id, trainer, Domain.Programmes.ProgrammeRole.Trainer);
        var trainerClient = await _factory.ClientAsync(trainer);
        var page = await trainerClient.GetDocumentAsync(report);
        Assert.Null(page.QuerySelector("#publish-button"));
        RedirectAssert.ToAccessDenied(await trainerClient.PostFormAsync(report, [], report + "?handler=Publish"));

        var coordinator = await _factory.ClientAsync(s.Coordinator);
        await coordinator.PostFormAsync(report, [], report + "?handler=Publish");
        Assert.Equal(HttpStatusCode.OK, (await trainerClient.GetAsync(report + "/versions/1")).StatusCode);
        foreach (var who in new[] { s.Maria, s.Anna })
        {
            var client = await _factory.ClientAsync(who);
            RedirectAssert.ToAccessDenied(await client.GetAsync(report + "/versions/1"));
            RedirectAssert.ToAccessDenied(await client.GetAsync(report + "/versions/1?handler=Pdf"));
        }
    }
}
