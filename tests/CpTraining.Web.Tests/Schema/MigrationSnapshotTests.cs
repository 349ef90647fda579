using CpTraining.Web.Data;
using CpTraining.Web.Data.Configurations;
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

    [Fact]
    public async Task Uncertainties_stored_as_percentages_become_relative_uncertainties_with_their_figures()
    {
        var server = await PostgresServer.SharedAsync();
        var database = await server.CreateEmptyDatabaseAsync();
        try
        {
            var connectionString = server.ConnectionString(database);
            await using (var before = NewContext(connectionString))
            {
                await before.GetService<IMigrator>().MigrateAsync("20261207162749_FindingReviews");

                // Rows as the old column held them (foreign keys off: only the streams matter here; braces doubled for the raw SQL's format).
                await before.Database.ExecuteSqlRawAsync("""
                    SET session_replication_role = replica;
                    INSERT INTO material_streams (id, worksheet_id, name, material, quantity, annual_kilograms, obtained, uncertainty_percent)
                    VALUES ('00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'Water', 'water', '{{"Text":"10","Value":10,"Unit":"Tonne"}}', 10000, 'Measured', 5.000),
                           ('00000000-0000-0000-0000-000000000002', gen_random_uuid(), 'Salt', 'salt', '{{"Text":"1","Value":1,"Unit":"Tonne"}}', 1000, 'Measured', 0.234),
                           ('00000000-0000-0000-0000-000000000003', gen_random_uuid(), 'Dye', 'dye', '{{"Text":"1","Value":1,"Unit":"Tonne"}}', 1000, 'Measured', NULL);
                    INSERT INTO energy_streams (id, worksheet_id, step_id, carrier, quantity, annual_megajoules, obtained, uncertainty_percent)
                    VALUES ('00000000-0000-0000-0000-000000000004', gen_random_uuid(), gen_random_uuid(), 'Electricity', '{{"Text":"1","Value":1,"Unit":"MegawattHour"}}', 3600, 'Measured', 2.500);
                    SET session_replication_role = DEFAULT;
                    """);
            }

            await using (var after = NewContext(connectionString))
            {
                await after.Database.MigrateAsync();

                var rows = await after.Database.SqlQueryRaw<string?>(
                        "SELECT uncertainty::text AS \"Value\" FROM material_streams ORDER BY id").ToListAsync();
                var energy = await after.Database.SqlQueryRaw<string?>("SELECT uncertainty::text AS \"Value\" FROM energy_streams").SingleAsync();
                Assert.Equal(
                    [Domain.Balances.Uncertainty.Percent(5m), new Domain.Balances.Uncertainty("0.234", 0.234m, Domain.Balances.UncertaintyKind.Relative), null],
                    rows.Select(r => r is null ? null : JsonColumn.Deserialize<Domain.Balances.Uncertainty>(r)));
                Assert.Equal("5", JsonColumn.Deserialize<Domain.Balances.Uncertainty>(rows[0]!)!.Text);
                Assert.Equal(new Domain.Balances.Uncertainty("2.5", 2.5m, Domain.Balances.UncertaintyKind.Relative), JsonColumn.Deserialize<Domain.Balances.Uncertainty>(energy!));
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
