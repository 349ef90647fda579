using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using CpTraining.Domain.Certificates;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Printing;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Certificates;

/// <summary>
/// The printable certificate: one A4 landscape page rendered from the certificate row alone (what was certified is
/// copied there at issue), in the programme's language (English when the app has no texts in it), with the
/// verification code and the address to check it at. Inline style is fine: this HTML goes only to Chromium.
/// </summary>
public static class CertificateDocument
{
    public static PdfDocument Build(Certificate certificate, string verifyUrl, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(t);
        var language = Cultures.Supported.Contains(certificate.Language) ? certificate.Language : "en";
        var culture = Cultures.Text(language);
        var formatting = Cultures.Formatting(language);

        // The shared localiser reads the current UI culture; print in the programme's language, then put it back.
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = culture;
        try
        {
            static string E(string s) => WebUtility.HtmlEncode(s);
            var code = VerificationCode.Format(certificate.Code);
            var title = t["Certificate — {0}", certificate.PersonName].Value;
            var html = $$"""
                <!doctype html>
                <html lang="{{language}}">
                <head>
                <meta charset="utf-8">
                <title>{{E(title)}}</title>
                <style>
                  html, body { margin: 0; padding: 0; }
                  body { font-family: 'DejaVu Sans', 'Noto Sans', sans-serif; color: #1d2b24; }
                  .frame { box-sizing: border-box; height: 170mm; border: 2.5mm double #2e7d4f; padding: 12mm 18mm; text-align: center; display: flex; flex-direction: column; }
                  .body { flex: 1; display: flex; flex-direction: column; justify-content: center; }
                  .kind { font-size: 12pt; letter-spacing: 0.25em; text-transform: uppercase; color: #2e7d4f; margin: 0; }
                  h1 { font-family: 'DejaVu Serif', serif; font-size: 40pt; font-weight: normal; margin: 2mm 0 0; }
                  .lead { font-size: 14pt; margin: 8mm 0 3mm; }
                  .name { font-family: 'DejaVu Serif', serif; font-size: 32pt; font-weight: bold; margin: 0; }
                  .programme { font-size: 19pt; font-weight: bold; margin: 2mm 0 3mm; }
                  .organisers { font-size: 13pt; margin: 1mm 0; }
                  .date { font-size: 13pt; margin: 6mm 0 0; }
                  .foot { display: flex; justify-content: space-between; align-items: flex-end; font-size: 9.5pt; text-align: left; color: #3a4a42; }
                  .code { font-family: 'DejaVu Sans Mono', monospace; font-size: 13pt; font-weight: bold; color: #1d2b24; }
                </style>
                </head>
                <body>
                <div class="frame">
                  <div class="body">
                    <p class="kind">{{E(t["Cleaner Production"])}}</p>
                    <h1>{{E(t["Certificate"])}}</h1>
                    <p class="lead">{{E(t["This is to certify that"])}}</p>
                    <p class="name">{{E(certificate.PersonName)}}</p>
                    <p class="lead">{{E(t["has completed the Cleaner Production training programme"])}}</p>
                    <p class="programme">{{E(certificate.ProgrammeName)}}</p>
                    <p class="organisers">{{E(t["organised by {0}", certificate.Organisers])}}</p>
                    <p class="date">{{E(t["Completed on {0}", certificate.CompletionDate.ToString("d MMMM yyyy", formatting)])}}</p>
                  </div>
                  <div class="foot">
                    <div>{{E(t["Issued on {0}", DateOnly.FromDateTime(certificate.IssuedAt.UtcDateTime).ToString("d MMMM yyyy", formatting)])}}</div>
                    <div>{{E(t["Verification code"])}}: <span class="code">{{E(code)}}</span><br>{{E(t["Check this certificate at {0}", verifyUrl])}}</div>
                  </div>
                </div>
                </body>
                </html>
                """;
            return new PdfDocument(html, title, certificate.Organisers, language, string.Empty, string.Empty, string.Empty, string.Empty, Landscape: true);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>The renderer's cache key: the printed HTML itself, so a renamed certificate is printed afresh.</summary>
    public static string Hash(PdfDocument document) =>
        "certificate:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(document.Html + "\n" + document.Title)));
}
