using System.Net;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Health;

/// <summary>Liveness and readiness for load balancers and orchestrators: anonymous, plain text.</summary>
public sealed class HealthTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task Liveness_answers_anonymously_without_touching_the_database()
    {
        using var client = factory.NewClient();

        var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_is_healthy_with_the_migrated_database()
    {
        using var client = factory.NewClient();

        var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
    }
}
