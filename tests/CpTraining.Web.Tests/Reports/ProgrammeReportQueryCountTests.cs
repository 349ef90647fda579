using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Attendance;
using CpTraining.TestSupport;
using static CpTraining.Web.Tests.Options.OptionsSetup;

namespace CpTraining.Web.Tests.Reports;

/// <summary>
/// The programme report sends the same number of SQL commands for 2 companies as for 6, each with a team, a worksheet,
/// options linked to its streams and attendance marks: no query per company, person, option or worksheet.
/// </summary>
public sealed class ProgrammeReportQueryCountTests(QueryCountingFactory factory) : IClassFixture<QueryCountingFactory>
{
    [Fact]
    public async Task The_programme_report_makes_a_constant_number_of_queries()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var small = await ProgrammeAsync(coordinator, companies: 2);
        var large = await ProgrammeAsync(coordinator, companies: 6);
        var client = await factory.ClientAsync(coordinator);

        var smallCount = await CountAsync(client, $"/programmes/{small}/report", 2);
        var largeCount = await CountAsync(client, $"/programmes/{large}/report", 6);

        Assert.True(smallCount > 0, "The counter saw no commands");
        Assert.Equal(smallCount, largeCount);
    }

    private async Task<Guid> ProgrammeAsync(AppUser coordinator, int companies)
    {
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-10), "Programme " + companies);
        var now = factory.Clock.GetUtcNow();
        for (var c = 0; c < companies; c++)
        {
            var company = await factory.EnrolCompanyAsync(programme.Id, $"Company {c:00}");
            var engineer = await factory.EngineerAsync(programme.Id, company.Id, $"Engineer {companies}-{c}");
            await factory.MarkAsync(programme.Id, 1, coordinator.Id, (engineer, 1, AttendanceStatus.Present));
            var sheet = Worksheet.Create(programme.Id, company.Id, "Line", "Rinsing", "UAH", now);
            var step = sheet.AddStep("Rinse");
            var water = sheet.AddStream(new StreamSpec("Water in", "Water", null, step.Id, Quantity.Of(1_000m, Unit.Tonne)));
            sheet.AddStream(new StreamSpec("Waste water", "Water", step.Id, null, Quantity.Of(1_000m, Unit.Tonne), OutputClass: OutputClass.Wastewater));
            await using (var db = factory.NewDbContext())
            {
                db.Worksheets.Add(sheet);
                await db.SaveChangesAsync();
            }

            var options = Enumerable.Range(1, 3).Select(n =>
            {
                var o = Option(programme.Id, company.Id, n, $"Option {n}", now, kind: OptionKind.Investment, economics: Flat(1_000m * n, 400m, 5, 0.1m));
                o.LinkStreams([new StreamLink(sheet.Id, water.Id, false, 10m)]);
                return o.Walk(now, OptionStatus.UnderStudy, OptionStatus.Feasible);
            }).ToArray();
            await SaveAsync(factory, options);
        }

        return programme.Id;
    }

    private async Task<int> CountAsync(HttpClient client, string url, int companies)
    {
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        factory.Counter.Start(url);
        var response = await client.GetAsync(url);
        var count = factory.Counter.Stop();
        response.EnsureSuccessStatusCode();
        var page = await FormClient.ParseAsync(response);
        Assert.Equal(companies, page.QuerySelectorAll(".report-company").Length);
        Assert.Equal(companies * 3, page.QuerySelectorAll("#pipeline-table tbody tr").Length);
        return count;
    }
}
