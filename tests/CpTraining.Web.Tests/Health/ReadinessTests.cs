using System.Net;
using CpTraining.TestSupport;
using Npgsql;

namespace CpTraining.Web.Tests.Health;

/// <summary>
/// Readiness turns unhealthy (503) when the running app's database is behind its migrations or goes away,
/// while liveness stays healthy (the process itself is fine; restarting it would not help).
/// These tests damage their database, so they have a factory of their own and run one after the other.
/// </summary>
public sealed class ReadinessTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task Readiness_is_unhealthy_while_a_migration_is_pending()
    {
        using var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        var removed = await ExecuteAsync(factory.ConnectionString, """DELETE FROM "__EFMigrationsHistory" WHERE "MigrationId" = '20261122090000_Initial'""");
        Assert.Equal(1, removed);
        try
        {
            var response = await client.GetAsync("/health/ready");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await ExecuteAsync(factory.ConnectionString, """INSERT INTO "__EFMigrationsHistory" ("MigrationId", "ProductVersion") VALUES ('20261122090000_Initial', '10.0.14')""");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Readiness_is_unhealthy_while_the_database_refuses_connections()
    {
        using var client = factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        var admin = new NpgsqlConnectionStringBuilder(factory.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await ExecuteAsync(admin, $"""ALTER DATABASE "{factory.DatabaseName}" ALLOW_CONNECTIONS false""");
        try
        {
            await ExecuteAsync(admin, $"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{factory.DatabaseName}'");
            NpgsqlConnection.ClearAllPools();

            var response = await client.GetAsync("/health/ready");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        }
        finally
        {
            await ExecuteAsync(admin, $"""ALTER DATABASE "{factory.DatabaseName}" ALLOW_CONNECTIONS true""");
        }

        NpgsqlConnection.ClearAllPools();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    private static async Task<int> ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }
}
