using CpTraining.TestSupport;
using static CpTraining.Web.Tests.Balances.BalanceSetup;

namespace CpTraining.Web.Tests.Balances;

/// <summary>
/// The balance page sends the same number of SQL commands for a 2-step worksheet as for 40 steps and 400 streams
/// (with reconciliation shown): no query per step, stream or energy carrier.
/// </summary>
public sealed class BalanceQueryCountTests(QueryCountingFactory factory) : IClassFixture<QueryCountingFactory>
{
    [Fact]
    public async Task The_balance_page_makes_a_constant_number_of_queries()
    {
        var (programmeId, companyId, engineer) = await CompanyAsync(factory);
        var small = await SaveAsync(factory, Large(programmeId, companyId, factory.Clock.GetUtcNow(), steps: 2));
        var large = Large(programmeId, companyId, factory.Clock.GetUtcNow());
        Assert.Equal((40, 400), (large.Steps.Count, large.Streams.Count));
        await SaveAsync(factory, large);
        var client = await factory.ClientAsync(engineer);

        var smallCount = await CountAsync(client, Balance(small) + "?reconcile=true", expectedStreams: 20);
        var largeCount = await CountAsync(client, Balance(large.Id) + "?reconcile=true", expectedStreams: 400);

        Assert.True(smallCount > 0, "The counter saw no commands");
        Assert.Equal(smallCount, largeCount);
    }

    private async Task<int> CountAsync(HttpClient client, string url, int expectedStreams)
    {
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        factory.Counter.Start(url);
        var response = await client.GetAsync(url);
        var count = factory.Counter.Stop();
        response.EnsureSuccessStatusCode();
        var page = await FormClient.ParseAsync(response);
        Assert.Equal(expectedStreams, page.QuerySelectorAll("#reconciliation-table tbody tr").Length);
        Assert.NotNull(page.QuerySelector("#mass-sankey svg"));
        return count;
    }
}
