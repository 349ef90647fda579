using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using CpTraining.Domain;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Background;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.Web.Pages.Programmes.Attendance;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.Tasks;

/// <summary>
/// Gives home tasks after session N: the coordinator or any trainer of the programme chooses tasks from the
/// session's templates (or writes one), attaches instruction files, sets the due date (by default the day before
/// the next session), an optional cut-off, and the audience: all actively enrolled companies, chosen companies,
/// chosen participants, or a working group of the session (its members as individuals). Each task gets one
/// submission per company or person, a presentation slot at the next session when it is presented, a notification
/// to the people who write it, and an audit entry — all in one transaction with the uploaded files, under the
/// programme's row lock so that two people assigning at once cannot give the same task to a company twice.
/// </summary>
[Authorize]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class AssignModel(AppDbContext db, AccessControl access, TaskNotifier notifier, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Ten files of 20 MB and the form around them.</summary>
    public const long MaxRequestBytes = (FileInspector.MaxFilesPerSubmission * FileInspector.MaxFileBytes) + (1024 * 1024);

    [BindProperty]
    public InputModel Input { get; set; } = new();

    [BindProperty]
    public List<IFormFile> Files { get; set; } = [];

    public TaskProgramme Programme { get; private set; } = null!;

    public int After { get; private set; }

    public SessionView NextSession { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public IReadOnlyList<TemplateOption> Templates { get; private set; } = [];

    public IReadOnlyList<CompanyOption> Companies { get; private set; } = [];

    public IReadOnlyList<Participant> Participants { get; private set; } = [];

    public IReadOnlyList<GroupOption> Groups { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, int after)
    {
        var refused = await LoadAsync(id, after);
        if (refused is not null)
        {
            return refused;
        }

        Input = new InputModel
        {
            Templates = Templates.Select(x => new TemplateChoice { TemplateId = x.Id, Selected = x.AssignedTo == 0, Presented = x.IsPresented, Attach = AttachmentChoice.Of(x.Attachments) }).ToList(),
            DueDate = HomeTask.DefaultDueDate(NextSession.StartDate),
            IsPresented = true,
            Audience = Audience.All,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int after)
    {
        var refused = await LoadAsync(id, after);
        if (refused is not null)
        {
            return refused;
        }

        // Only this session's templates count; anything else posted is ignored.
        var byId = Templates.ToDictionary(x => x.Id);
        var chosen = Input.Templates.Where(c => c.Selected && byId.ContainsKey(c.TemplateId)).DistinctBy(c => c.TemplateId).ToList();
        var adHoc = !string.IsNullOrWhiteSpace(Input.Title);
        if (chosen.Count == 0 && !adHoc)
        {
            ModelState.AddModelError("Input.Templates", t["Choose at least one task, or write a task of your own."]);
        }

        var targets = Targets();
        if (targets.Count == 0)
        {
            ModelState.AddModelError("Input.Audience", Input.Audience switch
            {
                Audience.Companies => t["Choose at least one company."],
                Audience.People => t["Choose at least one participant."],
                Audience.Group => t["Choose a working group with members."],
                _ => t["No company is actively enrolled in this programme."],
            });
        }

        var files = InspectFiles();
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var actor = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var duplicates = new List<string>();
        var created = 0;
        try
        {
            await db.InLockedTransactionAsync(LockedRow.Programme, id, async () =>
            {
                duplicates.Clear();
                var templateIds = chosen.Select(c => c.TemplateId).ToList();
                var given = await db.Submissions.AsNoTracking()
                    .Join(db.HomeTasks, s => s.HomeTaskId, h => h.Id, (s, h) => new { h.ProgrammeId, h.AfterSession, h.TemplateId, s.CompanyId, s.UserId })
                    .Where(x => x.ProgrammeId == id && x.AfterSession == after && x.TemplateId != null && templateIds.Contains(x.TemplateId.Value))
                    .ToListAsync();
                foreach (var choice in chosen)
                {
                    foreach (var target in targets)
                    {
                        var already = target.UserId is null
                            ? given.Exists(g => g.TemplateId == choice.TemplateId && g.UserId == null && g.CompanyId == target.CompanyId)
                            : given.Exists(g => g.TemplateId == choice.TemplateId && g.UserId == target.UserId);
                        if (already)
                        {
                            duplicates.Add(t["“{0}” has already been given to {1} after session {2}.", byId[choice.TemplateId].Title, target.Name, after]);
                        }
                    }
                }

                if (duplicates.Count > 0)
                {
                    return false;
                }

                var now = time.GetUtcNow();
                var today = time.TodayIn(Programme.TimeZoneId);
                var tasks = chosen
                    .Select(c => HomeTask.Assign(
                        id, after, Programme.SessionCount, c.TemplateId, byId[c.TemplateId].Title, byId[c.TemplateId].Instructions, [],
                        Input.DueDate!.Value, Input.CutOff, c.Presented, actor, now, today, c.Attach.ToFlags()))
                    .ToList();
                if (adHoc)
                {
                    tasks.Add(HomeTask.Assign(
                        id, after, Programme.SessionCount, null, Input.Title, Input.Instructions, [],
                        Input.DueDate!.Value, Input.CutOff, Input.IsPresented, actor, now, today, Input.Attach.ToFlags()));
                }

                var position = await db.Presentations
                    .Where(p => p.ProgrammeId == id && p.SessionNumber == after + 1)
                    .MaxAsync(p => (int?)p.Position) ?? 0;
                var writers = new Dictionary<Target, List<string>>();
                foreach (var task in tasks)
                {
                    db.HomeTasks.Add(task);
                    foreach (var target in targets)
                    {
                        var submission = target.UserId is null
                            ? Submission.ForCompany(task, target.CompanyId!.Value)
                            : Submission.ForPerson(task, target.UserId, target.CompanyId);
                        db.Submissions.Add(submission);
                        if (task.IsPresented)
                        {
                            db.Presentations.Add(new Presentation(id, after + 1, submission.Id, ++position));
                        }

                        if (!writers.TryGetValue(target, out var people))
                        {
                            writers[target] = people = await TaskPeople.WritersAsync(db, id, target.UserId is null ? target.CompanyId : null, target.UserId);
                        }

                        await notifier.NotifyAsync(NotificationKind.TaskAssigned, people, task.Title, TaskNotifier.IsoDate(task.DueDate), $"/tasks/{submission.Id}");
                    }

                    db.Record(
                        time, actor, id, "task.assigned", task.Title, null,
                        $"after session {after}; due {TaskNotifier.IsoDate(task.DueDate)}"
                        + (task.CutOff is { } c ? $"; cut-off {TaskNotifier.IsoDate(c)}" : string.Empty)
                        + $"; to {string.Join(", ", targets.Select(x => x.Name))}");
                }

                // The instruction files go with every task given by this form, each task owning its own copy so that
                // a download is authorised through exactly one task.
                foreach (var task in tasks)
                {
                    var ids = new List<Guid>();
                    foreach (var (upload, inspected) in files)
                    {
                        var stored = new StoredFile(id, FileOwnerKind.HomeTask, task.Id, inspected, actor, now);
                        await using var content = upload.OpenReadStream();
                        await FileStore.SaveAsync(db, stored, content);
                        ids.Add(stored.Id);
                    }

                    task.AttachInstructionFiles(ids);
                }

                created = tasks.Count;
                return true;
            });
        }
        catch (DomainException ex)
        {
            ModelState.AddDomainError(ex, t);
            return Page();
        }

        if (duplicates.Count > 0)
        {
            foreach (var message in duplicates)
            {
                ModelState.AddModelError(string.Empty, message);
            }

            ModelState.AddModelError(string.Empty, t["Nothing was assigned. Untick the tasks these companies or people already have, or choose other recipients."]);
            return Page();
        }

        TempData["Success"] = t["{0} task(s) assigned to {1} recipient(s).", created, targets.Count].Value;
        return RedirectToPage("/Programmes/Tasks/Index", new { id });
    }

    /// <summary>The companies or people the form chose, each checked against the programme (forged ids are dropped).</summary>
    private List<Target> Targets()
    {
        var participants = Participants.ToDictionary(p => p.UserId);
        Target Person(Participant p) => new(p.CompanyId, p.UserId, TaskPeople.Describe(p.CompanyName, p.Name));
        return Input.Audience switch
        {
            Audience.Companies => Companies.Where(c => Input.CompanyIds.Contains(c.Id)).Select(c => new Target(c.Id, null, c.Name)).ToList(),
            Audience.People => Input.UserIds.Distinct().Where(participants.ContainsKey).Select(u => Person(participants[u])).ToList(),
            Audience.Group => Groups.Where(g => g.Id == Input.GroupId)
                .SelectMany(g => g.Members).Where(participants.ContainsKey).Distinct().Select(u => Person(participants[u])).ToList(),
            _ => Companies.Select(c => new Target(c.Id, null, c.Name)).ToList(),
        };
    }

    /// <summary>Checks every uploaded file (count, size, content); refusals become errors on the Files field.</summary>
    private List<(IFormFile Upload, InspectedFile Inspected)> InspectFiles()
    {
        var result = new List<(IFormFile, InspectedFile)>();
        var uploads = Files.Where(f => f.Length > 0 || !string.IsNullOrEmpty(f.FileName)).ToList();
        if (uploads.Count > FileInspector.MaxFilesPerSubmission)
        {
            ModelState.AddModelError("Files", t["Attach at most {0} files.", FileInspector.MaxFilesPerSubmission]);
            return result;
        }

        foreach (var upload in uploads)
        {
            try
            {
                using var stream = upload.OpenReadStream();
                result.Add((upload, FileInspector.Inspect(upload.FileName, stream)));
            }
            catch (DomainException ex)
            {
                ModelState.AddModelError("Files", t[ex.MessageTemplate, [.. ex.Arguments]]);
            }
        }

        return result;
    }

    private async Task<IActionResult?> LoadAsync(Guid id, int after)
    {
        var programme = await TaskProgramme.LoadAsync(db, id);
        if (programme is null || !programme.HasTasksAfter(after))
        {
            return NotFound();
        }

        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!standing.Can(Operation.SeeAllCompanies, inProgramme))
        {
            return Forbid();
        }

        Programme = programme;
        After = after;
        NextSession = programme.Session(after + 1);
        Today = time.TodayIn(programme.TimeZoneId);
        Templates = await db.TaskTemplates.AsNoTracking()
            .Where(x => x.ProgrammeId == id && x.AfterSession == after)
            .OrderBy(x => x.Position)
            .Select(x => new TemplateOption(
                x.Id,
                x.Title,
                x.Instructions,
                x.IsPresented,
                x.Attachments,
                db.Submissions.Count(s => s.UserId == null && db.HomeTasks.Any(h => h.Id == s.HomeTaskId && h.TemplateId == x.Id && h.AfterSession == after))))
            .ToListAsync();
        var companies = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == id && e.ArchivedAt == null)
            .Join(db.Companies, e => e.CompanyId, c => c.Id, (e, c) => new CompanyOption(c.Id, c.Name))
            .ToListAsync();
        Companies = companies.OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList();
        Participants = await Participant.LoadAsync(db, id);
        var sessionId = programme.Session(after).Id;
        var groups = await db.WorkingGroups.AsNoTracking()
            .Where(g => g.SessionId == sessionId)
            .Select(g => new GroupOption(g.Id, g.Name, g.Members.Select(m => m.UserId).ToList()))
            .ToListAsync();
        Groups = groups.OrderBy(g => g.Name, StringComparer.CurrentCulture).ToList();
        return null;
    }

    public enum Audience
    {
        All,
        Companies,
        People,
        Group,
    }

    /// <summary>A company, or a person (with their company, null for advisors in training), the tasks are given to.</summary>
    private sealed record Target(Guid? CompanyId, string? UserId, string Name);

    /// <summary>A template of the session, and to how many companies it has been given after this session already.</summary>
    public sealed record TemplateOption(Guid Id, string Title, string Instructions, bool IsPresented, TaskAttachments Attachments, int AssignedTo);

    public sealed record CompanyOption(Guid Id, string Name);

    public sealed record GroupOption(Guid Id, string Name, IReadOnlyList<string> Members);

    public sealed class TemplateChoice
    {
        public Guid TemplateId { get; set; }

        public bool Selected { get; set; }

        public bool Presented { get; set; }

        public AttachmentChoice Attach { get; set; } = new();
    }

    public sealed class InputModel
    {
        public List<TemplateChoice> Templates { get; set; } = [];

        /// <summary>A task of one's own besides the templates (optional).</summary>
        [StringLength(TaskTemplate.TitleMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Title")]
        public string? Title { get; set; }

        [StringLength(TaskTemplate.InstructionsMaxLength, ErrorMessage = "Use at most {1} characters.")]
        [Display(Name = "Instructions (Markdown)")]
        public string? Instructions { get; set; }

        [Display(Name = "Presented at the next session")]
        public bool IsPresented { get; set; }

        /// <summary>What engineers attach to the task of one's own.</summary>
        public AttachmentChoice Attach { get; set; } = new();

        [Required(ErrorMessage = "Enter a date.")]
        [Display(Name = "Due date")]
        public DateOnly? DueDate { get; set; }

        [Display(Name = "Cut-off (optional)")]
        public DateOnly? CutOff { get; set; }

        [Display(Name = "Give the tasks to")]
        public Audience Audience { get; set; }

        public List<Guid> CompanyIds { get; set; } = [];

        public List<string> UserIds { get; set; } = [];

        public Guid? GroupId { get; set; }
    }
}
