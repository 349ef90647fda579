using CpTraining.Web.Data;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CpTraining.Web.Tests.Schema;

/// <summary>
/// The migrations (hand-written ones, then the Baseline and those generated from its snapshot) must produce exactly
/// the schema the EF model describes. Database A is migrated (the factory's database, cloned from the migrated
/// template); database B is made by <c>EnsureCreated</c> from the model. Their catalogues must agree.
/// (<see cref="MigrationSnapshotTests"/> checks the model against the snapshot; this checks the database itself.)
/// </summary>
public sealed class SchemaDriftTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private const string HistoryTable = "__EFMigrationsHistory";

    [Fact]
    public async Task Migrations_produce_the_same_schema_as_the_model()
    {
        var server = await PostgresServer.SharedAsync();
        var modelDatabase = await server.CreateEmptyDatabaseAsync();
        try
        {
            var modelConnection = server.ConnectionString(modelDatabase);
            await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(modelConnection).Options))
            {
                Assert.True(await db.Database.EnsureCreatedAsync(), "EnsureCreated made no tables");
            }

            var migrated = await DescribeAsync(factory.ConnectionString);
            var model = await DescribeAsync(modelConnection);

            // Not an empty comparison: the schema has the Identity tables, programmes, sessions, agendas, outbox and key ring.
            Assert.True(migrated.Count(line => line.StartsWith("column ", StringComparison.Ordinal)) > 60, string.Join('\n', migrated));
            Assert.Contains(migrated, line => line.StartsWith("index agenda_items.ix_agenda_items_session_id_day_position", StringComparison.Ordinal));
            Assert.Contains(migrated, line => line.StartsWith("constraint sessions.ck_sessions_days", StringComparison.Ordinal));

            var onlyMigrated = migrated.Except(model).ToList();
            var onlyModel = model.Except(migrated).ToList();
            if (onlyMigrated.Count > 0 || onlyModel.Count > 0)
            {
                Assert.Fail(
                    "The migrations and the model disagree. Write a migration (or fix the last one) so that they match.\n"
                    + "Only in the migrated database:\n  " + string.Join("\n  ", onlyMigrated) + "\n"
                    + "Only in the database created from the model:\n  " + string.Join("\n  ", onlyModel));
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await server.DropDatabaseAsync(modelDatabase);
        }
    }

    [Fact]
    public async Task No_migration_writes_an_xmin_column()
    {
        // Row versions map to PostgreSQL's system column xmin; a real column of that name would break them.
        var migrated = await DescribeAsync(factory.ConnectionString);
        Assert.DoesNotContain(migrated, line => line.Contains(".xmin:", StringComparison.Ordinal));
    }

    /// <summary>One sorted line per column, index and constraint of the public schema (the migrations history table excluded).</summary>
    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        await ReadAsync(connection, lines, $"""
            SELECT 'column ' || table_name || '.' || column_name || ': '
                || data_type
                || ' length=' || coalesce(character_maximum_length::text, '-')
                || ' precision=' || coalesce(numeric_precision::text, '-')
                || ' scale=' || coalesce(numeric_scale::text, '-')
                || ' datetime_precision=' || coalesce(datetime_precision::text, '-')
                || ' nullable=' || is_nullable
                || ' default=' || coalesce(column_default, '-')
                || ' identity=' || is_identity || coalesce(' ' || identity_generation, '')
                || ' generated=' || is_generated
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name <> '{HistoryTable}'
            """);

        await ReadAsync(connection, lines, $"""
            SELECT 'index ' || tablename || '.' || indexname || ': ' || indexdef
            FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '{HistoryTable}'
            """);

        await ReadAsync(connection, lines, $"""
            SELECT 'constraint ' || c.conrelid::regclass::text || '.' || c.conname || ': ' || pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.connamespace = 'public'::regnamespace AND c.conrelid::regclass::text <> '"{HistoryTable}"'
            """);

        await ReadAsync(connection, lines, $"""
            SELECT 'table ' || table_name || ': ' || table_type
            FROM information_schema.tables
            WHERE table_schema = 'public' AND table_name <> '{HistoryTable}'
            """);

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static async Task ReadAsync(NpgsqlConnection connection, List<string> lines, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
    }
}
