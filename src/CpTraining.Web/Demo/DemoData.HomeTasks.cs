using System.Globalization;
using System.Text;
using CpTraining.Domain.Balances;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Demo;

/// <summary>
/// Home tasks of the current demo programme: the session-1 tasks (due the day before session 2, so already due) with
/// work in every state across the four companies — including the textile mill's company description, returned once
/// and resubmitted, so engineer@demo.local sees two versions and trainer@demo.local has it in the review queue — and
/// the session-2 tasks, due before session 3, mostly not started. Presentations of the session-1 tasks are on session
/// 2's agenda. Idempotent: nothing is added when the programme already has home tasks.
/// </summary>
internal static partial class DemoData
{
    private enum Scenario
    {
        NotStarted,
        Draft,
        Submitted,
        SubmittedLate,
        Returned,
        Resubmitted,
        Accepted,
        AcceptedLate,
        Extended,
    }

    // Per company (in CurrentCompanies order), the state of each session-1 task (in StandardHomeTasks order).
    private static readonly Scenario[][] SessionOneWork =
    [
        [Scenario.Resubmitted, Scenario.Accepted, Scenario.AcceptedLate, Scenario.Returned],
        [Scenario.Accepted, Scenario.Submitted, Scenario.Draft, Scenario.NotStarted],
        [Scenario.SubmittedLate, Scenario.Returned, Scenario.Extended, Scenario.Accepted],
        [Scenario.Accepted, Scenario.Accepted, Scenario.Accepted, Scenario.Draft],
    ];

    /// <summary>What seeding a programme's home tasks needs: the programme with its sessions, its task templates, and ids by name and email.</summary>
    private sealed record HomeTaskSetup(Programme Programme, List<TaskTemplate> Templates, Dictionary<string, Guid> Companies, Dictionary<string, string> People, string Coordinator);

    private static async Task SeedHomeTasksAsync(AppDbContext db, UserManager<AppUser> users, TimeProvider time)
    {
        var setup = await HomeTaskSetupAsync(db, users, CurrentProgrammeName, CurrentCompanies);
        if (setup is null)
        {
            return;
        }

        var today = time.TodayIn(setup.Programme.TimeZoneId);
        if (!setup.Programme.Sessions[1].HasBegunBy(today))
        {
            return;
        }

        await InOneTransactionAsync(db, () => SeedHomeTasksInTransactionAsync(db, setup, today));
    }

