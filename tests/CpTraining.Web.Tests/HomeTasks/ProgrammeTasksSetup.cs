using AngleSharp.Html.Dom;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Attendance;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// A programme for the home-task pages of the programme: today is Monday 1 June 2026; session 1 (26–28 May) has
/// been held and session 2 starts on Tuesday 14 July 2026, so tasks given after session 1 are due on 13 July by
/// default. Companies Alpha (engineer Anna, manager Mark, trainer Tom), Beta (engineer Boris) and Gamma (engineer
/// Chen); Dana is a CP advisor in training; Tina is a second trainer with no company.
/// </summary>
internal sealed record TaskWorld(
    Programme Programme,
    AppUser Coordinator,
    AppUser Trainer,
    AppUser OtherTrainer,
    Guid Alpha,
    Guid Beta,
    Guid Gamma,
    AppUser Anna,
    AppUser Mark,
    AppUser Boris,
    AppUser Chen,
    AppUser Dana)
{
    public Guid Id => Programme.Id;
}

internal static class ProgrammeTasksSetup
{
    public static readonly DateOnly FirstSession = new(2026, 5, 26);

    public static readonly DateOnly DefaultDue = new(2026, 7, 13);

    public static string Tasks(Guid id) => $"/programmes/{id}/tasks";

    public static string Templates(Guid id) => $"/programmes/{id}/tasks/templates";

    public static string Assign(Guid id, int after) => $"/programmes/{id}/tasks/assign?after={after}";

    public static string EditDates(Guid id, Guid taskId) => $"/programmes/{id}/tasks/{taskId}/edit";

    public static string Presentations(Guid id, int number) => $"/programmes/{id}/sessions/{number}/presentations";

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static async Task<TaskWorld> SeedTaskWorldAsync(this CpTrainingFactory factory)
    {
        factory.ResetClock();
        var coordinator = await factory.PersonAsync(Roles.Coordinator, "Olena Coordinator");
        var programme = await factory.CreateProgrammeAsync(coordinator, FirstSession, "Tasks programme " + Guid.NewGuid().ToString("N")[..6]);
        var alpha = (await factory.EnrolCompanyAsync(programme.Id, "Alpha Textiles")).Id;
        var beta = (await factory.EnrolCompanyAsync(programme.Id, "Beta Foods")).Id;
        var gamma = (await factory.EnrolCompanyAsync(programme.Id, "Gamma Metal")).Id;
        var trainer = await factory.PersonAsync(Roles.Trainer, "Tom Trainer");
        await factory.AddMemberAsync(programme.Id, trainer, ProgrammeRole.Trainer);
        await factory.AssignTrainerAsync(programme.Id, alpha, trainer);
        var other = await factory.PersonAsync(Roles.Trainer, "Tina Trainer");
        await factory.AddMemberAsync(programme.Id, other, ProgrammeRole.Trainer);
        var anna = await factory.EngineerAsync(programme.Id, alpha, "Anna");
        var mark = await factory.PersonAsync(Roles.Manager, "Mark");
        await factory.AddMemberAsync(programme.Id, mark, ProgrammeRole.Manager, alpha);
        var boris = await factory.EngineerAsync(programme.Id, beta, "Boris");
        var chen = await factory.EngineerAsync(programme.Id, gamma, "Chen");
        var dana = await factory.PersonAsync(Roles.Engineer, "Dana");
        await factory.AddMemberAsync(programme.Id, dana, ProgrammeRole.AdvisorInTraining);
        return new TaskWorld(programme, coordinator, trainer, other, alpha, beta, gamma, anna, mark, boris, chen, dana);
    }

    /// <summary>The assign form's values as loaded, with the given templates ticked (by title) and the rest unticked.</summary>
    public static Dictionary<string, string> AssignForm(IHtmlDocument page, params string[] titles)
    {
        var form = FormClient.FormValues(page, "#assign-form");
        form.Remove("Files");
        foreach (var item in page.QuerySelectorAll("#task-choices li[data-template]"))
        {
            var box = item.QuerySelector("input[name$='.Selected']")!;
            var title = item.QuerySelector("label.fw-semibold")!.TextContent.Trim();
            if (titles.Contains(title))
            {
                form[box.GetAttribute("name")!] = "true";
            }
            else
            {
                form.Remove(box.GetAttribute("name")!);
            }
        }

        return form;
    }

    /// <summary>Posts form values that may hold several values for one name (checkbox lists).</summary>
    public static Task<HttpResponseMessage> PostFieldsAsync(this HttpClient client, string url, IEnumerable<KeyValuePair<string, string>> fields) =>
        client.PostAsync(url, new FormUrlEncodedContent(fields));

    /// <summary>Puts a working group of session 1 with the given members in place directly.</summary>
    public static async Task<Guid> GroupAsync(this CpTrainingFactory factory, Guid programmeId, string name, params AppUser[] members)
    {
        await using var db = factory.NewDbContext();
        var session = await db.Sessions.Include(s => s.Groups).ThenInclude(g => g.Members).SingleAsync(s => s.ProgrammeId == programmeId && s.Number == 1);
        var group = session.AddGroup(name);
        foreach (var member in members)
        {
            session.AssignToGroup(member.Id, group.Id);
        }

        await db.SaveChangesAsync();
        return group.Id;
    }
}
