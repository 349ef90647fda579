using CpTraining.Domain.Options;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Options;

/// <summary>An option survives PostgreSQL whole: its links, technical criteria, entered reductions and achieved results.</summary>
public sealed class OptionPersistenceTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task An_option_is_stored_and_read_back_with_its_evaluations()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-60));
        var company = await factory.EnrolCompanyAsync(programme.Id, "Company " + Guid.NewGuid().ToString("N")[..6]);
        var now = factory.Clock.GetUtcNow();
        var option = CpOption.Create(programme.Id, company.Id, 1, "Counter-current rinsing", "Rinse *in cascade*", "Rinse water", OptionCategory.EquipmentModification, OptionKind.Investment, now);
        var worksheetId = Guid.NewGuid();
        var streamId = Guid.NewGuid();
        option.LinkStreams([new StreamLink(worksheetId, streamId, false, 40m)]);
        option.EvaluateTechnically(TechnicalEvaluation.Create([new("Product quality", 2m, 4), new("Space required", 1m, 3)], true, "Fits beside line 2"));
        option.ChangeEconomics(new EconomicInputs
        {
            Investment = [new("Piping and tank", 310_000m), new("Installation", 90_000.50m)],
            Water = 105_000m,
            Maintenance = 12_000m,
            LifetimeYears = 10,
            DiscountRate = 0.15m,
            Escalation = 0.05m,
            SalvageValue = 20_000m,
            ReinvestRate = 0.08m,
        });
        option.ChangeReductions(Reductions.Create(1_200m, null, null, null, null, 1_150m, null, [new SubstanceReduction("Nonylphenol", 3.5m)]));
        option.MoveTo(OptionStatus.UnderStudy, null, null, now);
        option.MoveTo(OptionStatus.Feasible, null, null, now);
        option.MoveTo(OptionStatus.Selected, null, null, now);
        option.RecordAchieved(AchievedResults.Create(factory.Clock.Today, 41_000m, 18_500.25m, Reductions.Create(1_000m, null, null, null, null, null, null, null), "Meter readings"), [], now);
        await using (var db = factory.NewDbContext())
        {
            db.CpOptions.Add(option);
            await db.SaveChangesAsync();
        }

        await using var read = factory.NewDbContext();
        var loaded = await read.CpOptions.AsNoTracking().SingleAsync(o => o.Id == option.Id);
        Assert.Equal("Counter-current rinsing", loaded.Title);
        Assert.Equal(OptionStatus.Selected, loaded.Status);
        Assert.Equal(new StreamLink(worksheetId, streamId, false, 40m), Assert.Single(loaded.Links));
        Assert.Equal(["Product quality", "Space required"], loaded.Technical.Criteria.Select(c => c.Name));
        Assert.Equal(3.67m, loaded.Technical.WeightedScore); // (2·4 + 1·3) ÷ 3 = 3.666…
        Assert.True(loaded.Technical.IsFeasible);
        Assert.Equal(1_200m, loaded.EnteredReductions.WaterCubicMetres);
        Assert.Equal(new SubstanceReduction("Nonylphenol", 3.5m), Assert.Single(loaded.EnteredReductions.Substances));
        Assert.Equal(18_500.25m, loaded.Achieved!.AnnualSavings);
        Assert.Equal(1_000m, loaded.Achieved.Reductions.WaterCubicMetres);
        Assert.Equal(factory.Clock.Today, loaded.Achieved.ImplementedOn);
        Assert.NotNull(loaded.Economics);
        Assert.Equal((105_000m, 12_000m, 10, 0.15m, 0.05m, 20_000m), (loaded.Economics.Water, loaded.Economics.Maintenance, loaded.Economics.LifetimeYears, loaded.Economics.DiscountRate, loaded.Economics.Escalation, loaded.Economics.SalvageValue));
        Assert.Equal(["Piping and tank", "Installation"], loaded.Economics!.Investment.Select(l => l.Description));
        Assert.Equal(400_000.50m, loaded.Economics.TotalInvestment);
        Assert.Equal(0.08m, loaded.Economics.ReinvestRate);
        Assert.Null(loaded.Economics.FinanceRate);
    }
}
