using System.ComponentModel.DataAnnotations;
using CpTraining.Domain.Reports;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Reports;

/// <summary>One use of a share link as the log shows it.</summary>
public sealed record ShareAccessRow(DateTimeOffset At, ShareAccessOutcome Outcome, string? IpAddress, string? UserAgent);

/// <summary>A share link as the coordinators' list shows it, with its log.</summary>
public sealed record ShareLinkRow(Guid Id, ShareScope Scope, string? CompanyName, string Recipient, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, ShareLinkState State, IReadOnlyList<ShareAccessRow> Log, string? OptionTitle = null);

/// <summary>A company the financing needs of which may be shared: only with a manager's consent and a published report.</summary>
public sealed record ShareableCompany(Guid Id, string Name, bool HasConsent, bool HasPublishedReport);

/// <summary>
/// Investor access (issue 7, point 5): the programme's coordinators (and administrators) create read-only links for
/// people without an account — to the published programme report, or to one company's financing needs with its
/// manager's consent — valid for a number of days, revocable at any time, every use logged and listed here.
/// The link is shown once, right after it is made: only its hash is stored.
/// </summary>
[Authorize]
public sealed class ShareLinksModel(AppDbContext db, AccessControl access, SaveFlow save, TimeProvider time, IConfiguration configuration, IStringLocalizer<SharedResource> t) : PageModel
{
    public const int DefaultDays = 14;

    private string _userId = string.Empty;

    public Guid ProgrammeId { get; private set; }

    public string ProgrammeName { get; private set; } = string.Empty;

    public bool ProgrammeReportPublished { get; private set; }

    public IReadOnlyList<ShareableCompany> Companies { get; private set; } = [];

    public IReadOnlyList<ShareLinkRow> Links { get; private set; } = [];

