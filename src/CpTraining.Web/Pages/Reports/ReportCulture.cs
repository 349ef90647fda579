using System.Globalization;
using CpTraining.Web.Infrastructure;

namespace CpTraining.Web.Pages.Reports;

/// <summary>
/// Prints a report in its own language (the programme's), whatever the reader's: sets the current culture and UI
/// culture (figures, dates and the shared localiser) until disposed, then puts the reader's back. An unsupported
/// language prints in English; English dates and figures are British (en-GB).
/// </summary>
public sealed class ReportCulture : IDisposable
{
    private readonly CultureInfo _culture;
    private readonly CultureInfo _uiCulture;

    private ReportCulture(string language)
    {
        (_culture, _uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (Cultures.Formatting(language), Cultures.Text(language));
    }

    public static ReportCulture Use(string language) => new(language);

    public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
}
