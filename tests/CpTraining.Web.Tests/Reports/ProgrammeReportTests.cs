using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Domain.Reports;
using CpTraining.Web.Data.Configurations;
using CpTraining.Web.Identity;
using CpTraining.Web.Pages.Reports;
using CpTraining.Web.Tests.Attendance;
using CpTraining.TestSupport;
using static CpTraining.Web.Tests.Options.OptionsSetup;

namespace CpTraining.Web.Tests.Reports;

/// <summary>
/// The programme report (issue 7, points 2 and 3) over HTTP for a Ukrainian programme of four companies. Economics are
/// chosen so the figures can be worked out by hand: lifetime 2 years at 25 %, so NPV = S·(1/1.25 + 1/1.25²) − I =
/// 1.44·S − I and simple payback = I ÷ S.
/// </summary>
public sealed class ProgrammeReportTests(ProgrammeReportTests.Setup world) : IClassFixture<ProgrammeReportTests.Setup>
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    private string Url => $"/programmes/{world.ProgrammeId}/report";

    [Fact]
    public async Task The_page_shows_every_company_the_overview_and_the_advisors_trained()
    {
        var page = await (await world.ClientAsync(world.Coordinator)).GetDocumentAsync(Url);

        Assert.Equal(world.ProgrammeName, page.QuerySelector("#report-programme")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#draft-mark"));
        Assert.Equal(
            world.Companies.Select(c => c.Name).Order(StringComparer.Create(CultureInfo.GetCultureInfo("uk"), false)),
            page.QuerySelectorAll(".report-company .report-company-name").Select(h => h.TextContent.Trim()));
        // The table of contents links to every section and every company page.
        var toc = page.QuerySelectorAll("#toc a").Select(a => a.GetAttribute("href")!).ToList();
        Assert.All(toc, href => Assert.NotNull(page.QuerySelector(href)));
        // Numbered: the sections, the overview's parts, one entry per company and the appendix.
        var entries = page.QuerySelectorAll("#toc a").Select(a => a.TextContent.Trim()).ToList();
        Assert.All(world.Companies, c => Assert.Contains(entries, e => e.EndsWith(c.Name, StringComparison.Ordinal)));
        Assert.Matches(@"^1 ", entries[0]);
        // Session 1 has been held, at the programme's city; nothing later yet.
        Assert.Single(page.QuerySelectorAll("#sessions-held tbody tr"));
        Assert.Contains("Kherson", page.QuerySelector("#sessions-held")!.TextContent, StringComparison.Ordinal);
        // The engineer present on all three days met the completion rule; the absent one did not.
        var advisors = page.QuerySelector("#advisors-trained")!.TextContent;
        Assert.Contains("Оксана Present", advisors, StringComparison.Ordinal);
        Assert.DoesNotContain("Петро Absent", advisors, StringComparison.Ordinal);
        // Participants by role: 2 engineers, 1 coordinator, 1 manager, 1 trainer (in Ukrainian: the programme's language).
        var roles = page.QuerySelectorAll("#participants-by-role tbody tr").ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children[1].TextContent.Trim());
        Assert.Equal("2", roles["Інженер"]);
        Assert.Equal("5", roles["Разом"]);
    }

    [Fact]
    public async Task The_pipeline_is_sorted_by_payback_with_the_figures_of_each_options_economics_page()
    {
        var client = await world.ClientAsync(world.Coordinator);
        var page = await client.GetDocumentAsync(Url);
        var rows = page.QuerySelectorAll("#pipeline-table tbody tr").Select(r => r.Children.Select(c => c.TextContent.Trim()).ToArray()).ToList();

        // Alpha 1.1 years, Beta 2.0, Gamma 3.0; Gamma's low-cost option and the identified option need no financing.
        Assert.Equal([world.Alpha.Name, world.Beta.Name, world.Gamma.Name], rows.Select(r => r[0]));
        // By hand: Alpha I 100 000, S 90 000: payback 1.1, NPV 129 600 − 100 000 = 29 600, IRR 50 % (1.5 = 1 + r solves 100 = 90/x + 90/x²).
        Assert.Equal([100_000m, 90_000m, 1.1m, 29_600m, 50.0m], rows[0][2..].Select(Uk));
        // Beta I 40 000, S 20 000: payback 2.0, NPV 28 800 − 40 000 = −11 200, IRR 0 % (40 = 20 + 20).
        Assert.Equal([40_000m, 20_000m, 2.0m, -11_200m, 0.0m], rows[1][2..].Select(Uk));
        // Gamma I 75 000, S 25 000: payback 3.0, NPV 36 000 − 75 000 = −39 000.
        Assert.Equal([75_000m, 25_000m, 3.0m, -39_000m], rows[2][2..6].Select(Uk));

        // The same figures as each option's economics page (which shows two decimals, in the reader's language).
        foreach (var (row, option) in rows.Zip([world.AlphaOption, world.BetaOption, world.GammaOption]))
        {
            var economics = await client.GetDocumentAsync(EconomicsUrl(option));
            Assert.Equal(Math.Round(En(economics, "#result-investment")), Uk(row[2]));
            Assert.Equal(Math.Round(En(economics, "#result-savings")), Uk(row[3]));
            Assert.Equal(Math.Round(En(economics, "#result-payback"), 1), Uk(row[4]));
            Assert.Equal(Math.Round(En(economics, "#result-npv")), Uk(row[5]));
            Assert.Equal(Math.Round(En(economics, "#result-irr"), 1), Uk(row[6]));
        }
    }

    [Fact]
    public async Task The_aggregates_are_the_sums_of_the_company_reports()
    {
        var client = await world.ClientAsync(world.Coordinator);
        var page = await client.GetDocumentAsync(Url);
        var investment = Uk(page.QuerySelector("#aggregate .aggregate-investment")!.Children[1].TextContent);
        var savings = Uk(page.QuerySelector("#aggregate .aggregate-savings")!.Children[1].TextContent);
        var npv = Uk(page.QuerySelector("#aggregate .aggregate-npv")!.Children[1].TextContent);

        // By hand: selected options only — Alpha 100 000 / 90 000 / 29 600; Gamma 75 000 + 5 000, 25 000 + 12 000,
        // −39 000 + (17 280 − 5 000); Beta's option is only feasible.
        Assert.Equal(180_000m, investment);
        Assert.Equal(127_000m, savings);
        Assert.Equal(29_600m - 39_000m + 12_280m, npv);
        Assert.Equal("5 / 3 / 0", Regex.Replace(page.QuerySelector("#aggregate-options")!.Children[1].TextContent.Trim(), @"\s+", " "));

        // The same as the sum of each company's own report (its executive summary, in the programme's language too).
        decimal sumInvestment = 0, sumSavings = 0, sumNpv = 0;
        foreach (var company in world.Companies)
        {
            var report = await client.GetDocumentAsync($"/programmes/{world.ProgrammeId}/companies/{company.Id}/report");
            var summary = report.QuerySelectorAll("#summary tbody tr").ToDictionary(r => r.Children[0].TextContent.Trim(), r => r.Children[1].TextContent);
            sumInvestment += Uk(summary["Інвестиції"]);
            sumSavings += Uk(summary["Щорічна економія"]);
            sumNpv += Uk(summary["ЧПВ"]);
        }

        Assert.Equal(sumInvestment, investment);
        Assert.Equal(sumSavings, savings);
        Assert.Equal(sumNpv, npv);
    }

    [Fact]
    public async Task Company_people_are_refused_and_an_unknown_programme_is_not_found()
    {
        RedirectAssert.ToAccessDenied(await (await world.ClientAsync(world.Manager)).GetAsync(Url));
        RedirectAssert.ToAccessDenied(await (await world.ClientAsync(world.Engineer)).GetAsync(Url + "?handler=Pdf"));
        var coordinator = await world.ClientAsync(world.Coordinator);
        Assert.Equal(HttpStatusCode.NotFound, (await coordinator.GetAsync($"/programmes/{Guid.NewGuid()}/report")).StatusCode);
        // The programme page links to the report for its coordinator and not for a company's manager.
        Assert.NotNull((await coordinator.GetDocumentAsync($"/programmes/{world.ProgrammeId}")).QuerySelector("#programme-report-link"));
        Assert.Null((await (await world.ClientAsync(world.Manager)).GetDocumentAsync($"/programmes/{world.ProgrammeId}")).QuerySelector("#programme-report-link"));
        // Its trainer reads it.
        Assert.Equal(HttpStatusCode.OK, (await (await world.ClientAsync(world.Trainer)).GetAsync(Url)).StatusCode);
    }

    [Fact]
    public async Task The_pdf_has_a_page_per_company_page_numbers_ukrainian_figures_embedded_fonts_and_metadata()
    {
        var response = await (await world.ClientAsync(world.Coordinator)).GetAsync(Url + "?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();

        var info = await Poppler.InfoAsync(pdf);
        var pages = int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(pages >= world.Companies.Count + 2, info);
        Assert.Matches(@"Title:\s+Звіт програми: " + Regex.Escape(world.ProgrammeName), info);
        Assert.Matches(@"Author:\s+TEKNA", info);

        var text = await Poppler.TextAsync(pdf);
        Assert.Contains($"сторінка 1 з {pages}", text, StringComparison.Ordinal);
        Assert.Contains($"сторінка {pages} з {pages}", text, StringComparison.Ordinal);
        Assert.All(world.Companies, c => Assert.Contains(c.Name, text, StringComparison.Ordinal));
        Assert.Contains("Перелік інвестиційних проєктів", text, StringComparison.Ordinal);
        Assert.Contains("50,0 %", text, StringComparison.Ordinal); // Alpha's IRR with the Ukrainian decimal comma
        Assert.Matches(@"29\s600\sUAH", text);                     // Alpha's NPV, grouped as Ukrainian readers write it

        var fonts = (await Poppler.FontsAsync(pdf)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.NotEmpty(fonts);
        Assert.All(fonts, row => Assert.Matches(@"\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row));
    }

    [Fact]
    public async Task The_snapshot_read_back_from_json_gives_the_same_figures()
    {
        await using var db = world.NewDbContext();
        var snapshot = (await ProgrammeReportBuilder.BuildAsync(db, world.ProgrammeId, world.Clock, CancellationToken.None))!;
        Assert.NotNull(snapshot.Companies.Single(c => c.CompanyId == world.Alpha.Id).FocusProcess);

        var json = JsonColumn.Serialize(snapshot);
        var back = JsonColumn.Deserialize<ProgrammeReportSnapshot>(json)!;

        Assert.Equal(json, JsonColumn.Serialize(back));
        var before = ProgrammeReportFigures.Of(snapshot);
        var after = ProgrammeReportFigures.Of(back);
        Assert.Equal(before.Money, after.Money);
        Assert.Equal(before.PlannedReductions, after.PlannedReductions);
        Assert.Equal(before.Pipeline.Select(p => p.Need), after.Pipeline.Select(p => p.Need));
        Assert.Equal(
            before.Companies.Select(c => c.Figures.Balance?.Losses.Total),
            after.Companies.Select(c => c.Figures.Balance?.Losses.Total));
    }

    /// <summary>A figure as the report writes it in Ukrainian: "29 600 UAH", "−11 200", "1,1", "50,0 %".</summary>
    private static decimal Uk(string text) => Parse(text, CultureInfo.GetCultureInfo("uk"));

    private static decimal En(IParentNode page, string selector) => Parse(page.QuerySelector(selector)!.TextContent, English);

    private static decimal Parse(string text, CultureInfo culture)
    {
        var number = Regex.Match(text.Replace('\u2212', '-'), @"-?[\d\s\u00A0\u202F,.]*\d").Value;
        number = Regex.Replace(number, @"[\s\u00A0\u202F]", string.Empty);
        return decimal.Parse(number, NumberStyles.Number, culture);
    }

    /// <summary>
    /// A Ukrainian programme whose session 1 was held ten days ago, with companies Alpha, Beta and Gamma (options as
    /// above) and Delta (no options), a coordinator, a trainer, two engineers of Alpha (one present on all three days
    /// of session 1, one never marked) and a manager of Beta.
    /// </summary>
    public sealed class Setup : CpTrainingFactory
    {
        public string ProgrammeName { get; } = "Програма ЧВ Херсон " + Guid.NewGuid().ToString("N")[..4];

        public Guid ProgrammeId { get; private set; }

        public AppUser Coordinator { get; private set; } = null!;

        public AppUser Trainer { get; private set; } = null!;

        public AppUser Manager { get; private set; } = null!;

        public AppUser Engineer { get; private set; } = null!;

        public Domain.Companies.Company Alpha { get; private set; } = null!;

        public Domain.Companies.Company Beta { get; private set; } = null!;

        public Domain.Companies.Company Gamma { get; private set; } = null!;

        public IReadOnlyList<Domain.Companies.Company> Companies { get; private set; } = [];

        public Guid AlphaOption { get; private set; }

        public Guid BetaOption { get; private set; }

        public Guid GammaOption { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Coordinator = await CreateUserAsync(Roles.Coordinator);
            var programme = await CreateProgrammeAsync(Coordinator, Clock.Today.AddDays(-10), ProgrammeName, "Ukraine", "uk");
            ProgrammeId = programme.Id;
            Alpha = await EnrolCompanyAsync(ProgrammeId, "ТОВ «Альфа»");
            Beta = await EnrolCompanyAsync(ProgrammeId, "ПАТ «Бета»");
            Gamma = await EnrolCompanyAsync(ProgrammeId, "Гамма Текстиль");
            var delta = await EnrolCompanyAsync(ProgrammeId, "Дельта");
            Companies = [Alpha, Beta, Gamma, delta];

            Trainer = await CreateUserAsync(Roles.Trainer);
            await AddMemberAsync(ProgrammeId, Trainer, ProgrammeRole.Trainer);
            await this.AssignTrainerAsync(ProgrammeId, Alpha.Id, Trainer);
            Engineer = await this.EngineerAsync(ProgrammeId, Alpha.Id, "Оксана Present");
            await this.EngineerAsync(ProgrammeId, Alpha.Id, "Петро Absent");
            Manager = await CreateUserAsync(Roles.Manager);
            await AddMemberAsync(ProgrammeId, Manager, ProgrammeRole.Manager, Beta.Id);
            await this.MarkAsync(ProgrammeId, 1, Coordinator.Id, (Engineer, 1, AttendanceStatus.Present), (Engineer, 2, AttendanceStatus.Present), (Engineer, 3, AttendanceStatus.Present));

            var now = Clock.GetUtcNow();
            // Alpha has a worksheet (its focus process): the snapshot carries it and the report shows its company page.
            var sheet = Worksheet.Create(ProgrammeId, Alpha.Id, "Фарбування", "Фарбування", "UAH", now);
            var step = sheet.AddStep("Фарбування");
            sheet.AddStream(new StreamSpec("Вода", "Water", null, step.Id, Quantity.Of(1_000m, Unit.Tonne)));
            sheet.AddStream(new StreamSpec("Стоки", "Water", step.Id, null, Quantity.Of(1_000m, Unit.Tonne), OutputClass: OutputClass.Wastewater));
            await using (var db = NewDbContext())
            {
                db.Worksheets.Add(sheet);
                await db.SaveChangesAsync();
            }

            var alpha = Investment(Alpha.Id, 1, "Протитокова промивка", 100_000m, 90_000m, now).Walk(now, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
            var beta = Investment(Beta.Id, 1, "Рекуперація тепла", 40_000m, 20_000m, now).Walk(now, OptionStatus.UnderStudy, OptionStatus.Feasible);
            var gamma = Investment(Gamma.Id, 1, "Новий котел", 75_000m, 25_000m, now).Walk(now, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
            // Low cost: NPV 1.44 · 12 000 − 5 000 = 12 280, planned but not in the pipeline.
            var gammaLowCost = Option(ProgrammeId, Gamma.Id, 2, "Ізоляція труб", now, kind: OptionKind.LowCost, economics: Economics(5_000m, 12_000m))
                .Walk(now, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
            var identified = Investment(Beta.Id, 2, "Сонячні панелі", 500_000m, 10_000m, now);
            await SaveAsync(this, alpha, beta, gamma, gammaLowCost, identified);
            (AlphaOption, BetaOption, GammaOption) = (alpha.Id, beta.Id, gamma.Id);
        }

        private CpOption Investment(Guid companyId, int number, string title, decimal investment, decimal savings, DateTimeOffset now) =>
            Option(ProgrammeId, companyId, number, title, now, OptionCategory.EquipmentModification, OptionKind.Investment, Economics(investment, savings));

        private static EconomicInputs Economics(decimal investment, decimal savings) => new()
        {
            Investment = [new InvestmentLine("Обладнання", investment)],
            Water = savings,
            LifetimeYears = 2,
            DiscountRate = 0.25m,
        };
    }
}
