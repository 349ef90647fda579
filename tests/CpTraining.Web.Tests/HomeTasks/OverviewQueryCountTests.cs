using CpTraining.Domain.Companies;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// The overview matrix and its CSV send the same number of SQL commands for 3 companies × 2 tasks as for
/// 30 companies × 8 tasks (work in several states, with versions): no query per company, task or cell.
/// </summary>
public sealed class OverviewQueryCountTests(QueryCountingFactory factory) : IClassFixture<QueryCountingFactory>
{
    [Fact]
    public async Task Matrix_and_csv_make_a_constant_number_of_queries()
    {
        factory.Clock.Set(HomeTasksSetup.June1);
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var small = await SeedAsync(coordinator, companies: 3, tasks: 2);
        var large = await SeedAsync(coordinator, companies: 30, tasks: 8);
        var client = factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, coordinator.Email!);

        var smallPage = await CountAsync(client, HomeTasksSetup.Overview(small), expectedCells: 3 * 2);
        var largePage = await CountAsync(client, HomeTasksSetup.Overview(large), expectedCells: 30 * 8);
        var smallCsv = await CountAsync(client, HomeTasksSetup.Csv(small), expectedCells: null);
        var largeCsv = await CountAsync(client, HomeTasksSetup.Csv(large), expectedCells: null);

        Assert.True(smallPage > 0, "The counter saw no commands");
        Assert.Equal(smallPage, largePage);
        Assert.Equal(smallCsv, largeCsv);
    }

    private async Task<int> CountAsync(HttpClient client, string url, int? expectedCells)
    {
        // Once to warm up (first-request work is not what is measured here).
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        factory.Counter.Start(url);
        var response = await client.GetAsync(url);
        var count = factory.Counter.Stop();
        response.EnsureSuccessStatusCode();
        if (expectedCells is { } cells)
        {
            var page = await FormClient.ParseAsync(response);
            Assert.Equal(cells, page.QuerySelectorAll("#matrix td.task-cell a").Length);
        }

        return count;
    }

    /// <summary>A programme with the companies, each given every task, the work in rotating states (inserted directly: fast).</summary>
    private async Task<Guid> SeedAsync(AppUser coordinator, int companies, int tasks)
    {
        var programme = await factory.CreateProgrammeAsync(coordinator, HomeTasksSetup.FirstSession, name: $"{companies} × {tasks}");
        await using var db = factory.NewDbContext();
        var loaded = await db.Programmes.Include(p => p.Enrolments).SingleAsync(p => p.Id == programme.Id);
        var now = factory.Clock.GetUtcNow();
        var given = Enumerable.Range(1, tasks).Select(i => HomeTasksSetup.Task(programme.Id, $"Task {i}", new DateOnly(2026, 6, 10))).ToList();
        db.HomeTasks.AddRange(given);
        var today = new DateOnly(2026, 6, 1);
        for (var c = 0; c < companies; c++)
        {
            var company = new Company(new CompanyDetails($"Company {c:00}", null, null, "Kherson", null, "Ukraine", null, null, null, null), now);
            db.Companies.Add(company);
            loaded.EnrolCompany(company.Id, isPilot: false, now);
            foreach (var (task, i) in given.Select((task, i) => (task, i)))
            {
                var work = Submission.ForCompany(task, company.Id);
                switch ((c + i) % 5)
                {
                    case 1:
                        work.Drafted(today);
                        break;
                    case 2:
                        work.Submitted(today);
                        break;
                    case 3:
                        work.Submitted(today).Return("Revise.", "trainer", now);
                        work.Submitted(today);
                        break;
                    case 4:
                        work.Submitted(today).Accept(null, "trainer", now);
                        break;
                }

                db.Submissions.Add(work);
            }
        }

        await db.SaveChangesAsync();
        return programme.Id;
    }
}
