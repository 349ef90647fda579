using System.Net;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.TestSupport;
using CpTraining.Web.Tests.Programmes;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.HomeTasks.ProgrammeTasksSetup;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>Assigning home tasks after a session: to all companies, chosen companies, people or a group; files; refusals.</summary>
public sealed class AssignTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static readonly string[] SessionOneTitles =
    [
        "Company description and process flow chart",
        "Formulation of the environmental problems",
        "CP team and plan",
        "Choice of the focus area",
    ];

    [Fact]
    public async Task A_trainer_assigns_the_session_1_tasks_to_all_companies()
    {
        var w = await factory.SeedTaskWorldAsync();
        var client = await factory.ClientAsync(w.OtherTrainer);
        var page = await client.GetDocumentAsync(Assign(w.Id, 1));

        // Every template of session 1 is offered and ticked; due the day before session 2 (14 July) by default.
        Assert.Equal(SessionOneTitles, page.QuerySelectorAll("#task-choices label.fw-semibold").Select(l => l.TextContent.Trim()));
        Assert.Equal(4, page.QuerySelectorAll("#task-choices input[name$='.Selected'][checked]").Length);
        Assert.Equal("2026-07-13", page.QuerySelector("#Input_DueDate")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#audience-all[checked]"));

        var response = await client.PostFieldsAsync(Assign(w.Id, 1), AssignForm(page, SessionOneTitles));

        Assert.Equal(Tasks(w.Id), ProgrammePages.RedirectTarget(response));
        await using var db = factory.NewDbContext();
        var tasks = await db.HomeTasks.Where(h => h.ProgrammeId == w.Id).ToListAsync();
        Assert.Equal(SessionOneTitles.Order(), tasks.Select(h => h.Title).Order());
        Assert.All(tasks, h => Assert.Equal((1, DefaultDue, (DateOnly?)null, w.OtherTrainer.Id), (h.AfterSession, h.DueDate, h.CutOff, h.AssignedBy)));
        var submissions = await db.Submissions.Where(s => s.ProgrammeId == w.Id).ToListAsync();
        Assert.Equal(12, submissions.Count);
        Assert.All(submissions, s => Assert.Null(s.UserId));
        Assert.All(submissions, s => Assert.Equal(SubmissionStatus.NotStarted, s.Status));
        foreach (var task in tasks)
        {
            Assert.Equal(new[] { w.Alpha, w.Beta, w.Gamma }.Order(), submissions.Where(s => s.HomeTaskId == task.Id).Select(s => s.CompanyId!.Value).Order());
        }

        // Three of the four tasks are presented at session 2: one presentation per company, positions 1..9.
        var presentations = await db.Presentations.Where(p => p.ProgrammeId == w.Id).ToListAsync();
        Assert.Equal(9, presentations.Count);
        Assert.All(presentations, p => Assert.Equal(2, p.SessionNumber));
        Assert.Equal(Enumerable.Range(1, 9), presentations.Select(p => p.Position).Order());
        var presented = tasks.Where(h => h.IsPresented).Select(h => h.Id).ToHashSet();
        Assert.Equal(submissions.Where(s => presented.Contains(s.HomeTaskId)).Select(s => s.Id).Order(), presentations.Select(p => p.SubmissionId).Order());

        // The engineers are told, in the app and by e-mail; the manager is not (managers read, engineers write).
        var annaSubmissions = submissions.Where(s => s.CompanyId == w.Alpha).Select(s => "/tasks/" + s.Id).Order().ToList();
        var annaNotes = await db.Notifications.Where(n => n.UserId == w.Anna.Id).ToListAsync();
        Assert.Equal(annaSubmissions, annaNotes.Select(n => n.Link).Order());
        Assert.All(annaNotes, n => Assert.Equal((NotificationKind.TaskAssigned, "2026-07-13"), (n.Kind, n.Detail)));
        Assert.Equal(4, await db.OutboxMessages.CountAsync(m => m.To == w.Anna.Email));
        Assert.Contains(await db.OutboxMessages.Where(m => m.To == w.Boris.Email).Select(m => m.Subject).ToListAsync(), s => s.Contains("Choice of the focus area", StringComparison.Ordinal));
        Assert.Equal(0, await db.Notifications.CountAsync(n => n.UserId == w.Mark.Id));
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.ProgrammeId == w.Id && a.Action == "task.assigned"));

        // The programme's task page lists them under session 1, each given to three companies.
        var list = await client.GetDocumentAsync(Tasks(w.Id));
        var rows = list.QuerySelectorAll(".tasks-after[data-after='1'] tbody tr");
        Assert.Equal(4, rows.Length);
        Assert.All(rows, r => Assert.Equal("3 companies", r.QuerySelector(".task-audience")!.TextContent.Trim()));
        Assert.All(rows, r => Assert.Equal(ProgrammePages.Short(DefaultDue), r.QuerySelector(".task-due")!.TextContent.Trim()));
        Assert.NotNull(list.QuerySelector($".tasks-after[data-after='1'] a[href='/programmes/{w.Id}/tasks/overview?after=1']"));

        // Offered again, they are marked as given and no longer ticked.
        var again = await client.GetDocumentAsync(Assign(w.Id, 1));
        Assert.Equal(4, again.QuerySelectorAll(".already-assigned").Length);
        Assert.Empty(again.QuerySelectorAll("#task-choices input[name$='.Selected'][checked]"));
    }

    [Fact]
    public async Task Chosen_companies_get_the_task_and_a_second_assignment_to_the_same_company_is_refused()
    {
        var w = await factory.SeedTaskWorldAsync();
        var client = await factory.ClientAsync(w.Coordinator);
        var page = await client.GetDocumentAsync(Assign(w.Id, 1));
        var form = AssignForm(page, "CP team and plan");
        form["Input.Audience"] = "Companies";
        var fields = form.ToList();
        fields.Add(new("Input.CompanyIds", w.Alpha.ToString()));
        fields.Add(new("Input.CompanyIds", w.Beta.ToString()));

        ProgrammePages.RedirectTarget(await client.PostFieldsAsync(Assign(w.Id, 1), fields));

        Assert.Equal(new[] { w.Alpha, w.Beta }.Order(), (await CompaniesWithAsync(w, "CP team and plan")).Order());
        Assert.Empty(await PresentationsAsync(w)); // "CP team and plan" is not presented

        // Beta again (with Gamma): refused as a whole, naming Beta; nothing written.
        var before = await CountsAsync(w);
        page = await client.GetDocumentAsync(Assign(w.Id, 1));
        form = AssignForm(page, "CP team and plan");
        form["Input.Audience"] = "Companies";
        fields = form.ToList();
        fields.Add(new("Input.CompanyIds", w.Beta.ToString()));
        fields.Add(new("Input.CompanyIds", w.Gamma.ToString()));
        var refused = await client.PostFieldsAsync(Assign(w.Id, 1), fields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var errors = FormClient.Errors(await FormClient.ParseAsync(refused));
        Assert.Contains("“CP team and plan” has already been given to Beta Foods after session 1.", errors);
        Assert.DoesNotContain(errors, e => e.Contains("Gamma", StringComparison.Ordinal));
        Assert.Equal(before, await CountsAsync(w));

        // Gamma alone is fine.
        fields.RemoveAll(f => f.Value == w.Beta.ToString());
        ProgrammePages.RedirectTarget(await client.PostFieldsAsync(Assign(w.Id, 1), fields));
        Assert.Equal(new[] { w.Alpha, w.Beta, w.Gamma }.Order(), (await CompaniesWithAsync(w, "CP team and plan")).Order());
    }

    [Fact]
    public async Task Chosen_participants_get_their_own_work_on_a_task_of_the_coordinators_own()
    {
        var w = await factory.SeedTaskWorldAsync();
        var client = await factory.ClientAsync(w.Coordinator);
        var page = await client.GetDocumentAsync(Assign(w.Id, 2));
        var form = AssignForm(page);
        form["Input.Title"] = "Read the UNIDO CP manual";
        form["Input.Instructions"] = "Chapters 1–3.";
        form.Remove("Input.IsPresented");
        form["Input.Audience"] = "People";
        var fields = form.ToList();
        fields.Add(new("Input.UserIds", w.Anna.Id));
        fields.Add(new("Input.UserIds", w.Dana.Id));
        fields.Add(new("Input.UserIds", w.Mark.Id)); // a manager is no participant: ignored

        ProgrammePages.RedirectTarget(await client.PostFieldsAsync(Assign(w.Id, 2), fields));

        await using var db = factory.NewDbContext();
        var task = await db.HomeTasks.SingleAsync(h => h.ProgrammeId == w.Id);
        Assert.Equal(("Read the UNIDO CP manual", "Chapters 1–3.", 2, (Guid?)null, false), (task.Title, task.Instructions, task.AfterSession, task.TemplateId, task.IsPresented));
        Assert.Equal(HomeTask.DefaultDueDate(new DateOnly(2026, 9, 1)), task.DueDate); // session 3 starts 1 September
        var submissions = await db.Submissions.Where(s => s.HomeTaskId == task.Id).OrderBy(s => s.CompanyId == null).ToListAsync();
        Assert.Equal([(w.Anna.Id, (Guid?)w.Alpha), (w.Dana.Id, null)], submissions.Select(s => (s.UserId!, s.CompanyId)));
        Assert.Empty(await PresentationsAsync(w));
        Assert.Equal(
            new[] { w.Anna.Id, w.Dana.Id }.Order(),
            (await db.Notifications.Where(n => submissions.Select(s => "/tasks/" + s.Id).Contains(n.Link)).Select(n => n.UserId).ToListAsync()).Order());

        // Listed as two people.
        var list = await client.GetDocumentAsync(Tasks(w.Id));
        Assert.Equal("2 people", list.QuerySelector(".tasks-after[data-after='2'] .task-audience")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_working_group_of_the_session_gets_the_task_as_individuals()
    {
        var w = await factory.SeedTaskWorldAsync();
        var group = await factory.GroupAsync(w.Id, "Water", w.Boris, w.Chen);
        var client = await factory.ClientAsync(w.Trainer);
        var page = await client.GetDocumentAsync(Assign(w.Id, 1));
        var form = AssignForm(page, "Choice of the focus area");
        form["Input.Audience"] = "Group";
        form["Input.GroupId"] = group.ToString();

        ProgrammePages.RedirectTarget(await client.PostFieldsAsync(Assign(w.Id, 1), form));

        await using var db = factory.NewDbContext();
        var submissions = await db.Submissions.Where(s => s.ProgrammeId == w.Id).ToListAsync();
        Assert.Equal(
            new[] { (w.Boris.Id, (Guid?)w.Beta), (w.Chen.Id, (Guid?)w.Gamma) }.Order(),
            submissions.Select(s => (s.UserId!, s.CompanyId)).Order());
        var presentations = await PresentationsAsync(w);
        Assert.Equal(submissions.Select(s => s.Id).Order(), presentations.Select(p => p.SubmissionId).Order());
        Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.To == w.Boris.Email));
        Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.To == w.Anna.Email));

        // The same template to the same person again is refused, naming the person.
        var again = await client.PostFieldsAsync(Assign(w.Id, 1), AssignFormWithToken(await client.GetDocumentAsync(Assign(w.Id, 1)), form));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(FormClient.Errors(await FormClient.ParseAsync(again)), e => e.Contains("has already been given to Boris (Beta Foods)", StringComparison.Ordinal));
        Assert.Equal(2, await db.Submissions.CountAsync(s => s.ProgrammeId == w.Id));
    }

    [Fact]
    public async Task Bad_dates_and_empty_choices_are_shown_next_to_the_fields_and_nothing_is_assigned()
    {
        var w = await factory.SeedTaskWorldAsync();
        var client = await factory.ClientAsync(w.Coordinator);
        var page = await client.GetDocumentAsync(Assign(w.Id, 1));

        var form = AssignForm(page, "CP team and plan");
        form["Input.CutOff"] = "2026-07-10";
        var cutOff = await FormClient.ParseAsync(await client.PostFieldsAsync(Assign(w.Id, 1), form));
        Assert.Equal($"The cut-off cannot be before the due date ({ProgrammePages.Short(DefaultDue)}).", FormClient.FieldError(cutOff, "Input.CutOff"));
        Assert.Equal("2026-07-10", cutOff.QuerySelector("#Input_CutOff")!.GetAttribute("value"));

        form["Input.CutOff"] = string.Empty;
        form["Input.DueDate"] = "2026-05-31";
        var past = await FormClient.ParseAsync(await client.PostFieldsAsync(Assign(w.Id, 1), form));
        Assert.Equal($"The due date cannot be in the past (today is {ProgrammePages.Short(new DateOnly(2026, 6, 1))}).", FormClient.FieldError(past, "Input.DueDate"));

        form["Input.DueDate"] = string.Empty;
        var missing = await FormClient.ParseAsync(await client.PostFieldsAsync(Assign(w.Id, 1), form));
        Assert.Equal("Enter a date.", FormClient.FieldError(missing, "Input.DueDate"));

        var none = AssignForm(page);
        var nothing = await FormClient.ParseAsync(await client.PostFieldsAsync(Assign(w.Id, 1), none));
        Assert.Equal("Choose at least one task, or write a task of your own.", FormClient.FieldError(nothing, "Input.Templates"));

        var noCompanies = AssignForm(page, "CP team and plan");
        noCompanies["Input.Audience"] = "Companies";
        var nobody = await FormClient.ParseAsync(await client.PostFieldsAsync(Assign(w.Id, 1), noCompanies));
        Assert.Equal("Choose at least one company.", FormClient.FieldError(nobody, "Input.Audience"));

        Assert.Equal((0, 0, 0, 0), await CountsAsync(w));

        // No tasks after the final session, nor after a session that does not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Assign(w.Id, 4))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Assign(w.Id, 0))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(Assign(Guid.NewGuid(), 1))).StatusCode);
    }

    [Fact]
    public async Task Instruction_files_are_stored_with_the_task_and_a_forged_type_is_refused()
    {
        var w = await factory.SeedTaskWorldAsync();
        var client = await factory.ClientAsync(w.Coordinator);
        var page = await client.GetDocumentAsync(Assign(w.Id, 1));
        var pdf = "%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n"u8.ToArray();

        // A program renamed to .pdf: refused by content, nothing stored.
        var forged = await client.PostAsync(Assign(w.Id, 1), Multipart(AssignForm(page, "CP team and plan"), ("flow-chart.pdf", "MZ\x90\0 this is a program"u8.ToArray())));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Equal("“flow-chart.pdf” was refused: it is a program, not a document.", FormClient.FieldError(await FormClient.ParseAsync(forged), "Files"));
        Assert.Equal((0, 0, 0, 0), await CountsAsync(w));
        await using (var db = factory.NewDbContext())
        {
            Assert.Equal(0, await db.StoredFiles.CountAsync(f => f.ProgrammeId == w.Id));
        }

        var response = await client.PostAsync(Assign(w.Id, 1), Multipart(AssignForm(page, "CP team and plan"), ("flow chart template.pdf", pdf)));

        ProgrammePages.RedirectTarget(response);
        await using var check = factory.NewDbContext();
        var task = await check.HomeTasks.SingleAsync(h => h.ProgrammeId == w.Id);
        var file = await check.StoredFiles.SingleAsync(f => f.ProgrammeId == w.Id);
        Assert.Equal((FileOwnerKind.HomeTask, task.Id, "flow chart template.pdf", "application/pdf", (long)pdf.Length), (file.OwnerKind, file.OwnerId, file.FileName, file.ContentType, file.Length));
        Assert.Equal([file.Id], task.InstructionFileIds);
        var stored = new MemoryStream();
        await FileStore.CopyToAsync(check, file.Id, stored);
        Assert.Equal(pdf, stored.ToArray());
    }

    [Fact]
    public async Task Engineers_and_managers_cannot_assign_and_their_posts_change_nothing()
    {
        var w = await factory.SeedTaskWorldAsync();
        var coordinator = await factory.ClientAsync(w.Coordinator);
        var form = AssignForm(await coordinator.GetDocumentAsync(Assign(w.Id, 1)), SessionOneTitles);
        foreach (var user in new[] { w.Anna, w.Mark })
        {
            var client = await factory.ClientAsync(user);
            RedirectAssert.ToAccessDenied(await client.GetAsync(Assign(w.Id, 1)));
            RedirectAssert.ToAccessDenied(await client.GetAsync(Tasks(w.Id)));
            var token = FormClient.Token(await client.GetDocumentAsync(ProgrammePages.Timeline(w.Id)));
            form["__RequestVerificationToken"] = token;
            RedirectAssert.ToAccessDenied(await client.PostFieldsAsync(Assign(w.Id, 1), form));
        }

        Assert.Equal((0, 0, 0, 0), await CountsAsync(w));

        // The programme page links staff to the tasks, not engineers (they have "My tasks").
        Assert.NotNull((await coordinator.GetDocumentAsync(ProgrammePages.Timeline(w.Id))).QuerySelector($"#tasks-link[href='{Tasks(w.Id)}']"));
        Assert.NotNull((await (await factory.ClientAsync(w.OtherTrainer)).GetDocumentAsync(ProgrammePages.Timeline(w.Id))).QuerySelector("#tasks-link"));
        Assert.Null((await (await factory.ClientAsync(w.Anna)).GetDocumentAsync(ProgrammePages.Timeline(w.Id))).QuerySelector("#tasks-link"));
    }

    [Fact]
    public async Task The_balance_tasks_take_a_worksheet_and_the_coordinator_chooses_what_each_task_takes()
    {
        var w = await factory.SeedTaskWorldAsync();
        var client = await factory.ClientAsync(w.Coordinator);
        var page = await client.GetDocumentAsync(Assign(w.Id, 2));
        var items = page.QuerySelectorAll("#task-choices li[data-template]")
            .ToDictionary(li => li.QuerySelector("label.fw-semibold")!.TextContent.Trim());

        // The standard set of session 2: the balance and its cost of losses take a worksheet; the causes of losses do not.
        Assert.Equal(
            ["Mass and energy balance of the focus process", "Cost of the waste streams"],
            items.Where(i => i.Value.QuerySelector("input[name$='.Attach.Worksheet'][checked]") is not null).Select(i => i.Key));
        Assert.Empty(page.QuerySelectorAll("#task-choices input[name$='.Attach.Options'][checked]"));

        // Given with the defaults, except that the coordinator also asks for the worksheet with the causes of losses.
        var form = AssignForm(page, "Mass and energy balance of the focus process", "Causes of losses");
        form[items["Causes of losses"].QuerySelector("input[name$='.Attach.Worksheet']")!.GetAttribute("name")!] = "true";
        ProgrammePages.RedirectTarget(await client.PostFieldsAsync(Assign(w.Id, 2), form));
        Guid causesId;
        await using (var db = factory.NewDbContext())
        {
            var given = await db.HomeTasks.Where(h => h.ProgrammeId == w.Id).ToDictionaryAsync(h => h.Title);
            Assert.Equal(TaskAttachments.Worksheet, given["Mass and energy balance of the focus process"].Attachments);
            Assert.Equal(TaskAttachments.Worksheet, given["Causes of losses"].Attachments);
            causesId = given["Causes of losses"].Id;
        }

        // Changed afterwards on the task's edit page: the options register instead of the worksheet.
        var edit = await client.GetDocumentAsync(EditDates(w.Id, causesId));
        Assert.NotNull(edit.QuerySelector("#attach-worksheet[checked]"));
        var values = FormClient.FormValues(edit);
        values.Remove("Input.Attach.Worksheet");
        values["Input.Attach.Options"] = "true";
        Assert.Equal(Tasks(w.Id), ProgrammePages.RedirectTarget(await client.PostFieldsAsync(EditDates(w.Id, causesId), values)));
        await using (var db = factory.NewDbContext())
        {
            Assert.Equal(TaskAttachments.Options, (await db.HomeTasks.SingleAsync(h => h.Id == causesId)).Attachments);
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.ProgrammeId == w.Id && a.Action == "task.attachments-changed"));
        }
    }

    [Fact]
    public async Task The_coordinator_moves_the_dates_of_a_task_for_every_company()
    {
        var w = await factory.SeedTaskWorldAsync();
        var client = await factory.ClientAsync(w.Coordinator);
        ProgrammePages.RedirectTarget(await client.PostFieldsAsync(Assign(w.Id, 1), AssignForm(await client.GetDocumentAsync(Assign(w.Id, 1)), "CP team and plan")));
        Guid taskId;
        await using (var db = factory.NewDbContext())
        {
            taskId = await db.HomeTasks.Where(h => h.ProgrammeId == w.Id).Select(h => h.Id).SingleAsync();
        }

        var url = EditDates(w.Id, taskId);
        var page = await client.GetDocumentAsync(url);
        Assert.Equal("2026-07-13", page.QuerySelector("#Input_DueDate")!.GetAttribute("value"));

        // A cut-off before the due date is refused next to the field.
        var form = FormClient.FormValues(page);
        form["Input.DueDate"] = "2026-07-06";
        form["Input.CutOff"] = "2026-07-01";
        var refused = await FormClient.ParseAsync(await client.PostFieldsAsync(url, form));
        Assert.Equal($"The cut-off cannot be before the due date ({ProgrammePages.Short(new DateOnly(2026, 7, 6))}).", FormClient.FieldError(refused, "Input.CutOff"));

        form["Input.CutOff"] = "2026-07-10";
        Assert.Equal(Tasks(w.Id), ProgrammePages.RedirectTarget(await client.PostFieldsAsync(url, form)));
        await using (var db = factory.NewDbContext())
        {
            var task = await db.HomeTasks.SingleAsync(h => h.Id == taskId);
            Assert.Equal((new DateOnly(2026, 7, 6), (DateOnly?)new DateOnly(2026, 7, 10)), (task.DueDate, task.CutOff));
            var submissions = await db.Submissions.Where(s => s.HomeTaskId == taskId).ToListAsync();
            Assert.Equal(3, submissions.Count);
            Assert.All(submissions, s => Assert.Equal((task.DueDate, task.CutOff), (s.DueDate, s.CutOff)));
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.ProgrammeId == w.Id && a.Action == "task.dates-changed"));
        }

        // The form opened before that save is stale: refused, the input kept, the saved dates shown.
        form["Input.DueDate"] = "2026-07-08";
        form["Input.CutOff"] = string.Empty;
        var stale = await client.PostFieldsAsync(url, form);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var conflict = await FormClient.ParseAsync(stale);
        Assert.Contains(FormClient.Errors(conflict), e => e.StartsWith("Someone else changed this task's dates", StringComparison.Ordinal));
        Assert.Equal("2026-07-08", conflict.QuerySelector("#Input_DueDate")!.GetAttribute("value"));
        Assert.Contains(ProgrammePages.Long(new DateOnly(2026, 7, 6)), conflict.QuerySelector("#saved-dates")!.TextContent, StringComparison.Ordinal);

        // Saving again knowingly replaces them.
        ProgrammePages.RedirectTarget(await client.PostFieldsAsync(url, FormClient.FormValues(conflict)));
        await using (var db = factory.NewDbContext())
        {
            var task = await db.HomeTasks.SingleAsync(h => h.Id == taskId);
            Assert.Equal((new DateOnly(2026, 7, 8), (DateOnly?)null), (task.DueDate, task.CutOff));
        }

        // Trainers do not move the dates of the whole task (they grant extensions per company).
        var trainer = await factory.ClientAsync(w.Trainer);
        RedirectAssert.ToAccessDenied(await trainer.GetAsync(url));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(EditDates(w.Id, Guid.NewGuid()))).StatusCode);
    }

    private static Dictionary<string, string> AssignFormWithToken(AngleSharp.Html.Dom.IHtmlDocument page, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = FormClient.Token(page);
        return form;
    }

    private static MultipartFormDataContent Multipart(Dictionary<string, string> fields, params (string Name, byte[] Content)[] files)
    {
        var content = new MultipartFormDataContent();
        foreach (var (key, value) in fields)
        {
            content.Add(new StringContent(value), key);
        }

        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "Files", name);
        }

        return content;
    }

    private async Task<List<Guid>> CompaniesWithAsync(TaskWorld w, string title)
    {
        await using var db = factory.NewDbContext();
        return await db.Submissions
            .Where(s => s.ProgrammeId == w.Id && db.HomeTasks.Any(h => h.Id == s.HomeTaskId && h.Title == title))
            .Select(s => s.CompanyId!.Value)
            .ToListAsync();
    }

    private async Task<List<Presentation>> PresentationsAsync(TaskWorld w)
    {
        await using var db = factory.NewDbContext();
        return await db.Presentations.Where(p => p.ProgrammeId == w.Id).ToListAsync();
    }

    /// <summary>Tasks, submissions, presentations and notifications of the programme.</summary>
    private async Task<(int, int, int, int)> CountsAsync(TaskWorld w)
    {
        await using var db = factory.NewDbContext();
        var people = new[] { w.Anna.Id, w.Boris.Id, w.Chen.Id, w.Dana.Id };
        return (
            await db.HomeTasks.CountAsync(h => h.ProgrammeId == w.Id),
            await db.Submissions.CountAsync(s => s.ProgrammeId == w.Id),
            await db.Presentations.CountAsync(p => p.ProgrammeId == w.Id),
            await db.Notifications.CountAsync(n => people.Contains(n.UserId)));
    }
}
