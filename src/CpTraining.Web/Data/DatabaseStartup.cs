using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CpTraining.Web.Data;

/// <summary>Applies migrations at start-up (retrying while the database comes up), then roles and the configured administrator (demo data, when asked, is seeded by Program after this).</summary>
internal static partial class DatabaseStartup
{
    public static async Task<bool> PrepareAsync(IServiceProvider root, IConfiguration configuration, ILogger logger)
    {
        // Without a usable connection string there is nothing to retry; say what to set instead of failing with a stack trace.
        var connectionString = configuration.GetConnectionString("Default") ?? string.Empty;
        if (Unusable(connectionString) is { } problem)
        {
            LogNoConnectionString(logger, problem);
            return false;
        }

        var attempts = Math.Max(1, configuration.GetValue("Database:StartupAttempts", 10));
        var delay = TimeSpan.FromSeconds(configuration.GetValue("Database:StartupRetrySeconds", 3.0));
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var scope = root.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                await db.Database.MigrateAsync();
                break;
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException || ex.InnerException is NpgsqlException)
            {
                var target = Describe(connectionString);
                if (attempt >= attempts)
                {
                    LogUnreachable(logger, target, attempt, ex.Message);
                    return false;
                }

                LogRetrying(logger, target, attempt, attempts, ex.Message);
                await Task.Delay(delay);
            }
        }

        using (var scope = root.CreateScope())
        {
            var services = scope.ServiceProvider;
            await IdentitySetup.EnsureRolesAsync(services.GetRequiredService<RoleManager<IdentityRole>>());
            await IdentitySetup.EnsureConfiguredAdministratorAsync(services, configuration, logger);
        }

        return true;
    }

    /// <summary>Why the connection string cannot be used at all, or null when it can be tried.</summary>
    private static string? Unusable(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return "no connection string is set";
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(connectionString);
            return null;
        }
        catch (ArgumentException ex)
        {
            return "the connection string cannot be read (" + ex.Message + ")";
        }
    }

    /// <summary>Host, port and database of a (usable) connection string, without the password, for log lines.</summary>
    private static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database}";
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database {Target} not reachable (attempt {Attempt} of {Attempts}): {Error}")]
    private static partial void LogRetrying(ILogger logger, string target, int attempt, int attempts, string error);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot start: {Problem}. Set ConnectionStrings__Default to the PostgreSQL database, e.g. Host=localhost;Port=5432;Database=cptraining;Username=cptraining;Password=...")]
    private static partial void LogNoConnectionString(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Cannot start: database {Target} not reachable after {Attempts} attempts: {Error}. Check ConnectionStrings__Default and that PostgreSQL is running.")]
    private static partial void LogUnreachable(ILogger logger, string target, int attempts, string error);
}
