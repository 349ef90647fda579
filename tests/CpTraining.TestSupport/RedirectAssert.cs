using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace CpTraining.TestSupport;

/// <summary>Assertions on the redirects the cookie authentication handler answers with.</summary>
public static class RedirectAssert
{
    private static readonly Uri Origin = new("http://localhost");

    /// <summary>Path and query of the Location header (the handler writes absolute URLs).</summary>
    public static string Target(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected 302, got {(int)response.StatusCode}");
        var location = response.Headers.Location ?? throw new InvalidOperationException("Redirect without Location");
        return new Uri(Origin, location).PathAndQuery;
    }

    /// <summary>Anonymous: 302 to the sign-in page, which will come back to <paramref name="returnUrl"/>.</summary>
    public static void ToSignIn(HttpResponseMessage response, string returnUrl) =>
        Assert.Equal("/account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl), Target(response));

    /// <summary>Signed in but not allowed: 302 to the access-denied page (which itself answers 403).</summary>
    public static void ToAccessDenied(HttpResponseMessage response, string? returnUrl = null)
    {
        var target = Target(response);
        var question = target.IndexOf('?', StringComparison.Ordinal);
        Assert.Equal("/account/access-denied", question < 0 ? target : target[..question]);
        if (returnUrl is not null)
        {
            var query = QueryHelpers.ParseQuery(question < 0 ? string.Empty : target[question..]);
            Assert.Equal(returnUrl, query["ReturnUrl"].ToString());
        }
    }
}
