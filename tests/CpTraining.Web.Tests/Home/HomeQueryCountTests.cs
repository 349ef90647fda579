using CpTraining.Domain.Companies;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CpTraining.Web.Tests.Home;

/// <summary>The home page sends the same number of SQL commands whether a person has one programme and company or many.</summary>
public sealed class HomeQueryCountTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Theory]
    [InlineData(ProgrammeRole.Trainer)]
    [InlineData(ProgrammeRole.Engineer)]
    [InlineData(ProgrammeRole.Coordinator)]
    public async Task Home_makes_a_constant_number_of_queries(ProgrammeRole role)
    {
        var counter = new CommandCounter();
        using var counted = factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
            s.ConfigureDbContext<AppDbContext>((provider, o) =>
            {
                counter.Http = provider.GetRequiredService<IHttpContextAccessor>();
                o.AddInterceptors(counter);
            })));

        var small = await PersonWithProgrammesAsync(role, programmes: 1, companiesEach: 1);
        var large = await PersonWithProgrammesAsync(role, programmes: 4, companiesEach: 5);

        var few = await CountAsync(counted, counter, small);
        var many = await CountAsync(counted, counter, large);

        Assert.Equal(few, many);
        Assert.InRange(few, 1, 4); // programmes with roles, coached companies, company, CP team at most
    }

    private static async Task<int> CountAsync(WebApplicationFactory<Program> app, CommandCounter counter, AppUser user)
    {
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        await CpTrainingFactory.SignInAsync(client, user.Email!);
        await client.GetDocumentAsync("/home");
        counter.Start("/home");
        await client.GetDocumentAsync("/home");
        return counter.Stop();
    }

    private async Task<AppUser> PersonWithProgrammesAsync(ProgrammeRole role, int programmes, int companiesEach)
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var person = role == ProgrammeRole.Coordinator ? coordinator : await factory.CreateUserAsync(role.ToString());
        var now = factory.Clock.GetUtcNow();
        await using var db = factory.NewDbContext();
        for (var i = 0; i < programmes; i++)
        {
            var programme = Programme.CreateFromTemplate(
                new ProgrammeDetails($"Count {i} {Guid.NewGuid():N}", "TEKNA", "Kherson", null, "Ukraine", "en", null, "UTC"),
                new DateOnly(2026, 4, 7).AddDays(70 * i),
                NorwegianModelTemplate.DefaultWeeksBetweenSessions,
                coordinator.Id,
                now);
            for (var c = 0; c < companiesEach; c++)
            {
                var company = new Company(new CompanyDetails($"Company {c}", null, null, "Kherson", null, "Ukraine", null, null, null, null), now);
                db.Companies.Add(company);
                programme.EnrolCompany(company.Id, isPilot: false, now);
                if (role == ProgrammeRole.Trainer)
                {
                    programme.AssignTrainer(company.Id, person.Id);
                }
                else if (role == ProgrammeRole.Engineer && c == 0)
                {
                    programme.AddTeamMember(company.Id, person.Id, ProgrammeRole.Engineer);
                }
            }

            db.Programmes.Add(programme);
        }

        await db.SaveChangesAsync();
        return person;
    }
}
