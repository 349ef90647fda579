using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using static CpTraining.Web.Tests.Options.OptionsSetup;

namespace CpTraining.Web.Tests.Options;

/// <summary>
/// The programme-wide comparison sends the same number of SQL commands for 2 companies as for 30, each with a
/// worksheet and options linked to its streams: no query per company, option or worksheet.
/// </summary>
public sealed class ComparisonQueryCountTests(QueryCountingFactory factory) : IClassFixture<QueryCountingFactory>
{
    [Fact]
    public async Task The_programme_comparison_makes_a_constant_number_of_queries()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var small = await ProgrammeAsync(coordinator, companies: 2, optionsEach: 3);
        var large = await ProgrammeAsync(coordinator, companies: 30, optionsEach: 5);
        var client = await factory.ClientAsync(coordinator);

        var smallCount = await CountAsync(client, $"/programmes/{small}/options/compare", 6);
        var largeCount = await CountAsync(client, $"/programmes/{large}/options/compare", 150);

        Assert.True(smallCount > 0, "The counter saw no commands");
        Assert.Equal(smallCount, largeCount);
    }

    private async Task<Guid> ProgrammeAsync(AppUser coordinator, int companies, int optionsEach)
    {
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-10), "Programme " + companies);
        var now = factory.Clock.GetUtcNow();
        for (var c = 0; c < companies; c++)
        {
            var company = await factory.EnrolCompanyAsync(programme.Id, $"Company {c:00}");
            var sheet = Worksheet.Create(programme.Id, company.Id, "Line", "Rinsing", "UAH", now);
            var step = sheet.AddStep("Rinse");
            var water = sheet.AddStream(new StreamSpec("Water in", "Water", null, step.Id, Quantity.Of(1_000m, Unit.Tonne)));
            sheet.AddStream(new StreamSpec("Waste water", "Water", step.Id, null, Quantity.Of(1_000m, Unit.Tonne), OutputClass: OutputClass.Wastewater));
            var energy = sheet.AddEnergyStream(new EnergyStreamSpec(null, step.Id, EnergyCarrier.Electricity, Quantity.Of(100_000m, Unit.KilowattHour)));
            await using (var db = factory.NewDbContext())
            {
                db.Worksheets.Add(sheet);
                await db.SaveChangesAsync();
            }

            var options = Enumerable.Range(1, optionsEach).Select(n =>
            {
                var o = Option(programme.Id, company.Id, n, $"Option {n}", now, economics: Flat(1_000m * n, 400m, 5, 0.1m));
                o.LinkStreams([new StreamLink(sheet.Id, water.Id, false, 10m), new StreamLink(sheet.Id, energy.Id, true, 5m)]);
                return o;
            }).ToArray();
            await SaveAsync(factory, options);
        }

        return programme.Id;
    }

    private async Task<int> CountAsync(HttpClient client, string url, int expectedRows)
    {
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        factory.Counter.Start(url);
        var response = await client.GetAsync(url);
        var count = factory.Counter.Stop();
        response.EnsureSuccessStatusCode();
        var page = await FormClient.ParseAsync(response);
        Assert.Equal(expectedRows, page.QuerySelectorAll("#compare-table tbody tr").Length);
        Assert.NotNull(page.QuerySelector("#curve svg"));
        return count;
    }
}
