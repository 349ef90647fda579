using CpTraining.Domain.Companies;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// The review queue sends the same number of SQL commands for 3 submitted pieces of work as for 30 (with returned
/// work and second versions among them): the reviewer filter is SQL, not a rights check per row.
/// </summary>
public sealed class QueueQueryCountTests(QueryCountingFactory factory) : IClassFixture<QueryCountingFactory>
{
    [Fact]
    public async Task Queue_makes_a_constant_number_of_queries()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var client = factory.NewClient();
        await CpTrainingFactory.SignInAsync(client, coordinator.Email!);

        await SeedAsync(coordinator, companies: 3);
        var small = await CountAsync(client, ReviewSetup.Queue(recent: true), expectedWaiting: 3);
        await SeedAsync(coordinator, companies: 27);
        var large = await CountAsync(client, ReviewSetup.Queue(recent: true), expectedWaiting: 30);

        Assert.True(small > 0, "The counter saw no commands");
        Assert.Equal(small, large);
    }

    private async Task<int> CountAsync(HttpClient client, string url, int expectedWaiting)
    {
        await client.GetDocumentAsync(url);
        factory.Counter.Start(url);
        var page = await client.GetDocumentAsync(url);
        var count = factory.Counter.Stop();
        Assert.Equal(expectedWaiting, page.QuerySelectorAll("#queue tbody tr").Length);
        Assert.Equal(expectedWaiting, page.QuerySelectorAll("#reviewed tbody tr").Length);
        return count;
    }

    /// <summary>A programme whose companies each have one piece of work waiting (a second version) and one returned.</summary>
    private async Task SeedAsync(AppUser coordinator, int companies)
    {
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 5, 26), name: $"{companies} companies");
        await using var db = factory.NewDbContext();
        var loaded = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == programme.Id);
        var now = factory.Clock.GetUtcNow();
        var today = factory.Clock.Today;
        var first = HomeTask.Assign(programme.Id, 1, 4, null, "First", null, [], new DateOnly(2026, 6, 10), null, true, coordinator.Id, now, today);
        var second = HomeTask.Assign(programme.Id, 1, 4, null, "Second", null, [], new DateOnly(2026, 6, 10), null, true, coordinator.Id, now, today);
        db.HomeTasks.AddRange(first, second);
        for (var c = 0; c < companies; c++)
        {
            var company = new Company(new CompanyDetails($"Company {c:00}", null, null, "Kherson", null, "Ukraine", null, null, null, null), now);
            db.Companies.Add(company);
            loaded.EnrolCompany(company.Id, isPilot: false, now);
            var waiting = Submission.ForCompany(first, company.Id);
            waiting.Submit("v1", [], coordinator.Id, now, today, Guid.NewGuid());
            waiting.Return("Revise.", coordinator.Id, now);
            waiting.Submit("v2", [], coordinator.Id, now, today, Guid.NewGuid());
            var returned = Submission.ForCompany(second, company.Id);
            returned.Submit("v1", [], coordinator.Id, now, today, Guid.NewGuid());
            returned.Return("Revise.", coordinator.Id, now);
            db.Submissions.AddRange(waiting, returned);
        }

        await db.SaveChangesAsync();
    }
}