    /// <summary>Null when the programme already has home tasks (they are seeded all at once, or not at all).</summary>
    private static async Task<HomeTaskSetup?> HomeTaskSetupAsync(AppDbContext db, UserManager<AppUser> users, string programmeName, IReadOnlyList<DemoCompany> specs)
    {
        var programme = await db.Programmes.AsNoTracking()
            .Include(p => p.Sessions)
            .Include(p => p.Enrolments)
            .Include(p => p.Members)
            .AsSplitQuery()
            .SingleAsync(p => p.Name == programmeName);
        if (await db.HomeTasks.AnyAsync(t => t.ProgrammeId == programme.Id))
        {
            return null;
        }

        var coordinator = (await users.FindByEmailAsync("coordinator@demo.local"))!.Id;
        var templates = await db.TaskTemplates.AsNoTracking()
            .Where(t => t.ProgrammeId == programme.Id)
            .OrderBy(t => t.AfterSession).ThenBy(t => t.Position)
            .ToListAsync();
        var names = specs.Select(s => s.Details.Name).ToList();
        var companies = await db.Companies.AsNoTracking()
            .Where(c => names.Contains(c.Name))
            .ToDictionaryAsync(c => c.Name, c => c.Id);
        var emails = specs.SelectMany(c => c.People).Select(p => p.Email).Concat(specs.Select(c => c.TrainerEmail)).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => emails.Contains(u.Email!)).ToDictionaryAsync(u => u.Email!, u => u.Id);
        return new HomeTaskSetup(programme, templates, companies, people, coordinator);
    }

    /// <summary>One transaction (stored demo files are written inside it), run by the retrying execution strategy.</summary>
    private static async Task InOneTransactionAsync(AppDbContext db, Func<Task> work) =>
        await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync();
            await work();
            await transaction.CommitAsync();
        });

    /// <summary>
    /// The standard tasks of session <paramref name="afterSession"/>, given on its last day and due the day before the
    /// next session; closed for first submissions <paramref name="cutOffDays"/> after the due date (null: never).
    /// </summary>
    private static List<HomeTask> GiveTasks(HomeTaskSetup setup, int afterSession, int? cutOffDays)
    {
        var sessions = setup.Programme.Sessions;
        var givenOn = sessions[afterSession - 1].EndDate;
        var due = HomeTask.DefaultDueDate(sessions[afterSession].StartDate);
        return setup.Templates.Where(t => t.AfterSession == afterSession)
            .Select(t => HomeTask.Assign(
                setup.Programme.Id, afterSession, sessions.Count, t.Id, t.Title, t.Instructions, [], due, cutOffDays is { } days ? due.AddDays(days) : null,
                t.IsPresented, setup.Coordinator, At(givenOn, 16), givenOn, t.Attachments))
            .ToList();
    }

    private static async Task SeedHomeTasksInTransactionAsync(AppDbContext db, HomeTaskSetup setup, DateOnly today)
    {
        var (programme, _, companies, people, coordinator) = setup;
        var sessions = programme.Sessions;

        // Session 1's tasks were given on its last day, due the day before session 2; session 2's likewise, closing a week after.
        var tasks1 = GiveTasks(setup, 1, null);
        var due1 = tasks1[0].DueDate;
        var tasks2 = GiveTasks(setup, 2, 7);
        var due2 = tasks2[0].DueDate;
        db.HomeTasks.AddRange(tasks1);
        db.HomeTasks.AddRange(tasks2);

        var presentations = new List<Presentation>();
        for (var c = 0; c < CurrentCompanies.Count; c++)
        {
            var spec = CurrentCompanies[c];
            var companyId = companies[spec.Details.Name];
            var engineers = spec.People.Where(p => p.Role == ProgrammeRole.Engineer).Select(p => people[p.Email]).ToList();
            var trainer = people[spec.TrainerEmail];
            for (var i = 0; i < tasks1.Count; i++)
            {
                var submission = Submission.ForCompany(tasks1[i], companyId);
                db.Submissions.Add(submission);
                await db.SaveChangesAsync();
                await PlayAsync(db, submission, SessionOneWork[c][i], spec.Details.Name, tasks1[i], engineers, trainer, coordinator, programme.Id, sessions[0].EndDate, due1, today);
                if (tasks1[i].IsPresented)
                {
                    presentations.Add(new Presentation(programme.Id, 2, submission.Id, 0));
                }
            }

            for (var i = 0; i < tasks2.Count; i++)
            {
                var submission = Submission.ForCompany(tasks2[i], companyId);
                if (c == 0 && i == 0)
                {
                    submission.SaveDraft(
                        "Focus process: reactive dyeing of cotton on jet machines (3 machines, 1.2 t fabric a day).\n\n| Input | Amount per day |\n|---|---|\n| Fabric | 1 200 kg |\n| Water | 96 m³ |\n| Reactive dyes | 36 kg |\n| Salt | 960 kg |\n\nStill to measure: steam per batch.",
                        [],
                        engineers[0],
                        At(today.AddDays(-3), 15),
                        today);
                }

                db.Submissions.Add(submission);
                if (tasks2[i].IsPresented)
                {
                    presentations.Add(new Presentation(programme.Id, 3, submission.Id, 0));
                }
            }
        }

        // Session 2's presentations in company order, 15 minutes each from 09:00 on day 1.
        var minutes = 0;
        foreach (var group in presentations.GroupBy(p => p.SessionNumber))
        {
            PresentationOrder.Renumber(group);
            minutes = 0;
            foreach (var p in group.Where(p => p.SessionNumber == 2))
            {
                p.Schedule(null, 1, new TimeOnly(9, 0).AddMinutes(minutes), 15, sessions[1].Days);
                minutes += 15;
            }
        }

        db.Presentations.AddRange(presentations);

        // engineer@demo.local's unread notifications: the session-2 tasks were given, and one session-1 task came back.
        var engineer = people["engineer@demo.local"];
        var textile = companies[CurrentCompanies[0].Details.Name];
        foreach (var work in db.Submissions.Local.Where(s => s.CompanyId == textile))
        {
            var task = tasks1.Concat(tasks2).Single(t => t.Id == work.HomeTaskId);
            if (task.AfterSession == 2)
            {
                db.Notifications.Add(new Notification(engineer, NotificationKind.TaskAssigned, task.Title, due2.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "/tasks/" + work.Id, At(sessions[1].EndDate, 16)));
            }
            else if (work.Status == SubmissionStatus.Returned)
            {
                db.Notifications.Add(new Notification(engineer, NotificationKind.TaskReturned, task.Title, null, "/tasks/" + work.Id, work.Reviews[^1].At));
            }
        }

        await db.SaveChangesAsync();
    }

    private static async Task PlayAsync(
        AppDbContext db,
        Submission submission,
        Scenario scenario,
        string company,
        HomeTask task,
        List<string> engineers,
        string trainer,
        string coordinator,
        Guid programmeId,
        DateOnly givenOn,
        DateOnly due,
        DateOnly today,
        WorksheetSnapshot? worksheet = null,
        OptionsRegisterSnapshot? options = null)
    {
        var writer = engineers[0];
        var other = engineers[^1];
        var onTime = due.AddDays(-4);
        var late = due.AddDays(2);
        var answer = Answer(company, task.Title);
        switch (scenario)
        {
            case Scenario.NotStarted:
                break;
            case Scenario.Draft:
                submission.SaveDraft(answer + "\n\n*Draft: figures still to be checked.*", [], writer, At(due.AddDays(-6), 11), due.AddDays(-6));
                break;
            case Scenario.Extended:
                submission.SaveDraft(answer + "\n\n*Draft.*", [], writer, At(due.AddDays(-5), 11), due.AddDays(-5));
                submission.GrantExtension(today.AddDays(10), "The environmental engineer was on sick leave for two weeks.", coordinator, isCoordinator: true, today);
                break;
            case Scenario.Submitted or Scenario.SubmittedLate or Scenario.Accepted or Scenario.AcceptedLate or Scenario.Returned or Scenario.Resubmitted:
                var day = scenario is Scenario.SubmittedLate or Scenario.AcceptedLate ? late : onTime;
                var files = new List<Guid>();
                if (scenario == Scenario.Resubmitted)
                {
                    files.Add(await DemoPdfAsync(db, programmeId, submission.Id, "Process flow chart.pdf", company + " - process flow chart", writer, At(day, 9)));
                }

                var first = scenario == Scenario.Resubmitted
                    ? $"{company} produces about 1 200 kg of dyed cotton fabric a day with 420 employees.\n\nMain inputs: cotton fabric, reactive dyes, salt, soda ash, water from the city network, natural gas for the boiler.\n\nThe process flow chart is attached."
                    : answer;
                submission.SaveDraft(first, files, other, At(day.AddDays(-2), 14), day.AddDays(-2));
                submission.Submit(first, files, writer, At(day, 10), day, Guid.NewGuid(), worksheet, options);
                var reviewed = At(day.AddDays(3), 12);
                if (scenario is Scenario.Accepted or Scenario.AcceptedLate)
                {
                    submission.Accept("Clear and complete. Well done.", trainer, reviewed);
                }
                else if (scenario is Scenario.Returned or Scenario.Resubmitted)
                {
                    submission.Return(
                        "Please add the **yearly** figures (production, water, energy) with units, and name the sources of the data (meter readings, invoices, estimates).",
                        trainer,
                        reviewed);
                }

                if (scenario == Scenario.Resubmitted)
                {
                    var second = $"{company} produces about 1 200 kg of dyed cotton fabric a day with 420 employees (about 300 t a year in 250 working days).\n\nMain inputs per year: 300 t cotton fabric, 9 t reactive dyes, 240 t salt, 60 t soda ash, 24 000 m³ water (water meter readings), 310 000 m³ natural gas (gas invoices).\n\nThe process flow chart is attached.";
                    submission.SaveDraft(second, files, writer, At(day.AddDays(5), 16), day.AddDays(5));
                    submission.Submit(second, files, writer, At(day.AddDays(6), 9), day.AddDays(6), Guid.NewGuid(), worksheet, options);
                }

                break;
        }

        await db.SaveChangesAsync();
        _ = givenOn;
    }

    private static string Answer(string company, string task) =>
        $"## {task}\n\n{company}: see the figures below, collected by the CP team from meter readings and invoices.\n\n- main problem: losses to the sewer\n- data sources: meters, invoices, estimates";

    private static DateTimeOffset At(DateOnly day, int hour) =>
        new(day.ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero);

    /// <summary>A small real one-page PDF with one line of text, stored like an upload.</summary>
    private static async Task<Guid> DemoPdfAsync(AppDbContext db, Guid programmeId, Guid submissionId, string fileName, string line, string uploadedBy, DateTimeOffset at)
    {
        var bytes = MinimalPdf(line);
        var file = new StoredFile(
            programmeId,
            FileOwnerKind.Submission,
            submissionId,
            new InspectedFile(fileName, "application/pdf", bytes.Length, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes))),
            uploadedBy,
            at);
        await FileStore.SaveAsync(db, file, new MemoryStream(bytes));
        return file.Id;
    }

    internal static byte[] MinimalPdf(string line)
    {
        var text = line.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal);
        var stream = $"BT /F1 18 Tf 72 720 Td ({text}) Tj ET";
        string[] objects =
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            $"<< /Length {Encoding.ASCII.GetByteCount(stream)} >>\nstream\n{stream}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ];
        var pdf = new StringBuilder("%PDF-1.4\n");
        var offsets = new List<int>();
        for (var i = 0; i < objects.Length; i++)
        {
            offsets.Add(Encoding.ASCII.GetByteCount(pdf.ToString()));
            pdf.Append(CultureInfo.InvariantCulture, $"{i + 1} 0 obj\n{objects[i]}\nendobj\n");
        }

        var xref = Encoding.ASCII.GetByteCount(pdf.ToString());
        pdf.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Length + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            pdf.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }

        pdf.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Length + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return Encoding.ASCII.GetBytes(pdf.ToString());
    }
}
