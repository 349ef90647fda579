using CpTraining.Domain.Companies;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Attendance;

/// <summary>
/// The attendance grid, the statistics page, the programme page and its company list send the same number of SQL commands for 3 companies as for 30
/// (5 engineers each, every day of session 1 marked): no query per company or per person.
/// </summary>
public sealed class QueryCountTests(QueryCountingFactory factory) : IClassFixture<QueryCountingFactory>
{
    [Fact]
    public async Task Grid_and_statistics_make_a_constant_number_of_queries()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var small = await SeedAsync(coordinator, companies: 3);
        var large = await SeedAsync(coordinator, companies: 30);
        var client = factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, coordinator.Email!);

        var smallGrid = await CountAsync(client, AttendanceSetup.Grid(small, 1, 2), expectedRows: 3 * 5);
        var largeGrid = await CountAsync(client, AttendanceSetup.Grid(large, 1, 2), expectedRows: 30 * 5);
        var smallStats = await CountAsync(client, AttendanceSetup.Statistics(small), expectedRows: 3 * 5);
        var largeStats = await CountAsync(client, AttendanceSetup.Statistics(large), expectedRows: 30 * 5);

        Assert.True(smallGrid > 0, "The counter saw no commands");
        Assert.Equal(smallGrid, largeGrid);
        Assert.Equal(smallStats, largeStats);
    }

    [Fact]
    public async Task Programme_page_and_its_company_list_make_a_constant_number_of_queries()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var small = await SeedAsync(coordinator, companies: 3);
        var large = await SeedAsync(coordinator, companies: 30);
        var client = factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, coordinator.Email!);

        var smallPage = await CountAsync(client, $"/programmes/{small}", expectedRows: 0, rowSelector: null);
        var largePage = await CountAsync(client, $"/programmes/{large}", expectedRows: 0, rowSelector: null);
        var smallList = await CountAsync(client, $"/programmes/{small}/companies", expectedRows: 3, rowSelector: "#companies tbody tr");
        var largeList = await CountAsync(client, $"/programmes/{large}/companies", expectedRows: 30, rowSelector: "#companies tbody tr");

        Assert.True(smallPage > 0, "The counter saw no commands");
        Assert.Equal(smallPage, largePage);
        Assert.Equal(smallList, largeList);
    }

    private async Task<int> CountAsync(HttpClient client, string url, int expectedRows, string? rowSelector = "li.attendance-row, #per-person tbody tr")
    {
        // Once to warm up (first-request work such as loading the user's roles is not what is measured here).
        await client.GetDocumentAsync(url);
        factory.Counter.Start(url);
        var page = await client.GetDocumentAsync(url);
        var count = factory.Counter.Stop();
        if (rowSelector is not null)
        {
            Assert.Equal(expectedRows, page.QuerySelectorAll(rowSelector).Length);
        }

        return count;
    }

    /// <summary>A programme with <paramref name="companies"/> companies of 5 engineers, session 1 fully marked (inserted directly: fast).</summary>
    private async Task<Guid> SeedAsync(AppUser coordinator, int companies)
    {
        var programme = await factory.CreateProgrammeAsync(coordinator, AttendanceSetup.FirstSession, name: $"{companies} companies");
        await using var db = factory.NewDbContext();
        var loaded = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == programme.Id);
        var session = await db.Sessions.Include(s => s.Attendance).SingleAsync(s => s.ProgrammeId == programme.Id && s.Number == 1);
        var now = factory.Clock.GetUtcNow();
        var statuses = Enum.GetValues<AttendanceStatus>();
        for (var c = 0; c < companies; c++)
        {
            var company = new Company(new CompanyDetails($"Company {c:00}", null, null, "Kherson", null, "Ukraine", null, null, null, null), now);
            db.Companies.Add(company);
            loaded.EnrolCompany(company.Id, isPilot: false, now);
            for (var e = 0; e < 5; e++)
            {
                var email = $"e{c}-{e}-{Guid.NewGuid():N}@test.local";
                var user = new AppUser
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    DisplayName = $"Engineer {c}.{e}", SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = now,
                };
                db.Users.Add(user);
                loaded.AddTeamMember(company.Id, user.Id, ProgrammeRole.Engineer);
                for (var day = 1; day <= 3; day++)
                {
                    session.MarkAttendance(user.Id, day, statuses[(c + e + day) % statuses.Length], coordinator.Id, factory.Clock.Today, now);
                }
            }
        }

        await db.SaveChangesAsync();
        return programme.Id;
    }
}
