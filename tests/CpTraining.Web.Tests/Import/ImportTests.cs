using System.Net;
using CpTraining.Domain.Companies;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using CpTraining.Web.Tests.Programmes;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Import;

/// <summary>Bulk enrolment from a CSV file: preview, bad lines with their numbers, all-or-nothing confirmation, limits and who may import.</summary>
public sealed class ImportTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private const string Header = "company,person,e-mail,role,position,phone";

    [Fact]
    public async Task A_good_file_is_previewed_with_the_right_counts_and_confirming_writes_everything()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var u = Guid.NewGuid().ToString("N")[..8];
        var enrolled = await factory.EnrolCompanyAsync(programme.Id, $"Enrolled Works {u}");
        var registered = await RegisterCompanyAsync($"Registered Mill {u}");
        var existing = await factory.CreateUserAsync(Roles.Engineer);
        var csv = $"""
            {Header}
            Dnipro Steel {u},Anna Shevchenko,anna-{u}@steel.test,engineer,Process engineer,+380 50 000 0001
            dnipro steel {u},Petro Bondar,petro-{u}@steel.test,Manager,Director,
            {enrolled.Name.ToUpperInvariant()},Existing Person,{existing.Email},engineer,Engineer,
            {registered.Name},Maria Lysenko,maria-{u}@mill.test,ENGINEER,Ecologist,
            """;
        var before = await factory.CountRowsAsync();

        var preview = await client.PreviewAsync(programme.Id, ImportPages.Utf8(csv));

        Assert.Equal(1, ImportPages.Count(preview, "new-companies"));
        Assert.Equal(1, ImportPages.Count(preview, "enrol-existing"));
        Assert.Equal(1, ImportPages.Count(preview, "already-enrolled"));
        Assert.Equal(3, ImportPages.Count(preview, "new-accounts"));
        Assert.Equal(1, ImportPages.Count(preview, "existing-accounts"));
        Assert.Equal(0, ImportPages.Count(preview, "error-lines"));
        Assert.Equal(4, preview.QuerySelectorAll("#people tbody tr").Length);
        Assert.Equal("existing", preview.QuerySelector("#people tr[data-line='4']")!.GetAttribute("data-account"));
        Assert.Equal(before, await factory.CountRowsAsync());

        var confirmed = await client.ConfirmAsync(programme.Id, preview);

        Assert.Equal(ProgrammePages.Timeline(programme.Id), RedirectAssert.Target(confirmed));
        var after = await factory.CountRowsAsync();
        Assert.Equal(before.Companies + 1, after.Companies);
        Assert.Equal(before.Enrolments + 2, after.Enrolments);
        Assert.Equal(before.Users + 3, after.Users);
        Assert.Equal(before.Members + 4, after.Members);
        Assert.Equal(before.Outbox + 3, after.Outbox);
        Assert.True(after.Audit > before.Audit);

        await using var db = factory.NewDbContext();
        var steel = await db.Companies.SingleAsync(c => c.Name == $"Dnipro Steel {u}");
        Assert.Equal(("Kherson", "Ukraine"), (steel.City, steel.Country));
        var team = await db.ProgrammeMembers.Where(m => m.ProgrammeId == programme.Id && m.CompanyId != null)
            .Join(db.Users, m => m.UserId, a => a.Id, (m, a) => new { a.Email, m.Role, m.CompanyId })
            .ToListAsync();
        Assert.Contains(team, m => m.Email == $"anna-{u}@steel.test" && m.Role == ProgrammeRole.Engineer && m.CompanyId == steel.Id);
        Assert.Contains(team, m => m.Email == $"petro-{u}@steel.test" && m.Role == ProgrammeRole.Manager && m.CompanyId == steel.Id);
        Assert.Contains(team, m => m.Email == existing.Email && m.Role == ProgrammeRole.Engineer && m.CompanyId == enrolled.Id);
        Assert.Contains(team, m => m.Email == $"maria-{u}@mill.test" && m.CompanyId == registered.Id);
        Assert.True(await db.Enrolments.AnyAsync(e => e.ProgrammeId == programme.Id && e.CompanyId == registered.Id && e.ArchivedAt == null));
        var anna = await db.Users.SingleAsync(a => a.Email == $"anna-{u}@steel.test");
        Assert.Equal(("Anna Shevchenko", "Process engineer", "+380 50 000 0001"), (anna.DisplayName, anna.Position, anna.PhoneNumber));
        Assert.Null(anna.PasswordHash);
        var invited = await db.OutboxMessages.Where(m => m.To.EndsWith(u + "@steel.test") || m.To.EndsWith(u + "@mill.test")).Select(m => m.To).ToListAsync();
        Assert.Equal(3, invited.Count);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ProgrammeId == programme.Id && a.Action == "import.completed" && a.ActorUserId == coordinator.Id));
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.ProgrammeId == programme.Id && a.Action == "member.added"));

        var timeline = await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));
        Assert.Contains("4 people added", timeline.QuerySelector(".alert-success")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_lines_are_listed_with_their_numbers_and_nothing_can_be_written()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var u = Guid.NewGuid().ToString("N")[..8];
        var other = await factory.EnrolCompanyAsync(programme.Id, $"Other Co {u}");
        var taken = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, taken, ProgrammeRole.Engineer, other.Id);
        var csv = $"""
            company;person;e-mail;role;position
            Good Co {u};Good Person;good-{u}@x.test;engineer;Engineer
            ;No Company;nocompany-{u}@x.test;engineer;Engineer
            Bad Mail Co {u};Bad Mail;not-an-e-mail;engineer;Engineer
            Role Co {u};Role Person;role-{u}@x.test;boss;Engineer
            Dup Co {u};Dup Person;GOOD-{u}@x.test;manager;Director
            Good Co {u};Taken Person;{taken.Email};engineer;Engineer
            """;
        var before = await factory.CountRowsAsync();

        var preview = await client.PreviewAsync(programme.Id, ImportPages.Utf8(csv));

        Assert.Empty(ImportPages.ErrorsOnLine(preview, 2));
        Assert.Contains("The company is missing.", ImportPages.ErrorsOnLine(preview, 3));
        Assert.Contains("“not-an-e-mail” is not a valid e-mail address.", ImportPages.ErrorsOnLine(preview, 4));
        Assert.Contains("Unknown role “boss”: write engineer or manager (інженер or керівник).", ImportPages.ErrorsOnLine(preview, 5));
        Assert.Contains($"GOOD-{u}@x.test is already on line 2; list each person once.", ImportPages.ErrorsOnLine(preview, 6));
        Assert.Contains($"{taken.Email} is already in the CP team of Other Co {u} in this programme; a person belongs to one company per programme.", ImportPages.ErrorsOnLine(preview, 7));
        Assert.Equal(5, ImportPages.Count(preview, "error-lines"));
        Assert.Null(preview.QuerySelector("#confirm-form"));
        Assert.Equal(before, await factory.CountRowsAsync());

        // Confirming without a valid preview (a forged or missing payload) is refused too.
        var forged = await client.PostAsync(ImportPages.Url(programme.Id) + "?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormClient.Token(preview), ["Payload"] = "not-a-preview",
        }));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("This preview has expired or is not valid.", ImportPages.FormErrors(await FormClient.ParseAsync(forged)), StringComparison.Ordinal);
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task A_UTF8_file_with_a_byte_order_mark_and_Cyrillic_names_round_trips_into_the_database()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var u = Guid.NewGuid().ToString("N")[..8];
        var csv = $"""
            company;person;e-mail;role;position
            ТОВ «Херсонський текстиль» {u};Олена Коваленко;olena-{u}@textile.test;інженер;Головний технолог
            тов «херсонський текстиль» {u};Іван Петренко;ivan-{u}@textile.test;Керівник;Директор
            """;

        var preview = await client.PreviewAsync(programme.Id, ImportPages.Utf8(csv, bom: true));

        Assert.Equal(0, ImportPages.Count(preview, "error-lines"));
        Assert.Equal(1, ImportPages.Count(preview, "new-companies"));
        Assert.Equal($"ТОВ «Херсонський текстиль» {u}", preview.QuerySelector("#companies tbody td")!.TextContent);
        Assert.Equal("Олена Коваленко", preview.QuerySelector("#people tr[data-line='2'] td:nth-child(2)")!.TextContent);

        var confirmed = await client.ConfirmAsync(programme.Id, preview);

        Assert.Equal(ProgrammePages.Timeline(programme.Id), RedirectAssert.Target(confirmed));
        await using var db = factory.NewDbContext();
        var company = await db.Companies.SingleAsync(c => c.Name == $"ТОВ «Херсонський текстиль» {u}");
        var olena = await db.Users.SingleAsync(a => a.Email == $"olena-{u}@textile.test");
        var ivan = await db.Users.SingleAsync(a => a.Email == $"ivan-{u}@textile.test");
        Assert.Equal(("Олена Коваленко", "Головний технолог"), (olena.DisplayName, olena.Position));
        Assert.Equal("Іван Петренко", ivan.DisplayName);
        var roles = await db.ProgrammeMembers.Where(m => m.CompanyId == company.Id).ToDictionaryAsync(m => m.UserId, m => m.Role);
        Assert.Equal(ProgrammeRole.Engineer, roles[olena.Id]);
        Assert.Equal(ProgrammeRole.Manager, roles[ivan.Id]);
    }

    [Fact]
    public async Task A_file_over_1_MB_is_refused_with_a_message_and_nothing_is_written()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var before = await factory.CountRowsAsync();

        var response = await client.UploadAsync(programme.Id, LargeCsv(1_500_000));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("the largest file accepted is 1 MB", ImportPages.FormErrors(await FormClient.ParseAsync(response)), StringComparison.Ordinal);
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task A_body_over_the_page_limit_is_cut_off_with_a_message()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var before = await factory.CountRowsAsync();

        var response = await client.UploadAsync(programme.Id, LargeCsv(5_000_000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("The upload is too large", ImportPages.FormErrors(await FormClient.ParseAsync(response)), StringComparison.Ordinal);
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    [Theory]
    [InlineData("people.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("photo.png", "image/png")]
    public async Task A_file_that_is_not_CSV_is_refused(string fileName, string contentType)
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var before = await factory.CountRowsAsync();

        var response = await client.UploadAsync(programme.Id, ImportPages.Utf8("company,person,e-mail,role,position\nA,B,b@x.test,engineer,C"), fileName, contentType);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Only CSV files (.csv) can be imported.", ImportPages.FormErrors(await FormClient.ParseAsync(response)), StringComparison.Ordinal);
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task A_CSV_file_that_is_not_UTF8_is_refused()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var windows1251 = "company;person;e-mail;role;position\n"u8.ToArray().Concat(new byte[] { 0xCE, 0xEB, 0xE5, 0xED, 0xE0 }).ToArray();

        var response = await client.UploadAsync(programme.Id, windows1251);

        Assert.Contains("The file is not UTF-8 text.", ImportPages.FormErrors(await FormClient.ParseAsync(response)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ProgrammeRole.Engineer)]
    [InlineData(ProgrammeRole.Trainer)]
    public async Task Engineers_and_trainers_of_the_programme_cannot_open_or_post_the_import(ProgrammeRole role)
    {
        var (_, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var (client, member) = await factory.SignedInClientAsync(role == ProgrammeRole.Trainer ? Roles.Trainer : Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, member, role);
        var before = await factory.CountRowsAsync();

        ProgrammePages.AssertAccessDenied(await client.GetAsync(ImportPages.Url(programme.Id)));
        var csv = ImportPages.Utf8($"company,person,e-mail,role,position\nIntruder Co,Intruder,intruder-{Guid.NewGuid():N}@x.test,engineer,X");
        ProgrammePages.AssertAccessDenied(await client.UploadAsync(programme.Id, csv, tokenPage: ProgrammePages.Timeline(programme.Id)));
        ProgrammePages.AssertAccessDenied(await client.PostAsync(ImportPages.Url(programme.Id) + "?handler=Confirm", new FormUrlEncodedContent(new Dictionary<string, string> { ["Payload"] = "x" })));

        Assert.Equal(before, await factory.CountRowsAsync());
        Assert.Null((await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id))).QuerySelector("#import-csv"));
    }

    [Fact]
    public async Task A_coordinator_of_another_programme_is_refused()
    {
        var (_, owner) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(owner, factory.Clock.Today.AddDays(30));
        var (client, _) = await factory.SignedInClientAsync(Roles.Coordinator);

        ProgrammePages.AssertAccessDenied(await client.GetAsync(ImportPages.Url(programme.Id)));
    }

    [Fact]
    public async Task The_programme_timeline_links_to_the_import_for_its_coordinators()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));

        var timeline = await client.GetDocumentAsync(ProgrammePages.Timeline(programme.Id));

        Assert.Equal(ImportPages.Url(programme.Id), timeline.QuerySelector("#import-csv")!.GetAttribute("href"));
    }

    [Fact]
    public async Task A_stale_preview_is_refused_at_confirmation_with_the_reason_and_nothing_is_written()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var u = Guid.NewGuid().ToString("N")[..8];
        var person = await factory.CreateUserAsync(Roles.Engineer);
        var csv = $"""
            {Header}
            Fresh Co {u},Fresh Person,fresh-{u}@x.test,engineer,Engineer,
            Fresh Co {u},Existing Person,{person.Email},engineer,Engineer,
            """;
        var preview = await client.PreviewAsync(programme.Id, ImportPages.Utf8(csv));
        Assert.NotNull(preview.QuerySelector("#confirm-form"));

        // Meanwhile someone puts the person into another company of the programme.
        var elsewhere = await factory.EnrolCompanyAsync(programme.Id, $"Elsewhere {u}");
        await factory.AddMemberAsync(programme.Id, person, ProgrammeRole.Engineer, elsewhere.Id);
        var before = await factory.CountRowsAsync();

        var response = await client.ConfirmAsync(programme.Id, preview);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Contains("Nothing was imported", ImportPages.FormErrors(page), StringComparison.Ordinal);
        Assert.Contains($"{person.Email} is already in the CP team of Elsewhere {u} in this programme; a person belongs to one company per programme.", ImportPages.ErrorsOnLine(page, 3));
        Assert.Equal(before, await factory.CountRowsAsync());
        await using var db = factory.NewDbContext();
        Assert.False(await db.Companies.AnyAsync(c => c.Name == $"Fresh Co {u}"));
    }

    [Fact]
    public async Task A_preview_older_than_an_hour_cannot_be_confirmed()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var u = Guid.NewGuid().ToString("N")[..8];
        var preview = await client.PreviewAsync(programme.Id, ImportPages.Utf8($"{Header}\nLate Co {u},Late Person,late-{u}@x.test,engineer,Engineer,"));
        var before = await factory.CountRowsAsync();
        var now = factory.Clock.GetUtcNow();
        factory.Clock.Set(now.AddMinutes(61));
        try
        {
            var response = await client.ConfirmAsync(programme.Id, preview);

            Assert.Contains("This preview has expired or is not valid.", ImportPages.FormErrors(await FormClient.ParseAsync(response)), StringComparison.Ordinal);
            Assert.Equal(before, await factory.CountRowsAsync());
        }
        finally
        {
            factory.Clock.Set(now);
        }
    }

    [Fact]
    public async Task Importing_the_same_file_twice_adds_nobody_twice()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var u = Guid.NewGuid().ToString("N")[..8];
        var file = ImportPages.Utf8($"{Header}\nTwice Co {u},Twice Person,twice-{u}@x.test,engineer,Engineer,");
        RedirectAssert.Target(await client.ConfirmAsync(programme.Id, await client.PreviewAsync(programme.Id, file)));
        var before = await factory.CountRowsAsync();

        var again = await client.PreviewAsync(programme.Id, file);

        Assert.Equal(1, ImportPages.Count(again, "already-enrolled"));
        Assert.Equal("in-team", again.QuerySelector("#people tr[data-line='2']")!.GetAttribute("data-account"));
        Assert.Null(again.QuerySelector("#confirm-form"));
        Assert.NotNull(again.QuerySelector("#nothing-to-do"));
        Assert.Equal(before, await factory.CountRowsAsync());
    }

    [Fact]
    public async Task The_sample_file_in_the_docs_previews_without_errors()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(30));
        var sample = await File.ReadAllBytesAsync(Path.Combine(Localisation.LocalisationKeys.RepositoryRoot(), "docs", "samples", "enrolment.csv"));

        var preview = await client.PreviewAsync(programme.Id, sample);

        Assert.Equal(0, ImportPages.Count(preview, "error-lines"));
        Assert.Equal(3, ImportPages.Count(preview, "new-companies"));
        Assert.Equal(5, ImportPages.Count(preview, "new-accounts"));
        Assert.NotNull(preview.QuerySelector("#confirm-form"));
    }

    private static byte[] LargeCsv(int bytes)
    {
        var text = new System.Text.StringBuilder("company,person,e-mail,role,position\n");
        for (var i = 0; text.Length < bytes; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"Big Company,Person {i},person{i}@big.test,engineer,Engineer\n");
        }

        return ImportPages.Utf8(text.ToString());
    }

    private async Task<Company> RegisterCompanyAsync(string name)
    {
        await using var db = factory.NewDbContext();
        var company = new Company(new CompanyDetails(name, null, null, "Zaporizhzhia", null, "Ukraine", null, null, null, null), factory.Clock.GetUtcNow());
        db.Companies.Add(company);
        await db.SaveChangesAsync();
        return company;
    }
}
