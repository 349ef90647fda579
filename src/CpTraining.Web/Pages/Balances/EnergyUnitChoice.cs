using CpTraining.Domain.Balances;

namespace CpTraining.Web.Pages.Balances;

/// <summary>
/// The unit a reader wants energy in (MWh, GJ, Gcal or toe): chosen with <c>?energy=GJ</c> on the balance page and
/// remembered in a cookie, so the export and the next visit use it too. MWh until chosen.
/// </summary>
internal static class EnergyUnitChoice
{
    public const string Parameter = "energy";

    private const string Cookie = "cpt-energy-unit";

    public static Unit Resolve(HttpContext http, string? chosen)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (Allowed(chosen) is { } unit)
        {
            http.Response.Cookies.Append(Cookie, unit.ToString(), new CookieOptions
            {
                HttpOnly = true,
                IsEssential = true,
                SameSite = SameSiteMode.Lax,
                Secure = http.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });
            return unit;
        }

        return Allowed(http.Request.Cookies[Cookie]) ?? Unit.MegawattHour;
    }

    /// <summary>MWh converted to the unit.</summary>
    public static decimal From(decimal megawattHours, Unit unit) => Units.Convert(megawattHours, Unit.MegawattHour, unit);

    private static Unit? Allowed(string? text) =>
        Units.TryParse(text, out var unit) && Units.EnergyDisplay.Contains(unit) ? unit : null;
}
