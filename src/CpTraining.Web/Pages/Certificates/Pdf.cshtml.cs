using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Printing;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Certificates;

/// <summary>
/// A certificate as PDF, for the person it was issued to and for the programme's coordinators and administrators;
/// everyone else is refused. A revoked certificate is not printed. When Chromium cannot print, the page says why
/// (503) instead of failing.
/// </summary>
[Authorize]
public sealed class PdfModel(AppDbContext db, AccessControl access, PdfRenderer renderer, IConfiguration configuration, IStringLocalizer<SharedResource> t) : PageModel
{
    public string? Problem { get; private set; }

    public bool Revoked { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (certificate is null)
        {
            return NotFound();
        }

        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(certificate.ProgrammeId);
        if (certificate.UserId != standing.UserId && !standing.Can(Operation.ManageProgramme, inProgramme))
        {
            return Forbid();
        }

        if (certificate.IsRevoked)
        {
            Revoked = true;
            Response.StatusCode = StatusCodes.Status410Gone;
            return Page();
        }

        // The code appended by hand: generated URLs are lower-cased, and the printed code should read as on the page.
        var verifyUrl = Url.AbsolutePage(configuration, "/Certificates/Verify", new { }) + "/" + Domain.Certificates.VerificationCode.Format(certificate.Code);
        var document = CertificateDocument.Build(certificate, verifyUrl, t);
        try
        {
            var pdf = await renderer.RenderAsync(document, CertificateDocument.Hash(document), cancellationToken);
            return File(pdf, "application/pdf", $"certificate-{Domain.Certificates.VerificationCode.Format(certificate.Code)}.pdf");
        }
        catch (PdfUnavailableException ex)
        {
            Problem = ex.Message;
            Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Page();
        }
    }
}
