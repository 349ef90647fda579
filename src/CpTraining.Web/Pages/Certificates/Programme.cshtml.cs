using CpTraining.Domain.Certificates;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Certificates;

/// <summary>
/// The programme's coordinators (and administrators) see every participant against the completion rule, issue
/// certificates to all who meet it with one click, and revoke a certificate with a reason. Issuing is idempotent:
/// it runs under the programme's row lock and a unique index allows one certificate per person and programme.
/// </summary>
[Authorize]
public sealed class ProgrammeModel(AppDbContext db, AccessControl access, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    private string _userId = string.Empty;

    public Guid ProgrammeId { get; private set; }

    public Eligibility View { get; private set; } = null!;

    [BindProperty]
    public RevokeInput Revocation { get; set; } = new();

    public int ReadyToIssue => View.Rows.Count(r => r.Result.Met && r.Certificate is null);

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostIssueAsync(Guid id)
    {
        var refused = await LoadAsync(id);
        if (refused is not null)
        {
            return refused;
        }

        if (!View.MayIssue)
        {
            ModelState.AddModelError(string.Empty, NotYet());
            return Page();
        }

        var issuedBy = _userId;
        var issued = new List<string>();
        await db.InLockedTransactionAsync(LockedRow.Programme, id, async () =>
        {
            // Evaluated again under the lock: a second click (or a second coordinator) finds the certificates made.
            issued.Clear();
            var now = await Eligibility.LoadAsync(db, id, time);
            foreach (var row in now!.Rows.Where(r => r.Result.Met && r.Certificate is null && now.MayIssue))
            {
                db.Certificates.Add(Certificate.Issue(
                    id, row.Person.UserId, row.Person.Name, now.ProgrammeName, now.Organisers, now.Language, now.CompletionDate!.Value, row.Result, VerificationCode.New(), issuedBy, time.GetUtcNow()));
                issued.Add(row.Person.Email);
            }

            if (issued.Count > 0)
            {
                db.Record(time, issuedBy, id, "certificates.issued", now.ProgrammeName, null, string.Join(", ", issued));
            }

            return issued.Count > 0;
        });

        TempData["Success"] = issued.Count == 0
            ? t["Everyone who meets the completion rule already has a certificate."].Value
            : t["Certificates issued: {0}.", issued.Count].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id)
    {
        var refused = await LoadAsync(id);
        if (refused is not null)
        {
            return refused;
        }

        var certificate = await db.Certificates.SingleOrDefaultAsync(c => c.Id == Revocation.CertificateId && c.ProgrammeId == id);
        if (certificate is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await save.SaveAsync(this, () =>
        {
            certificate.Revoke(Revocation.Reason, _userId, time.GetUtcNow());
            return Task.FromResult(true);
        }, new FormFields(nameof(Revocation)));
        switch (result)
        {
            case SaveResult.Conflict:
                ModelState.AddConflict(t["Someone else changed this certificate meanwhile; it is shown as saved now."]);
                await LoadAsync(id);
                return Page();
            case SaveResult.Refused:
                return Page();
        }

        TempData["Success"] = t["The certificate of {0} has been revoked.", certificate.PersonName].Value;
        return RedirectToPage(new { id });
    }

    /// <summary>Why the issue button waits, when it does.</summary>
    public string NotYet() => View.FinalSessionStart is { } start
        ? t["Certificates are issued at the final session: from {0:D}.", start]
        : t["This programme has no sessions, so no certificates can be issued."];

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var view = await Eligibility.LoadAsync(db, id, time);
        if (view is null)
        {
            return NotFound();
        }

        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!standing.Can(Operation.ManageProgramme, inProgramme))
        {
            return Forbid();
        }

        _userId = standing.UserId;

        (ProgrammeId, View) = (id, view);
        return null;
    }

    public sealed class RevokeInput
    {
        public Guid CertificateId { get; set; }

        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "This field is required.")]
        [System.ComponentModel.DataAnnotations.StringLength(Certificate.ReasonMaxLength, ErrorMessage = "Use at most {1} characters.")]
        public string? Reason { get; set; }
    }
}
