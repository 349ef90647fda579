using System.ComponentModel.DataAnnotations;
using CpTraining.Domain.Checks;
using CpTraining.Web.Checks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Checks;

/// <summary>
/// The data quality of one company in a programme: every plausibility finding of its worksheets and options
/// (<see cref="CompanyFindings"/>), where it is and the page that fixes it, open or reviewed. Everyone who sees the
/// company reads it; its trainer, the programme's coordinators and administrators (<see cref="Operation.ReviewFindings"/>)
/// mark a finding as reviewed with a comment, which stays attached to the rule and the subject and is audited.
/// </summary>
[Authorize]
public sealed class FindingsModel(AppDbContext db, AccessControl accessControl, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public EnrolledCompany Access { get; private set; } = null!;

    public IReadOnlyList<CompanyFinding> Findings { get; private set; } = [];

    [BindProperty]
    public ReviewInput Input { get; set; } = new();

    public bool MayReview => Access.Can(Operation.ReviewFindings);

    public async Task<IActionResult> OnGetAsync(Guid id, Guid companyId)
    {
        var (access, refused) = await accessControl.CompanyAsync(this, id, companyId, Operation.SeeCompany);
        if (access is null)
        {
            return refused!;
        }

        Access = access;
        Findings = await CompanyFindings.LoadAsync(db, id, companyId, t, HttpContext.RequestAborted);
        return Page();
    }

    /// <summary>Marks one finding reviewed (or replaces the comment of its review); the finding must still be raised.</summary>
    public async Task<IActionResult> OnPostReviewAsync(Guid id, Guid companyId)
    {
        var (access, refused) = await accessControl.CompanyAsync(this, id, companyId, Operation.ReviewFindings);
        if (access is null)
        {
            return refused!;
        }

        Access = access;
        Findings = await CompanyFindings.LoadAsync(db, id, companyId, t, HttpContext.RequestAborted);
        var finding = Findings.FirstOrDefault(f => f.SubjectKey == Input.SubjectKey && f.Rule == Input.Rule);
        if (finding is null)
        {
            ModelState.AddModelError(string.Empty, t["This finding is no longer raised: the figures have changed since the page was opened. Nothing was saved."]);
            return Page();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var userName = await db.Users.Where(u => u.Id == access.UserId).Select(u => u.DisplayName).SingleAsync();
        var result = await save.SaveAsync(this, async () =>
        {
            var review = await db.FindingReviews.SingleOrDefaultAsync(r => r.ProgrammeId == id && r.CompanyId == companyId && r.SubjectKey == finding.SubjectKey && r.Rule == finding.Rule);
            var before = review?.Comment;
            if (review is null)
            {
                db.FindingReviews.Add(FindingReview.Mark(id, companyId, finding.SubjectKey, finding.Rule, Input.Comment, access.UserId, userName, time.GetUtcNow()));
            }
            else
            {
                review.Change(Input.Comment, access.UserId, userName, time.GetUtcNow());
            }

            db.Record(time, access.UserId, id, "finding.reviewed", Subject(access, finding), before, finding.Rule + " (" + finding.SubjectKey + "): " + Input.Comment?.Trim());
            return true;
        }, new FormFields());
        if (result != SaveResult.Saved)
        {
            return Page();
        }

        TempData["Success"] = t["The finding is marked as reviewed."].Value;
        return RedirectToPage(new { id, companyId });
    }

    private static string Subject(EnrolledCompany access, CompanyFinding finding)
    {
        var subject = access.CompanyName + " · " + finding.Where;
        return subject.Length <= 400 ? subject : subject[..400];
    }

    public sealed class ReviewInput
    {
        [Required]
        [StringLength(FindingReview.SubjectMaxLength)]
        public string SubjectKey { get; set; } = string.Empty;

        [Required]
        [StringLength(FindingReview.RuleMaxLength)]
        public string Rule { get; set; } = string.Empty;

        [Required(ErrorMessage = "Say what you checked: a review needs a comment.")]
        [StringLength(FindingReview.CommentMaxLength, ErrorMessage = "Use at most {1} characters.")]
        public string? Comment { get; set; }
    }
}
