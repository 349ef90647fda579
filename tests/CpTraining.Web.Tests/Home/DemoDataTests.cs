using AngleSharp.Html.Dom;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Demo;
using CpTraining.Web.Infrastructure;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace CpTraining.Web.Tests.Home;

/// <summary>
/// The demo data of <c>scripts/run</c>, seeded into this class's own database on 1 June 2026 (sessions of the
/// current programme: 24–26 March and 12–14 May held, 30 June and 18 August to come), and the demo people's homes.
/// </summary>
public sealed class DemoDataTests : IClassFixture<CpTrainingFactory>
{
    private static readonly string[] DemoCompanies =
        ["Kherson Cotton Textile Mill", "Tavria Vegetable Cannery", "Kherson Ship Repair Yard", "Dnipro Dairy Plant"];

    private readonly CpTrainingFactory _factory;

    public DemoDataTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Seeding_populates_the_current_programme_and_a_second_run_adds_nothing()
    {
        await SeedAsync();
        var first = await CountsAsync();
        await SeedAsync();
        Assert.Equal(first, await CountsAsync());

        await using var db = _factory.NewDbContext();
        var programme = await db.Programmes.AsNoTracking()
            .Include(p => p.Members).Include(p => p.Enrolments).Include(p => p.Sessions).ThenInclude(s => s.Attendance)
            .AsSplitQuery()
            .SingleAsync(p => p.Name == DemoData.CurrentProgrammeName);
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Email!, u => u.Id);
        var companies = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name);

        // At least four companies, each with three to five people, all with sector, problem statement and trainer.
        var enrolments = programme.Enrolments.Where(e => e.IsActive).ToList();
        Assert.True(enrolments.Count >= 4, $"{enrolments.Count} companies");
        Assert.Equal(DemoCompanies.Order(), enrolments.Select(e => companies[e.CompanyId]).Order());
        foreach (var enrolment in enrolments)
        {
            var team = programme.Members.Count(m => m.CompanyId == enrolment.CompanyId);
            Assert.InRange(team, 3, 5);
            Assert.NotNull(enrolment.TrainerUserId);
        }

        var details = await db.Companies.AsNoTracking().Where(c => DemoCompanies.Contains(c.Name)).ToListAsync();
        Assert.All(details, c => Assert.False(string.IsNullOrEmpty(c.SectorCode) || string.IsNullOrEmpty(c.EnvironmentalProblem) || c.Employees is null || c.Address is null));

        // engineer@ and manager@ are in the same company; trainer@ coaches two companies, the second trainer the others.
        var engineer = programme.Members.Single(m => m.UserId == users["engineer@demo.local"]);
        var manager = programme.Members.Single(m => m.UserId == users["manager@demo.local"]);
        Assert.Equal((ProgrammeRole.Engineer, ProgrammeRole.Manager), (engineer.Role, manager.Role));
        Assert.Equal(engineer.CompanyId, manager.CompanyId);
        Assert.Equal("Kherson Cotton Textile Mill", companies[engineer.CompanyId!.Value]);
        Assert.Equal(2, enrolments.Count(e => e.TrainerUserId == users["trainer@demo.local"]));
        Assert.Equal(enrolments.Count - 2, enrolments.Count(e => e.TrainerUserId == users[DemoData.SecondTrainerEmail]));
        Assert.Contains(programme.Members, m => m.UserId == users[DemoData.AdvisorInTrainingEmail] && m.Role == ProgrammeRole.AdvisorInTraining);

        // Attendance: every engineer for every held day (sessions 1 and 2), a mix of statuses, nothing for days to come.
        var today = _factory.Clock.TodayIn(programme.TimeZoneId);
        var engineers = programme.Members.Where(m => m.Role == ProgrammeRole.Engineer).Select(m => m.UserId).ToList();
        var sessions = programme.Sessions.OrderBy(s => s.Number).ToList();
        Assert.Equal([true, true, false, false], sessions.Select(s => s.EndDate < today));
        foreach (var session in sessions)
        {
            var heldDays = Enumerable.Range(1, session.Days).Where(d => session.StartDate.AddDays(d - 1) <= today).ToList();
            Assert.Equal(
                engineers.SelectMany(u => heldDays.Select(d => (u, d))).Order(),
                session.Attendance.Select(a => (a.UserId, a.Day)).Order());
        }

        var marks = sessions.SelectMany(s => s.Attendance).Select(a => a.Status).ToList();
        Assert.Equal(engineers.Count * 6, marks.Count);
        Assert.Contains(AttendanceStatus.Absent, marks);
        Assert.Contains(AttendanceStatus.Excused, marks);
        Assert.True(marks.Count(s => s == AttendanceStatus.Present) > marks.Count * 3 / 4, "Most participants were present.");
    }

    [Fact]
    public async Task Demo_engineer_sees_only_their_own_company()
    {
        await SeedAsync();
        var home = await HomeOfAsync("engineer@demo.local");

        Assert.Equal("Kherson Cotton Textile Mill", home.QuerySelector("#company-name")!.TextContent.Trim());
        Assert.Equal(4, home.QuerySelectorAll("#team li").Length);
        Assert.Contains("Ivan Petrenko", home.QuerySelector("#trainer")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(home.QuerySelector("#home-tasks"));
        AssertOnly(home, "Kherson Cotton Textile Mill");
    }

    [Fact]
    public async Task Demo_manager_sees_their_company_summary()
    {
        await SeedAsync();
        var home = await HomeOfAsync("manager@demo.local");

        Assert.StartsWith("Discharges dye-house wastewater", home.QuerySelector("#environmental-problem")!.TextContent.Trim(), StringComparison.Ordinal);
        AssertOnly(home, "Kherson Cotton Textile Mill");
    }

    [Fact]
    public async Task Demo_manager_opens_the_company_report_and_its_pdf_from_the_landing_page()
    {
        await SeedAsync();
        using var client = _factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, "manager@demo.local", DemoData.DefaultPassword);
        var home = await client.GetDocumentAsync("/home");
        var report = await client.GetDocumentAsync(home.QuerySelector("#company-report-link")!.GetAttribute("href")!);
        Assert.Equal("Kherson Cotton Textile Mill", report.QuerySelector("#report-company")!.TextContent.Trim());
        var pdf = await client.GetAsync(home.QuerySelector("#company-report-pdf")!.GetAttribute("href")!);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Contains("Kherson Cotton Textile Mill", await Poppler.TextAsync(await pdf.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_2010_programme_has_its_reports_published_at_the_final_session()
    {
        await SeedAsync();
        await SeedAsync();
        await using var db = _factory.NewDbContext();
        var programme = await db.Programmes.AsNoTracking().Include(p => p.Enrolments).SingleAsync(p => p.Name == DemoData.HistoricalProgrammeName);
        var published = await db.PublishedReports.AsNoTracking().Where(r => r.ProgrammeId == programme.Id).ToListAsync();

        // One version 1 per company (on 1 March 2011, the final session's first day) and the programme report on its last (2 March).
        Assert.Equal(programme.Enrolments.Select(e => (Guid?)e.CompanyId).Order(), published.Where(r => r.CompanyId != null).Select(r => r.CompanyId).Order());
        Assert.All(published, r => Assert.Equal(1, r.Version));
        Assert.All(published.Where(r => r.CompanyId != null), r => Assert.Equal(new DateOnly(2011, 3, 1), r.ReportDate));
        Assert.Equal(new DateOnly(2011, 3, 2), Assert.Single(published, r => r.CompanyId == null).ReportDate);

        // The coordinator reads it: all four sessions held, every company in the pipeline's programme.
        using var client = _factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, "coordinator@demo.local", DemoData.DefaultPassword);
        var report = await client.GetDocumentAsync($"/programmes/{programme.Id}/report/versions/1");
        Assert.Null(report.QuerySelector("#draft-mark"));
        Assert.Equal(4, report.QuerySelectorAll("#sessions-held tbody tr").Length);
        Assert.Equal(programme.Enrolments.Count, report.QuerySelectorAll("section.report-company").Length);
    }

    [Fact]
    public async Task Demo_trainer_sees_their_two_companies()
    {
        await SeedAsync();
        var home = await HomeOfAsync("trainer@demo.local");

        Assert.Equal(
            ["Dnipro Dairy Plant", "Kherson Cotton Textile Mill"],
            home.QuerySelectorAll("#coached tbody tr td a").Select(a => a.TextContent.Trim()).Order());
        AssertOnly(home, "Kherson Cotton Textile Mill", "Dnipro Dairy Plant");
    }

    [Fact]
    public async Task Demo_coordinator_sees_both_programmes()
    {
        await SeedAsync();
        var home = await HomeOfAsync("coordinator@demo.local");

        Assert.Equal(DemoData.CurrentProgrammeName, home.QuerySelector("#current-programme h2 a")!.TextContent.Trim());
        Assert.Equal([DemoData.HistoricalProgrammeName], home.QuerySelectorAll("#other-programmes tbody tr td > a").Select(a => a.TextContent.Trim()));
    }

    private static void AssertOnly(IHtmlDocument home, params string[] visible)
    {
        foreach (var name in DemoCompanies.Except(visible))
        {
            Assert.DoesNotContain(name, home.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Demo_home_tasks_cover_every_state_and_the_engineers_company_has_a_resubmitted_task()
    {
        await SeedAsync();
        await SeedAsync();

        await using var db = _factory.NewDbContext();
        var programmeId = await db.Programmes.Where(p => p.Name == DemoData.CurrentProgrammeName).Select(p => p.Id).SingleAsync();
        var tasks = await db.HomeTasks.AsNoTracking().Where(t => t.ProgrammeId == programmeId).ToListAsync();

        // Sessions 1 and 2 have been held on 1 June: their standard tasks (4 and 3) were given, once each.
        Assert.Equal(4, tasks.Count(t => t.AfterSession == 1));
        Assert.Equal(3, tasks.Count(t => t.AfterSession == 2));
        Assert.All(tasks.Where(t => t.AfterSession == 1), t => Assert.Equal(new DateOnly(2026, 5, 11), t.DueDate));

        var work = await db.Submissions.AsNoTracking().Include(s => s.Versions).Include(s => s.Reviews)
            .Where(s => s.ProgrammeId == programmeId).ToListAsync();
        Assert.Equal(4 * 7, work.Count);
        var today = new DateOnly(2026, 6, 1);
        foreach (var status in Enum.GetValues<Domain.HomeTasks.SubmissionStatus>())
        {
            Assert.Contains(work, s => s.Status == status);
        }

        Assert.Contains(work, s => s.IsLateOn(today));
        Assert.Contains(work, s => s.IsExtended);

        var textile = await db.Companies.Where(c => c.Name == "Kherson Cotton Textile Mill").Select(c => c.Id).SingleAsync();
        var resubmitted = Assert.Single(work, s => s.CompanyId == textile && s.Versions.Count == 2);
        Assert.Equal(Domain.HomeTasks.SubmissionStatus.Submitted, resubmitted.Status);
        Assert.Equal(Domain.HomeTasks.ReviewDecision.Returned, Assert.Single(resubmitted.Reviews).Decision);
        Assert.NotEqual(resubmitted.Versions[0].Text, resubmitted.Versions[1].Text);
        Assert.Single(resubmitted.Versions[0].FileIds);
        Assert.True(await db.Presentations.AnyAsync(p => p.ProgrammeId == programmeId && p.SessionNumber == 2));
    }

    [Fact]
    public async Task The_textile_and_dairy_balances_close_within_their_tolerance()
    {
        await SeedAsync();
        await SeedAsync();

        await using var db = _factory.NewDbContext();
        var programmeId = await db.Programmes.Where(p => p.Name == DemoData.CurrentProgrammeName).Select(p => p.Id).SingleAsync();
        var sheets = await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .Where(w => w.ProgrammeId == programmeId)
            .ToListAsync();
        var companies = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name);
        Assert.Equal(2, sheets.Count); // seeded once

        var textile = Assert.Single(sheets, w => companies[w.CompanyId] == "Kherson Cotton Textile Mill");
        var result = Domain.Balances.BalanceEvaluation.Evaluate(textile, Domain.Balances.EmissionFactorTable.Defaults, "UA");
        Assert.True(textile.Steps.Count >= 3);
        Assert.False(result.Mass.IsFlagged);
        Assert.InRange(result.Mass.Overall.ClosurePercent!.Value, 95m, 105m);
        Assert.Contains(textile.Streams, s => s.PurchasePrice is not null);
        Assert.Contains(textile.Streams, s => s.DisposalFee is not null);
        Assert.Contains(textile.Streams, s => s.Uncertainty is { Kind: Domain.Balances.UncertaintyKind.Relative });
        Assert.Contains(textile.Streams, s => s.Uncertainty is { Kind: Domain.Balances.UncertaintyKind.Absolute });
        Assert.Equal(
            [Domain.Balances.EnergyCarrier.Electricity, Domain.Balances.EnergyCarrier.NaturalGas],
            textile.EnergyStreams.Select(e => e.Carrier).Distinct().Order());
        Assert.True(result.Losses.Total > 0);

        // The dairy, per day: inputs 120 raw milk + 40 CIP water + 20 process water + 0.2 salt + 0.02 rennet = 180.22 t;
        // outputs 19.3 drinking milk + 40.5 CIP wastewater + 9.5 cheese + 89 whey + 20 wastewater = 178.3 t;
        // 178.3 ÷ 180.22 = 98.93 %. Steps: 159.8 ÷ 160 = 99.88 % and 118.5 ÷ 120.22 = 98.57 %, all within 5 %.
        var dairy = Assert.Single(sheets, w => companies[w.CompanyId] == "Dnipro Dairy Plant");
        var dairyMass = Domain.Balances.BalanceEvaluation.Evaluate(dairy, Domain.Balances.EmissionFactorTable.Defaults, "UA").Mass;
        Assert.False(dairyMass.IsFlagged);
        Assert.Equal(98.93m, Math.Round(dairyMass.Overall.ClosurePercent!.Value, 2));
        Assert.Equal([99.88m, 98.57m], dairyMass.Steps.Select(st => Math.Round(st.ClosurePercent!.Value, 2)));

        // The textile mill's draft of the session-2 balance task (titled in the programme's language) has the worksheet attached.
        var titles = new[] { "en", "uk" }.Select(l => Domain.HomeTasks.StandardHomeTasks.For(l).Single(e => e.AfterSession == 2 && e.Position == 1).Title).ToList();
        var draft = await db.Submissions.AsNoTracking()
            .Where(s => s.CompanyId == textile.CompanyId && db.HomeTasks.Any(t => t.Id == s.HomeTaskId && t.AfterSession == 2 && titles.Contains(t.Title)))
            .SingleAsync();
        Assert.Equal(textile.Id, draft.WorksheetId);
    }

    /// <summary>
    /// Every plausibility check the pages and reports run (balances, economics, achieved against the plan), through the
    /// same collector as the data-quality page, over every company of both demo programmes: nothing serious, and one
    /// warning in all, the one the README describes.
    /// </summary>
    [Fact]
    public async Task Every_check_over_every_demo_company_finds_only_the_warning_seeded_on_purpose()
    {
        await SeedAsync();
        var t = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>(_factory.Services);

        await using var db = _factory.NewDbContext();
        var enrolments = await db.Programmes.AsNoTracking()
            .Where(p => p.Name == DemoData.CurrentProgrammeName || p.Name == DemoData.HistoricalProgrammeName)
            .SelectMany(p => p.Enrolments.Select(e => new { p.Id, e.CompanyId }))
            .ToListAsync();
        Assert.True(enrolments.Count >= 7);
        var findings = new List<CpTraining.Web.Checks.CompanyFinding>();
        foreach (var enrolment in enrolments)
        {
            findings.AddRange(await CpTraining.Web.Checks.CompanyFindings.LoadAsync(db, enrolment.Id, enrolment.CompanyId, t, CancellationToken.None));
        }

        var only = Assert.Single(findings);
        Assert.Equal((Domain.Checks.EconomicChecks.IrrAbove100, Domain.Checks.Severity.Warning), (only.Finding.Rule, only.Finding.Severity));
        Assert.Contains("Repair leaking valves", only.Where, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_figures_pass_the_plausibility_checks_except_the_one_warning_seeded_on_purpose()
    {
        await SeedAsync();

        await using var db = _factory.NewDbContext();
        var programmes = await db.Programmes.AsNoTracking()
            .Where(p => p.Name == DemoData.CurrentProgrammeName || p.Name == DemoData.HistoricalProgrammeName)
            .Select(p => p.Id)
            .ToListAsync();
        var options = await db.CpOptions.AsNoTracking().Where(o => programmes.Contains(o.ProgrammeId)).ToListAsync();
        Assert.Equal(8 + 5 + 6 + 6 + 5, options.Count); // textile, dairy; plating, tannery, yarn dyeing

        // Every option with economics, as its economics page evaluates and checks it: one finding in all, the warning
        // the README describes (18 000 UAH of spare parts saving 40 000 UAH a year for 3 years: IRR ≈ 215 %).
        var findings = options
            .Where(o => o.Economics is not null)
            .SelectMany(o => Domain.Checks.EconomicChecks.Of(o.Economics!, Domain.Options.EconomicEvaluation.Evaluate(o.Economics!)).Select(f => (o.Title, f)))
            .ToList();
        var (title, finding) = Assert.Single(findings);
        Assert.Equal(("Repair leaking valves, hoses and steam traps on the jet machines", Domain.Checks.EconomicChecks.IrrAbove100, Domain.Checks.Severity.Warning),
            (title, finding.Rule, finding.Severity));
        Assert.Equal(215m, finding.Arguments[0]);

        // Paybacks a bank's officer reads without stopping: 1 to 6 years apart from that housekeeping option, and
        // discount rates of 8–15 %.
        foreach (var option in options.Where(o => o.Economics is not null && o.Title != title))
        {
            var result = Domain.Options.EconomicEvaluation.Evaluate(option.Economics!);
            Assert.InRange(result.SimplePayback!.Value, 1m, 6m);
            Assert.InRange(option.Economics!.DiscountRate, 0.08m, 0.15m);
        }

        // Achieved results (implemented and verified options) within 70–120 % of the plan: investment and savings against
        // the economics, reductions against what the stream links compute, figure by figure.
        var sheets = await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .Where(w => programmes.Contains(w.ProgrammeId))
            .ToListAsync();
        var snapshots = sheets.ToDictionary(w => w.Id, w => w.Snapshot());
        foreach (var option in options.Where(o => o.Achieved is not null))
        {
            var planned = Domain.Options.EnvironmentalEvaluation.Compute(option.Links, snapshots, Domain.Balances.EmissionFactorTable.Defaults, "UA").Computed;
            var achieved = option.Achieved!.Reductions;
            foreach (var (a, p) in new[]
            {
                (achieved.WaterCubicMetres, planned.WaterCubicMetres), (achieved.EnergyMegawattHours, planned.EnergyMegawattHours),
                (achieved.SolidWasteTonnes, planned.SolidWasteTonnes), (achieved.HazardousWasteTonnes, planned.HazardousWasteTonnes),
                (achieved.WastewaterCubicMetres, planned.WastewaterCubicMetres), (achieved.RawMaterialTonnes, planned.RawMaterialTonnes),
            })
            {
                if (a is { } got && p is { } plan)
                {
                    Assert.True(got >= plan * 0.7m && got <= plan * 1.2m, $"{option.Title}: achieved {got} against {plan} planned");
                }
            }

            if (option.Achieved.ActualInvestment is { } spent && option.Economics is { } e)
            {
                Assert.InRange(spent, e.TotalInvestment * 0.7m, e.TotalInvestment * 1.2m);
            }

            if (option.Achieved.AnnualSavings is { } saved && option.Economics is { } e2)
            {
                Assert.InRange(saved, e2.NetAnnualSavings * 0.7m, e2.NetAnnualSavings * 1.2m);
            }
        }

        // The dairy's losses, as its balance page values them: whey is its own material, priced at its sewer fee, so
        // the losses cost far less than what goes in. Whey 89 t × 350 d × 60 UAH/t = 1 869 000; CIP wastewater
        // 40.5 × 350 = 14 175 m³ × (32 water + 25 sewer) UAH = 807 975; cheese-making wastewater 20 × 350 = 7 000 m³ × 57
        // = 399 000; total 3 075 975 UAH a year. Inputs: raw milk 120 t × 350 × 14 000 UAH/t = 588 000 000 alone.
        var dairy = Assert.Single(sheets, w => w.Name == DemoData.DairyWorksheetName);
        var losses = Domain.Balances.BalanceEvaluation.Evaluate(dairy, Domain.Balances.EmissionFactorTable.Defaults, "UA").Losses;
        var inputs = dairy.Snapshot().Streams
            .Where(st => st.Direction == Domain.Balances.StreamDirection.Input && st.PurchasePrice is not null)
            .Sum(st => st.AnnualKilograms / st.Quantity.KilogramsPer(st.PurchasePrice!.PerUnit) * st.PurchasePrice.Amount);
        Assert.Equal(3_075_975m, Math.Round(losses.Total, 0));
        Assert.True(losses.Total < inputs, $"losses {losses.Total} against inputs {inputs}");
        Assert.Equal("Whey to the sewer", losses.Pareto[0].Name);
        Assert.Null(losses.Pareto[0].PricePerKilogram);
    }

    [Fact]
    public async Task Demo_companies_with_a_worksheet_have_five_to_ten_options_across_categories_and_statuses()
    {
        await SeedAsync();
        await SeedAsync();

        await using var db = _factory.NewDbContext();
        var programmeId = await db.Programmes.Where(p => p.Name == DemoData.CurrentProgrammeName).Select(p => p.Id).SingleAsync();
        var withSheets = await db.Worksheets.Where(w => w.ProgrammeId == programmeId).Select(w => w.CompanyId).Distinct().ToListAsync();
        var options = await db.CpOptions.AsNoTracking().Where(o => o.ProgrammeId == programmeId).ToListAsync();
        Assert.Equal(2, withSheets.Count);
        foreach (var companyId in withSheets)
        {
            var own = options.Where(o => o.CompanyId == companyId).ToList();
            Assert.InRange(own.Count, 5, 10); // seeded once
            Assert.True(own.Select(o => o.Category).Distinct().Count() >= 4, "categories");
            Assert.True(own.Select(o => o.Status).Distinct().Count() >= 4, "statuses");
            Assert.Contains(own, o => o.Kind == Domain.Options.OptionKind.LowCost);
            Assert.Contains(own, o => o.Kind == Domain.Options.OptionKind.Investment);
            Assert.Contains(own, o => o.Status == Domain.Options.OptionStatus.Verified && o.Achieved is { AnnualSavings: > 0 });
            Assert.All(own, o => Assert.NotEmpty(o.Links));
            Assert.Equal(Enumerable.Range(1, own.Count), own.Select(o => o.Number).Order());
        }

        // Every link points at a stream of the company's own worksheet.
        var streamIds = await db.Worksheets.Where(w => w.ProgrammeId == programmeId)
            .SelectMany(w => w.Streams.Select(s => new { w.CompanyId, s.Id }).Concat(w.EnergyStreams.Select(e => new { w.CompanyId, e.Id })))
            .ToListAsync();
        Assert.All(options.SelectMany(o => o.Links.Select(l => new { o.CompanyId, Id = l.StreamId })), l => Assert.Contains(l, streamIds));
    }

    [Fact]
    public async Task The_2010_programme_is_complete_with_attendance_accepted_tasks_closing_balances_verified_options_and_certificates()
    {
        await SeedAsync();
        var first = await HistoricalCountsAsync();
        await SeedAsync();
        Assert.Equal(first, await HistoricalCountsAsync());

        await using var db = _factory.NewDbContext();
        var programme = await db.Programmes.AsNoTracking()
            .Include(p => p.Members).Include(p => p.Enrolments).Include(p => p.Sessions).ThenInclude(s => s.Attendance)
            .AsSplitQuery()
            .SingleAsync(p => p.Name == DemoData.HistoricalProgrammeName);
        var users = await db.Users.AsNoTracking().ToDictionaryAsync(u => u.Email!, u => u.Id);
        var companies = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name);
        var today = _factory.Clock.TodayIn(programme.TimeZoneId);

        // Three or four companies, each with a trainer, a manager and one or two engineers; the current programme's
        // engineer and manager are not in it.
        var enrolments = programme.Enrolments.Where(e => e.IsActive).ToList();
        Assert.InRange(enrolments.Count, 3, 4);
        Assert.All(enrolments, e => Assert.Contains(e.TrainerUserId, new[] { users["trainer@demo.local"], users[DemoData.SecondTrainerEmail] }));
        foreach (var enrolment in enrolments)
        {
            var team = programme.Members.Where(m => m.CompanyId == enrolment.CompanyId).ToList();
            Assert.Single(team, m => m.Role == ProgrammeRole.Manager);
            Assert.InRange(team.Count(m => m.Role == ProgrammeRole.Engineer), 1, 2);
        }

        Assert.DoesNotContain(programme.Members, m => m.UserId == users["engineer@demo.local"] || m.UserId == users["manager@demo.local"]);

        // The programme is over (sessions from 5 October 2010, 3 + 3 + 3 + 2 days), every engineer marked on all 11 days.
        var sessions = programme.Sessions.OrderBy(s => s.Number).ToList();
        Assert.Equal(new DateOnly(2010, 10, 5), sessions[0].StartDate);
        Assert.All(sessions, s => Assert.True(s.EndDate < today));
        Assert.Equal(11, sessions.Sum(s => s.Days));
        var engineers = programme.Members.Where(m => m.Role == ProgrammeRole.Engineer).Select(m => m.UserId).ToList();
        foreach (var session in sessions)
        {
            Assert.Equal(
                engineers.SelectMany(u => Enumerable.Range(1, session.Days).Select(d => (u, d))).Order(),
                session.Attendance.Select(a => (a.UserId, a.Day)).Order());
        }

        var marks = sessions.SelectMany(s => s.Attendance).ToList();
        Assert.True(marks.Count(m => m.Status == AttendanceStatus.Present) > marks.Count * 3 / 4, "Mostly present.");
        Assert.Contains(marks, m => m.Status != AttendanceStatus.Present);

        // Every standard task of sessions 1–3 given once and accepted for every company.
        var tasks = await db.HomeTasks.AsNoTracking().Where(t => t.ProgrammeId == programme.Id).ToListAsync();
        Assert.Equal(Domain.HomeTasks.StandardHomeTasks.For("en").Count(e => e.AfterSession < 4), tasks.Count);
        var work = await db.Submissions.AsNoTracking().Where(s => s.ProgrammeId == programme.Id).ToListAsync();
        Assert.Equal(tasks.Count * enrolments.Count, work.Count);
        Assert.All(work, s => Assert.Equal(Domain.HomeTasks.SubmissionStatus.Accepted, s.Status));
        Assert.All(work.Where(s => tasks.Single(t => t.Id == s.HomeTaskId).TakesWorksheet), s => Assert.NotNull(s.WorksheetId));

        // A balance per company that closes within its tolerance.
        var sheets = await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .Where(w => w.ProgrammeId == programme.Id)
            .ToListAsync();
        Assert.Equal(enrolments.Select(e => e.CompanyId).Order(), sheets.Select(w => w.CompanyId).Order());
        foreach (var sheet in sheets)
        {
            var mass = Domain.Balances.BalanceEvaluation.Evaluate(sheet, Domain.Balances.EmissionFactorTable.Defaults, "UA").Mass;
            Assert.False(mass.IsFlagged, sheet.Name);
            Assert.InRange(mass.Overall.ClosurePercent!.Value, 95m, 105m);
        }

        // 4–8 options per company across statuses: verified ones with achieved savings, and investment projects
        // (feasible or selected, with economics) that need financing.
        var options = await db.CpOptions.AsNoTracking().Where(o => o.ProgrammeId == programme.Id).ToListAsync();
        foreach (var enrolment in enrolments)
        {
            var own = options.Where(o => o.CompanyId == enrolment.CompanyId).ToList();
            Assert.InRange(own.Count, 4, 8);
            Assert.True(own.Select(o => o.Status).Distinct().Count() >= 3, companies[enrolment.CompanyId]);
            Assert.Contains(own, o => o.Status == Domain.Options.OptionStatus.Verified && o.Achieved is { AnnualSavings: > 0 } && o.VerifiedAt is not null);
            Assert.Contains(own, o => o.Kind == Domain.Options.OptionKind.Investment
                && o.Status is Domain.Options.OptionStatus.Feasible or Domain.Options.OptionStatus.Selected
                && o.Economics is { NetAnnualSavings: > 0 } && o.Economics.Investment.Sum(l => l.Amount) > 0);
            Assert.All(own, o => Assert.NotEmpty(o.Links));
        }

        // Certificates: the default rule (present on at least 80 % of the 11 days, excused not counted, every task
        // accepted — all were) decides, from the marks, who has one.
        var expected = engineers.Where(u => marks.Count(m => m.UserId == u && m.Status == AttendanceStatus.Present) * 100 >= 80 * 11).Order().ToList();
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.ProgrammeId == programme.Id).ToListAsync();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, certificates.Select(c => c.UserId).Order());
        Assert.All(certificates, c => Assert.Equal((sessions[^1].EndDate, "en", false), (c.CompletionDate, c.Language, c.IsRevoked)));

        // The tannery's chief technologist was away for all of session 3 (excused): 8 of 11 days at most, no certificate.
        Assert.DoesNotContain(certificates, c => c.UserId == users["engineer2010-humeniuk@demo.local"]);
    }

    private async Task<(int Tasks, int Submissions, int Worksheets, int Options, int Certificates)> HistoricalCountsAsync()
    {
        await using var db = _factory.NewDbContext();
        var id = await db.Programmes.Where(p => p.Name == DemoData.HistoricalProgrammeName).Select(p => p.Id).SingleAsync();
        return (await db.HomeTasks.CountAsync(t => t.ProgrammeId == id), await db.Submissions.CountAsync(s => s.ProgrammeId == id),
            await db.Worksheets.CountAsync(w => w.ProgrammeId == id), await db.CpOptions.CountAsync(o => o.ProgrammeId == id),
            await db.Certificates.CountAsync(c => c.ProgrammeId == id));
    }

    private async Task<IHtmlDocument> HomeOfAsync(string email)
    {
        using var client = _factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, email, DemoData.DefaultPassword);
        return await client.GetDocumentAsync("/home");
    }

    private async Task SeedAsync()
    {
        using var scope = _factory.Services.CreateScope();
        await DemoData.SeedAsync(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<IConfiguration>(), NullLogger.Instance);
    }

    private async Task<(int Users, int Companies, int Enrolments, int Members, int Marks, int Programmes)> CountsAsync()
    {
        await using var db = _factory.NewDbContext();
        return (await db.Users.CountAsync(), await db.Companies.CountAsync(), await db.Enrolments.CountAsync(),
            await db.ProgrammeMembers.CountAsync(), await db.AttendanceMarks.CountAsync(), await db.Programmes.CountAsync());
    }
}
