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

    /// <summary>
    /// An absolute link to <paramref name="path"/> (starting with "/") kept exactly as given — URLs the app generates
    /// are lower-cased, which a case-sensitive token in the path must not be.
    /// </summary>
    public static string AbsolutePath(this HttpRequest request, IConfiguration configuration, string path)
    {
        ArgumentNullException.ThrowIfNull(request);
        var configured = configuration["CPTRAINING_PUBLIC_URL"];
        return Uri.TryCreate(configured, UriKind.Absolute, out var publicUrl)
            ? $"{publicUrl.Scheme}://{publicUrl.Authority}{path}"
            : $"{request.Scheme}://{request.Host}{path}";
    }
}
