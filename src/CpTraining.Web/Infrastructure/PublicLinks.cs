using Microsoft.AspNetCore.Mvc;

namespace CpTraining.Web.Infrastructure;

/// <summary>
/// Absolute links for e-mails. With CPTRAINING_PUBLIC_URL set (production) links use that address, never the
/// request's Host header, which a caller controls (a forged Host would otherwise put the password-reset
/// token in a link to someone else's site).
/// </summary>
internal static class PublicLinks
{
    public static string AbsolutePage(this IUrlHelper url, IConfiguration configuration, string pageName, object values)
    {
        var configured = configuration["CPTRAINING_PUBLIC_URL"];
        if (Uri.TryCreate(configured, UriKind.Absolute, out var publicUrl))
        {
            return url.Page(pageName, null, values, publicUrl.Scheme, publicUrl.Authority)!;
        }

        var request = url.ActionContext.HttpContext.Request;
        return url.Page(pageName, null, values, request.Scheme)!;
    }
}
