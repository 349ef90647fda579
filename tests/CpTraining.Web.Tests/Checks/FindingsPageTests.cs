using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Attendance;
using CpTraining.Web.Tests.Reports;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.Balances.BalanceSetup;
using static CpTraining.Web.Tests.Options.OptionsSetup;

namespace CpTraining.Web.Tests.Checks;

/// <summary>
/// The plausibility findings where a user meets them (issue 14, point 3), over HTTP against PostgreSQL: each rule on
/// its page with a case that triggers it and one that does not, the trainer's review, and the data-quality box.
/// </summary>
public sealed class FindingsPageTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static IElement? Item(IHtmlDocument page, string rule) => page.QuerySelector($"#checks li[data-rule='{rule}']");

    private static string Findings(Guid programmeId, Guid companyId) => $"/programmes/{programmeId}/companies/{companyId}/findings";

    /// <summary>One step: 100 t of milk in at 10 000 UAH/t, 10 t of cheese and 90 t of whey (named "milk") out, the whey with a fee per t.</summary>
    private static Worksheet Cheese(Guid programmeId, Guid companyId, DateTimeOffset now, decimal wheyFee)
    {
        var w = Worksheet.Create(programmeId, companyId, "Cheese making", null, "UAH", now);
        var vat = w.AddStep("Cheese vat");
        w.In(vat, "Raw milk", T(100), material: "milk", price: new UnitPrice(10_000m, Unit.Tonne));
        w.Out(vat, "Cheese", T(10));
        w.Out(vat, "Whey", T(90), OutputClass.Wastewater, material: "milk", fee: new UnitPrice(wheyFee, Unit.Tonne));
        return w;
    }

    [Fact]
    public async Task Losses_valued_above_what_went_in_are_shown_on_the_balance_page_and_a_sound_balance_shows_nothing()
    {
        var (programmeId, companyId, engineer) = await CompanyAsync(factory);
        // 90 t × 10 000 + 90 t × 2 000 = 1 080 000 UAH of losses against 1 000 000 UAH paid for the milk.
        var wrong = await SaveAsync(factory, Cheese(programmeId, companyId, factory.Clock.GetUtcNow(), 2_000m));
        // 90 t × 10 000 + 90 t × 100 = 909 000 UAH: below what went in.
        var sound = await SaveAsync(factory, Cheese(programmeId, companyId, factory.Clock.GetUtcNow(), 100m));
        var client = await factory.ClientAsync(engineer);

        var flagged = await client.GetDocumentAsync(Balance(wrong));
        var item = Item(flagged, "balance.losses-above-inputs");
        Assert.NotNull(item);
        Assert.Equal("Serious", item.GetAttribute("data-severity"));
        Assert.Contains("1,080,000 UAH", item.TextContent, StringComparison.Ordinal);
        Assert.Contains("1,000,000 UAH", item.TextContent, StringComparison.Ordinal);

        Assert.Null((await client.GetDocumentAsync(Balance(sound))).QuerySelector("#checks"));
    }

    [Fact]
    public async Task A_balance_outside_its_tolerance_a_gross_error_and_a_negative_reconciled_flow_are_shown_on_the_balance_page()
    {
        var (programmeId, companyId, engineer) = await CompanyAsync(factory);
        // Dissolving: water 1 000 t + salt 100 t → solution typed 11 000 t (for 1 100) → filtrate 1 050 t + sludge 50 t, all ± 2 %.
        var w = Worksheet.Create(programmeId, companyId, "Brine", null, "UAH", factory.Clock.GetUtcNow());
        var dissolving = w.AddStep("Dissolving");
        var filtering = w.AddStep("Filtering");
        w.In(dissolving, "Water", T(1_000), uncertainty: 2);
        w.In(dissolving, "Salt", T(100), uncertainty: 2);
        w.Link(dissolving, filtering, "Solution", T(11_000), uncertainty: 2);
        w.Out(filtering, "Filtrate", T(1_050), uncertainty: 2);
        w.Out(filtering, "Sludge", T(50), OutputClass.SolidWaste, uncertainty: 2);
        var typo = await SaveAsync(factory, w);
        // In 100 t ± 1 %, out 150 t ± 1 % and an estimated loss of 10 t ± 100 %: reconciled, the loss is 10 − 58.1 t.
        var n = Worksheet.Create(programmeId, companyId, "Estimate", null, "UAH", factory.Clock.GetUtcNow());
        var step = n.AddStep("Step");
        n.In(step, "In", T(100), uncertainty: 1);
        n.Out(step, "Product", T(150), uncertainty: 1);
        n.Out(step, "Estimated loss", T(10), OutputClass.UnaccountedLoss, uncertainty: 100);
        var negative = await SaveAsync(factory, n);
        // 100 t in, 98 t out: closes at 98 %, within ± 5 %, nothing to reconcile.
        var ok = Worksheet.Create(programmeId, companyId, "Dyeing", null, "UAH", factory.Clock.GetUtcNow());
        var dyeing = ok.AddStep("Dyeing");
        ok.In(dyeing, "Fabric", T(100));
        ok.Out(dyeing, "Dyed fabric", T(98));
        var fine = await SaveAsync(factory, ok);
        var client = await factory.ClientAsync(engineer);

        var brine = await client.GetDocumentAsync(Balance(typo));
        // 1 100 in at Dissolving, 11 000 out of it: far outside the tolerance.
        Assert.NotNull(Item(brine, "balance.outside-tolerance"));
        var gross = Item(brine, "balance.gross-error");
        Assert.NotNull(gross);
        Assert.Contains("“Solution”", gross.TextContent, StringComparison.Ordinal);
        Assert.Contains("measurement test", gross.TextContent, StringComparison.Ordinal);
        Assert.Null(Item(brine, "balance.negative-reconciled-flow"));

        var estimate = await client.GetDocumentAsync(Balance(negative));
        var below = Item(estimate, "balance.negative-reconciled-flow");
        Assert.NotNull(below);
        Assert.Equal("Serious", below.GetAttribute("data-severity"));
        Assert.Contains("“Estimated loss”", below.TextContent, StringComparison.Ordinal);

        Assert.Null((await client.GetDocumentAsync(Balance(fine))).QuerySelector("#checks"));
    }

    [Fact]
    public async Task The_reconciliation_section_names_the_suspect_by_the_measurement_test_or_says_the_balance_cannot_tell()
    {
        var (programmeId, companyId, engineer) = await CompanyAsync(factory);
        // One step, in 100 t and out 1 000 t, both ± 2 %: one constraint moves both the same number of σ.
        var w = Worksheet.Create(programmeId, companyId, "Two flows", null, "UAH", factory.Clock.GetUtcNow());
        var step = w.AddStep("Step");
        w.In(step, "In", T(100), uncertainty: 2);
        w.Out(step, "Out", T(1_000), uncertainty: 2);
        var id = await SaveAsync(factory, w);
        var client = await factory.ClientAsync(engineer);

        var page = await client.GetDocumentAsync(Balance(id) + "?reconcile=true");

        Assert.Contains("cannot tell", page.QuerySelector("#suspect-stream")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("cannot tell", Item(page, "balance.gross-error")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>A selected option planned at 10 000 invested and 3 000 a year saved (5 years, 10 %), with results.</summary>
    private async Task<(Guid ProgrammeId, Guid CompanyId, Guid OptionId, AppUserPair People)> AchievedAsync(decimal savings, string? explanation)
    {
        var (programmeId, companyId, engineer) = await CompanyAsync(factory);
        var option = Option(programmeId, companyId, 3, "Whey recovery", factory.Clock.GetUtcNow(), kind: OptionKind.Investment, economics: Flat(10_000m, 3_000m, 5, 0.10m))
            .Walk(factory.Clock.GetUtcNow(), OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        option.RecordAchieved(AchievedResults.Create(factory.Clock.Today.AddDays(-5), 10_000m, savings, Reductions.None, null, explanation), [], factory.Clock.GetUtcNow());
        await SaveAsync(factory, option);
        var trainer = await factory.CreateUserAsync(Roles.Trainer);
        await factory.AddMemberAsync(programmeId, trainer, CpTraining.Domain.Programmes.ProgrammeRole.Trainer);
        await factory.AssignTrainerAsync(programmeId, companyId, trainer);
        return (programmeId, companyId, option.Id, new AppUserPair(engineer, trainer));
    }

    internal sealed record AppUserPair(AppUser Engineer, AppUser Trainer);

    [Fact]
    public async Task Achieved_savings_four_times_the_plan_without_an_explanation_are_shown_on_the_achieved_results_option_and_comparison_pages()
    {
        // 12 000 a year achieved against 3 000 planned: 4 times the plan.
        var (programmeId, companyId, optionId, people) = await AchievedAsync(12_000m, null);
        var client = await factory.ClientAsync(people.Engineer);

        foreach (var url in new[]
        {
            $"/options/{optionId}/achieved",
            $"/options/{optionId}",
            $"/programmes/{programmeId}/companies/{companyId}/options/results",
            $"/programmes/{programmeId}/companies/{companyId}/options/compare",
        })
        {
            var item = Item(await client.GetDocumentAsync(url), "achieved.far-from-plan");
            Assert.True(item is not null, url);
            Assert.Equal("Warning", item.GetAttribute("data-severity"));
            Assert.Contains("annual savings", item.TextContent, StringComparison.Ordinal);
        }

        // The comparison says where the finding is and links to the page that fixes it.
        var compare = await client.GetDocumentAsync($"/programmes/{programmeId}/companies/{companyId}/options/compare");
        var where = Item(compare, "achieved.far-from-plan")!.QuerySelector("a.finding-where")!;
        Assert.Equal("O3 Whey recovery", where.TextContent.Trim());
        Assert.Equal($"/options/{optionId}/achieved", where.GetAttribute("href"));
    }

    [Fact]
    public async Task Achieved_results_near_the_plan_or_explained_are_not_flagged()
    {
        // 3 500 against 3 000: 1.2 times.
        var near = await AchievedAsync(3_500m, null);
        var client = await factory.ClientAsync(near.People.Engineer);
        Assert.Null(Item(await client.GetDocumentAsync($"/options/{near.OptionId}/achieved"), "achieved.far-from-plan"));

        var explained = await AchievedAsync(12_000m, "A second line was connected to the recovery unit in March.");
        client = await factory.ClientAsync(explained.People.Engineer);
        var page = await client.GetDocumentAsync($"/options/{explained.OptionId}/achieved");
        Assert.Null(Item(page, "achieved.far-from-plan"));
        Assert.Equal("A second line was connected to the recovery unit in March.", page.QuerySelector("#Input_Explanation")!.TextContent.Trim()); // the form reads it back
    }

    [Fact]
    public async Task A_payback_beyond_the_lifetime_is_shown_on_the_option_page_and_a_sound_one_is_not()
    {
        var (programmeId, companyId, engineer) = await CompanyAsync(factory);
        // 10 000 ÷ 1 500 = 6.7 years, beyond 5; 10 000 ÷ 3 000 = 3.3 years.
        var slow = Option(programmeId, companyId, 1, "Heat recovery", factory.Clock.GetUtcNow(), economics: Flat(10_000m, 1_500m, 5, 0.10m));
        var quick = Option(programmeId, companyId, 2, "Rinsing", factory.Clock.GetUtcNow(), economics: Flat(10_000m, 3_000m, 5, 0.10m));
        await SaveAsync(factory, slow, quick);
        var client = await factory.ClientAsync(engineer);

        Assert.NotNull(Item(await client.GetDocumentAsync($"/options/{slow.Id}"), "economics.payback-beyond-lifetime"));
        Assert.Null((await client.GetDocumentAsync($"/options/{quick.Id}")).QuerySelector("#checks"));
    }

    [Fact]
    public async Task The_companys_trainer_marks_a_warning_reviewed_with_a_comment_which_the_pages_show_and_the_audit_log_keeps()
    {
        var (programmeId, companyId, optionId, people) = await AchievedAsync(12_000m, null);
        var trainer = await factory.ClientAsync(people.Trainer);
        var url = Findings(programmeId, companyId);
        var subject = $"option/{optionId}/achieved/AnnualSavings";

        // Without a comment: refused next to the form, nothing saved.
        var empty = await trainer.PostFormAsync(url, new() { ["Input.SubjectKey"] = subject, ["Input.Rule"] = "achieved.far-from-plan", ["Input.Comment"] = " " }, url + "?handler=Review");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Say what you checked: a review needs a comment.", FormClient.Errors(await FormClient.ParseAsync(empty)));
        await using (var db = factory.NewDbContext())
        {
            Assert.False(await db.FindingReviews.AnyAsync(r => r.CompanyId == companyId));
        }

        var done = await trainer.PostFormAsync(url, new() { ["Input.SubjectKey"] = subject, ["Input.Rule"] = "achieved.far-from-plan", ["Input.Comment"] = "Checked the invoices: the plant doubled its shifts." }, url + "?handler=Review");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);

        var engineer = await factory.ClientAsync(people.Engineer);
        var item = Item(await engineer.GetDocumentAsync($"/options/{optionId}/achieved"), "achieved.far-from-plan")!;
        Assert.Equal("reviewed", item.GetAttribute("data-status"));
        Assert.Contains("Checked the invoices: the plant doubled its shifts.", item.TextContent, StringComparison.Ordinal);
        Assert.Contains(people.Trainer.DisplayName!, item.TextContent, StringComparison.Ordinal);

        await using var check = factory.NewDbContext();
        var audit = await check.AuditEntries.SingleAsync(a => a.ProgrammeId == programmeId && a.Action == "finding.reviewed");
        Assert.Equal(people.Trainer.Id, audit.ActorUserId);
        Assert.Contains("Checked the invoices", audit.After, StringComparison.Ordinal);
    }

    /// <summary>A trainer's review of one finding, through the data-quality page.</summary>
    private async Task ReviewAsync(AppUser reviewer, Guid programmeId, Guid companyId, string subject, string rule, string comment)
    {
        var client = await factory.ClientAsync(reviewer);
        var url = Findings(programmeId, companyId);
        var done = await client.PostFormAsync(url, new() { ["Input.SubjectKey"] = subject, ["Input.Rule"] = rule, ["Input.Comment"] = comment }, url + "?handler=Review");
        Assert.Equal(HttpStatusCode.Redirect, done.StatusCode);
    }

    [Fact]
    public async Task The_programme_comparison_lists_a_companys_open_warning_with_the_review_link_and_once_reviewed_shows_it_reviewed()
    {
        // 12 000 a year achieved against 3 000 planned, unexplained: one open warning of the company.
        var (programmeId, companyId, optionId, people) = await AchievedAsync(12_000m, null);
        var trainer = await factory.ClientAsync(people.Trainer);
        var compare = $"/programmes/{programmeId}/options/compare";

        var page = await trainer.GetDocumentAsync(compare);
        var row = page.QuerySelector($"#data-quality-table tr[data-company='{companyId}']");
        Assert.NotNull(row);
        Assert.Equal("1", row.QuerySelector(".open-count")!.TextContent.Trim());
        Assert.Equal("0", row.QuerySelector(".reviewed-count")!.TextContent.Trim());
        var item = page.QuerySelector($"#checks-{companyId} li[data-rule='achieved.far-from-plan']");
        Assert.NotNull(item);
        Assert.Equal(("Warning", "open"), (item.GetAttribute("data-severity"), item.GetAttribute("data-status")));
        Assert.Contains("annual savings", item.QuerySelector(".finding-message")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"/options/{optionId}/achieved", item.QuerySelector("a.finding-where")!.GetAttribute("href"));
        // The company's trainer may review: the link invites them to.
        Assert.Equal(Findings(programmeId, companyId), page.QuerySelector($"#checks-{companyId} a.review-link")!.GetAttribute("href"));

        await ReviewAsync(people.Trainer, programmeId, companyId, $"option/{optionId}/achieved/AnnualSavings", "achieved.far-from-plan", "Checked the meter readings: a second shift started.");

        page = await trainer.GetDocumentAsync(compare);
        row = page.QuerySelector($"#data-quality-table tr[data-company='{companyId}']")!;
        Assert.Equal(("0", "1"), (row.QuerySelector(".open-count")!.TextContent.Trim(), row.QuerySelector(".reviewed-count")!.TextContent.Trim()));
        item = page.QuerySelector($"#checks-{companyId} li[data-rule='achieved.far-from-plan']")!;
        Assert.Equal("reviewed", item.GetAttribute("data-status"));
        Assert.Contains("Checked the meter readings: a second shift started.", item.QuerySelector(".finding-review")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(people.Trainer.DisplayName!, item.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_the_programme_comparison_a_trainer_who_does_not_coach_the_company_reads_its_findings_without_a_review_link()
    {
        var (programmeId, companyId, _, _) = await AchievedAsync(12_000m, null);
        var other = await factory.CreateUserAsync(Roles.Trainer);
        await factory.AddMemberAsync(programmeId, other, CpTraining.Domain.Programmes.ProgrammeRole.Trainer);
        var client = await factory.ClientAsync(other);

        var page = await client.GetDocumentAsync($"/programmes/{programmeId}/options/compare");

        Assert.NotNull(page.QuerySelector($"#checks-{companyId} li[data-rule='achieved.far-from-plan'][data-status='open']"));
        Assert.Null(page.QuerySelector("#data-quality a.review-link"));
        Assert.Equal(Findings(programmeId, companyId), page.QuerySelector($"#checks-{companyId} a.findings-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_programme_whose_options_look_sound_says_so_on_the_programme_comparison()
    {
        var (programmeId, companyId, _) = await CompanyAsync(factory);
        await SaveAsync(factory, Option(programmeId, companyId, 1, "Rinsing", factory.Clock.GetUtcNow(), economics: Flat(10_000m, 3_000m, 5, 0.10m)));
        var trainer = await factory.CreateUserAsync(Roles.Trainer);
        await factory.AddMemberAsync(programmeId, trainer, CpTraining.Domain.Programmes.ProgrammeRole.Trainer);
        var client = await factory.ClientAsync(trainer);

        var page = await client.GetDocumentAsync($"/programmes/{programmeId}/options/compare");

        Assert.NotNull(page.QuerySelector("#data-quality #no-findings"));
        Assert.Null(page.QuerySelector("#data-quality-table"));
    }

    [Fact]
    public async Task The_economics_page_shows_a_reviewed_findings_comment_and_the_review_link_only_to_those_who_may_review()
    {
        var (programmeId, companyId, engineer) = await CompanyAsync(factory);
        // 10 000 ÷ 1 500 = 6.7 years, beyond a 5-year life.
        var slow = Option(programmeId, companyId, 1, "Heat recovery", factory.Clock.GetUtcNow(), economics: Flat(10_000m, 1_500m, 5, 0.10m));
        await SaveAsync(factory, slow);
        var trainer = await factory.CreateUserAsync(Roles.Trainer);
        await factory.AddMemberAsync(programmeId, trainer, CpTraining.Domain.Programmes.ProgrammeRole.Trainer);
        await factory.AssignTrainerAsync(programmeId, companyId, trainer);
        var url = $"/options/{slow.Id}/economics";
        var engineerClient = await factory.ClientAsync(engineer);
        var trainerClient = await factory.ClientAsync(trainer);

        var before = await engineerClient.GetDocumentAsync(url);
        Assert.Equal("open", Item(before, "economics.payback-beyond-lifetime")!.GetAttribute("data-status"));
        Assert.Equal(Findings(programmeId, companyId), (await trainerClient.GetDocumentAsync(url)).QuerySelector("#checks a.review-link")!.GetAttribute("href"));

        await ReviewAsync(trainer, programmeId, companyId, $"option/{slow.Id}", "economics.payback-beyond-lifetime", "Required by the permit; not a money maker.");

        var page = await engineerClient.GetDocumentAsync(url);
        var item = Item(page, "economics.payback-beyond-lifetime")!;
        Assert.Equal("reviewed", item.GetAttribute("data-status"));
        Assert.Contains("Required by the permit; not a money maker.", item.QuerySelector(".finding-review")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(trainer.DisplayName!, item.TextContent, StringComparison.Ordinal);
        // The engineer may not review: no review link, only the way to read every finding of the company.
        Assert.Null(page.QuerySelector("#checks a.review-link"));
        Assert.Equal(Findings(programmeId, companyId), page.QuerySelector("#checks a.findings-link")!.GetAttribute("href"));
        Assert.NotNull(Item(await trainerClient.GetDocumentAsync(url), "economics.payback-beyond-lifetime")!.QuerySelector(".finding-review"));
    }

    [Fact]
    public async Task An_engineer_may_read_the_findings_but_not_mark_them_reviewed()
    {
        var (programmeId, companyId, optionId, people) = await AchievedAsync(12_000m, null);
        var engineer = await factory.ClientAsync(people.Engineer);
        var url = Findings(programmeId, companyId);

        var page = await engineer.GetDocumentAsync(url);
        Assert.NotNull(page.QuerySelector($"#findings li[data-rule='achieved.far-from-plan']"));
        Assert.Empty(page.QuerySelectorAll("form.review-form"));

        var response = await engineer.PostFormAsync(url, new() { ["Input.SubjectKey"] = $"option/{optionId}/achieved/AnnualSavings", ["Input.Rule"] = "achieved.far-from-plan", ["Input.Comment"] = "Fine by me" }, url + "?handler=Review");
        RedirectAssert.ToAccessDenied(response);
        await using var db = factory.NewDbContext();
        Assert.False(await db.FindingReviews.AnyAsync(r => r.CompanyId == companyId));
    }
}

/// <summary>The data-quality box of the company report and publishing with open warnings (issue 14, point 3).</summary>
public sealed class DataQualityReportTests : IClassFixture<CpTrainingFactory>
{
    private readonly CpTrainingFactory _factory;

    public DataQualityReportTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.ResetClock();
    }

    [Fact]
    public async Task Publishing_with_an_open_warning_is_refused_until_confirmed_and_the_confirmation_is_audited_and_the_version_shows_the_box()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        // Alpha's option: 10 000 invested, 3 000 a year: sound. A second one: 10 000 invested, 1 000 a year for 5 years
        // pays back in 10 years, beyond its life — a serious finding.
        await ReportSeed.AddInvestmentAsync(_factory, s.Programme.Id, s.Alpha, 2, "Heat pump", 10_000m, 1_000m);
        var coordinator = await _factory.ClientAsync(s.Coordinator);

        var draft = await coordinator.GetDocumentAsync(s.AlphaReport);
        var open = draft.QuerySelector("#data-quality-open li[data-rule='economics.payback-beyond-lifetime']");
        Assert.NotNull(open);
        Assert.Contains("O2 Heat pump", open.TextContent, StringComparison.Ordinal);
        Assert.NotNull(draft.QuerySelector("#open-findings #confirm-open-findings"));

        var refused = await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await FormClient.ParseAsync(refused);
        Assert.Contains("open data-quality warnings", page.QuerySelector("#publish-error")!.TextContent, StringComparison.Ordinal);
        await using (var db = _factory.NewDbContext())
        {
            Assert.False(await db.PublishedReports.AnyAsync(r => r.ProgrammeId == s.Programme.Id));
        }

        var published = await coordinator.PostFormAsync(s.AlphaReport, new() { ["ConfirmOpenFindings"] = "true" }, s.AlphaReport + "?handler=Publish");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Equal(s.AlphaReport + "/versions/1", published.Headers.Location!.OriginalString);

        await using (var db = _factory.NewDbContext())
        {
            var audit = await db.AuditEntries.SingleAsync(a => a.ProgrammeId == s.Programme.Id && a.Action == "report.published-with-open-findings");
            Assert.Equal(s.Coordinator.Id, audit.ActorUserId);
            Assert.Contains("O2 Heat pump", audit.After, StringComparison.Ordinal);
        }

        // The manager reads version 1 with the warning frozen in it, even after the option is corrected.
        await ReportSeed.ChangeInvestmentAsync(_factory, s.AlphaOptionId, 10_000m, 3_500m);
        var manager = await _factory.ClientAsync(s.Maria);
        var v1 = await manager.GetDocumentAsync(s.AlphaReport + "/versions/1");
        Assert.NotNull(v1.QuerySelector("#data-quality-open li[data-rule='economics.payback-beyond-lifetime'][data-severity='Serious']"));
    }

    [Fact]
    public async Task A_report_without_findings_publishes_without_confirmation_and_says_the_checks_found_nothing()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var coordinator = await _factory.ClientAsync(s.Coordinator);

        var draft = await coordinator.GetDocumentAsync(s.AlphaReport);
        Assert.NotNull(draft.QuerySelector("#data-quality-clean"));
        Assert.Null(draft.QuerySelector("#open-findings"));

        var published = await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        await using var db = _factory.NewDbContext();
        Assert.False(await db.AuditEntries.AnyAsync(a => a.ProgrammeId == s.Programme.Id && a.Action == "report.published-with-open-findings"));
    }

    [Fact]
    public async Task A_reviewed_warning_shows_in_the_report_with_its_comment_and_needs_no_confirmation()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var optionId = await ReportSeed.AddInvestmentAsync(_factory, s.Programme.Id, s.Alpha, 2, "Heat pump", 10_000m, 1_000m);
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        var findings = $"/programmes/{s.Programme.Id}/companies/{s.Alpha}/findings";
        var reviewed = await coordinator.PostFormAsync(findings, new()
        {
            ["Input.SubjectKey"] = $"option/{optionId}",
            ["Input.Rule"] = "economics.payback-beyond-lifetime",
            ["Input.Comment"] = "Required by the permit; not a money maker.",
        }, findings + "?handler=Review");
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);

        var published = await ReportSeed.PublishAsync(coordinator, s.AlphaReport);
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var v1 = await coordinator.GetDocumentAsync(s.AlphaReport + "/versions/1");
        var item = v1.QuerySelector("#data-quality-reviewed li[data-rule='economics.payback-beyond-lifetime']");
        Assert.NotNull(item);
        Assert.Contains("Required by the permit; not a money maker.", item.TextContent, StringComparison.Ordinal);
        Assert.Null(v1.QuerySelector("#data-quality-open"));
    }

    [Fact]
    public async Task Programme_totals_that_differ_from_a_published_company_report_are_shown_on_the_programme_report()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        var programmeReport = $"/programmes/{s.Programme.Id}/report";
        Assert.Null((await coordinator.GetDocumentAsync(programmeReport)).QuerySelector("#checks li[data-rule='report.totals-differ']"));

        // Alpha's report is published with 10 000 invested; then the investment becomes 12 000 (3 600 saved a year):
        // the programme report counts 12 000 where Alpha's published report says 10 000.
        Assert.Equal(HttpStatusCode.Redirect, (await ReportSeed.PublishAsync(coordinator, s.AlphaReport)).StatusCode);
        await ReportSeed.ChangeInvestmentAsync(_factory, s.AlphaOptionId, 12_000m, 3_600m);

        var page = await coordinator.GetDocumentAsync(programmeReport);
        var items = page.QuerySelectorAll("#checks li[data-rule='report.totals-differ']");
        Assert.Contains(items, i => i.TextContent.Contains("12,000.00 UAH", StringComparison.Ordinal) && i.TextContent.Contains("10,000.00 UAH", StringComparison.Ordinal));
    }
}
