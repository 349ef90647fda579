using System.Security.Claims;
using Serilog.AspNetCore;
using Serilog.Events;

namespace CpTraining.Web.Infrastructure;

/// <summary>
/// One structured log event per request (Serilog's request logging): method, path (without the query string, which may
/// carry tokens), status, elapsed milliseconds and the signed-in user's id ("-" when anonymous).
/// </summary>
internal static class RequestLogging
{
    public const string MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms for user {UserId}";

    public const string AnonymousUser = "-";

    public static Action<RequestLoggingOptions> Configure(IServiceProvider services) => options =>
    {
        options.MessageTemplate = MessageTemplate;

        // This host's logger, not the static Log.Logger (which the app leaves alone).
        options.Logger = services.GetRequiredService<Serilog.ILogger>();

        // Called when the response is complete, so the user set by authentication is known.
        options.EnrichDiagnosticContext = (diagnostics, context) =>
            diagnostics.Set("UserId", context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? AnonymousUser);

        options.GetLevel = Level;
    };

    /// <summary>
    /// Errors for failures; Debug for static files served (a request that matched no endpoint and succeeded: CSS, scripts,
    /// images — several per page view, and nothing to learn from them); Information for everything else.
    /// </summary>
    private static LogEventLevel Level(HttpContext context, double elapsedMs, Exception? exception) =>
        exception is not null || context.Response.StatusCode >= StatusCodes.Status500InternalServerError
            ? LogEventLevel.Error
            : context.GetEndpoint() is null && context.Response.StatusCode < StatusCodes.Status400BadRequest
                ? LogEventLevel.Debug
                : LogEventLevel.Information;
}
