using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Background;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.HomeTasks.Reviewing;

/// <summary>
/// The review queue: submitted work waiting for a decision, oldest first, limited to what this user may review —
/// the companies they are the assigned trainer of (and individual work without a company in programmes they train
/// in), every piece of work in the programmes they coordinate, everything for administrators. The same rule as
/// <see cref="Operation.ReviewWork"/>, written as one SQL filter so the page makes one query however long the
/// queue (<see cref="Standing.ReviewableWork"/>). Optionally also the work returned or accepted in the last <see cref="RecentDays"/> days.
/// </summary>
[Authorize]
public sealed class QueueModel(AppDbContext db, AccessControl access, TimeProvider time) : PageModel
{
    public const int RecentDays = 14;

    /// <summary>Also show work reviewed recently.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Recent { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public IReadOnlyList<Row> Waiting => Rows.Where(r => r.Status == SubmissionStatus.Submitted).ToList();

    public IReadOnlyList<Row> Reviewed => Rows.Where(r => r.Status != SubmissionStatus.Submitted).OrderByDescending(r => r.ReviewedAt).ToList();

    public async Task<IActionResult> OnGetAsync()
    {
        var since = time.GetUtcNow().AddDays(-RecentDays);
        var recent = Recent;
        var query = (await access.StandingAsync()).ReviewableWork(db.Submissions.AsNoTracking());

        var rows = await query
            .Where(s => s.Status == SubmissionStatus.Submitted
                || (recent && (s.Status == SubmissionStatus.Returned || s.Status == SubmissionStatus.Accepted)
                    && s.Reviews.Any(r => r.At >= since)))
            .Select(s => new
            {
                s.Id,
                s.Status,
                Programme = db.Programmes.Where(p => p.Id == s.ProgrammeId).Select(p => new { p.Name, p.TimeZoneId }).Single(),
                Task = db.HomeTasks.Where(t => t.Id == s.HomeTaskId).Select(t => new { t.Title, t.AfterSession }).Single(),
                CompanyName = db.Companies.Where(c => c.Id == s.CompanyId).Select(c => c.Name).FirstOrDefault(),
                PersonName = db.Users.Where(u => u.Id == s.UserId).Select(u => u.DisplayName).FirstOrDefault(),
                Latest = s.Versions.OrderByDescending(v => v.Number).Select(v => new { v.Number, v.SubmittedAt }).FirstOrDefault(),
                IsLate = s.Versions.Any(v => v.IsLate),
                LastReview = s.Reviews.OrderByDescending(r => r.At).Select(r => new { r.At }).FirstOrDefault(),
            })
            .ToListAsync();

        Rows = rows
            .Where(r => r.Latest is not null)
            .Select(r => new Row(
                r.Id,
                r.Programme.Name,
                Zone(r.Programme.TimeZoneId),
                r.Task.Title,
                r.Task.AfterSession,
                TaskPeople.Describe(r.CompanyName, r.PersonName),
                r.Latest!.Number,
                r.Latest.SubmittedAt,
                r.IsLate,
                r.Status,
                r.LastReview?.At))
            .OrderBy(r => r.SubmittedAt)
            .ToList();
        return Page();
    }

    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

    public sealed record Row(
        Guid SubmissionId,
        string ProgrammeName,
        TimeZoneInfo Zone,
        string TaskTitle,
        int AfterSession,
        string Owner,
        int VersionNumber,
        DateTimeOffset SubmittedAt,
        bool IsLate,
        SubmissionStatus Status,
        DateTimeOffset? ReviewedAt);
}
