using System.Net;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Programmes;

public sealed class CreateProgrammeTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task Coordinator_creates_programme_from_template_with_four_sessions()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);

        var response = await client.PostFormAsync("/programmes/create", new()
        {
            ["Input.Name"] = "Cleaner Production and Energy Efficiency",
            ["Input.Organisers"] = "TEKNA; UNDP-GEF Dnipro Basin Environment Programme",
            ["Input.City"] = "Dnipropetrovsk",
            ["Input.Country"] = "Ukraine",
            ["Input.Language"] = "en",
            ["Input.TimeZoneId"] = "UTC",
            ["Input.FirstSessionStart"] = "2026-09-01",
            ["Input.WeeksBetweenSessions"] = "7",
        });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = factory.NewDbContext();
        var programme = await db.Programmes.Include(p => p.Sessions).Include(p => p.Members)
            .SingleAsync(p => p.Name == "Cleaner Production and Energy Efficiency");
        Assert.Equal([3, 3, 3, 2], programme.Sessions.Select(s => s.Days));
        // 7 weeks apart from Tuesday 1 September 2026.
        Assert.Equal([new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 20), new DateOnly(2026, 12, 8), new DateOnly(2027, 1, 26)], programme.Sessions.Select(s => s.StartDate));
        Assert.True(programme.Sessions[3].IsFinal);
        Assert.True(programme.IsCoordinatedBy(coordinator.Id));

        var timeline = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Equal(4, timeline.QuerySelectorAll("#timeline > li").Length);
    }
}
