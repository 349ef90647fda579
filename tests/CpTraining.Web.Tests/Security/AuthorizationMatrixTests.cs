using System.Net;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CpTraining.Web.Tests.Security;

/// <summary>
/// Every page and handler × every kind of user × own vs other programme/company × GET and POST. One rule
/// throughout: a refused signed-in user is redirected to the access-denied page (403 there), and a refused
/// POST leaves every table exactly as it was.
/// </summary>
public sealed class AuthorizationMatrixTests(AuthorizationMatrixTests.World world) : IClassFixture<AuthorizationMatrixTests.World>
{
    /// <summary>The kinds of user, relative to programme P (companies A and B) and another programme Q.</summary>
    public enum Who
    {
        Administrator,
        CoordinatorOfP,
        CoordinatorOfQ,
        TrainerOfA,
        TrainerInP,
        EngineerOfA,
        ManagerOfA,
        EngineerOfB,
        Outsider,
    }

    private static readonly Who[] Everyone = Enum.GetValues<Who>();
    private static readonly Who[] MembersOfP = [Who.Administrator, Who.CoordinatorOfP, Who.TrainerOfA, Who.TrainerInP, Who.EngineerOfA, Who.ManagerOfA, Who.EngineerOfB];
    private static readonly Who[] ManagersOfP = [Who.Administrator, Who.CoordinatorOfP];
    private static readonly Who[] Creators = [Who.Administrator, Who.CoordinatorOfP, Who.CoordinatorOfQ];
    private static readonly Who[] StaffOfP = [Who.Administrator, Who.CoordinatorOfP, Who.TrainerOfA, Who.TrainerInP];
    private static readonly Who[] SeeCompanyA = [Who.Administrator, Who.CoordinatorOfP, Who.TrainerOfA, Who.TrainerInP, Who.EngineerOfA, Who.ManagerOfA];
    private static readonly Who[] SeeCompanyB = [Who.Administrator, Who.CoordinatorOfP, Who.TrainerOfA, Who.TrainerInP, Who.EngineerOfB];
    private static readonly Who[] ManageCompanyA = [Who.Administrator, Who.CoordinatorOfP, Who.TrainerOfA];
    private static readonly Who[] WriteWorksheetsOfA = [Who.Administrator, Who.CoordinatorOfP, Who.TrainerOfA, Who.EngineerOfA];
    private static readonly Who[] WriteWorksheetsOfB = [Who.Administrator, Who.CoordinatorOfP, Who.EngineerOfB];

    /// <summary>(url template, who may GET it, who may POST to it — null when the page has no form, the POST handler).</summary>
    public static TheoryData<string, Who> Cases()
    {
        var data = new TheoryData<string, Who>();
        foreach (var (url, _, _, _) in Pages)
        {
            foreach (var who in Everyone)
            {
                data.Add(url, who);
            }
        }

        return data;
    }

