using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CpTraining.Web.Tests.Health;

/// <summary>
/// The app migrates the database before it serves anything. When the database cannot be reached after the
/// configured attempts it logs why and Program returns exit code 1 instead of running without a database.
/// </summary>
public sealed class StartupTests
{
    [Fact]
    public void App_does_not_start_when_the_database_is_unreachable_and_says_why()
    {
        var port = ClosedPort();
        var logs = new ListLoggerProvider();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:Default", $"Host=127.0.0.1;Port={port};Database=cptraining_nowhere;Username=postgres;Timeout=5");
            b.UseSetting("Database:StartupAttempts", "2");
            b.UseSetting("Database:StartupRetrySeconds", "0.1");
            b.ConfigureLogging(l => l.AddProvider(logs));
        });

        // Program returns 1 before app.RunAsync(), so the host is built but never started: WebApplicationFactory
        // then has a TestServer without an application and refuses to hand out a client.
        var ex = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("server has not been started", ex.Message, StringComparison.Ordinal);

        var retried = Assert.Single(logs.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains("not reachable (attempt 1 of 2)", StringComparison.Ordinal));
        Assert.Contains($"127.0.0.1:{port}/cptraining_nowhere", retried.Text, StringComparison.Ordinal);
        var fatal = Assert.Single(logs.Messages, m => m.Level == LogLevel.Critical);
        Assert.StartsWith($"Cannot start: database 127.0.0.1:{port}/cptraining_nowhere not reachable after 2 attempts", fatal.Text, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Default", fatal.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "no connection string is set")]
    [InlineData("Host=127.0.0.1;Colour=green", "the connection string cannot be read")]
    [InlineData("Host=127.0.0.1;Port=five", "the connection string cannot be read")]
    public void App_does_not_start_without_a_usable_connection_string_and_says_what_to_set(string connectionString, string problem)
    {
        var logs = new ListLoggerProvider();
        using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Testing");
            b.UseSetting("ConnectionStrings:Default", connectionString);
            b.ConfigureLogging(l => l.AddProvider(logs));
        });

        var ex = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("server has not been started", ex.Message, StringComparison.Ordinal);
        var fatal = Assert.Single(logs.Messages, m => m.Level == LogLevel.Critical);
        Assert.StartsWith("Cannot start: " + problem, fatal.Text, StringComparison.Ordinal);
        Assert.Contains("Set ConnectionStrings__Default", fatal.Text, StringComparison.Ordinal);

        // Nothing to retry: no connection was attempted.
        Assert.DoesNotContain(logs.Messages, m => m.Level == LogLevel.Warning && m.Text.Contains("not reachable", StringComparison.Ordinal));
    }

    private static int ClosedPort()
    {
        // A port that was free a moment ago: nothing listens there.
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private sealed record LogMessage(string Category, LogLevel Level, string Text);

    /// <summary>Keeps every log line the app writes, beside its own Serilog console output.</summary>
    private sealed class ListLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<LogMessage> _messages = new();

        public IReadOnlyList<LogMessage> Messages => [.. _messages];

        public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, _messages);

        public void Dispose()
        {
        }

        private sealed class ListLogger(string category, ConcurrentQueue<LogMessage> messages) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                messages.Enqueue(new LogMessage(category, logLevel, formatter(state, exception)));
        }
    }
}
