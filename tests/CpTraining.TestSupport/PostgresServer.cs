using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace CpTraining.TestSupport;

/// <summary>
/// One PostgreSQL server per test process: either the server named by the
/// <c>CPTRAINING_TEST_DB</c> connection string, or a throwaway cluster started from the
/// local PostgreSQL binaries and removed again when the process exits.
/// Tests get their own database cloned from a template that is migrated once.
/// </summary>
public sealed class PostgresServer
{
    private const string ExternalServerVariable = "CPTRAINING_TEST_DB";
    private const string FolderPrefix = "cptraining-pg-";
    private const string ObjectInUseSqlState = "55006";
    private const int CloneAttempts = 10;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(90);
    private static readonly Lazy<Task<PostgresServer>> Shared =
        new(() => Task.Run(Start), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly NpgsqlConnectionStringBuilder _baseConnectionString;
    private readonly Cluster? _cluster;
    private readonly string _templateName;
    private readonly SemaphoreSlim _templateLock = new(1, 1);
    private readonly SemaphoreSlim _cloneLock = new(1, 1);
    private readonly ConcurrentDictionary<string, bool> _liveDatabases = new(StringComparer.Ordinal);
    private volatile bool _templateReady;
    private int _counter;

    private PostgresServer(NpgsqlConnectionStringBuilder baseConnectionString, Cluster? cluster)
    {
        _baseConnectionString = baseConnectionString;
        _cluster = cluster;
        _templateName = Invariant($"cptraining_tmpl_{Environment.ProcessId}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Shutdown();
    }

    /// <summary>The server shared by every fixture of this process.</summary>
    public static Task<PostgresServer> SharedAsync() => Shared.Value;

    /// <summary>A connection string for <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database)
    {
        var builder = new NpgsqlConnectionStringBuilder(_baseConnectionString.ConnectionString)
        {
            Database = database,
        };
        return builder.ConnectionString;
    }

    /// <summary>
    /// Creates and migrates the template database once per process. If <paramref name="migrate"/>
    /// fails, the next call tries again from scratch.
    /// </summary>
    public async Task EnsureTemplateAsync(Func<string, Task> migrate)
    {
        ArgumentNullException.ThrowIfNull(migrate);
        if (_templateReady)
        {
            return;
        }

        await _templateLock.WaitAsync();
        try
        {
            if (_templateReady)
            {
                return;
            }

            await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {Quote(_templateName)} WITH (FORCE)");
            await ExecuteAdminAsync($"CREATE DATABASE {Quote(_templateName)}");
            await migrate(ConnectionString(_templateName));

            // Cloning needs the template to have no open connections, pooled ones included.
            NpgsqlConnection.ClearAllPools();
            _templateReady = true;
        }
        finally
        {
            _templateLock.Release();
        }
    }

    /// <summary>Clones the template into a new database and returns its name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        if (!_templateReady)
        {
            throw new InvalidOperationException(
                $"Call {nameof(EnsureTemplateAsync)} before {nameof(CreateDatabaseAsync)}.");
        }

        var number = Interlocked.Increment(ref _counter);
        var name = Invariant($"t_{Environment.ProcessId}_{number}_{Guid.NewGuid().ToString("N")[..6]}");
        var sql = $"CREATE DATABASE {Quote(name)} TEMPLATE {Quote(_templateName)}";

        // PostgreSQL refuses to clone a template that another CREATE DATABASE is reading,
        // so clones are made one at a time, with a few retries for stray connections.
        await _cloneLock.WaitAsync();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await ExecuteAdminAsync(sql);
                    break;
                }
                catch (PostgresException ex) when (ex.SqlState == ObjectInUseSqlState && attempt < CloneAttempts)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
                }
            }
        }
        finally
        {
            _cloneLock.Release();
        }

        _liveDatabases[name] = true;
        return name;
    }

    /// <summary>
    /// Creates a new database with no tables (not cloned from the template) and returns its name;
    /// for tests that build a schema another way, such as <c>EnsureCreated</c>. Drop it with <see cref="DropDatabaseAsync"/>.
    /// </summary>
    public async Task<string> CreateEmptyDatabaseAsync()
    {
        var number = Interlocked.Increment(ref _counter);
        var name = Invariant($"e_{Environment.ProcessId}_{number}_{Guid.NewGuid().ToString("N")[..6]}");
        await ExecuteAdminAsync($"CREATE DATABASE {Quote(name)}");
        _liveDatabases[name] = true;
        return name;
    }

    /// <summary>Drops a database made by <see cref="CreateDatabaseAsync"/>; failures are ignored.</summary>
    public async Task DropDatabaseAsync(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _liveDatabases.TryRemove(name, out _);
        try
        {
            using (var connection = new NpgsqlConnection(ConnectionString(name)))
            {
                NpgsqlConnection.ClearPool(connection);
            }

            await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // A database left behind only costs disk space; never fail a test for it.
        }
        catch (InvalidOperationException)
        {
        }
    }

    private static PostgresServer Start()
    {
        var external = Environment.GetEnvironmentVariable(ExternalServerVariable);
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new PostgresServer(new NpgsqlConnectionStringBuilder(external), cluster: null);
        }

        var cluster = Cluster.Start();
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = cluster.Port,
            Username = "postgres",
            Database = "postgres",
            IncludeErrorDetail = true,
            Pooling = true,
        };
        return new PostgresServer(builder, cluster);
    }

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.CommandTimeout = (int)CommandTimeout.TotalSeconds;
        await command.ExecuteNonQueryAsync();
    }

    private void Shutdown()
    {
        if (_cluster is not null)
        {
            // The cluster stops itself and removes its folder on process exit.
            return;
        }

        // On a shared server, remove what this process created and did not drop.
        NpgsqlConnection.ClearAllPools();
        foreach (var name in _liveDatabases.Keys.Append(_templateName))
        {
            try
            {
                using var connection = new NpgsqlConnection(ConnectionString("postgres"));
                connection.Open();
                using var command = new NpgsqlCommand(
                    $"DROP DATABASE IF EXISTS {Quote(name)} WITH (FORCE)", connection);
                command.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Invariant(FormattableString value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A throwaway cluster in a folder under /tmp, run as <c>postgres</c> when we are root.</summary>
    private sealed class Cluster
    {
        private const int StartAttempts = 3;

        private readonly string _binDirectory;
        private readonly string _folder;
        private readonly bool _asPostgresUser;
        private int _stopped;

        private Cluster(string binDirectory, string folder, bool asPostgresUser)
        {
            _binDirectory = binDirectory;
            _folder = folder;
            _asPostgresUser = asPostgresUser;
        }

        public int Port { get; private set; }

        private string DataDirectory => Path.Combine(_folder, "data");

        private string LogFile => Path.Combine(_folder, "postgres.log");

        public static Cluster Start()
        {
            var binDirectory = FindBinDirectory();
            var asPostgresUser = IsRoot();
            RemoveAbandonedFolders(binDirectory, asPostgresUser);

            var folder = Path.Combine(
                Path.GetTempPath(),
                Invariant($"{FolderPrefix}{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}"));
            Directory.CreateDirectory(folder);
            var cluster = new Cluster(binDirectory, folder, asPostgresUser);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
            try
            {
                if (asPostgresUser)
                {
                    RunChecked("chown", ["postgres:postgres", folder], folder);
                }

                cluster.StartWatchdog();

                cluster.RunTool(
                    "initdb",
                    ["-D", cluster.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8"]);

                // The free port can be taken between probing and binding; try a few ports.
                for (var attempt = 1; ; attempt++)
                {
                    var port = FindFreePort();
                    var options = Invariant(
                        $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300");
                    try
                    {
                        cluster.RunTool("pg_ctl", ["-D", cluster.DataDirectory, "-l", cluster.LogFile, "-w", "-o", options, "start"]);
                    }
                    catch (InvalidOperationException ex) when (attempt < StartAttempts)
                    {
                        Trace.WriteLine(ex.Message);
                        continue;
                    }

                    cluster.Port = port;
                    return cluster;
                }
            }
            catch (Exception ex)
            {
                var log = File.Exists(cluster.LogFile) ? File.ReadAllText(cluster.LogFile) : "(no server log)";
                cluster.Stop();
                throw new InvalidOperationException(
                    $"Could not start a throwaway PostgreSQL cluster in {folder}: {ex.Message}{Environment.NewLine}Server log:{Environment.NewLine}{log}",
                    ex);
            }
        }

        /// <summary>Stops the server and deletes its folder; safe to call more than once.</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0)
            {
                return;
            }

            StopAndDelete(_binDirectory, _folder, _asPostgresUser);
        }

        /// <summary>
        /// The test host may be killed before ProcessExit handlers finish (vstest allows it only
        /// a moment), so a detached shell waits for this process to end and then stops the
        /// server and removes the folder in any case.
        /// </summary>
        private void StartWatchdog()
        {
            const string script = """
                exec </dev/null >/dev/null 2>&1
                while kill -0 "$1"; do sleep 1; done
                if [ -f "$2/data/postmaster.pid" ]; then
                  if [ "$4" = 1 ]; then runuser -u postgres -- "$3" -D "$2/data" -m immediate stop
                  else "$3" -D "$2/data" -m immediate stop; fi
                fi
                rm -rf "$2"
                """;
            RunChecked(
                "setsid",
                [
                    "-f", "sh", "-c", script, "cptraining-pg-watchdog",
                    Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                    _folder,
                    Path.Combine(_binDirectory, "pg_ctl"),
                    _asPostgresUser ? "1" : "0",
                ],
                _folder);
        }

        private void RunTool(string tool, IReadOnlyList<string> arguments) =>
            RunAs(_asPostgresUser, Path.Combine(_binDirectory, tool), arguments, _folder);

        private static void StopAndDelete(string binDirectory, string folder, bool asPostgresUser)
        {
            var dataDirectory = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
            {
                try
                {
                    RunAs(asPostgresUser, Path.Combine(binDirectory, "pg_ctl"), ["-D", dataDirectory, "-m", "immediate", "stop"], folder);
                }
                catch (InvalidOperationException)
                {
                    // Already stopped, or cannot be stopped: still try to remove the folder.
                }
            }

            for (var attempt = 1; attempt <= 5 && Directory.Exists(folder); attempt++)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    Thread.Sleep(200);
                }
                catch (UnauthorizedAccessException)
                {
                    Thread.Sleep(200);
                }
            }
        }

        /// <summary>Removes clusters left by test processes that were killed before they could clean up.</summary>
        private static void RemoveAbandonedFolders(string binDirectory, bool asPostgresUser)
        {
            string[] folders;
            try
            {
                folders = Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*");
            }
            catch (IOException)
            {
                return;
            }
            catch (UnauthorizedAccessException)
            {
                return;
            }

            foreach (var folder in folders)
            {
                var parts = Path.GetFileName(folder)[FolderPrefix.Length..].Split('-');
                if (parts.Length != 2
                    || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                    || pid == Environment.ProcessId
                    || IsAlive(pid))
                {
                    continue;
                }

                StopAndDelete(binDirectory, folder, asPostgresUser);
            }
        }

        private static bool IsAlive(int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private static string FindBinDirectory()
        {
            const string root = "/usr/lib/postgresql";
            var preferred = Path.Combine(root, "15", "bin");
            if (File.Exists(Path.Combine(preferred, "initdb")))
            {
                return preferred;
            }

            var newest = Directory.Exists(root)
                ? Directory.GetDirectories(root)
                    .Select(dir => (Dir: dir, Ok: int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var version), Version: version))
                    .Where(candidate => candidate.Ok && File.Exists(Path.Combine(candidate.Dir, "bin", "initdb")))
                    .OrderByDescending(candidate => candidate.Version)
                    .Select(candidate => Path.Combine(candidate.Dir, "bin"))
                    .FirstOrDefault()
                : null;

            return newest ?? throw new InvalidOperationException(
                $"No PostgreSQL server binaries found under {root}. Install them with `apt-get install postgresql`, " +
                $"or set {ExternalServerVariable} to the connection string of a server whose user can CREATE DATABASE.");
        }

        private static bool IsRoot()
        {
            if (string.Equals(Environment.UserName, "root", StringComparison.Ordinal))
            {
                return true;
            }

            try
            {
                return RunChecked("id", ["-u"], Path.GetTempPath()).Trim() == "0";
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private static int FindFreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }

        private static void RunAs(bool asPostgresUser, string fileName, IReadOnlyList<string> arguments, string workingDirectory)
        {
            if (asPostgresUser)
            {
                RunChecked("runuser", ["-u", "postgres", "--", fileName, .. arguments], workingDirectory);
            }
            else
            {
                RunChecked(fileName, arguments, workingDirectory);
            }
        }

        /// <summary>Runs a command, returns its standard output, and throws with all its output if it fails.</summary>
        private static string RunChecked(string fileName, IReadOnlyList<string> arguments, string workingDirectory)
        {
            var startInfo = new ProcessStartInfo(fileName)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
                WorkingDirectory = workingDirectory,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            var commandLine = string.Join(' ', arguments.Prepend(fileName));
            Process process;
            try
            {
                process = Process.Start(startInfo)
                    ?? throw new InvalidOperationException($"Could not start `{commandLine}`.");
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new InvalidOperationException($"Could not start `{commandLine}`: {ex.Message}", ex);
            }

            using (process)
            {
                process.StandardInput.Close();
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(CommandTimeout))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                    throw new InvalidOperationException(
                        $"`{commandLine}` did not finish within {CommandTimeout.TotalSeconds:0} s.{Describe(stdout, stderr)}");
                }

                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"`{commandLine}` exited with code {process.ExitCode}.{Describe(stdout, stderr)}");
                }

                return stdout.GetAwaiter().GetResult();
            }
        }

        private static string Describe(Task<string> stdout, Task<string> stderr)
        {
            var nl = Environment.NewLine;
            var output = stdout.Wait(TimeSpan.FromSeconds(5)) ? stdout.Result : "(unavailable)";
            var errors = stderr.Wait(TimeSpan.FromSeconds(5)) ? stderr.Result : "(unavailable)";
            return $"{nl}stdout:{nl}{output}{nl}stderr:{nl}{errors}";
        }
    }
}
