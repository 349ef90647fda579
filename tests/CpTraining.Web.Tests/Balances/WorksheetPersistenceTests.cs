using CpTraining.Domain.Balances;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Balances;

/// <summary>
/// A worksheet survives PostgreSQL exactly: quantities as typed (text, unit, density, calorific value), prices and the
/// normalised annual figures; and a home-task version keeps the frozen worksheet whatever happens to the worksheet later.
/// </summary>
public sealed class WorksheetPersistenceTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task A_worksheet_is_stored_and_read_back_with_the_entries_as_typed()
    {
        var (programmeId, companyId) = await ProgrammeWithCompanyAsync();
        var sheet = Worksheet.Create(programmeId, companyId, "Dyeing line", "Reactive dyeing", "UAH", factory.Clock.GetUtcNow());
        var dyeing = sheet.AddStep("Dyeing");
        // 1 200,5 kg of fabric a day (Ukrainian decimal comma), 96 m³ of water at 998 kg/m³.
        sheet.AddStream(new StreamSpec("Fabric in", "Cotton", null, dyeing.Id, Quantity.Parse("1 200,5", "kg", System.Globalization.CultureInfo.GetCultureInfo("uk-UA")), PurchasePrice: new UnitPrice(95m, Unit.Kilogram)));
        sheet.AddStream(new StreamSpec("Water", "Water", null, dyeing.Id, Quantity.Of(96m, Unit.CubicMetre, density: 998m), Uncertainty: Uncertainty.Percent(5m)));
        sheet.AddStream(new StreamSpec("Wastewater", "Water", dyeing.Id, null, Quantity.Of(95m, Unit.CubicMetre, density: 998m), OutputClass: OutputClass.Wastewater, DisposalFee: new UnitPrice(18m, Unit.CubicMetre)));
        sheet.AddEnergyStream(new EnergyStreamSpec("Boiler gas", dyeing.Id, EnergyCarrier.NaturalGas, Quantity.Of(100m, Unit.MegawattHour)));
        await using (var db = factory.NewDbContext())
        {
            db.Worksheets.Add(sheet);
            await db.SaveChangesAsync();
        }

        await using var read = factory.NewDbContext();
        var loaded = await read.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .SingleAsync(w => w.Id == sheet.Id);
        var fabric = loaded.Streams.Single(s => s.Name == "Fabric in");
        Assert.Equal("1 200,5", fabric.Quantity.Text);
        Assert.Equal(1200.5m, fabric.Quantity.Value);
        Assert.Equal(Unit.Kilogram, fabric.Quantity.Unit);
        Assert.Equal(new UnitPrice(95m, Unit.Kilogram), fabric.PurchasePrice);
        var water = loaded.Streams.Single(s => s.Name == "Water");
        Assert.Equal(998m, water.Quantity.Density);
        Assert.Equal(Uncertainty.Percent(5m), water.Uncertainty);
        Assert.Equal(96m * 998m, water.AnnualKilograms); // reported per year: 96 m³ × 998 kg/m³
        Assert.Equal(OutputClass.Wastewater, loaded.Streams.Single(s => s.Name == "Wastewater").OutputClass);
        Assert.Equal(360_000m, Assert.Single(loaded.EnergyStreams).AnnualMegajoules); // 100 MWh × 3 600 MJ/MWh
        Assert.Equal("Dyeing", Assert.Single(loaded.Steps).Name);
    }

    [Fact]
    public async Task A_submitted_version_keeps_the_worksheet_as_it_was()
    {
        var (programmeId, companyId) = await ProgrammeWithCompanyAsync();
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        var sheet = Worksheet.Create(programmeId, companyId, "Dairy balance", null, "UAH", factory.Clock.GetUtcNow());
        var step = sheet.AddStep("Pasteurisation");
        var milk = sheet.AddStream(new StreamSpec("Raw milk", "Milk", null, step.Id, Quantity.Of(120m, Unit.Tonne)));
        var task = HomeTask.Assign(programmeId, 2, 4, null, "Mass and energy balance", null, [], factory.Clock.Today.AddDays(10), null, true, engineer.Id, factory.Clock.GetUtcNow(), factory.Clock.Today);
        var work = Submission.ForCompany(task, companyId);
        work.AttachWorksheet(sheet.Snapshot(), factory.Clock.Today);
        work.Submit("See the worksheet.", [], engineer.Id, factory.Clock.GetUtcNow(), factory.Clock.Today, Guid.NewGuid(), sheet.Snapshot());
        await using (var db = factory.NewDbContext())
        {
            db.Worksheets.Add(sheet);
            db.HomeTasks.Add(task);
            db.Submissions.Add(work);
            await db.SaveChangesAsync();
        }

        // The engineer goes on editing the worksheet after submitting.
        await using (var db = factory.NewDbContext())
        {
            var live = await db.Worksheets.Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams).SingleAsync(w => w.Id == sheet.Id);
            live.ChangeStream(milk.Id, milk.ToSpec() with { Quantity = Quantity.Of(1200m, Unit.Tonne) });
            await db.SaveChangesAsync();
        }

        await using var read = factory.NewDbContext();
        var version = await read.SubmissionVersions.AsNoTracking().SingleAsync(v => v.SubmissionId == work.Id);
        var frozen = Assert.IsType<WorksheetSnapshot>(version.Worksheet);
        Assert.Equal(sheet.Id, frozen.WorksheetId);
        Assert.Equal(120_000m, Assert.Single(frozen.Streams).AnnualKilograms);
        Assert.Equal(1_200_000m, await read.Set<MaterialStream>().Where(s => s.Id == milk.Id).Select(s => s.AnnualKilograms).SingleAsync());
    }

    private async Task<(Guid ProgrammeId, Guid CompanyId)> ProgrammeWithCompanyAsync()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-10));
        var company = await factory.EnrolCompanyAsync(programme.Id, "Company " + Guid.NewGuid().ToString("N")[..6]);
        return (programme.Id, company.Id);
    }
}
