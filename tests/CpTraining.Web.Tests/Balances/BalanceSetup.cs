using CpTraining.Domain.Balances;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Balances;

/// <summary>Worksheets built through the domain and saved with the DbContext directly, for the balance page tests and the benchmark.</summary>
public static class BalanceSetup
{
    public static string Balance(Guid worksheetId) => $"/worksheets/{worksheetId}/balance";

    public static Quantity T(decimal tonnes) => Quantity.Of(tonnes, Unit.Tonne);

    /// <summary>A programme with one company (in Ukraine) and an engineer of it.</summary>
    public static async Task<(Guid ProgrammeId, Guid CompanyId, AppUser Engineer)> CompanyAsync(CpTrainingFactory factory)
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-10));
        var company = await factory.EnrolCompanyAsync(programme.Id, "Company " + Guid.NewGuid().ToString("N")[..6]);
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
        return (programme.Id, company.Id, engineer);
    }

    public static async Task<Guid> SaveAsync(CpTrainingFactory factory, Worksheet sheet)
    {
        await using var db = factory.NewDbContext();
        db.Worksheets.Add(sheet);
        await db.SaveChangesAsync();
        return sheet.Id;
    }

    public static MaterialStream In(this Worksheet w, ProcessStep to, string name, Quantity q, string? material = null, UnitPrice? price = null, decimal? uncertainty = null) =>
        w.AddStream(new StreamSpec(name, material ?? name, null, to.Id, q, Uncertainty: uncertainty is { } u ? Uncertainty.Percent(u) : null, PurchasePrice: price));

    public static MaterialStream Out(
        this Worksheet w, ProcessStep from, string name, Quantity q, OutputClass oc = OutputClass.Product, string? material = null, UnitPrice? fee = null, decimal? uncertainty = null) =>
        w.AddStream(new StreamSpec(name, material ?? name, from.Id, null, q, Uncertainty: uncertainty is { } u ? Uncertainty.Percent(u) : null, OutputClass: oc, DisposalFee: fee));

    public static MaterialStream Link(this Worksheet w, ProcessStep from, ProcessStep to, string name, Quantity q, string? material = null, decimal? uncertainty = null) =>
        w.AddStream(new StreamSpec(name, material ?? name, from.Id, to.Id, q, Uncertainty: uncertainty is { } u ? Uncertainty.Percent(u) : null));

    /// <summary>
    /// 40 steps and 400 streams (as in the domain's LargeWorksheetTests), all ± 5 %: per step 5 inputs of 10 t
    /// (water and fibre priced), 4 outputs of 12.5 t (two of them priced losses), 100 t to the next step (the last
    /// back to the first); per step 100 MWh of electricity and 10 000 m³ of gas.
    /// </summary>
    public static Worksheet Large(Guid programmeId, Guid companyId, DateTimeOffset now, int steps = 40)
    {
        var w = Worksheet.Create(programmeId, companyId, $"Large line {steps}", "Finishing", "UAH", now);
        var all = Enumerable.Range(1, steps).Select(i => w.AddStep($"Step {i:00}")).ToList();
        for (var i = 0; i < steps; i++)
        {
            var s = all[i];
            var n = i + 1;
            w.In(s, $"Water {n}", T(10), "Water", new UnitPrice(20m, Unit.Tonne), 5);
            w.In(s, $"Fibre {n}", T(10), "Fibre", new UnitPrice(2_000m, Unit.Tonne), 5);
            for (var k = 1; k <= 3; k++)
            {
                w.In(s, $"Chemical {n}.{k}", T(10), uncertainty: 5);
            }

            w.Out(s, $"Product {n}", T(12.5m), OutputClass.Product, uncertainty: 5);
            w.Out(s, $"By-product {n}", T(12.5m), OutputClass.ByProduct, uncertainty: 5);
            w.Out(s, $"Wastewater {n}", T(12.5m), OutputClass.Wastewater, "Water", new UnitPrice(50m, Unit.Tonne), 5);
            w.Out(s, $"Solid waste {n}", T(12.5m), OutputClass.SolidWaste, "Fibre", new UnitPrice(100m, Unit.Tonne), 5);
            if (steps > 1)
            {
                w.Link(s, all[(i + 1) % steps], i + 1 < steps ? $"Link {n}" : "Recycle", T(100), uncertainty: 5);
            }

            w.AddEnergyStream(new EnergyStreamSpec(null, s.Id, EnergyCarrier.Electricity, Quantity.Of(100m, Unit.MegawattHour), Price: new UnitPrice(4_000m, Unit.MegawattHour)));
            w.AddEnergyStream(new EnergyStreamSpec(null, s.Id, EnergyCarrier.NaturalGas, Quantity.Of(10_000m, Unit.CubicMetre, calorificValue: 34m, calorificBasis: CalorificBasis.PerCubicMetre)));
        }

        return w;
    }
}