    internal static readonly (string Url, Who[] MayGet, Who[]? MayPost, string? Handler)[] Pages =
    [
        ("/programmes", Everyone, null, null),
        ("/programmes/create", Creators, Creators, null),
        ("/programmes/{P}", MembersOfP, null, null),
        ("/programmes/{P}/edit", ManagersOfP, ManagersOfP, null),
        ("/programmes/{P}/logos", ManagersOfP, ManagersOfP, "Upload"),
        ("/programmes/{P}/sessions/3/edit", ManagersOfP, ManagersOfP, null),
        ("/programmes/{P}/sessions/3/agenda", MembersOfP, null, null),
        ("/programmes/{P}/sessions/3/agenda/edit", ManagersOfP, ManagersOfP, "Save"),
        ("/programmes/{P}/calendar.ics", MembersOfP, null, null),
        ("/accounts", Creators, null, null),
        ("/accounts/create", Creators, Creators, null),
        ("/admin/outbox", [Who.Administrator], null, null),
        ("/account/change-password", Everyone, Everyone, null),
        ("/home", Everyone, null, null),
        ("/companies", Creators, null, null),
        ("/companies/create", Creators, Creators, null),
        ("/companies/{A}", Creators, null, null),
        ("/companies/{A}/edit", Creators, Creators, null),
        ("/programmes/{P}/companies", MembersOfP, ManagersOfP, "AddAdvisor"),
        ("/programmes/{P}/companies/enrol", ManagersOfP, ManagersOfP, "Existing"),
        ("/programmes/{P}/companies/{A}", SeeCompanyA, ManageCompanyA, "AddPerson"),
        ("/programmes/{P}/companies/{B}", SeeCompanyB, ManagersOfP, "AddPerson"),
        ("/programmes/{P}/audit", ManagersOfP, null, null),
        ("/programmes/{P}/import", ManagersOfP, ManagersOfP, "Preview"),
        ("/programmes/{P}/attendance", StaffOfP, null, null),
        ("/programmes/{P}/my-attendance", MembersOfP, null, null),
        ("/programmes/{P}/sessions/1/attendance", StaffOfP, StaffOfP, null),
        ("/programmes/{P}/sessions/1/groups", MembersOfP, ManagersOfP, "Add"),
        ("/programmes/{P}/tasks", StaffOfP, null, null),
        ("/programmes/{P}/tasks/templates", StaffOfP, ManagersOfP, "Save"),
        ("/programmes/{P}/tasks/assign?after=1", StaffOfP, StaffOfP, null),
        ("/programmes/{P}/tasks/{T}/edit", ManagersOfP, ManagersOfP, null),
        ("/programmes/{P}/sessions/2/presentations", MembersOfP, ManagersOfP, "MoveUp"),
        ("/programmes/{P}/tasks/overview?after=1", StaffOfP, null, null),
        ("/programmes/{P}/tasks/overview?handler=Csv&after=1&status=late", StaffOfP, null, null),
        ("/notifications", Everyone, Everyone, "MarkAllRead"),

        // Home task review (SA: company A's submitted work; SB: company B's draft; company B has no assigned trainer).
        ("/tasks/review", Everyone, null, null),
        // The review page's two forms: the decision (accept/return) and a comment on a stream of the frozen worksheet.
        ("/tasks/{SA}/review", ManageCompanyA, ManageCompanyA, "Decide"),
        ("/tasks/{SA}/review?form=comment", ManageCompanyA, ManageCompanyA, "Comment"),
        ("/tasks/{SB}/review", ManagersOfP, ManagersOfP, "Decide"),
        ("/tasks/{SB}/review?form=comment", ManagersOfP, ManagersOfP, "Comment"),
        ("/tasks/{SA}/versions", SeeCompanyA, null, null),
        ("/tasks/{SB}/versions", SeeCompanyB, null, null),
        ("/tasks/{SA}/extension", ManageCompanyA, ManageCompanyA, null),
        ("/tasks/{SB}/extension", ManagersOfP, ManagersOfP, null),
        ("/tasks", Everyone, null, null),
        ("/tasks/{SA}", SeeCompanyA, [Who.EngineerOfA], "Save"),
        ("/tasks/{SB}", SeeCompanyB, [Who.EngineerOfB], "Submit"),
        ("/tasks/files/{FA}", SeeCompanyA, null, null),

        // Balance worksheets (W: company A's worksheet): read per CompanyOperations.View, written by Manage or A's engineers.
        ("/programmes/{P}/companies/{A}/worksheets", SeeCompanyA, WriteWorksheetsOfA, "Create"),
        ("/programmes/{P}/companies/{B}/worksheets", SeeCompanyB, WriteWorksheetsOfB, "Create"),
        ("/programmes/{P}/companies/{A}/worksheets?form=copy", SeeCompanyA, WriteWorksheetsOfA, "Copy"),
        ("/worksheets/{W}", SeeCompanyA, WriteWorksheetsOfA, "Details"),
        ("/worksheets/{W}?form=step", SeeCompanyA, WriteWorksheetsOfA, "SaveStep"),
        ("/worksheets/{W}?form=move", SeeCompanyA, WriteWorksheetsOfA, "MoveStep"),
        ("/worksheets/{W}?form=remove-step", SeeCompanyA, WriteWorksheetsOfA, "RemoveStep"),
        ("/worksheets/{W}?form=stream", SeeCompanyA, WriteWorksheetsOfA, "SaveStream"),
        ("/worksheets/{W}?form=remove-stream", SeeCompanyA, WriteWorksheetsOfA, "RemoveStream"),
        ("/worksheets/{W}?form=energy", SeeCompanyA, WriteWorksheetsOfA, "SaveEnergy"),
        ("/worksheets/{W}?form=remove-energy", SeeCompanyA, WriteWorksheetsOfA, "RemoveEnergy"),
        // Balances (W: a worksheet of company A).
        ("/worksheets/{W}/balance", SeeCompanyA, null, null),
        ("/worksheets/{W}/balance?reconcile=true", SeeCompanyA, null, null),
        ("/emission-factors", Everyone, Creators, "Save"),
        // Balance worksheets (W: company A's worksheet): export for readers, import for its writers; attaching a
        // worksheet to home-task work (a trailing slash keeps the URL distinct from the Submit row above).
        ("/worksheets/{W}/export.csv", SeeCompanyA, null, null),
        ("/worksheets/{W}/export.xlsx", SeeCompanyA, null, null),
        ("/worksheets/{W}/import", WriteWorksheetsOfA, WriteWorksheetsOfA, "Preview"),
        ("/worksheets/{W}/import?handler=Template", WriteWorksheetsOfA, null, null),
        ("/programmes/{P}/companies/{A}/options", SeeCompanyA, WriteWorksheetsOfA, "Create"),
        ("/programmes/{P}/companies/{B}/options", SeeCompanyB, WriteWorksheetsOfB, "Create"),
        ("/programmes/{P}/companies/{A}/options?status=Identified", SeeCompanyA, null, null),
        ("/options/{O}", SeeCompanyA, WriteWorksheetsOfA, "Details"),
        ("/options/{O}?form=plan", SeeCompanyA, WriteWorksheetsOfA, "Plan"),
        ("/options/{O}?form=links", SeeCompanyA, WriteWorksheetsOfA, "Links"),
        ("/options/{O}?form=reductions", SeeCompanyA, WriteWorksheetsOfA, "Reductions"),
        ("/options/{O}?form=technical", SeeCompanyA, WriteWorksheetsOfA, "Technical"),
        ("/options/{O}?form=move", SeeCompanyA, WriteWorksheetsOfA, "Move"),
        ("/options/{O}?form=reject", SeeCompanyA, WriteWorksheetsOfA, "Reject"),
        ("/options/{OE}/economics", SeeCompanyA, WriteWorksheetsOfA, "Save"),
        ("/options/{OE}/economics?form=add-line", SeeCompanyA, WriteWorksheetsOfA, "AddLine"),
        ("/programmes/{P}/companies/{A}/options/compare", SeeCompanyA, null, null),
        ("/programmes/{P}/companies/{B}/options/compare", SeeCompanyB, null, null),
        ("/programmes/{P}/options/compare", StaffOfP, null, null),
        // Issue 15: an option's investment project sheet (and its PDF) for whoever sees the option; the programme's
        // investment pipeline (XLSX) for those who see every company of P.
        ("/programmes/{P}/options/{OE}/sheet", SeeCompanyA, null, null),
        ("/programmes/{P}/options/{OE}/sheet?handler=Pdf", SeeCompanyA, null, null),
        ("/programmes/{P}/options/pipeline.xlsx", StaffOfP, null, null),
        // Reports (issue 7): the company report and its PDF, for everyone who may read the company's work.
        ("/programmes/{P}/companies/{A}/report", SeeCompanyA, null, null),
        ("/programmes/{P}/companies/{B}/report", SeeCompanyB, null, null),
        ("/programmes/{P}/companies/{A}/report?handler=Pdf", SeeCompanyA, null, null),

        // Publishing (by those who manage P), the published versions (V1 of A and of B) and their PDFs (for the
        // company's readers), a manager's consent to share the financing needs (that company's managers only).
        ("/programmes/{P}/companies/{A}/report?form=publish", SeeCompanyA, ManagersOfP, "Publish"),
        ("/programmes/{P}/companies/{A}/report?form=consent", SeeCompanyA, [Who.ManagerOfA], "Consent"),
        ("/programmes/{P}/companies/{A}/report?form=withdraw-consent", SeeCompanyA, [Who.ManagerOfA], "WithdrawConsent"),
        ("/programmes/{P}/companies/{A}/report/versions/1", SeeCompanyA, null, null),
        ("/programmes/{P}/companies/{A}/report/versions/1?handler=Pdf", SeeCompanyA, null, null),
        ("/programmes/{P}/companies/{B}/report/versions/1", SeeCompanyB, null, null),
        ("/programmes/{P}/companies/{B}/report/versions/1?handler=Pdf", SeeCompanyB, null, null),

        // Share links: managed by those who manage P; a link (TOKEN: A's financing needs) opens for anyone with it.
        ("/programmes/{P}/share-links", ManagersOfP, ManagersOfP, "Create"),
        ("/programmes/{P}/share-links?form=revoke", ManagersOfP, ManagersOfP, "Revoke"),
        ("/programmes/{Q}/share-links", [Who.Administrator, Who.CoordinatorOfQ], null, null),
        ("/shared/{TOKEN}", Everyone, null, null),

        // The programme report shows every company's figures: for those who see every company of P only.
        ("/programmes/{P}/report", StaffOfP, null, null),
        ("/programmes/{P}/report?handler=Pdf", StaffOfP, null, null),
        ("/programmes/{P}/report?form=publish", StaffOfP, ManagersOfP, "Publish"),
        ("/programmes/{P}/report/versions/1", StaffOfP, null, null),
        ("/programmes/{P}/report/versions/1?handler=Pdf", StaffOfP, null, null),
        ("/tasks/{SB}/", SeeCompanyB, [Who.EngineerOfB], "Attach"),
        ("/tasks/{SB}?form=attach-options", SeeCompanyB, [Who.EngineerOfB], "AttachOptions"),
        ("/tasks/{SB}?form=detach-options", SeeCompanyB, [Who.EngineerOfB], "DetachOptions"),

        // CP options' achieved results (OA: a selected option of company A with evidence file EA): read like the
        // company's worksheets, recorded by their writers, verified by those who manage the company only.
        ("/options/{OA}/achieved", SeeCompanyA, WriteWorksheetsOfA, "Save"),
        ("/options/{OA}/achieved?form=implement", SeeCompanyA, WriteWorksheetsOfA, "Implement"),
        ("/options/{OA}/achieved?form=verify", SeeCompanyA, ManageCompanyA, "Verify"),
        ("/options/{OA}/evidence/{EA}", SeeCompanyA, null, null),
        ("/programmes/{P}/companies/{A}/options/results", SeeCompanyA, null, null),
        // Data quality (issue 14): the company's findings for its readers; marked reviewed by those who manage the company.
        ("/programmes/{P}/companies/{A}/findings", SeeCompanyA, ManageCompanyA, "Review"),
        ("/programmes/{P}/companies/{B}/options/results", SeeCompanyB, null, null),

        // Certificates (C: engineer A's certificate in P, code CODE): issued and revoked by those who manage P; the PDF
        // for its holder and them only; verification for everyone, signed in or not.
        ("/programmes/{P}/certificates", ManagersOfP, ManagersOfP, "Issue"),
        ("/programmes/{P}/certificates?form=revoke", ManagersOfP, ManagersOfP, "Revoke"),
        ("/programmes/{P}/certificates/rule", ManagersOfP, ManagersOfP, null),
        ("/certificates/{C}/pdf", [Who.Administrator, Who.CoordinatorOfP, Who.EngineerOfA], null, null),
        ("/verify", Everyone, null, null),
        ("/verify/{CODE}", Everyone, null, null),
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Get_is_allowed_exactly_for_the_declared_users(string template, Who who)
    {
        var page = Pages.Single(p => p.Url == template);
        var client = await world.ClientAsync(who);

        var response = await client.GetAsync(world.Resolve(template));

        if (page.MayGet.Contains(who))
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{who} GET {template}: {(int)response.StatusCode}");
        }
        else
        {
            RedirectAssert.ToAccessDenied(response);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Refused_post_changes_nothing(string template, Who who)
    {
        var page = Pages.Single(p => p.Url == template);
        if (page.MayPost is null || page.MayPost.Contains(who))
        {
            return; // allowed posts are exercised by the feature tests
        }

        var client = await world.ClientAsync(who);
        var token = FormClient.Token(await client.GetDocumentAsync("/account/change-password"));
        var before = await world.SnapshotAsync();

        var url = world.Resolve(template);
        var target = url + (page.Handler is null ? string.Empty : (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "handler=" + page.Handler);
        var response = await client.PostAsync(target, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Name"] = "Hijacked",
            ["Input.Organisers"] = "Nobody",
            ["Input.City"] = "Nowhere",
            ["Input.Country"] = "Nowhere",
            ["Input.Language"] = "en",
            ["Input.TimeZoneId"] = "UTC",
            ["Input.FirstSessionStart"] = "2027-01-05",
            ["Input.WeeksBetweenSessions"] = "7",
            ["Input.StartDate"] = "2027-03-02",
            ["Input.Days"] = "2",
            ["Input.Day"] = "1",
            ["Input.Topic"] = "Hijacked",
            ["Input.DisplayName"] = "Intruder",
            ["Input.Email"] = "intruder@test.local",
            ["Input.Role"] = Roles.Administrator,
            ["Input.CompanyId"] = world.B.ToString(),
            ["Input.Name"] = "Hijacked",
            ["item"] = Guid.NewGuid().ToString(),
        }));

        RedirectAssert.ToAccessDenied(response);
        Assert.Equal(before, await world.SnapshotAsync());
    }

    [Fact]
    public async Task Post_without_a_handler_to_a_page_of_named_handlers_is_a_bad_request_not_a_server_error()
    {
        var client = await world.ClientAsync(Who.Administrator);
        var token = FormClient.Token(await client.GetDocumentAsync("/account/change-password"));
        foreach (var page in Pages.Where(p => p.Handler is not null))
        {
            var before = await world.SnapshotAsync();

            var response = await client.PostAsync(world.Resolve(page.Url), new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));

            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"POST {page.Url}: {(int)response.StatusCode}");
            Assert.Equal(before, await world.SnapshotAsync());
        }
    }

    [Fact]
    public async Task Programme_list_shows_no_foreign_programmes()
    {
        foreach (var who in Everyone)
        {
            var list = await (await world.ClientAsync(who)).GetDocumentAsync("/programmes");
            var names = list.QuerySelectorAll("#programmes tbody a").Select(a => a.TextContent.Trim()).ToList();
            var expected = who switch
            {
                Who.Administrator => new[] { "Programme P", "Programme Q" },
                Who.CoordinatorOfQ => ["Programme Q"],
                Who.Outsider => [],
                _ => ["Programme P"],
            };
            Assert.Equal(expected.Order(), names.Order());
        }
    }

    [Fact]
    public async Task Review_queue_lists_only_work_the_user_may_review()
    {
        foreach (var who in Everyone)
        {
            var queue = await (await world.ClientAsync(who)).GetDocumentAsync("/tasks/review");
            var rows = queue.QuerySelectorAll("#queue tbody tr").Select(tr => tr.GetAttribute("data-submission")).ToList();
            var expected = ManageCompanyA.Contains(who) ? new[] { world.SA.ToString() } : [];
            Assert.True(expected.SequenceEqual(rows), $"{who}: {string.Join(", ", rows)}");
        }
    }

    /// <summary>Programme P with companies A and B, programme Q, and one account per kind of user.</summary>
    public class World : CpTrainingFactory
    {
        private readonly Dictionary<Who, HttpClient> _clients = [];
        private readonly SemaphoreSlim _gate = new(1, 1);

        public Guid P { get; private set; }

        public Guid Q { get; private set; }

        public Guid A { get; private set; }

        public Guid B { get; private set; }

        /// <summary>A home task given after session 1 of P, company A's submitted work on it (with file FA) and company B's draft.</summary>
        public Guid T { get; private set; }

        public Guid SA { get; private set; }

        public Guid SB { get; private set; }

        public Guid FA { get; private set; }

        /// <summary>Company A's balance worksheet in P, with a step, a stream and an energy stream.</summary>
        public Guid W { get; private set; }

        /// <summary>Company A's CP option O1 in P.</summary>
        public Guid O { get; private set; }

        /// <summary>A selected CP option of company A in P with achieved results and one evidence file (EA).</summary>
        public Guid OA { get; private set; }

        public Guid EA { get; private set; }
        /// <summary>Company A's option with economics in P.</summary>
        public Guid OE { get; private set; }

        /// <summary>Engineer A's certificate of completing P, and its verification code.</summary>
        public Guid C { get; private set; }

        public string Code { get; private set; } = string.Empty;

        /// <summary>A share link's token: company A's financing needs for an investor.</summary>
        public string Token { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            var coordinatorP = await CreateUserAsync(Roles.Coordinator, "coordinator-p@test.local");
            var coordinatorQ = await CreateUserAsync(Roles.Coordinator, "coordinator-q@test.local");
            P = (await CreateProgrammeAsync(coordinatorP, new DateOnly(2026, 9, 1), "Programme P")).Id;
            Q = (await CreateProgrammeAsync(coordinatorQ, new DateOnly(2026, 9, 1), "Programme Q")).Id;
            A = (await EnrolCompanyAsync(P, "Company A")).Id;
            B = (await EnrolCompanyAsync(P, "Company B")).Id;
            var trainerA = await CreateUserAsync(Roles.Trainer, "trainer-a@test.local");
            var trainerP = await CreateUserAsync(Roles.Trainer, "trainer-p@test.local");
            await using (var db = NewDbContext())
            {
                var programme = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == P);
                programme.AssignTrainer(A, trainerA.Id);
                programme.AddMember(trainerP.Id, ProgrammeRole.Trainer);
                await db.SaveChangesAsync();
            }

            await AddMemberAsync(P, await CreateUserAsync(Roles.Engineer, "engineer-a@test.local"), ProgrammeRole.Engineer, A);
            await AddMemberAsync(P, await CreateUserAsync(Roles.Manager, "manager-a@test.local"), ProgrammeRole.Manager, A);
            await AddMemberAsync(P, await CreateUserAsync(Roles.Engineer, "engineer-b@test.local"), ProgrammeRole.Engineer, B);
            await CreateUserAsync(Roles.Engineer, "outsider@test.local");
            await CreateUserAsync(Roles.Administrator, "administrator@test.local");
            await CreateHomeTaskAsync(coordinatorP.Id);
            await CreateWorksheetAsync();
            await CreateOptionAsync();
            await CreateAchievedOptionAsync();
            await CreateEconomicsOptionAsync();
            await CreateCertificateAsync();
            await PublishAndShareAsync(coordinatorP.Id);
        }

        /// <summary>Version 1 of A's and B's reports and of the programme report, manager A's consent, and a financing link to A (TOKEN).</summary>
        private async Task PublishAndShareAsync(string coordinatorId)
        {
            await using var db = NewDbContext();
            var now = Clock.GetUtcNow();
            foreach (var company in new[] { A, B })
            {
                var snapshot = (await CpTraining.Web.Pages.Reports.CompanyReportBuilder.BuildAsync(db, P, company, Clock.Today, CancellationToken.None))!;
                db.PublishedReports.Add(Domain.Reports.PublishedReport.Publish(
                    P, company, null, CpTraining.Web.Pages.Reports.ReportVersions.ToJson(snapshot), CpTraining.Web.Pages.Reports.ReportVersions.HashOf(snapshot), Clock.Today, Clock.Today, coordinatorId, "Coordinator P", now));
            }

            var programme = (await CpTraining.Web.Pages.Reports.ProgrammeReportBuilder.BuildAsync(db, P, Clock, CancellationToken.None))!;
            db.PublishedReports.Add(Domain.Reports.PublishedReport.Publish(
                P, null, null, CpTraining.Web.Pages.Reports.ReportVersions.ToJson(programme), CpTraining.Web.Pages.Reports.ReportVersions.HashOf(programme), Clock.Today, Clock.Today, coordinatorId, "Coordinator P", now));
            var managerA = await db.Users.Where(u => u.Email == "manager-a@test.local").Select(u => u.Id).SingleAsync();
            var consent = Domain.Reports.FinancingConsent.Give(P, A, managerA, "Manager A", now);
            db.FinancingConsents.Add(consent);
            var (link, token) = Domain.Reports.ShareLink.Create(P, Domain.Reports.ShareScope.CompanyFinancing, A, consent, "Investor", 90, coordinatorId, now);
            db.ShareLinks.Add(link);
            await db.SaveChangesAsync();
            Token = token;
        }

        /// <summary>Engineer A's certificate C of completing P (issued directly: the rule is the certificates tests' subject).</summary>
        private async Task CreateCertificateAsync()
        {
            await using var db = NewDbContext();
            var engineerA = await db.Users.Where(u => u.Email == "engineer-a@test.local").Select(u => u.Id).SingleAsync();
            var met = Domain.Certificates.CompletionRule.DefaultFor(P).Evaluate([AttendanceStatus.Present], 0, 0);
            var certificate = Domain.Certificates.Certificate.Issue(
                P, engineerA, "Engineer A", "Programme P", "TEKNA", "en", new DateOnly(2026, 9, 3), met, Domain.Certificates.VerificationCode.New(), engineerA, Clock.GetUtcNow());
            db.Certificates.Add(certificate);
            await db.SaveChangesAsync();
            (C, Code) = (certificate.Id, Domain.Certificates.VerificationCode.Format(certificate.Code));
        }

        /// <summary>Company A's option O: identified, no links yet.</summary>
        private async Task CreateOptionAsync()
        {
            await using var db = NewDbContext();
            var option = Domain.Options.CpOption.Create(P, A, 1, "Close running taps", null, null, Domain.Options.OptionCategory.GoodHousekeeping, Domain.Options.OptionKind.LowCost, Clock.GetUtcNow());
            db.CpOptions.Add(option);
            await db.SaveChangesAsync();
            O = option.Id;
        }

        /// <summary>Company A's option OA (selected, results recorded) with the evidence file EA.</summary>
        private async Task CreateAchievedOptionAsync()
        {
            await using var db = NewDbContext();
            var now = Clock.GetUtcNow();
            var option = Domain.Options.CpOption.Create(P, A, 2, "Counter-current rinsing", null, null, Domain.Options.OptionCategory.EquipmentModification, Domain.Options.OptionKind.Investment, now);
            foreach (var status in new[] { Domain.Options.OptionStatus.UnderStudy, Domain.Options.OptionStatus.Feasible, Domain.Options.OptionStatus.Selected })
            {
                option.MoveTo(status, null, null, now);
            }

            var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 };
            var file = new CpTraining.Web.Infrastructure.Files.StoredFile(
                P, CpTraining.Web.Infrastructure.Files.FileOwnerKind.OptionEvidence, option.Id, new("meter.png", "image/png", png.Length, new string('0', 64)), "seed", now);
            option.RecordAchieved(Domain.Options.AchievedResults.Create(Clock.Today, 1_000m, 500m, Domain.Options.Reductions.None, null), [file.Id], now);
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.CpOptions.Add(option);
            await db.SaveChangesAsync();
            await CpTraining.Web.Infrastructure.Files.FileStore.SaveAsync(db, file, new MemoryStream(png));
            await transaction.CommitAsync();
            (OA, EA) = (option.Id, file.Id);
        }

        /// <summary>Company A's option OE in P, with flat economics (for the economics and comparison pages).</summary>
        private async Task CreateEconomicsOptionAsync()
        {
            await using var db = NewDbContext();
            var option = Domain.Options.CpOption.Create(P, A, 90, "Economics option", null, null, Domain.Options.OptionCategory.GoodHousekeeping, Domain.Options.OptionKind.Investment, Clock.GetUtcNow());
            option.ChangeEconomics(new Domain.Options.EconomicInputs { Investment = [new("Pump", 1_000m)], Water = 400m, LifetimeYears = 5, DiscountRate = 0.1m });
            db.CpOptions.Add(option);
            await db.SaveChangesAsync();
            OE = option.Id;
        }

        /// <summary>Company A's worksheet W: one step with inputs, an output and an energy carrier.</summary>
        private async Task CreateWorksheetAsync()
        {
            await using var db = NewDbContext();
            var sheet = Domain.Balances.Worksheet.Create(P, A, "Dyeing line", "Reactive dyeing", "UAH", Clock.GetUtcNow());
            var step = sheet.AddStep("Dyeing");
            sheet.AddStream(new Domain.Balances.StreamSpec("Fabric", "Cotton", null, step.Id, Domain.Balances.Quantity.Of(2m, Domain.Balances.Unit.Tonne)));
            sheet.AddStream(new Domain.Balances.StreamSpec("In", "Water", null, step.Id, Domain.Balances.Quantity.Of(10m, Domain.Balances.Unit.Tonne), Uncertainty: Domain.Balances.Uncertainty.Percent(5m)));
            sheet.AddStream(new Domain.Balances.StreamSpec("Out", "Water", step.Id, null, Domain.Balances.Quantity.Of(9m, Domain.Balances.Unit.Tonne), Uncertainty: Domain.Balances.Uncertainty.Percent(5m), OutputClass: Domain.Balances.OutputClass.Wastewater));
            sheet.AddEnergyStream(new Domain.Balances.EnergyStreamSpec(null, step.Id, Domain.Balances.EnergyCarrier.Electricity, Domain.Balances.Quantity.Of(400m, Domain.Balances.Unit.KilowattHour)));
            db.Worksheets.Add(sheet);
            await db.SaveChangesAsync();
            W = sheet.Id;
        }

        private async Task CreateHomeTaskAsync(string coordinatorId)
        {
            await using var db = NewDbContext();
            var engineerA = await db.Users.Where(u => u.Email == "engineer-a@test.local").Select(u => u.Id).SingleAsync();
            var engineerB = await db.Users.Where(u => u.Email == "engineer-b@test.local").Select(u => u.Id).SingleAsync();
            var now = Clock.GetUtcNow();
            var task = Domain.HomeTasks.HomeTask.Assign(P, 1, 4, null, "Company description", "Describe the company.", [], new DateOnly(2026, 10, 1), null, true, coordinatorId, now, Clock.Today);
            var a = Domain.HomeTasks.Submission.ForCompany(task, A);
            var b = Domain.HomeTasks.Submission.ForCompany(task, B);
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.HomeTasks.Add(task);
            db.Submissions.AddRange(a, b);
            await db.SaveChangesAsync();
            var pdf = "%PDF-1.4\n%%EOF\n"u8.ToArray();
            var file = new CpTraining.Web.Infrastructure.Files.StoredFile(
                P, CpTraining.Web.Infrastructure.Files.FileOwnerKind.Submission, a.Id, new("plan-a.pdf", "application/pdf", pdf.Length, new string('0', 64)), engineerA, now);
            await CpTraining.Web.Infrastructure.Files.FileStore.SaveAsync(db, file, new MemoryStream(pdf));
            a.Submit("Company A's description.", [file.Id], engineerA, now, Clock.Today, Guid.NewGuid());
            b.SaveDraft("Company B's draft.", [], engineerB, now, Clock.Today);
            db.Presentations.Add(new Domain.HomeTasks.Presentation(P, 2, a.Id, 1));
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            (T, SA, SB, FA) = (task.Id, a.Id, b.Id, file.Id);
        }

        public string Resolve(string template) =>
            template.Replace("{P}", P.ToString(), StringComparison.Ordinal)
                .Replace("{Q}", Q.ToString(), StringComparison.Ordinal)
                .Replace("{A}", A.ToString(), StringComparison.Ordinal)
                .Replace("{B}", B.ToString(), StringComparison.Ordinal)
                .Replace("{T}", T.ToString(), StringComparison.Ordinal)
                .Replace("{SA}", SA.ToString(), StringComparison.Ordinal)
                .Replace("{SB}", SB.ToString(), StringComparison.Ordinal)
                .Replace("{FA}", FA.ToString(), StringComparison.Ordinal)
                .Replace("{W}", W.ToString(), StringComparison.Ordinal)
                .Replace("{O}", O.ToString(), StringComparison.Ordinal)
                .Replace("{OA}", OA.ToString(), StringComparison.Ordinal)
                .Replace("{EA}", EA.ToString(), StringComparison.Ordinal)
                .Replace("{OE}", OE.ToString(), StringComparison.Ordinal)
                .Replace("{C}", C.ToString(), StringComparison.Ordinal)
                .Replace("{CODE}", Code, StringComparison.Ordinal)
                .Replace("{TOKEN}", Token, StringComparison.Ordinal);

        public async Task<HttpClient> ClientAsync(Who who)
        {
            await _gate.WaitAsync();
            try
            {
                if (!_clients.TryGetValue(who, out var client))
                {
                    client = NewClient();
                    await SignInAsync(client, Email(who));
                    _clients[who] = client;
                }

                return client;
            }
            finally
            {
                _gate.Release();
            }
        }

        /// <summary>Every application table's rows, hashed: equal snapshots mean nothing was written.</summary>
        public async Task<string> SnapshotAsync()
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            var tables = new List<string>();
            await using (var list = new NpgsqlCommand("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('__EFMigrationsHistory', 'data_protection_keys') ORDER BY tablename", connection))
            await using (var reader = await list.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            var parts = new List<string>();
            foreach (var table in tables)
            {
                // Sign-in bookkeeping on users (security stamp untouched, access counts) is not a change a refused POST could make; users are compared whole anyway.
                await using var hash = new NpgsqlCommand($"SELECT '{table}:' || count(*) || ':' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '') FROM \"{table}\" t", connection);
                parts.Add((string)(await hash.ExecuteScalarAsync())!);
            }

            return string.Join("\n", parts);
        }

        protected static string Email(Who who) => who switch
        {
            Who.Administrator => "administrator@test.local",
            Who.CoordinatorOfP => "coordinator-p@test.local",
            Who.CoordinatorOfQ => "coordinator-q@test.local",
            Who.TrainerOfA => "trainer-a@test.local",
            Who.TrainerInP => "trainer-p@test.local",
            Who.EngineerOfA => "engineer-a@test.local",
            Who.ManagerOfA => "manager-a@test.local",
            Who.EngineerOfB => "engineer-b@test.local",
            _ => "outsider@test.local",
        };
    }
}
