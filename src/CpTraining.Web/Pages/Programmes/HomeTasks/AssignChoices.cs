using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Background;
using CpTraining.Web.Data;
using CpTraining.Web.Pages.Programmes.Attendance;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.HomeTasks;

/// <summary>
/// What the assign form offers after session N: the session's templates (with how many companies have each already),
/// the actively enrolled companies, the participants and the session's working groups; and the recipients a posted
/// form chose, each checked against these (forged ids are dropped).
/// </summary>
public sealed record AssignChoices(
    IReadOnlyList<AssignChoices.TemplateOption> Templates,
    IReadOnlyList<AssignChoices.CompanyOption> Companies,
    IReadOnlyList<Participant> Participants,
    IReadOnlyList<AssignChoices.GroupOption> Groups)
{
    public static async Task<AssignChoices> LoadAsync(AppDbContext db, TaskProgramme programme, int after)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(programme);
        var id = programme.Id;
        var templates = await db.TaskTemplates.AsNoTracking()
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
        var participants = await Participant.LoadAsync(db, id);
        var sessionId = programme.Session(after).Id;
        var groups = await db.WorkingGroups.AsNoTracking()
            .Where(g => g.SessionId == sessionId)
            .Select(g => new GroupOption(g.Id, g.Name, g.Members.Select(m => m.UserId).ToList()))
            .ToListAsync();
        return new AssignChoices(
            templates,
            companies.OrderBy(c => c.Name, StringComparer.CurrentCulture).ToList(),
            participants,
            groups.OrderBy(g => g.Name, StringComparer.CurrentCulture).ToList());
    }

    /// <summary>The companies or people the form chose, each checked against the programme (forged ids are dropped).</summary>
    public IReadOnlyList<Target> Targets(AssignForm input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var participants = Participants.ToDictionary(p => p.UserId);
        Target Person(Participant p) => new(p.CompanyId, p.UserId, TaskPeople.Describe(p.CompanyName, p.Name));
        return input.Audience switch
        {
            AssignModel.Audience.Companies => Companies.Where(c => input.CompanyIds.Contains(c.Id)).Select(c => new Target(c.Id, null, c.Name)).ToList(),
            AssignModel.Audience.People => input.UserIds.Distinct().Where(participants.ContainsKey).Select(u => Person(participants[u])).ToList(),
            AssignModel.Audience.Group => Groups.Where(g => g.Id == input.GroupId)
                .SelectMany(g => g.Members).Where(participants.ContainsKey).Distinct().Select(u => Person(participants[u])).ToList(),
            _ => Companies.Select(c => new Target(c.Id, null, c.Name)).ToList(),
        };
    }

    /// <summary>A template of the session, and to how many companies it has been given after this session already.</summary>
    public sealed record TemplateOption(Guid Id, string Title, string Instructions, bool IsPresented, TaskAttachments Attachments, int AssignedTo);

    public sealed record CompanyOption(Guid Id, string Name);

    public sealed record GroupOption(Guid Id, string Name, IReadOnlyList<string> Members);

    /// <summary>A company, or a person (with their company, null for advisors in training), the tasks are given to.</summary>
    public sealed record Target(Guid? CompanyId, string? UserId, string Name);
}
