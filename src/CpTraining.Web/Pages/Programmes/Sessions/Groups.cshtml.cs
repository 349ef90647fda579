using CpTraining.Domain;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Saving;
using CpTraining.Web.Pages.Programmes.Attendance;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.Sessions;

/// <summary>
/// The working groups of one session. Coordinators and administrators create, rename and remove groups, put each
/// participant into a group (one save for all) and can start from the previous session's groups; every member of
/// the programme sees them. Changes to one session's groups are serialised by locking the session row.
/// </summary>
[Authorize]
public sealed class GroupsModel(AppDbContext db, AccessControl access, SaveFlow save, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty]
    public List<AssignmentInput> Assignments { get; set; } = [];

    public Guid ProgrammeId { get; private set; }

    public string ProgrammeName { get; private set; } = string.Empty;

    public SessionView Session { get; private set; } = null!;

    public bool CanManage { get; private set; }

    public IReadOnlyList<GroupView> Groups { get; private set; } = [];

    public IReadOnlyList<Participant> Participants { get; private set; } = [];

    /// <summary>The previous session has groups to copy and this one has none yet.</summary>
    public bool CanCopyPrevious { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int number)
    {
        var refused = await LoadAsync(id, number, manage: false);
        if (refused is not null)
        {
            return refused;
        }

        var groupOf = Groups.SelectMany(g => g.Members.Select(m => (m, g.Id))).ToDictionary(x => x.m, x => x.Id);
        Assignments = Participants.Select(p => new AssignmentInput { UserId = p.UserId, GroupId = groupOf.TryGetValue(p.UserId, out var g) ? g : null }).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostAddAsync(Guid id, int number, string? name) =>
        ChangeAsync(id, number, (session, _) => session.AddGroup(name ?? string.Empty), t["Group {0} has been added.", name?.Trim() ?? string.Empty]);

    public Task<IActionResult> OnPostRenameAsync(Guid id, int number, Guid groupId, string? name) =>
        ChangeAsync(id, number, (session, _) => session.RenameGroup(groupId, name ?? string.Empty), t["The group has been renamed to {0}.", name?.Trim() ?? string.Empty]);

    public Task<IActionResult> OnPostRemoveAsync(Guid id, int number, Guid groupId) =>
        ChangeAsync(id, number, (session, _) => session.RemoveGroup(groupId), t["The group has been removed."]);

    public Task<IActionResult> OnPostAssignAsync(Guid id, int number) =>
        ChangeAsync(
            id,
            number,
            (session, participants) =>
            {
                // Only participants are placed; anything else posted is ignored.
                foreach (var assignment in Assignments.Where(a => participants.Contains(a.UserId)))
                {
                    session.AssignToGroup(assignment.UserId, assignment.GroupId);
                }
            },
            t["The groups have been saved."]);

    public Task<IActionResult> OnPostCopyAsync(Guid id, int number) =>
        ChangeAsync(
            id,
            number,
            (session, participants) =>
            {
                var previous = db.ChangeTracker.Entries<PlenarySession>().Select(e => e.Entity).SingleOrDefault(s => s.Number == number - 1)
                    ?? throw new DomainException("There is no previous session to copy groups from.");
                session.CopyGroupsFrom(previous, participants.Contains);
            },
            t["The groups of session {0} have been copied.", number - 1]);

    private async Task<IActionResult> ChangeAsync(Guid id, int number, Action<PlenarySession, HashSet<string>> change, string success)
    {
        var refused = await LoadAsync(id, number, manage: true);
        if (refused is not null)
        {
            return refused;
        }

        var participants = Participants.Select(p => p.UserId).ToHashSet();
        var result = await save.SaveLockedAsync(this, LockedRow.Session, Session.Id, async () =>
        {
            // This session and the one before (for copying), each with its groups and their members.
            var sessions = await db.Sessions
                .Include(s => s.Groups).ThenInclude(g => g.Members)
                .Where(s => s.ProgrammeId == id && (s.Number == number || s.Number == number - 1))
                .ToListAsync();
            change(sessions.Single(s => s.Number == number), participants);
            return true;
        }, new FormFields("Group"));
        if (result != SaveResult.Saved)
        {
            if (result == SaveResult.Conflict)
            {
                ModelState.AddConflict(t["Someone else changed this session's groups at the same time; nothing was changed. Check the groups and try again."]);
            }

            await LoadGroupsAsync();
            return Page();
        }

        TempData["Success"] = success;
        return RedirectToPage(new { id, number });
    }

    private async Task<IActionResult?> LoadAsync(Guid id, int number, bool manage)
    {
        var found = await SessionView.FindAsync(db, id, number);
        if (found is null)
        {
            return NotFound();
        }

        var rights = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!rights.Can(Operation.SeeProgramme, inProgramme) || (manage && !rights.Can(Operation.ManageProgramme, inProgramme)))
        {
            return Forbid();
        }

        ProgrammeId = id;
        ProgrammeName = found.Name;
        Session = found.Session;
        CanManage = rights.Can(Operation.ManageProgramme, inProgramme);
        Participants = await Participant.LoadAsync(db, id);
        await LoadGroupsAsync();
        return null;
    }

    private async Task LoadGroupsAsync()
    {
        var groups = await db.WorkingGroups.AsNoTracking()
            .Where(g => g.SessionId == Session.Id)
            .Select(g => new GroupView(g.Id, g.Name, g.Members.Select(m => m.UserId).ToList()))
            .ToListAsync();
        Groups = groups.OrderBy(g => g.Name, StringComparer.CurrentCulture).ToList();
        CanCopyPrevious = CanManage && Groups.Count == 0 && Session.Number > 1
            && await db.WorkingGroups.AnyAsync(g => db.Sessions.Any(s => s.Id == g.SessionId && s.ProgrammeId == ProgrammeId && s.Number == Session.Number - 1));
    }

    public sealed record GroupView(Guid Id, string Name, IReadOnlyList<string> Members);

    public sealed class AssignmentInput
    {
        public string UserId { get; set; } = string.Empty;

        public Guid? GroupId { get; set; }
    }
}
