using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Programmes;

/// <summary>A programme's companies: enrolment, CP teams, pilot, trainer, archive/remove, advisors, audit log, who sees what.</summary>
public sealed class CompaniesInProgrammeTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static readonly DateOnly Upcoming = new(2026, 9, 1);

    // Before the test clock's 1 June 2026: session 1 has been held, so attendance can be marked.
    private static readonly DateOnly Held = new(2026, 5, 4);

    private static string List(Guid id) => $"/programmes/{id}/companies";

    private static string Page(Guid id, Guid companyId) => $"/programmes/{id}/companies/{companyId}";

    private static string Handler(Guid id, Guid companyId, string handler) => $"{Page(id, companyId)}?handler={handler}";

    private async Task<(HttpClient Client, AppUser Coordinator, Programme Programme)> CoordinatedProgrammeAsync(DateOnly? first = null)
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, first ?? Upcoming);
        return (client, coordinator, programme);
    }

    private static Task<HttpResponseMessage> AddPersonAsync(HttpClient client, IHtmlDocument loaded, Guid id, Guid companyId, string email, string role, string? name = null, Dictionary<string, string>? extra = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = name ?? string.Empty,
            ["Input.Position"] = "Chief process engineer",
            ["Input.Phone"] = "+380 552 123 456",
            ["Input.Language"] = "uk",
            ["Input.Role"] = role,
        };
        foreach (var (k, v) in extra ?? [])
        {
            fields[k] = v;
        }

        return client.PostAsync(loaded, Handler(id, companyId, "AddPerson"), fields);
    }

    private async Task<List<ProgrammeMember>> TeamAsync(Guid programmeId, Guid companyId)
    {
        await using var db = factory.NewDbContext();
        return await db.ProgrammeMembers.AsNoTracking().Where(m => m.ProgrammeId == programmeId && m.CompanyId == companyId).ToListAsync();
    }

    private async Task<List<AuditRow>> AuditAsync(Guid programmeId)
    {
        await using var db = factory.NewDbContext();
        return await db.AuditEntries.AsNoTracking().Where(a => a.ProgrammeId == programmeId).OrderBy(a => a.At)
            .Select(a => new AuditRow(a.ActorUserId, a.Action, a.Subject, a.Before, a.After)).ToListAsync();
    }

    [Fact]
    public async Task Coordinator_enrols_an_existing_company_and_a_second_enrolment_is_refused_with_a_message()
    {
        var (client, coordinator, programme) = await CoordinatedProgrammeAsync();
        var other = await factory.CreateProgrammeAsync(coordinator, Upcoming, "Other programme");
        var company = await factory.EnrolCompanyAsync(other.Id, "Zaporizhia Steel " + Guid.NewGuid().ToString("N")[..4]);
        var url = $"/programmes/{programme.Id}/companies/enrol";
        var form = await client.GetDocumentAsync(url);
        Assert.Contains(form.QuerySelectorAll("#enrol-existing option"), o => o.GetAttribute("value") == company.Id.ToString());

        var enrolled = await client.PostAsync(form, url + "?handler=Existing", new() { ["Existing.CompanyId"] = company.Id.ToString(), ["Existing.IsPilot"] = "true" });

        Assert.Equal(Page(programme.Id, company.Id), ProgrammePages.RedirectTarget(enrolled));
        var list = await client.GetDocumentAsync(List(programme.Id));
        var row = Assert.Single(list.QuerySelectorAll("#companies tbody tr"));
        Assert.Contains(company.Name, row.TextContent, StringComparison.Ordinal);
        Assert.NotNull(row.QuerySelector(".pilot-badge"));

        var again = await client.PostAsync(form, url + "?handler=Existing", new() { ["Existing.CompanyId"] = company.Id.ToString() });

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("This company is already enrolled in this programme.", FormClient.FieldError(await FormClient.ParseAsync(again), "Existing.CompanyId"));
        await using var db = factory.NewDbContext();
        Assert.Equal(1, await db.Enrolments.CountAsync(e => e.ProgrammeId == programme.Id));
        var audit = Assert.Single(await AuditAsync(programme.Id));
        Assert.Equal(("company.enrolled", company.Name, (string?)null, "enrolled, pilot company", coordinator.Id), (audit.Action, audit.Subject, audit.Before, audit.After, audit.Actor));
    }

    [Fact]
    public async Task Coordinator_registers_and_enrols_a_new_company_in_one_step_with_validation()
    {
        var (client, _, programme) = await CoordinatedProgrammeAsync();
        var url = $"/programmes/{programme.Id}/companies/enrol";
        var form = await client.GetDocumentAsync(url);
        var fields = new Dictionary<string, string>
        {
            ["New.Name"] = "Kakhovka Dairy",
            ["New.SectorCode"] = "10.51",
            ["New.City"] = "Nova Kakhovka",
            ["New.Country"] = "Ukraine",
            ["New.Employees"] = "120",
        };

        var refused = await client.PostAsync(form, url + "?handler=New", fields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(
            "Give a NACE code such as C13.30 (a letter, then two to four digits with an optional dot).",
            FormClient.FieldError(await FormClient.ParseAsync(refused), "New.SectorCode"));

        fields["New.SectorCode"] = "C10.51";
        var created = await client.PostAsync(form, url + "?handler=New", fields);

        await using var db = factory.NewDbContext();
        var company = await db.Companies.SingleAsync(c => c.Name == "Kakhovka Dairy");
        Assert.Equal(Page(programme.Id, company.Id), ProgrammePages.RedirectTarget(created));
        Assert.True(await db.Enrolments.AnyAsync(e => e.ProgrammeId == programme.Id && e.CompanyId == company.Id && !e.IsPilot));
    }

    [Fact]
    public async Task Adding_people_with_and_without_an_account()
    {
        var (client, coordinator, programme) = await CoordinatedProgrammeAsync();
        var company = await factory.EnrolCompanyAsync(programme.Id, "Team company");
        var existing = await factory.CreateUserAsync(Roles.Engineer);
        var page = await client.GetDocumentAsync(Page(programme.Id, company.Id));
        await using (var db = factory.NewDbContext())
        {
            Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.To == existing.Email));
        }

        // An existing account, typed in another case: that account joins, nobody is invited.
        var added = await AddPersonAsync(client, page, programme.Id, company.Id, existing.Email!.ToUpperInvariant(), Roles.Engineer);

        Assert.Equal(Page(programme.Id, company.Id), ProgrammePages.RedirectTarget(added));
        // No account and no name: the name is asked for.
        var newEmail = $"manager-{Guid.NewGuid():N}@plant.example";
        var nameless = await AddPersonAsync(client, page, programme.Id, company.Id, newEmail, Roles.Manager);
        Assert.Equal(HttpStatusCode.OK, nameless.StatusCode);
        Assert.Equal(
            "There is no account with this e-mail yet: give the person's name to invite them.",
            FormClient.FieldError(await FormClient.ParseAsync(nameless), "Input.DisplayName"));

        // No account: one is created with the details given, the invitation goes to the outbox.
        var invited = await AddPersonAsync(client, page, programme.Id, company.Id, newEmail, Roles.Manager, "Olena Kovalenko");
        Assert.Equal(Page(programme.Id, company.Id), ProgrammePages.RedirectTarget(invited));

        await using (var db = factory.NewDbContext())
        {
            Assert.Equal(0, await db.OutboxMessages.CountAsync(m => m.To == existing.Email));
            Assert.Equal(1, await db.Users.CountAsync(u => u.NormalizedEmail == existing.Email!.ToUpperInvariant()));
            var account = await db.Users.SingleAsync(u => u.Email == newEmail);
            Assert.Equal(("Olena Kovalenko", "Chief process engineer", "+380 552 123 456", "uk"), (account.DisplayName, account.Position, account.PhoneNumber, account.PreferredLanguage));
            Assert.Null(account.PasswordHash);
            Assert.Equal(1, await db.OutboxMessages.CountAsync(m => m.To == newEmail));
            var roleIds = await db.UserRoles.Where(r => r.UserId == account.Id).Select(r => r.RoleId).ToListAsync();
            Assert.Equal([Roles.Manager], await db.Roles.Where(r => roleIds.Contains(r.Id)).Select(r => r.Name!).ToListAsync());
            var team = await TeamAsync(programme.Id, company.Id);
            Assert.Equal(2, team.Count);
            Assert.Contains(team, m => m.UserId == existing.Id && m.Role == ProgrammeRole.Engineer);
            Assert.Contains(team, m => m.UserId == account.Id && m.Role == ProgrammeRole.Manager);
        }

        var audit = await AuditAsync(programme.Id);
        Assert.Contains(audit, a => a.Action == "member.added" && a.Subject == existing.Email && a.After == "Engineer of Team company" && a.Actor == coordinator.Id);
        Assert.Contains(audit, a => a.Action == "member.added" && a.Subject == newEmail && a.After == "Manager of Team company");
        var shown = await client.GetDocumentAsync(Page(programme.Id, company.Id));
        Assert.Contains("Olena Kovalenko", shown.QuerySelector("#team")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Chief process engineer", shown.QuerySelector("#team")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_person_belongs_to_one_company_per_programme_once()
    {
        var (client, _, programme) = await CoordinatedProgrammeAsync();
        var a = await factory.EnrolCompanyAsync(programme.Id, "Company A");
        var b = await factory.EnrolCompanyAsync(programme.Id, "Company B");
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        var manager = await factory.CreateUserAsync(Roles.Manager);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, a.Id);
        await factory.AddMemberAsync(programme.Id, manager, ProgrammeRole.Manager, a.Id);
        var pageB = await client.GetDocumentAsync(Page(programme.Id, b.Id));
        const string elsewhere = "This person is already in the CP team of another company in this programme; a person belongs to one company per programme.";

        var twice = await AddPersonAsync(client, pageB, programme.Id, b.Id, engineer.Email!, Roles.Engineer);
        var managerAsEngineer = await AddPersonAsync(client, pageB, programme.Id, b.Id, manager.Email!, Roles.Engineer);
        var pageA = await client.GetDocumentAsync(Page(programme.Id, a.Id));
        var duplicate = await AddPersonAsync(client, pageA, programme.Id, a.Id, engineer.Email!, Roles.Manager);

        Assert.Equal(elsewhere, FormClient.FieldError(await FormClient.ParseAsync(twice), "Input.Email"));
        Assert.Equal(elsewhere, FormClient.FieldError(await FormClient.ParseAsync(managerAsEngineer), "Input.Email"));
        Assert.Equal("This person is already in this company's CP team.", FormClient.FieldError(await FormClient.ParseAsync(duplicate), "Input.Email"));
        Assert.Empty(await TeamAsync(programme.Id, b.Id));
        Assert.Equal(2, (await TeamAsync(programme.Id, a.Id)).Count);
    }

    [Fact]
    public async Task A_company_with_attendance_cannot_be_removed_but_can_be_archived_and_its_people_lose_access()
    {
        var (client, coordinator, programme) = await CoordinatedProgrammeAsync(Held);
        var company = await factory.EnrolCompanyAsync(programme.Id, "Recorded company");
        var (engineerClient, engineer) = await factory.SignedInClientAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
        await using (var db = factory.NewDbContext())
        {
            var loaded = await db.Programmes.Include(p => p.Sessions).ThenInclude(s => s.Attendance).SingleAsync(p => p.Id == programme.Id);
            loaded.Session(1).MarkAttendance(engineer.Id, 1, AttendanceStatus.Present, coordinator.Id, factory.Clock.Today, factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await engineerClient.GetAsync(Page(programme.Id, company.Id))).StatusCode);
        var stampBefore = await StampAsync(engineer.Id);
        var page = await client.GetDocumentAsync(Page(programme.Id, company.Id));

        var removal = await client.PostAsync(page, Handler(programme.Id, company.Id, "Remove"), []);

        Assert.Equal(HttpStatusCode.OK, removal.StatusCode);
        Assert.Contains(
            "This company already has work recorded in the programme, so it cannot be removed; archive it instead.",
            FormClient.Errors(await FormClient.ParseAsync(removal)));
        await using (var db = factory.NewDbContext())
        {
            Assert.True(await db.Enrolments.AnyAsync(e => e.ProgrammeId == programme.Id && e.CompanyId == company.Id && e.ArchivedAt == null));
        }

        var archived = await client.PostAsync(page, Handler(programme.Id, company.Id, "Archive"), []);

        Assert.Equal(List(programme.Id), ProgrammePages.RedirectTarget(archived));
        await using (var db = factory.NewDbContext())
        {
            Assert.True(await db.Enrolments.AnyAsync(e => e.ProgrammeId == programme.Id && e.CompanyId == company.Id && e.ArchivedAt != null));
            Assert.Equal(1, await db.AttendanceMarks.CountAsync(a => a.UserId == engineer.Id));
        }

        Assert.NotEqual(stampBefore, await StampAsync(engineer.Id));
        ProgrammePages.AssertAccessDenied(await engineerClient.GetAsync(Page(programme.Id, company.Id)));
        ProgrammePages.AssertAccessDenied(await engineerClient.GetAsync(ProgrammePages.Timeline(programme.Id)));
        ProgrammePages.AssertAccessDenied(await engineerClient.GetAsync(List(programme.Id)));
        var list = await client.GetDocumentAsync(List(programme.Id));
        Assert.Null(list.QuerySelector("#companies"));
        Assert.Contains("Recorded company", list.QuerySelector("#archived-companies")!.TextContent, StringComparison.Ordinal);
        var audit = await AuditAsync(programme.Id);
        Assert.Contains(audit, a => a.Action == "company.archived" && a.Subject == "Recorded company" && a.Before == "active" && a.After == "archived");
        Assert.DoesNotContain(audit, a => a.Action == "company.removed");

        // A form left open on the archived company: the coordinator is told why nothing happened.
        var late = await AddPersonAsync(client, page, programme.Id, company.Id, $"late-{Guid.NewGuid():N}@x.example", Roles.Engineer, "Late");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
        Assert.Contains("This company is not enrolled in this programme.", FormClient.Errors(await FormClient.ParseAsync(late)));
        Assert.Single(await TeamAsync(programme.Id, company.Id));
    }

    [Fact]
    public async Task A_company_without_records_is_removed_with_its_team()
    {
        var (client, _, programme) = await CoordinatedProgrammeAsync();
        var company = await factory.EnrolCompanyAsync(programme.Id, "Short-lived company");
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
        var page = await client.GetDocumentAsync(Page(programme.Id, company.Id));

        var removed = await client.PostAsync(page, Handler(programme.Id, company.Id, "Remove"), []);

        Assert.Equal(List(programme.Id), ProgrammePages.RedirectTarget(removed));
        await using var db = factory.NewDbContext();
        Assert.False(await db.Enrolments.AnyAsync(e => e.ProgrammeId == programme.Id));
        Assert.False(await db.ProgrammeMembers.AnyAsync(m => m.ProgrammeId == programme.Id && m.UserId == engineer.Id));
        Assert.True(await db.Companies.AnyAsync(c => c.Id == company.Id));
        var audit = await AuditAsync(programme.Id);
        Assert.Contains(audit, a => a.Action == "company.removed" && a.Subject == "Short-lived company" && a.Before == "enrolled" && a.After == null);
        Assert.Contains(audit, a => a.Action == "member.removed" && a.Subject.Contains(engineer.Email!, StringComparison.Ordinal) && a.Before == "Engineer of Short-lived company");
    }

    [Fact]
    public async Task Pilot_and_trainer_are_set_and_audited_and_the_audit_page_is_for_coordinators_only()
    {
        var (client, coordinator, programme) = await CoordinatedProgrammeAsync();
        var company = await factory.EnrolCompanyAsync(programme.Id, "Coached company");
        var trainer = await factory.CreateUserAsync(Roles.Trainer);
        var notTrainer = await factory.CreateUserAsync(Roles.Engineer);
        var list = await client.GetDocumentAsync(List(programme.Id));
        Assert.Contains(list.QuerySelectorAll(".trainer-form option"), o => o.GetAttribute("value") == trainer.Id);
        Assert.DoesNotContain(list.QuerySelectorAll(".trainer-form option"), o => o.GetAttribute("value") == notTrainer.Id);

        var pilot = await client.PostAsync(list, Handler(programme.Id, company.Id, "Pilot"), new() { ["IsPilot"] = "true", ["toList"] = "true" });
        var assigned = await client.PostAsync(list, Handler(programme.Id, company.Id, "Trainer"), new() { ["TrainerUserId"] = trainer.Id, ["toList"] = "true" });
        var refused = await client.PostAsync(list, Handler(programme.Id, company.Id, "Trainer"), new() { ["TrainerUserId"] = notTrainer.Id });

        Assert.Equal(List(programme.Id), ProgrammePages.RedirectTarget(pilot));
        Assert.Equal(List(programme.Id), ProgrammePages.RedirectTarget(assigned));
        Assert.Contains("Choose a trainer from the list.", FormClient.Errors(await FormClient.ParseAsync(refused)));
        await using (var db = factory.NewDbContext())
        {
            var enrolment = await db.Enrolments.SingleAsync(e => e.ProgrammeId == programme.Id);
            Assert.Equal((true, trainer.Id), (enrolment.IsPilot, enrolment.TrainerUserId));
            Assert.True(await db.ProgrammeMembers.AnyAsync(m => m.ProgrammeId == programme.Id && m.UserId == trainer.Id && m.Role == ProgrammeRole.Trainer));
        }

        var audit = await AuditAsync(programme.Id);
        Assert.Contains(audit, a => a.Action == "company.pilot" && a.Before == "not a pilot" && a.After == "pilot company");
        Assert.Contains(audit, a => a.Action == "company.trainer" && a.Before == "(none)" && a.After == $"Trainer Person <{trainer.Email}>");

        var page = await client.GetDocumentAsync($"/programmes/{programme.Id}/audit");
        var rows = page.QuerySelectorAll("#audit tbody tr");
        Assert.Contains(rows, r => r.GetAttribute("data-action") == "company.trainer" && r.QuerySelector(".after")!.TextContent.Contains(trainer.Email!, StringComparison.Ordinal));

        // The assigned trainer, an engineer of the company and another coordinator may not read the audit log.
        var trainerClient = factory.NewClient();
        await CpTrainingFactory.SignInAsync(trainerClient, trainer.Email!);
        var (engineerClient, engineer) = await factory.SignedInClientAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
        var (stranger, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var (admin, _) = await factory.SignedInClientAsync(Roles.Administrator);
        foreach (var refusedClient in new[] { trainerClient, engineerClient, stranger })
        {
            ProgrammePages.AssertAccessDenied(await refusedClient.GetAsync($"/programmes/{programme.Id}/audit"));
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/programmes/{programme.Id}/audit")).StatusCode);

        // The assigned trainer manages the company's team but not its enrolment.
        var trainerPage = await trainerClient.GetDocumentAsync(Page(programme.Id, company.Id));
        Assert.NotNull(trainerPage.QuerySelector("#add-person"));
        Assert.Null(trainerPage.QuerySelector("#archive-form"));
        ProgrammePages.AssertAccessDenied(await trainerClient.PostAsync(trainerPage, Handler(programme.Id, company.Id, "Archive"), []));
    }

    [Fact]
    public async Task Engineer_sees_only_their_own_company_and_is_refused_on_another()
    {
        var (_, _, programme) = await CoordinatedProgrammeAsync();
        var own = await factory.EnrolCompanyAsync(programme.Id, "Own company");
        var other = await factory.EnrolCompanyAsync(programme.Id, "Other company");
        var colleague = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, colleague, ProgrammeRole.Engineer, other.Id);
        var (client, engineer) = await factory.SignedInClientAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, own.Id);

        var list = await client.GetDocumentAsync(List(programme.Id));

        var row = Assert.Single(list.QuerySelectorAll("#companies tbody tr"));
        Assert.Contains("Own company", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Other company", list.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(list.QuerySelector("#advisors, #add-advisor, .trainer-form, .pilot-form"));
        var timeline = await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));
        Assert.NotNull(timeline.QuerySelector("#companies-link"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Page(programme.Id, own.Id))).StatusCode);
        var refused = await client.GetAsync(Page(programme.Id, other.Id));
        RedirectAssert.ToAccessDenied(refused, Page(programme.Id, other.Id));
        var ownPage = await client.GetDocumentAsync(Page(programme.Id, own.Id));
        Assert.Null(ownPage.QuerySelector("#add-person"));
        ProgrammePages.AssertAccessDenied(await AddPersonAsync(client, ownPage, programme.Id, other.Id, $"x-{Guid.NewGuid():N}@x.example", Roles.Engineer, "X"));
        Assert.Single(await TeamAsync(programme.Id, other.Id));
    }

    [Fact]
    public async Task Manager_reads_their_company_but_cannot_change_it()
    {
        var (_, _, programme) = await CoordinatedProgrammeAsync();
        var company = await factory.EnrolCompanyAsync(programme.Id, "Managed company");
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
        var (client, manager) = await factory.SignedInClientAsync(Roles.Manager);
        await factory.AddMemberAsync(programme.Id, manager, ProgrammeRole.Manager, company.Id);
        var memberId = (await TeamAsync(programme.Id, company.Id)).Single(m => m.UserId == engineer.Id).Id;

        var page = await client.GetDocumentAsync(Page(programme.Id, company.Id));

        Assert.Contains("Managed company", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, page.QuerySelectorAll("#team tbody tr").Length);
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
        ProgrammePages.AssertAccessDenied(await AddPersonAsync(client, page, programme.Id, company.Id, $"m-{Guid.NewGuid():N}@x.example", Roles.Engineer, "New person"));
        ProgrammePages.AssertAccessDenied(await client.PostAsync(page, Handler(programme.Id, company.Id, "RemovePerson"), new() { ["memberId"] = memberId.ToString() }));
        ProgrammePages.AssertAccessDenied(await client.PostAsync(page, Handler(programme.Id, company.Id, "Pilot"), new() { ["IsPilot"] = "true" }));
        ProgrammePages.AssertAccessDenied(await client.PostAsync(page, Handler(programme.Id, company.Id, "Archive"), []));
        ProgrammePages.AssertAccessDenied(await client.PostAsync(page, Handler(programme.Id, company.Id, "Remove"), []));
        Assert.Equal(2, (await TeamAsync(programme.Id, company.Id)).Count);
        await using var db = factory.NewDbContext();
        var enrolment = await db.Enrolments.SingleAsync(e => e.ProgrammeId == programme.Id);
        Assert.Equal((false, (DateTimeOffset?)null), (enrolment.IsPilot, enrolment.ArchivedAt));
        Assert.Empty(await AuditAsync(programme.Id));
    }

    [Fact]
    public async Task Removing_a_person_takes_them_out_of_the_team_and_refreshes_their_security_stamp()
    {
        var (client, _, programme) = await CoordinatedProgrammeAsync();
        var company = await factory.EnrolCompanyAsync(programme.Id, "Shrinking company");
        var (engineerClient, engineer) = await factory.SignedInClientAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
        var memberId = (await TeamAsync(programme.Id, company.Id)).Single().Id;
        var stamp = await StampAsync(engineer.Id);
        var page = await client.GetDocumentAsync(Page(programme.Id, company.Id));

        var removed = await client.PostAsync(page, Handler(programme.Id, company.Id, "RemovePerson"), new() { ["memberId"] = memberId.ToString() });

        Assert.Equal(Page(programme.Id, company.Id), ProgrammePages.RedirectTarget(removed));
        Assert.Empty(await TeamAsync(programme.Id, company.Id));
        Assert.NotEqual(stamp, await StampAsync(engineer.Id));
        ProgrammePages.AssertAccessDenied(await engineerClient.GetAsync(Page(programme.Id, company.Id)));
        Assert.Contains(await AuditAsync(programme.Id), a => a.Action == "member.removed" && a.Subject == engineer.Email && a.Before == "Engineer of Shrinking company");
    }

    [Fact]
    public async Task Over_posted_programme_and_company_ids_are_ignored_and_foreign_companies_are_not_found()
    {
        var (client, coordinator, programme) = await CoordinatedProgrammeAsync();
        var own = await factory.EnrolCompanyAsync(programme.Id, "Own");
        var (_, otherCoordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var foreignProgramme = await factory.CreateProgrammeAsync(otherCoordinator, Upcoming, "Foreign programme");
        var foreign = await factory.EnrolCompanyAsync(foreignProgramme.Id, "Foreign");
        await factory.AddMemberAsync(foreignProgramme.Id, coordinator, ProgrammeRole.Trainer);
        var page = await client.GetDocumentAsync(Page(programme.Id, own.Id));
        var email = $"sneaky-{Guid.NewGuid():N}@x.example";
        var sneaky = new Dictionary<string, string>
        {
            ["id"] = foreignProgramme.Id.ToString(),
            ["companyId"] = foreign.Id.ToString(),
            ["ProgrammeId"] = foreignProgramme.Id.ToString(),
            ["CompanyId"] = foreign.Id.ToString(),
            ["Input.CompanyId"] = foreign.Id.ToString(),
            ["Input.ProgrammeId"] = foreignProgramme.Id.ToString(),
        };

        // Ids in the body are ignored: the person joins the company named in the route.
        var added = await AddPersonAsync(client, page, programme.Id, own.Id, email, Roles.Engineer, "Sneaky", sneaky);

        Assert.Equal(Page(programme.Id, own.Id), ProgrammePages.RedirectTarget(added));
        await using (var db = factory.NewDbContext())
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var membership = await db.ProgrammeMembers.SingleAsync(m => m.UserId == user.Id);
            Assert.Equal((programme.Id, (Guid?)own.Id), (membership.ProgrammeId, membership.CompanyId));
        }

        // Another programme's company under this programme's route: not found, nothing changes.
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(page, Handler(programme.Id, foreign.Id, "Pilot"), new() { ["IsPilot"] = "true" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(page, Handler(programme.Id, foreign.Id, "Archive"), [])).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await AddPersonAsync(client, page, programme.Id, foreign.Id, $"x-{Guid.NewGuid():N}@x.example", Roles.Engineer, "X")).StatusCode);

        // The foreign programme's company under its own route: this coordinator only trains there, so it is refused.
        ProgrammePages.AssertAccessDenied(await client.PostAsync(page, Handler(foreignProgramme.Id, foreign.Id, "Pilot"), new() { ["IsPilot"] = "true" }));

        // A team member of another company posted for removal under this company's route: not found.
        var foreignEngineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(foreignProgramme.Id, foreignEngineer, ProgrammeRole.Engineer, foreign.Id);
        var foreignMember = (await TeamAsync(foreignProgramme.Id, foreign.Id)).Single();
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync(page, Handler(programme.Id, own.Id, "RemovePerson"), new() { ["memberId"] = foreignMember.Id.ToString() })).StatusCode);

        await using (var db = factory.NewDbContext())
        {
            var enrolment = await db.Enrolments.SingleAsync(e => e.ProgrammeId == foreignProgramme.Id);
            Assert.Equal((false, (DateTimeOffset?)null), (enrolment.IsPilot, enrolment.ArchivedAt));
            Assert.Single(await TeamAsync(foreignProgramme.Id, foreign.Id));
            Assert.Empty(await AuditAsync(foreignProgramme.Id));
        }
    }

    [Fact]
    public async Task Coordinator_adds_and_removes_advisors_in_training()
    {
        var (client, _, programme) = await CoordinatedProgrammeAsync();
        var advisor = await factory.CreateUserAsync(Roles.Trainer);
        var list = await client.GetDocumentAsync(List(programme.Id));

        var unknown = await client.PostAsync(list, List(programme.Id) + "?handler=AddAdvisor", new() { ["Advisor.Email"] = $"nobody-{Guid.NewGuid():N}@x.example" });
        var added = await client.PostAsync(list, List(programme.Id) + "?handler=AddAdvisor", new() { ["Advisor.Email"] = advisor.Email! });
        var twice = await client.PostAsync(list, List(programme.Id) + "?handler=AddAdvisor", new() { ["Advisor.Email"] = advisor.Email! });

        Assert.Equal("There is no account with this e-mail; invite the person under Accounts first.", FormClient.FieldError(await FormClient.ParseAsync(unknown), "Advisor.Email"));
        Assert.Equal(List(programme.Id), ProgrammePages.RedirectTarget(added));
        Assert.Equal("This person is already a CP advisor in training in this programme.", FormClient.FieldError(await FormClient.ParseAsync(twice), "Advisor.Email"));
        var shown = await client.GetDocumentAsync(List(programme.Id));
        Assert.Contains(advisor.Email!, shown.QuerySelector("#advisors")!.TextContent, StringComparison.Ordinal);

        Guid memberId;
        await using (var db = factory.NewDbContext())
        {
            memberId = await db.ProgrammeMembers.Where(m => m.ProgrammeId == programme.Id && m.UserId == advisor.Id && m.Role == ProgrammeRole.AdvisorInTraining).Select(m => m.Id).SingleAsync();
        }

        // Another coordinator may not remove them.
        var (stranger, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var strangerToken = await stranger.GetDocumentAsync("/programmes");
        ProgrammePages.AssertAccessDenied(await stranger.PostAsync(strangerToken, List(programme.Id) + "?handler=RemoveAdvisor", new() { ["memberId"] = memberId.ToString() }));

        var removed = await client.PostAsync(shown, List(programme.Id) + "?handler=RemoveAdvisor", new() { ["memberId"] = memberId.ToString() });

        Assert.Equal(List(programme.Id), ProgrammePages.RedirectTarget(removed));
        await using (var db = factory.NewDbContext())
        {
            Assert.False(await db.ProgrammeMembers.AnyAsync(m => m.Id == memberId));
        }

        var audit = await AuditAsync(programme.Id);
        Assert.Equal(["advisor.added", "advisor.removed"], audit.Select(a => a.Action));
    }

    private async Task<string?> StampAsync(string userId)
    {
        await using var db = factory.NewDbContext();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync();
    }
}

/// <summary>An audit entry as the tests compare it.</summary>
internal sealed record AuditRow(string Actor, string Action, string Subject, string? Before, string? After);
