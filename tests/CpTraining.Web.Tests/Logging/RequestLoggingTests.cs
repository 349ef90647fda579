using System.Globalization;
using System.Net;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Serilog.Events;

namespace CpTraining.Web.Tests.Logging;

/// <summary>
/// Every request is one structured log event (Serilog's request logging) with method, path, status, elapsed time and
/// the user's id, read back from the events the app writes to the factory's in-memory sink.
/// </summary>
public sealed class RequestLoggingTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task A_signed_in_request_is_one_event_with_method_path_status_elapsed_time_and_user_id()
    {
        var (client, user) = await factory.SignedInClientAsync(Roles.Coordinator);

        var response = await client.GetAsync("/programmes?status=planned");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var logged = Assert.Single(RequestEvents("/programmes"));
        Assert.Equal(LogEventLevel.Information, logged.Level);
        Assert.Equal("GET", LogSink.Scalar(logged, "RequestMethod"));
        Assert.Equal(200, LogSink.Scalar(logged, "StatusCode"));
        Assert.Equal(user.Id, LogSink.Scalar(logged, "UserId"));
        var elapsed = Assert.IsType<double>(LogSink.Scalar(logged, "Elapsed"));
        Assert.InRange(elapsed, 0.0, 60_000.0);

        // One line a person can read too; the query string (which may carry tokens) is not logged.
        var line = logged.RenderMessage(CultureInfo.InvariantCulture);
        Assert.Matches(@"^HTTP ""GET"" ""/programmes"" responded 200 in \d+\.\d ms for user """ + user.Id + @"""$", line);
    }

    [Fact]
    public async Task A_missing_page_is_one_event_with_its_own_path_and_final_status()
    {
        var (client, user) = await factory.SignedInClientAsync(Roles.Engineer);
        var path = "/no-such-page-" + Guid.NewGuid().ToString("N");

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var logged = Assert.Single(RequestEvents(path));
        Assert.Equal(404, LogSink.Scalar(logged, "StatusCode"));
        Assert.Equal(user.Id, LogSink.Scalar(logged, "UserId"));

        // The error page that the status-code middleware re-executed is not a second event.
        Assert.DoesNotContain(RequestEvents("/error"), e => Equals(LogSink.Scalar(e, "UserId"), user.Id));
    }

    [Fact]
    public async Task An_anonymous_request_is_logged_with_a_dash_for_the_user()
    {
        var response = await factory.NewClient().GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var logged = Assert.Single(RequestEvents("/health/live"));
        Assert.Equal(200, LogSink.Scalar(logged, "StatusCode"));
        Assert.Equal("-", LogSink.Scalar(logged, "UserId"));
    }

    [Fact]
    public async Task Static_files_are_not_logged_at_information_level()
    {
        var response = await factory.NewClient().GetAsync("/css/site.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(RequestEvents("/css/site.css"));
    }

    private IEnumerable<LogEvent> RequestEvents(string path) =>
        factory.Logs.Events.Where(e =>
            e.MessageTemplate.Text.StartsWith("HTTP {RequestMethod} {RequestPath} responded", StringComparison.Ordinal)
            && Equals(LogSink.Scalar(e, "RequestPath"), path));
}
