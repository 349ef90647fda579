using CpTraining.Web.Data;
using CpTraining.Web.Data.Migrations;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace CpTraining.Web.Tests.Schema;

/// <summary>
/// Migrations are generated from the model snapshot (<c>dotnet ef migrations add</c>) since the Baseline migration. The
/// model must agree with the snapshot of the last migration, or a change to the model has no migration yet (this test is
/// what makes CI fail then). The Baseline itself changes nothing, so databases made by the hand-written migrations
/// upgrade without a change to their schema or data.
/// </summary>
public sealed class MigrationSnapshotTests
{
    private const string LastHandWritten = "20261202120000_PublishedReports";

    [Fact]
    public void The_model_has_no_changes_that_the_last_migration_does_not_describe()
    {
        // No connection is opened: the model is compared with the snapshot in the assembly.
        using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql("Host=localhost;Database=unused").Options);

        Assert.False(
            db.Database.HasPendingModelChanges(),
            "The model has changes that no migration describes. Add one: dotnet tool restore && dotnet ef migrations add Name --project src/CpTraining.Web (then review it).");
    }

    [Fact]
    public void The_baseline_migration_changes_nothing()
    {
        var baseline = new Baseline();

        Assert.Empty(baseline.UpOperations);
        Assert.Empty(baseline.DownOperations);
    }

    [Fact]
    public async Task A_database_made_by_the_hand_written_migrations_upgrades_and_keeps_its_data()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateEmptyDatabaseAsync();
        try
        {
            var connectionString = server.ConnectionString(database);
            await using (var before = NewContext(connectionString))
            {
                // A deployment from before the Baseline: every hand-written migration applied, and data in the tables.
                await before.GetService<IMigrator>().MigrateAsync(LastHandWritten);
                await before.Database.ExecuteSqlRawAsync(
                    "INSERT INTO data_protection_keys (friendly_name, xml) VALUES ('key-1', '<key id=\"1\" version=\"1\" />')");
                Assert.Contains("20261207105157_Baseline", await before.Database.GetPendingMigrationsAsync());
            }

            await using (var after = NewContext(connectionString))
            {
                await after.Database.MigrateAsync();

                Assert.Empty(await after.Database.GetPendingMigrationsAsync());
                Assert.Equal(after.Database.GetMigrations(), await after.Database.GetAppliedMigrationsAsync());
                var key = Assert.Single(await after.DataProtectionKeys.AsNoTracking().ToListAsync());
                Assert.Equal(("key-1", "<key id=\"1\" version=\"1\" />"), (key.FriendlyName, key.Xml));
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.DropDatabaseAsync(database);
        }
    }

    private static AppDbContext NewContext(string connectionString) =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).Options);
}
