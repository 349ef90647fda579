using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Programmes;

/// <summary>Helpers the programme page tests share: URLs, dates as the English UI shows them, posting a form already loaded.</summary>
internal static class ProgrammePages
{
    /// <summary>
    /// The formatting culture of a request without Accept-Language (the app's default): English written the British way,
    /// en-GB (issue 15: day-month-year in the UI as in the reports).
    /// </summary>
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static string Timeline(Guid id) => $"/programmes/{id}";

    public static string EditDetails(Guid id) => $"/programmes/{id}/edit";

    public static string EditSession(Guid id, int number) => $"/programmes/{id}/sessions/{number}/edit";

    public static string Agenda(Guid id, int number) => $"/programmes/{id}/sessions/{number}/agenda";

    public static string EditAgenda(Guid id, int number) => $"/programmes/{id}/sessions/{number}/agenda/edit";

    public static string Calendar(Guid id) => $"/programmes/{id}/calendar.ics";

    /// <summary>A date the way the pages write it with "D" (e.g. "Tuesday 1 September 2026").</summary>
    public static string Long(DateOnly date) => date.ToString("D", English);

    /// <summary>A date the way the pages write it with "d" (e.g. "03/09/2026").</summary>
    public static string Short(DateOnly date) => date.ToString("d", English);

    /// <summary>Posts fields with the antiforgery token of a page the client loaded earlier (as a browser tab left open would).</summary>
    public static Task<HttpResponseMessage> PostAsync(this HttpClient client, IHtmlDocument loaded, string url, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = FormClient.Token(loaded);
        return client.PostAsync(url, new FormUrlEncodedContent(fields));
    }

    /// <summary>Asserts a redirect and returns where to.</summary>
    public static string RedirectTarget(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    /// <summary>Asserts the request was refused the way cookie authentication refuses a signed-in user.</summary>
    public static void AssertAccessDenied(HttpResponseMessage response)
    {
        Assert.True(
            response.StatusCode is HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && RedirectPath(response) == "/account/access-denied"),
            $"Expected 403 or a redirect to access denied, got {(int)response.StatusCode} {response.Headers.Location}");
    }

    /// <summary>Asserts the request was sent to the sign-in page.</summary>
    public static void AssertSignInRequired(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/login", RedirectPath(response));
    }

    private static string RedirectPath(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost"), response.Headers.Location!).AbsolutePath;

    /// <summary>Like <see cref="CpTrainingFactory.CreateProgrammeAsync"/>, in a venue time zone of the test's choice.</summary>
    public static async Task<Programme> CreateProgrammeInZoneAsync(this CpTrainingFactory factory, AppUser coordinator, DateOnly firstSession, string timeZoneId, string name = "Zoned programme")
    {
        var programme = Programme.CreateFromTemplate(
            new ProgrammeDetails(name, "TEKNA", "Kyiv", null, "Ukraine", "en", null, timeZoneId),
            firstSession,
            NorwegianModelTemplate.DefaultWeeksBetweenSessions,
            coordinator.Id,
            factory.Clock.GetUtcNow());
        await using var db = factory.NewDbContext();
        db.Programmes.Add(programme);
        await db.SaveChangesAsync();
        return programme;
    }

    /// <summary>The text of each session's dates line on the timeline, by session number.</summary>
    public static string SessionDates(IHtmlDocument timeline, int number) =>
        timeline.QuerySelector($"#timeline > li[data-session='{number}'] .session-dates")!.TextContent;

    /// <summary>The status badge class of a session on the timeline ("planned", "running", "completed").</summary>
    public static string SessionStatus(IHtmlDocument timeline, int number) =>
        StatusOf(timeline.QuerySelector($"#timeline > li[data-session='{number}'] h3 .badge[class*='status-']")!);

    public static string StatusOf(AngleSharp.Dom.IElement badge) =>
        badge.ClassList.Single(c => c.StartsWith("status-", StringComparison.Ordinal))["status-".Length..];
}
