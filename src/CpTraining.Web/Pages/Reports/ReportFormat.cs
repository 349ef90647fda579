using System.Globalization;

namespace CpTraining.Web.Pages.Reports;

/// <summary>How report documents write figures, in the current culture (the report's language): a dash for none.</summary>
public static class ReportFormat
{
    public static string Money(decimal? value, string currency) => value is { } m ? m.ToString("N0", CultureInfo.CurrentCulture) + " " + currency : "—";

    public static string Figure(decimal? value) => value is { } x ? x.ToString("#,##0.#", CultureInfo.CurrentCulture) : "—";

    public static string Years(decimal? value) => value is { } y ? y.ToString("0.0", CultureInfo.CurrentCulture) : "—";

    public static string Rate(decimal? value) => value is { } x ? (x * 100m).ToString("0.0", CultureInfo.CurrentCulture) + " %" : "—";
}
