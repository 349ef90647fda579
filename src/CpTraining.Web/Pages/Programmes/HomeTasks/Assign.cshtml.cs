using System.Security.Claims;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Background;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.Web.Infrastructure.Saving;
using CpTraining.Web.Pages.Programmes.Attendance;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.HomeTasks;

/// <summary>
/// Gives home tasks after session N: the coordinator or any trainer of the programme chooses tasks from the
/// session's templates (or writes one), attaches instruction files, sets the due date (by default the day before
/// the next session), an optional cut-off, and the audience: all actively enrolled companies, chosen companies,
/// chosen participants, or a working group of the session (its members as individuals). Each task gets one
/// submission per company or person, a presentation slot at the next session when it is presented, a notification
/// to the people who write it, and an audit entry — all in one transaction with the uploaded files, under the
/// programme's row lock so that two people assigning at once cannot give the same task to a company twice. The form
/// is read by the handler after the rights are checked (<see cref="Uploads"/>), so it binds nothing itself.
/// </summary>
[Authorize]
[IgnoreAntiforgeryToken]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class AssignModel(AppDbContext db, AccessControl access, IAntiforgery antiforgery, SaveFlow save, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Ten files of 20 MB and the form around them.</summary>
    public const long MaxRequestBytes = (FileInspector.MaxFilesPerSubmission * FileInspector.MaxFileBytes) + (1024 * 1024);

    /// <summary>Bound by the handler after the form has been read within the limits.</summary>
    public AssignForm Input { get; set; } = new();

    /// <summary>The files chosen in a post that saved nothing (the browser cannot keep them).</summary>
    public IReadOnlyList<IFormFile> Files { get; private set; } = [];

    public TaskProgramme Programme { get; private set; } = null!;

    public int After { get; private set; }

    public SessionView NextSession { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public AssignChoices Choices { get; private set; } = null!;

    public IReadOnlyList<AssignChoices.TemplateOption> Templates => Choices.Templates;

    public IReadOnlyList<AssignChoices.CompanyOption> Companies => Choices.Companies;

    public IReadOnlyList<Participant> Participants => Choices.Participants;

    public IReadOnlyList<AssignChoices.GroupOption> Groups => Choices.Groups;

    public async Task<IActionResult> OnGetAsync(Guid id, int after)
    {
        var refused = await LoadAsync(id, after);
        if (refused is not null)
        {
            return refused;
        }

        Input = AssignForm.Opened(Choices, NextSession.StartDate);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, int after)
    {
        var refused = await LoadAsync(id, after) ?? await Uploads.ReadFormAsync(this, antiforgery, MaxRequestBytes, TooLarge);
        if (refused is not null)
        {
            return refused;
        }

        await TryUpdateModelAsync(Input, "Input");

        // Only this session's templates count; anything else posted is ignored.
        var byId = Templates.ToDictionary(x => x.Id);
        var chosen = Input.Templates.Where(c => c.Selected && byId.ContainsKey(c.TemplateId)).DistinctBy(c => c.TemplateId).ToList();
        var adHoc = !string.IsNullOrWhiteSpace(Input.Title);
        if (chosen.Count == 0 && !adHoc)
        {
            ModelState.AddModelError("Input.Templates", t["Choose at least one task, or write a task of your own."]);
        }

        var targets = Choices.Targets(Input);
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

        Files = Uploads.Chosen(Request, "Files");
        var files = Files.Count > FileInspector.MaxFilesPerSubmission ? null : Uploads.Inspect(Files, ModelState, t, "Files");
        if (files is null)
        {
            ModelState.AddModelError("Files", t["Attach at most {0} files.", FileInspector.MaxFilesPerSubmission]);
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var actor = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var duplicates = new List<string>();
        var created = 0;
        var result = await save.SaveLockedAsync(this, LockedRow.Programme, id, async () =>
        {
            duplicates.Clear();
            duplicates.AddRange(await AlreadyGivenAsync(id, after, chosen, targets, byId));
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

            await GiveAsync(id, after, tasks, targets, actor);

            // The instruction files go with every task given by this form, each task owning its own copy so that
            // a download is authorised through exactly one task.
            foreach (var task in tasks)
            {
                var incoming = files!.For(id, FileOwnerKind.HomeTask, task.Id, actor, now);
                await incoming.StoreAsync(db, HttpContext.RequestAborted);
                task.AttachInstructionFiles(incoming.Ids);
            }

            created = tasks.Count;
            return true;
        });
        if (result != SaveResult.Saved)
        {
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
        return RedirectToPage("/Programmes/HomeTasks/Index", new { id });
    }

    /// <summary>Why the chosen tasks cannot be given: a template already given to one of the recipients after this session.</summary>
    private async Task<List<string>> AlreadyGivenAsync(Guid id, int after, List<AssignForm.TemplateChoice> chosen, IReadOnlyList<AssignChoices.Target> targets, Dictionary<Guid, AssignChoices.TemplateOption> byId)
    {
        var templateIds = chosen.Select(c => c.TemplateId).ToList();
        var given = await db.Submissions.AsNoTracking()
            .Join(db.HomeTasks, s => s.HomeTaskId, h => h.Id, (s, h) => new { h.ProgrammeId, h.AfterSession, h.TemplateId, s.CompanyId, s.UserId })
            .Where(x => x.ProgrammeId == id && x.AfterSession == after && x.TemplateId != null && templateIds.Contains(x.TemplateId.Value))
            .ToListAsync();
        return [.. from choice in chosen
                   from target in targets
                   where target.UserId is null
                       ? given.Exists(g => g.TemplateId == choice.TemplateId && g.UserId == null && g.CompanyId == target.CompanyId)
                       : given.Exists(g => g.TemplateId == choice.TemplateId && g.UserId == target.UserId)
                   select t["“{0}” has already been given to {1} after session {2}.", byId[choice.TemplateId].Title, target.Name, after].Value];
    }

    /// <summary>
    /// One submission per task and recipient, a presentation slot at the next session for presented tasks, a
    /// notification to the people who write it (from the work's event), and an audit entry per task.
    /// </summary>
    private async Task GiveAsync(Guid id, int after, List<HomeTask> tasks, IReadOnlyList<AssignChoices.Target> targets, string actor)
    {
        var position = await db.Presentations
            .Where(p => p.ProgrammeId == id && p.SessionNumber == after + 1)
            .MaxAsync(p => (int?)p.Position) ?? 0;
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
            }

            db.Record(
                time, actor, id, "task.assigned", task.Title, null,
                $"after session {after}; due {TaskNotifier.IsoDate(task.DueDate)}"
                + (task.CutOff is { } c ? $"; cut-off {TaskNotifier.IsoDate(c)}" : string.Empty)
                + $"; to {string.Join(", ", targets.Select(x => x.Name))}");
        }
    }

    /// <summary>413 with the form as first opened: the body was not read.</summary>
    private Task<IActionResult> TooLarge()
    {
        Input = AssignForm.Opened(Choices, NextSession.StartDate);
        ModelState.AddModelError(string.Empty, t[
            "The upload was too large (more than {0} MB at once), so nothing was saved and your input could not be read back. Attach at most {1} files of at most {2} MB each.",
            MaxRequestBytes / 1024 / 1024,
            FileInspector.MaxFilesPerSubmission,
            FileInspector.MaxFileBytes / 1024 / 1024]);
        return Task.FromResult<IActionResult>(Page());
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
        Choices = await AssignChoices.LoadAsync(db, programme, after);
        return null;
    }

    public enum Audience
    {
        All,
        Companies,
        People,
        Group,
    }
}