    /// <summary>The selected, implemented and verified options whose project sheets may be shared.</summary>
    public IReadOnlyList<Investment.SheetChoice> SheetOptions { get; private set; } = [];

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id) => await LoadAsync(id) ?? Page();

    public async Task<IActionResult> OnPostCreateAsync(Guid id)
    {
        var refused = await LoadAsync(id);
        if (refused is not null)
        {
            return refused;
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var scope = Input.Scope;
        var sheet = scope == ShareScope.OptionSheet ? SheetOptions.FirstOrDefault(o => o.Id == Input.OptionId) : null;
        if (scope == ShareScope.OptionSheet && sheet is null)
        {
            ModelState.AddModelError("Input.OptionId", t["Choose a selected option of this programme."]);
            return Page();
        }

        var companyId = scope == ShareScope.CompanyFinancing ? Input.CompanyId : sheet?.CompanyId;
        if (scope == ShareScope.ProgrammeReport && !ProgrammeReportPublished)
        {
            ModelState.AddModelError("Input.Scope", t["Publish the programme report first: a share link opens its published version."]);
            return Page();
        }

        if (scope == ShareScope.CompanyFinancing && companyId is { } cid)
        {
            var company = Companies.FirstOrDefault(c => c.Id == cid);
            if (company is null)
            {
                ModelState.AddModelError("Input.CompanyId", t["Choose a company of this programme."]);
                return Page();
            }

            if (!company.HasPublishedReport)
            {
                ModelState.AddModelError("Input.CompanyId", t["Publish the report of {0} first: a share link opens its published version.", company.Name]);
                return Page();
            }
        }

        var consent = companyId is { } consentCompany
            ? await db.FinancingConsents.AsNoTracking().FirstOrDefaultAsync(c => c.ProgrammeId == id && c.CompanyId == consentCompany && c.WithdrawnAt == null)
            : null;
        (ShareLink Link, string Token)? made = null;
        var result = await save.SaveAsync(this, () =>
        {
            made = ShareLink.Create(id, scope, companyId, consent, Input.Recipient ?? string.Empty, Input.Days ?? 0, _userId, time.GetUtcNow(), sheet?.Id);
            db.ShareLinks.Add(made.Value.Link);
            return Task.FromResult(true);
        });
        if (result != SaveResult.Saved)
        {
            return Page();
        }

        var (link, token) = made!.Value;
        TempData["NewShareLink"] = Request.AbsolutePath(configuration, "/shared/" + token); // CPTRAINING_PUBLIC_URL when set
        TempData["Success"] = t["The link for {0} is made; copy it now: it is shown only once.", link.Recipient].Value;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid id, Guid linkId)
    {
        var refused = await LoadAsync(id);
        if (refused is not null)
        {
            return refused;
        }

        var link = await db.ShareLinks.SingleOrDefaultAsync(l => l.Id == linkId && l.ProgrammeId == id);
        if (link is null)
        {
            return NotFound();
        }

        if (link.RevokedAt is null)
        {
            link.Revoke(_userId, time.GetUtcNow());
            await db.SaveChangesAsync();
        }

        TempData["Success"] = t["The link for {0} is revoked: it no longer opens anything.", link.Recipient].Value;
        return RedirectToPage(new { id });
    }

    private async Task<IActionResult?> LoadAsync(Guid id)
    {
        var programme = await db.Programmes.AsNoTracking().Where(p => p.Id == id).Select(p => p.Name).SingleOrDefaultAsync();
        if (programme is null)
        {
            return NotFound();
        }

        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!standing.Can(Operation.ShareReports, inProgramme))
        {
            return Forbid();
        }

        _userId = standing.UserId;
        (ProgrammeId, ProgrammeName) = (id, programme);
        ProgrammeReportPublished = await db.PublishedReports.AnyAsync(r => r.ProgrammeId == id && r.CompanyId == null);
        Companies = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == id && e.ArchivedAt == null)
            .Join(db.Companies, e => e.CompanyId, c => c.Id, (e, c) => new { c.Id, c.Name })
            .OrderBy(c => c.Name)
            .Select(c => new ShareableCompany(
                c.Id,
                c.Name,
                db.FinancingConsents.Any(f => f.ProgrammeId == id && f.CompanyId == c.Id && f.WithdrawnAt == null),
                db.PublishedReports.Any(r => r.ProgrammeId == id && r.CompanyId == c.Id)))
            .ToListAsync();
        SheetOptions = await Investment.SheetChoice.LoadAsync(db, id);
        var now = time.GetUtcNow();
        var links = await db.ShareLinks.AsNoTracking()
            .Where(l => l.ProgrammeId == id)
            .OrderByDescending(l => l.CreatedAt)
            .Select(l => new
            {
                Link = l,
                Company = db.Companies.Where(c => c.Id == l.CompanyId).Select(c => c.Name).FirstOrDefault(),
                Option = db.CpOptions.Where(o => o.Id == l.OptionId).Select(o => "O" + o.Number + " " + o.Title).FirstOrDefault(),
            })
            .ToListAsync();
        var linkIds = links.Select(l => l.Link.Id).ToList();
        var log = (await db.ShareLinkAccesses.AsNoTracking()
                .Where(a => linkIds.Contains(a.ShareLinkId))
                .OrderByDescending(a => a.At)
                .ToListAsync())
            .ToLookup(a => a.ShareLinkId);
        Links = links
            .Select(l => new ShareLinkRow(
                l.Link.Id, l.Link.Scope, l.Company, l.Link.Recipient, l.Link.CreatedAt, l.Link.ExpiresAt, l.Link.RevokedAt, l.Link.StateAt(now),
                log[l.Link.Id].Select(a => new ShareAccessRow(a.At, a.Outcome, a.IpAddress, a.UserAgent)).ToList(), l.Option))
            .ToList();
        return null;
    }

    public sealed class CreateInput
    {
        public ShareScope Scope { get; set; } = ShareScope.ProgrammeReport;

        public Guid? CompanyId { get; set; }

        public Guid? OptionId { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [StringLength(ShareLink.RecipientMaxLength, ErrorMessage = "Use at most {1} characters.")]
        public string? Recipient { get; set; }

        [Required(ErrorMessage = "This field is required.")]
        [Range(ShareLink.MinDays, ShareLink.MaxDays, ErrorMessage = "A link is valid for {1} to {2} days.")]
        public int? Days { get; set; } = DefaultDays;
    }
}
