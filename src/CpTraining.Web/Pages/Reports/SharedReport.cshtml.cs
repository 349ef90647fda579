using CpTraining.Domain.Reports;
using CpTraining.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Reports;

/// <summary>
/// What a share link opens for a person without an account: the latest published programme report, or one company's
/// financing needs from its latest published report — read-only, as web page or PDF. An expired or revoked link is
/// refused with the reason (410); an unknown one is not found (404). Every use, served or refused, is logged.
/// </summary>
[AllowAnonymous]
public sealed class SharedReportModel(AppDbContext db, TimeProvider time, ReportPrinter printer, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string FinancingView = "/Pages/Reports/_FinancingDocument.cshtml";

    public ShareLink Link { get; private set; } = null!;

    /// <summary>Why the link opens nothing (expired, revoked), or null when it is served.</summary>
    public string? Refusal { get; private set; }

    public string Organisers { get; private set; } = string.Empty;

    public CompanyReportView? Financing { get; private set; }

    public ProgrammeReportView? Programme { get; private set; }

    /// <summary>One option's investment project sheet, as it stands now.</summary>
    public Investment.ProjectSheet? Sheet { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        var refused = await LoadAsync(token, ShareAccessOutcome.Viewed);
        return refused ?? Page();
    }

    public async Task<IActionResult> OnGetPdfAsync(string token)
    {
        var refused = await LoadAsync(token, ShareAccessOutcome.PdfDownloaded);
        if (refused is not null)
        {
            return refused;
        }

        if (Refusal is not null)
        {
            return Page();
        }

        if (Sheet is { } sheet)
        {
            return await Investment.SheetModel.PrintAsync(this, printer, t, sheet, new { token });
        }

        if (Programme is { } programme)
        {
            return await ProgrammeReportModel.PrintAsync(this, printer, t, programme, $"{programme.Snapshot.ProgrammeName} report v{programme.Version}.pdf");
        }

        var report = Financing!.Snapshot;
        return await printer.FileAsync(this, FinancingView, Financing, report.Language, () => new ReportHeading(
            t["Financing needs: {0}", report.CompanyName],
            report.Organisers,
            report.Language,
            report.CompanyName + " · " + report.ProgrammeName,
            report.Organisers), report.CompanyName + " financing needs.pdf", new { token });
    }

    private async Task<IActionResult?> LoadAsync(string token, ShareAccessOutcome wanted)
    {
        // Nobody may cache, index or pass on the address of what a link shows.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["X-Robots-Tag"] = "noindex, nofollow";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        if (!ShareLink.LooksLikeToken(token))
        {
            return NotFound();
        }

        var hash = ShareLink.HashOf(token);
        var link = await db.ShareLinks.AsNoTracking().SingleOrDefaultAsync(l => l.TokenHash == hash);
        if (link is null)
        {
            return NotFound();
        }

        Link = link;
        Organisers = await db.Programmes.Where(p => p.Id == link.ProgrammeId).Select(p => p.Organisers).SingleAsync();
        var now = time.GetUtcNow();
        var outcome = link.StateAt(now) switch
        {
            ShareLinkState.Expired => ShareAccessOutcome.RefusedExpired,
            ShareLinkState.Revoked => ShareAccessOutcome.RefusedRevoked,
            _ => wanted,
        };
        if (outcome == wanted)
        {
            if (link is { Scope: ShareScope.OptionSheet, OptionId: { } optionId }
                && await Investment.ProjectSheet.LoadAsync(db, link.ProgrammeId, optionId, DateOnly.FromDateTime(now.UtcDateTime), HttpContext.RequestAborted) is { } sheet
                && Investment.ProjectSheet.IsSelected(sheet.Option.Status))
            {
                Sheet = sheet;
            }
            else if (link.Scope == ShareScope.CompanyFinancing
                && await ReportVersions.LoadAsync<CompanyReportSnapshot>(db, link.ProgrammeId, link.CompanyId, null, HttpContext.RequestAborted) is { } published)
            {
                Financing = new CompanyReportView(published.Snapshot, CompanyReportFigures.Of(published.Snapshot), IsDraft: false, published.Version.Version);
            }
            else if (link.Scope == ShareScope.ProgrammeReport
                && await ReportVersions.LoadAsync<ProgrammeReportSnapshot>(db, link.ProgrammeId, null, null, HttpContext.RequestAborted) is { } report)
            {
                Programme = new ProgrammeReportView(report.Snapshot, ProgrammeReportFigures.Of(report.Snapshot), IsDraft: false, report.Version.Version);
            }
            else
            {
                outcome = ShareAccessOutcome.RefusedNothingPublished;
            }
        }

        db.ShareLinkAccesses.Add(ShareLinkAccess.Log(link.Id, outcome, HttpContext.Connection.RemoteIpAddress?.ToString(), Request.Headers.UserAgent.ToString(), now));
        await db.SaveChangesAsync();
        if (outcome != wanted)
        {
            Refusal = outcome switch
            {
                ShareAccessOutcome.RefusedExpired => t["This link expired on {0:f}. Ask the organisers ({1}) for a new one.", link.ExpiresAt.ToLocalTime(), Organisers],
                ShareAccessOutcome.RefusedRevoked => t["This link was withdrawn on {0:f}. Ask the organisers ({1}) if you still need the report.", link.RevokedAt!.Value.ToLocalTime(), Organisers],
                _ => t["Nothing has been published for this link yet. Ask the organisers ({0}).", Organisers],
            };
            Response.StatusCode = outcome == ShareAccessOutcome.RefusedNothingPublished ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        }

        return null;
    }
}
