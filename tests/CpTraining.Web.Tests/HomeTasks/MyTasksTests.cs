using System.Globalization;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.HomeTasks.WorkPageSetup;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// "My tasks": the person's company work and individual work across programmes, open work first by due date, with
/// late and extended marks — and nobody else's. A constant number of queries however many tasks there are.
/// </summary>
public sealed class MyTasksTests(QueryCountingFactory factory) : IClassFixture<QueryCountingFactory>
{
    [Fact]
    public async Task Lists_the_companys_and_the_persons_own_work_open_first_by_due_date()
    {
        var world = await CreateAsync(factory);
        var accepted = await GiveAsync(world, "Environmental problems", new DateOnly(2026, 6, 10), world.CompanyA, null, s =>
        {
            s.Submit("Done.", [], world.Alice.Id, factory.Clock.GetUtcNow(), factory.Clock.Today, Guid.NewGuid());
            s.Accept(null, world.Trainer.Id, factory.Clock.GetUtcNow());
        });
        var mine = await GiveAsync(world, "CP team and plan", new DateOnly(2026, 6, 25), world.CompanyA, world.Alice.Id);
        await GiveAsync(world, "Bob's own task", new DateOnly(2026, 6, 5), world.CompanyA, world.Bob.Id);
        await GiveAsync(world, "Company B's task", new DateOnly(2026, 6, 5), world.CompanyB, null);
        var earlier = await GiveAsync(world, "Choice of the focus area", new DateOnly(2026, 6, 15), world.CompanyA, null);

        var alice = await factory.ClientAsync(world.Alice);
        var page = await alice.GetDocumentAsync("/tasks");

        var rows = page.QuerySelectorAll("#my-tasks tbody tr").ToList();
        Assert.Equal(
            [earlier, world.WorkA, mine, accepted],
            rows.Select(r => Guid.Parse(r.GetAttribute("data-submission")!)));
        Assert.Equal(["Choice of the focus area", "Company description", "CP team and plan", "Environmental problems"], rows.Select(r => r.QuerySelector(".task-title")!.TextContent));
        Assert.Equal("Given to you", rows[2].QuerySelector(".small")!.TextContent);
        Assert.Equal("Company A", rows[1].QuerySelector(".small")!.TextContent);
        Assert.Equal(["Not started", "Not started", "Not started", "Accepted"], rows.Select(r => r.QuerySelector(".status")!.TextContent));
        Assert.Equal($"/tasks/{world.WorkA}", rows[1].QuerySelector("a.task-title")!.GetAttribute("href"));
        Assert.Equal(WorkWorld.DueDate.ToString("D", CultureInfo.GetCultureInfo("en-GB")), rows[1].QuerySelector(".due-date")!.TextContent);
        Assert.Contains("Session 1", rows[1].TextContent, StringComparison.Ordinal);

        // The manager sees the company's work, not Alice's own.
        var mona = await (await factory.ClientAsync(world.Mona)).GetDocumentAsync("/tasks");
        Assert.Equal([earlier, world.WorkA, accepted], mona.QuerySelectorAll("#my-tasks tbody tr").Select(r => Guid.Parse(r.GetAttribute("data-submission")!)));
    }

    [Fact]
    public async Task Overdue_work_is_marked_late_and_extended_work_extended()
    {
        var world = await CreateAsync(factory);
        var extended = await GiveAsync(world, "Mass balance", WorkWorld.DueDate, world.CompanyA, null, s =>
            s.GrantExtension(new DateOnly(2026, 6, 30), "Plant shut down for maintenance.", world.Trainer.Id, false, factory.Clock.Today));
        factory.Clock.Set(new DateTimeOffset(2026, 6, 22, 9, 0, 0, TimeSpan.Zero));
        try
        {
            var page = await (await factory.ClientAsync(world.Alice)).GetDocumentAsync("/tasks");

            var late = page.QuerySelector($"tr[data-submission='{world.WorkA}']")!;
            var moved = page.QuerySelector($"tr[data-submission='{extended}']")!;
            Assert.NotNull(late.QuerySelector(".late"));
            Assert.Null(late.QuerySelector(".extended"));
            Assert.NotNull(moved.QuerySelector(".extended"));
            Assert.Null(moved.QuerySelector(".late"));
            Assert.Equal(new DateOnly(2026, 6, 30).ToString("D", CultureInfo.GetCultureInfo("en-GB")), moved.QuerySelector(".due-date")!.TextContent);
        }
        finally
        {
            factory.ResetClock();
        }
    }

    [Fact]
    public async Task Someone_without_tasks_sees_an_empty_list()
    {
        await CreateAsync(factory);
        var (client, _) = await factory.SignedInClientAsync(Roles.Engineer);

        var page = await client.GetDocumentAsync("/tasks");

        Assert.NotNull(page.QuerySelector("#no-tasks"));
        Assert.Null(page.QuerySelector("#my-tasks"));
    }

    [Fact]
    public async Task Makes_the_same_number_of_queries_for_two_tasks_as_for_twenty()
    {
        var small = await CreateAsync(factory);
        await GiveAsync(small, "One more", WorkWorld.DueDate, small.CompanyA, null);
        var large = await CreateAsync(factory);
        for (var i = 0; i < 18; i++)
        {
            await GiveAsync(large, $"Task {i}", WorkWorld.DueDate.AddDays(i), large.CompanyA, i % 3 == 0 ? large.Alice.Id : null, s =>
            {
                if (i % 2 == 0)
                {
                    s.Submit("Text", [], large.Alice.Id, factory.Clock.GetUtcNow(), factory.Clock.Today, Guid.NewGuid());
                }
            });
        }

        var smallCount = await CountAsync(await factory.ClientAsync(small.Alice), 2);
        var largeCount = await CountAsync(await factory.ClientAsync(large.Alice), 19);

        Assert.True(smallCount > 0, "The counter saw no commands");
        Assert.Equal(smallCount, largeCount);
    }

    private async Task<int> CountAsync(HttpClient client, int rows)
    {
        await client.GetDocumentAsync("/tasks");
        factory.Counter.Start("/tasks");
        var page = await client.GetDocumentAsync("/tasks");
        var count = factory.Counter.Stop();
        Assert.Equal(rows, page.QuerySelectorAll("#my-tasks tbody tr").Length);
        return count;
    }

    /// <summary>A further task after session 1, given to the company or to one of its people, with their work on it.</summary>
    private async Task<Guid> GiveAsync(WorkWorld world, string title, DateOnly due, Guid companyId, string? userId, Action<Submission>? then = null)
    {
        await using var db = factory.NewDbContext();
        var task = HomeTask.Assign(world.ProgrammeId, 1, 4, null, title, null, [], due, null, false, world.Coordinator.Id, factory.Clock.GetUtcNow(), factory.Clock.Today);
        var work = userId is null ? Submission.ForCompany(task, companyId) : Submission.ForPerson(task, userId, companyId);
        then?.Invoke(work);
        db.HomeTasks.Add(task);
        db.Submissions.Add(work);
        await db.SaveChangesAsync();
        return work.Id;
    }
}
