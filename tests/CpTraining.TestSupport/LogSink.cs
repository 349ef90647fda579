using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace CpTraining.TestSupport;

/// <summary>
/// Keeps the app's Serilog events in memory (registered as an <see cref="ILogEventSink"/> service, which the app's
/// logger reads from its services). Bounded, so a long test class cannot grow it without end.
/// </summary>
public sealed class LogSink : ILogEventSink
{
    private const int Capacity = 20_000;
    private readonly ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> Events => [.. _events];

    public void Emit(LogEvent logEvent)
    {
        _events.Enqueue(logEvent);
        while (_events.Count > Capacity && _events.TryDequeue(out _))
        {
        }
    }

    /// <summary>The value of a scalar property of the event, or null when it has none.</summary>
    public static object? Scalar(LogEvent logEvent, string property) =>
        logEvent.Properties.TryGetValue(property, out var value) && value is ScalarValue scalar ? scalar.Value : null;
}
