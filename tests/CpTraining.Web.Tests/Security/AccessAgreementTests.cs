using System.Security.Claims;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.Security.AuthorizationMatrixTests;

namespace CpTraining.Web.Tests.Security;

/// <summary>
/// For every kind of user of the authorization matrix, a list and a detail page can never disagree: the query filters
/// of <see cref="Standing"/> select exactly the programmes, companies and work for which <c>Can</c> holds, on every
/// programme, company and piece of work in the database (the matrix world plus an archived company, individual work
/// and work without a trainer).
/// </summary>
public sealed class AccessAgreementTests(AccessAgreementTests.Fixture world) : IClassFixture<AccessAgreementTests.Fixture>
{
    /// <summary>The matrix's kinds of user, an engineer of an archived company and an advisor in training.</summary>
    public static TheoryData<string> Everyone() => new([.. Enum.GetNames<Who>(), "EngineerOfArchivedC", "AdvisorInTraining"]);

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Visible_programmes_are_the_programmes_the_user_may_see(string who)
    {
        var (standing, db, scope, _) = await world.StandingAsync(who);
        using var _ = scope;
        var all = await db.Programmes.Select(p => p.Id).ToListAsync();

        var listed = await standing.VisibleProgrammes(db.Programmes).Select(p => p.Id).ToListAsync();

        Assert.Equal(all.Where(p => standing.Can(Operation.SeeProgramme, new ProgrammeResource(p))).Order(), listed.Order());
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Visible_companies_are_the_companies_the_user_may_see(string who)
    {
        var (standing, db, scope, _) = await world.StandingAsync(who);
        using var _ = scope;
        var enrolments = await db.Enrolments.Select(e => new { e.ProgrammeId, e.CompanyId }).ToListAsync();
        Assert.Contains(enrolments, e => e.CompanyId == world.Archived);

        foreach (var programmeId in enrolments.Select(e => e.ProgrammeId).Distinct())
        {
            var listed = await standing.VisibleCompanies(db.Enrolments, programmeId).Select(e => e.CompanyId).ToListAsync();

            var allowed = enrolments.Where(e => e.ProgrammeId == programmeId && standing.Can(Operation.SeeCompany, new CompanyResource(e.ProgrammeId, e.CompanyId)));
            Assert.Equal(allowed.Select(e => e.CompanyId).Order(), listed.Order());
        }
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Reviewable_work_is_the_work_the_user_may_review(string who)
    {
        var (standing, db, scope, _) = await world.StandingAsync(who);
        using var _ = scope;
        var work = await AllWorkAsync(db);

        var listed = await standing.ReviewableWork(db.Submissions).Select(s => s.Id).ToListAsync();

        Assert.Equal(work.Where(w => standing.Can(Operation.ReviewWork, w.Resource)).Select(w => w.Id).Order(), listed.Order());
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Work_to_do_is_the_work_the_user_may_do(string who)
    {
        var (standing, db, scope, _) = await world.StandingAsync(who);
        using var _ = scope;
        var work = await AllWorkAsync(db);

        var listed = await standing.WorkToDo(db.Submissions, db.Enrolments).Select(s => s.Id).ToListAsync();

        Assert.Equal(work.Where(w => standing.Can(Operation.DoWork, w.Resource)).Select(w => w.Id).Order(), listed.Order());
    }

    [Theory]
    [InlineData(nameof(Who.EngineerOfA))]
    [InlineData(nameof(Who.ManagerOfA))]
    [InlineData(nameof(Who.EngineerOfB))]
    [InlineData(nameof(Who.Outsider))]
    [InlineData("EngineerOfArchivedC")]
    [InlineData("AdvisorInTraining")]
    public async Task My_tasks_of_a_companys_people_are_the_work_they_may_see(string who)
    {
        var (standing, db, scope, _) = await world.StandingAsync(who);
        using var _ = scope;
        var work = await AllWorkAsync(db);

        var listed = await standing.OwnWork(db.Submissions, db.Enrolments).Select(s => s.Id).ToListAsync();

        Assert.Equal(work.Where(w => standing.Can(Operation.SeeWork, w.Resource)).Select(w => w.Id).Order(), listed.Order());
    }

    [Theory]
    [MemberData(nameof(Everyone))]
    public async Task Coached_companies_are_those_the_user_manages_as_their_trainer(string who)
    {
        var (standing, db, scope, _) = await world.StandingAsync(who);
        using var _ = scope;
        var enrolments = await db.Enrolments.Select(e => new { e.ProgrammeId, e.CompanyId }).ToListAsync();

        var listed = await standing.CoachedCompanies(db.Enrolments).Select(e => e.CompanyId).ToListAsync();

        // Coordinators and administrators manage every company, but coach none unless assigned as its trainer.
        var expected = who == nameof(Who.TrainerOfA) ? new[] { world.A } : [];
        Assert.Equal(expected, listed);
        Assert.All(listed, c => Assert.True(standing.Can(Operation.ManageCompany, new CompanyResource(world.P, c))));
        Assert.Equal(
            who is nameof(Who.Administrator) or nameof(Who.CoordinatorOfP) or nameof(Who.TrainerOfA),
            enrolments.Where(e => e.CompanyId == world.A).All(e => standing.Can(Operation.ManageCompany, new CompanyResource(e.ProgrammeId, e.CompanyId))));
    }

    [Fact]
    public async Task A_company_asked_about_after_the_standing_is_loaded_is_read_with_its_names_and_rights()
    {
        var (first, _, scope, user) = await world.StandingAsync(nameof(Who.EngineerOfA));
        using var _ = scope;

        // The request's user, set here: an HTTP context set inside an awaited helper does not flow back to its caller.
        var http = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        http.HttpContext = new DefaultHttpContext { User = user, RequestServices = scope.ServiceProvider };
        var access = scope.ServiceProvider.GetRequiredService<AccessControl>();

        var company = await access.EnrolledCompanyAsync(world.P, world.A);
        var archived = await access.EnrolledCompanyAsync(world.P, world.Archived);
        var unknown = await access.EnrolledCompanyAsync(world.P, Guid.NewGuid());

        Assert.Same(first, company!.Standing);
        Assert.Equal(("Programme P", "Company A", true, true, false), (company.ProgrammeName, company.CompanyName, company.IsActive, company.MayEdit, company.MayManage));
        Assert.Equal(("Company C", false, false), (archived!.CompanyName, archived.IsActive, archived.MayView));
        Assert.Null(unknown);
    }

    private static async Task<List<(Guid Id, WorkResource Resource)>> AllWorkAsync(AppDbContext db) =>
        (await db.Submissions
            .Select(s => new
            {
                s.Id,
                Resource = new WorkResource(
                    s.ProgrammeId,
                    s.CompanyId,
                    s.UserId,
                    s.CompanyId == null || db.Enrolments.Any(e => e.ProgrammeId == s.ProgrammeId && e.CompanyId == s.CompanyId && e.ArchivedAt == null)),
            })
            .ToListAsync())
        .Select(w => (w.Id, w.Resource))
        .ToList();

    /// <summary>The matrix world, plus company C archived in P (with an engineer and work), work given to engineer A alone, and an advisor's own work.</summary>
    public sealed class Fixture : World
    {
        public Guid Archived { get; private set; }

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            Archived = (await EnrolCompanyAsync(P, "Company C")).Id;
            var engineerC = await CreateUserAsync(Roles.Engineer, "engineer-c@test.local");
            await AddMemberAsync(P, engineerC, ProgrammeRole.Engineer, Archived);
            var advisor = await CreateUserAsync(Roles.Engineer, "advisor@test.local");
            await AddMemberAsync(P, advisor, ProgrammeRole.AdvisorInTraining);

            await using var db = NewDbContext();
            var engineerA = await db.Users.Where(u => u.Email == "engineer-a@test.local").Select(u => u.Id).SingleAsync();
            var coordinator = await db.Users.Where(u => u.Email == "coordinator-p@test.local").Select(u => u.Id).SingleAsync();
            var now = Clock.GetUtcNow();
            var task = HomeTask.Assign(P, 1, 5, null, "Balance", "Build the balance.", [], new DateOnly(2026, 10, 1), null, false, coordinator, now, Clock.Today);
            var archivedWork = Submission.ForCompany(task, Archived);
            archivedWork.Submit("C's balance.", [], engineerC.Id, now, Clock.Today, Guid.NewGuid());
            db.HomeTasks.Add(task);
            db.Submissions.AddRange(
                archivedWork,
                Submission.ForPerson(task, engineerA, A),
                Submission.ForPerson(task, advisor.Id, null));
            await db.SaveChangesAsync();

            var programme = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == P);
            programme.ArchiveCompany(Archived, now);
            await db.SaveChangesAsync();
        }

        /// <summary>The standing <see cref="AccessControl"/> loads for the user, as a request would.</summary>
        public async Task<(Standing Standing, AppDbContext Db, IServiceScope Scope, ClaimsPrincipal User)> StandingAsync(string who)
        {
            var scope = Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var principals = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>();
            var email = who switch
            {
                "EngineerOfArchivedC" => "engineer-c@test.local",
                "AdvisorInTraining" => "advisor@test.local",
                _ => Email(Enum.Parse<Who>(who)),
            };
            var user = await users.FindByEmailAsync(email);
            var principal = await principals.CreateAsync(user!);
            scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext
            {
                User = principal,
                RequestServices = scope.ServiceProvider,
            };
            var standing = await scope.ServiceProvider.GetRequiredService<AccessControl>().StandingAsync();
            return (standing, scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope, principal);
        }
    }
}
