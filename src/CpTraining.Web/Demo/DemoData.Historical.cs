using CpTraining.Domain.Balances;
using CpTraining.Domain.Certificates;
using CpTraining.Domain.Companies;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Pages.Certificates;
using CpTraining.Web.Pages.Options;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Demo;

/// <summary>
/// The 2nd CPEE programme in Dnipropetrovsk (seed 000: pilot industries discharging persistent toxic substances into
/// the municipal wastewater), complete as it stood after its final session on 1–2 March 2011: three pilot companies
/// with their CP teams, attendance on all 11 session days, every home task accepted, a closing balance and options
/// (some implemented and verified, investment projects that need financing) per company, and certificates for those
/// who met the default completion rule. Each part is idempotent like the current programme's.
/// Figures are 2010 prices in UAH (water 4.80 UAH/m³, sewer 3.90 UAH/m³, gas 2.90 UAH/m³, electricity 0.65 UAH/kWh).
/// </summary>
internal static partial class DemoData
{
    public const string PlatingWorksheetName = "Zinc and nickel plating line";
    public const string TanneryWorksheetName = "Chrome tanning of cattle hides";
    public const string DyeingWorksheetName = "Package dyeing of yarn";

    public static readonly IReadOnlyList<DemoCompany> HistoricalCompanies =
    [
        new(
            new CompanyDetails(
                "Dnipropetrovsk Electroplating Works", "C25.61", "Treatment and coating of metals", "Dnipropetrovsk", "Dnipropetrovsk oblast", "Ukraine", 280,
                "vul. Naberezhna Peremohy 32, Dnipropetrovsk", "Zinc and nickel plating with chromate passivation of fasteners and fittings for machine builders, about 8 t of parts a day.",
                "Rinse water and spent baths with chromium(VI), nickel and zinc go untreated to the city sewer and the Dnipro."),
            IsPilot: true,
            TrainerEmail: "trainer@demo.local",
            People:
            [
                new("manager2010-hrytsenko@demo.local", "Volodymyr Hrytsenko", "Director", ProgrammeRole.Manager),
                new("engineer2010-kostenko@demo.local", "Liudmyla Kostenko", "Head of the electroplating shop", ProgrammeRole.Engineer),
                new("engineer2010-polishchuk@demo.local", "Artem Polishchuk", "Environmental engineer", ProgrammeRole.Engineer),
            ]),
        new(
            new CompanyDetails(
                "Dnipropetrovsk Tannery", "C15.11", "Tanning and dressing of leather", "Dnipropetrovsk", "Dnipropetrovsk oblast", "Ukraine", 190,
                "vul. Kozhzavodska 5, Dnipropetrovsk", "Chrome-tanned wet-blue leather from about 10 t of salted cattle hides a day.",
                "Beamhouse and tanning wastewater with sulphide and chromium(III) is discharged to the municipal sewer; fleshings and shavings go to the landfill."),
            IsPilot: true,
            TrainerEmail: SecondTrainerEmail,
            People:
            [
                new("manager2010-sydorenko@demo.local", "Anatolii Sydorenko", "Technical director", ProgrammeRole.Manager),
                new("engineer2010-humeniuk@demo.local", "Valentyna Humeniuk", "Chief technologist", ProgrammeRole.Engineer, MissedSession: 3),
                new("engineer2010-klymenko@demo.local", "Oleksandr Klymenko", "Head of the wastewater pre-treatment plant", ProgrammeRole.Engineer),
            ]),
        new(
            new CompanyDetails(
                "Dnipro Yarn Dyeing Works", "C13.30", "Finishing of textiles", "Dnipropetrovsk", "Dnipropetrovsk oblast", "Ukraine", 350,
                "prospekt Gagarina 110, Dnipropetrovsk", "Scouring and dyeing of wool-blend and acrylic yarn on package dyeing machines, about 3 t of yarn a day.",
                "Scouring with nonylphenol ethoxylate detergents and dyeing wastewater reach the Dnipro through the city sewer; the dye house burns much gas to heat water that is drained hot."),
            IsPilot: true,
            TrainerEmail: "trainer@demo.local",
            People:
            [
                new("manager2010-lytvyn@demo.local", "Hanna Lytvyn", "Production director", ProgrammeRole.Manager),
                new("engineer2010-karpenko@demo.local", "Pavlo Karpenko", "Chief process engineer", ProgrammeRole.Engineer),
            ]),
    ];

    /// <summary>
    /// Completes the historical programme (created by <see cref="SeedAsync"/>): companies and teams with attendance,
    /// worksheets, options, home tasks (which freeze the worksheets and option registers), certificates.
    /// </summary>
    private static async Task SeedHistoricalProgrammeAsync(AppDbContext db, UserManager<AppUser> users, TimeProvider time, string password)
    {
        var programme = await db.Programmes.AsNoTracking()
            .Include(p => p.Sessions)
            .SingleAsync(p => p.Name == HistoricalProgrammeName);
        var sessions = programme.Sessions;
        await SeedCompaniesAsync(db, users, time, password, HistoricalProgrammeName, [], HistoricalCompanies, At(sessions[0].StartDate.AddDays(-30), 9));

        // The balances were drawn up after session 2, the options worked out by the final session.
        var companies = await db.Companies.AsNoTracking()
            .Where(c => HistoricalCompanies.Select(s => s.Details.Name).Contains(c.Name))
            .ToDictionaryAsync(c => c.Name, c => c.Id);
        var drawnUp = At(sessions[1].EndDate.AddDays(14), 10);
        var plating = companies[HistoricalCompanies[0].Details.Name];
        var tannery = companies[HistoricalCompanies[1].Details.Name];
        var dyeing = companies[HistoricalCompanies[2].Details.Name];
        await EnsureWorksheetsAsync(db, programme.Id,
        [
            (plating, PlatingWorksheetName, () => PlatingWorksheet(programme.Id, plating, drawnUp)),
            (tannery, TanneryWorksheetName, () => TanneryWorksheet(programme.Id, tannery, drawnUp)),
            (dyeing, DyeingWorksheetName, () => DyeingWorksheet(programme.Id, dyeing, drawnUp)),
        ]);
        await SeedOptionsAsync(db, HistoricalProgrammeName, "trainer@demo.local", At(sessions[^1].StartDate.AddDays(-3), 12), new()
        {
            [PlatingWorksheetName] = PlatingOptions,
            [TanneryWorksheetName] = TanneryOptions,
            [DyeingWorksheetName] = DyeingOptions,
        });

        var setup = await HomeTaskSetupAsync(db, users, HistoricalProgrammeName, HistoricalCompanies);
        if (setup is not null)
        {
            await InOneTransactionAsync(db, () => SeedHistoricalHomeTasksInTransactionAsync(db, setup));
        }

        await IssueCertificatesAsync(db, time, programme.Id, setup?.Coordinator ?? (await users.FindByEmailAsync("coordinator@demo.local"))!.Id);

        await PublishHistoricalReportsAsync(db, programme, setup?.Coordinator ?? (await users.FindByEmailAsync("coordinator@demo.local"))!.Id);
    }

    /// <summary>
    /// The reports handed out at the final session: each company's report published on its first day (1 March 2011)
    /// and the programme report on its last (2 March 2011), as version 1 — once; a database that has them keeps them.
    /// </summary>
    private static async Task PublishHistoricalReportsAsync(AppDbContext db, Programme programme, string coordinatorId)
    {
        if (await db.PublishedReports.AnyAsync(r => r.ProgrammeId == programme.Id))
        {
            return;
        }

        var final = programme.Sessions.MaxBy(s => s.Number)!;
        var coordinator = await db.Users.Where(u => u.Id == coordinatorId).Select(u => u.DisplayName).SingleAsync();
        var companies = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == programme.Id && e.ArchivedAt == null)
            .Select(e => e.CompanyId)
            .ToListAsync();
        foreach (var company in await Pages.Reports.CompanyReportBuilder.BuildManyAsync(db, programme.Id, companies, final.StartDate, CancellationToken.None))
        {
            db.PublishedReports.Add(Domain.Reports.PublishedReport.Publish(
                programme.Id, company.CompanyId, null, Pages.Reports.ReportVersions.ToJson(company), Pages.Reports.ReportVersions.HashOf(company),
                final.StartDate, final.StartDate, coordinatorId, coordinator, At(final.StartDate, 16)));
        }

        var lastDay = final.StartDate.AddDays(final.Days - 1);
        var report = (await Pages.Reports.ProgrammeReportBuilder.BuildAsync(db, programme.Id, new FixedClock(At(lastDay, 12)), CancellationToken.None))!;
        db.PublishedReports.Add(Domain.Reports.PublishedReport.Publish(
            programme.Id, null, null, Pages.Reports.ReportVersions.ToJson(report), Pages.Reports.ReportVersions.HashOf(report),
            lastDay, final.StartDate, coordinatorId, coordinator, At(lastDay, 12)));
        await db.SaveChangesAsync();
    }

    /// <summary>A clock stopped at one moment: the programme report is read as on the day it was handed out.</summary>
    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>
    /// Every task of sessions 1–3 handed in on time and accepted, except one task per company handed in two days late
    /// (and accepted); the balance tasks carry the company's worksheet, the options tasks its options register.
    /// </summary>
    private static async Task SeedHistoricalHomeTasksInTransactionAsync(AppDbContext db, HomeTaskSetup setup)
    {
        var programme = setup.Programme;
        var tasks = Enumerable.Range(1, programme.Sessions.Count - 1).SelectMany(n => GiveTasks(setup, n, null)).ToList();
        db.HomeTasks.AddRange(tasks);
        for (var c = 0; c < HistoricalCompanies.Count; c++)
        {
            var spec = HistoricalCompanies[c];
            var companyId = setup.Companies[spec.Details.Name];
            var engineers = spec.People.Where(p => p.Role == ProgrammeRole.Engineer).Select(p => setup.People[p.Email]).ToList();
            var sheet = await db.Worksheets.AsNoTracking()
                .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
                .AsSplitQuery()
                .FirstAsync(w => w.ProgrammeId == programme.Id && w.CompanyId == companyId);
            var worksheet = sheet.Snapshot();
            var register = await OptionsRegister.SnapshotAsync(db, programme.Id, companyId, CancellationToken.None);
            for (var i = 0; i < tasks.Count; i++)
            {
                var task = tasks[i];
                var givenOn = programme.Sessions[task.AfterSession - 1].EndDate;
                var submission = Submission.ForCompany(task, companyId);
                if (task.TakesWorksheet)
                {
                    submission.AttachWorksheet(worksheet, givenOn);
                }

                if (task.TakesOptions)
                {
                    submission.AttachOptions(true, givenOn);
                }

                db.Submissions.Add(submission);
                var scenario = i == 3 * c + 2 ? Scenario.AcceptedLate : Scenario.Accepted;
                await PlayAsync(
                    db, submission, scenario, spec.Details.Name, task, engineers, setup.People[spec.TrainerEmail], setup.Coordinator, programme.Id, givenOn, task.DueDate, task.DueDate,
                    task.TakesWorksheet ? worksheet : null, task.TakesOptions ? register : null);
            }
        }
    }

    /// <summary>
    /// Certificates for every participant who meets the completion rule and has none, as the coordinator's issue button
    /// does (<see cref="Eligibility"/>), handed out on the last day of the final session.
    /// </summary>
    private static async Task IssueCertificatesAsync(AppDbContext db, TimeProvider time, Guid programmeId, string coordinator)
    {
        var view = await Eligibility.LoadAsync(db, programmeId, time);
        if (view is not { MayIssue: true, CompletionDate: { } completed })
        {
            return;
        }

        foreach (var row in view.Rows.Where(r => r.Result.Met && r.Certificate is null))
        {
            db.Certificates.Add(Certificate.Issue(
                programmeId, row.Person.UserId, row.Person.Name, view.ProgrammeName, view.Organisers, view.Language, completed, row.Result, VerificationCode.New(), coordinator, At(completed, 14)));
        }

        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Per day (250 a year): 8 t of steel parts degreased, pickled, zinc- or nickel-plated and passivated.
    /// Inputs 53.24 t/day, outputs 53.02 t/day: closure 99.6 %, each step within 0.5 %.
    /// </summary>
    private static Worksheet PlatingWorksheet(Guid programmeId, Guid companyId, DateTimeOffset at)
    {
        var sheet = Worksheet.Create(programmeId, companyId, PlatingWorksheetName, "Barrel and rack plating of fasteners and fittings", "UAH", at);
        sheet.ChangePeriod(ReportingPeriod.Day, null, 250);
        var pickle = sheet.AddStep("Degreasing and pickling");
        var plate = sheet.AddStep("Plating, passivation and rinsing");
        static Quantity Kg(decimal value) => Quantity.Of(value, Unit.Kilogram);
        static Quantity Water(decimal cubicMetres) => Quantity.Of(cubicMetres, Unit.CubicMetre, density: 1_000m);
        var perKg = (decimal price) => new UnitPrice(price, Unit.Kilogram);
        var perM3 = (decimal price) => new UnitPrice(price, Unit.CubicMetre);

        sheet.AddStream(new StreamSpec("Steel parts", "steel", null, pickle.Id, Kg(8_000m), HowObtained.Measured, Uncertainty.Percent(1m), PurchasePrice: perKg(7m)));
        sheet.AddStream(new StreamSpec("Water for degreasing and pickling", "water", null, pickle.Id, Water(20m), HowObtained.Measured, Uncertainty.Percent(5m), PurchasePrice: perM3(4.8m)));
        sheet.AddStream(new StreamSpec("Alkaline degreaser", "degreaser", null, pickle.Id, Kg(40m), HowObtained.Measured, Uncertainty.Percent(2m), PurchasePrice: perKg(12m)));
        sheet.AddStream(new StreamSpec("Hydrochloric acid", "acid", null, pickle.Id, Kg(120m), HowObtained.Measured, Uncertainty.Percent(2m), PurchasePrice: perKg(2.5m)));
        sheet.AddStream(new StreamSpec("Pickled parts", "steel", pickle.Id, plate.Id, Kg(7_990m), HowObtained.Calculated, Uncertainty.Percent(1m)));
        sheet.AddStream(new StreamSpec("Acid and alkaline rinse water", "water", pickle.Id, null, Water(19.6m), HowObtained.Calculated, Uncertainty.Percent(10m), OutputClass.Wastewater, DisposalFee: perM3(3.9m)));
        sheet.AddStream(new StreamSpec("Evaporation from the pickling baths", "water", pickle.Id, null, Kg(300m), HowObtained.Estimated, Uncertainty.Percent(30m), OutputClass.AirEmission));
        sheet.AddStream(new StreamSpec("Spent pickle sludge", "iron salts", pickle.Id, null, Kg(150m), HowObtained.Estimated, Uncertainty.Percent(20m), OutputClass.SolidWaste, DisposalFee: perKg(0.4m)));

        sheet.AddStream(new StreamSpec("Water for plating rinses", "water", null, plate.Id, Water(25m), HowObtained.Measured, Uncertainty.Percent(5m), PurchasePrice: perM3(4.8m)));
        sheet.AddStream(new StreamSpec("Zinc anodes", "zinc", null, plate.Id, Kg(45m), HowObtained.Measured, Uncertainty.Percent(2m), PurchasePrice: perKg(20m)));
        sheet.AddStream(new StreamSpec("Nickel anodes", "nickel", null, plate.Id, Kg(15m), HowObtained.Measured, Uncertainty.Percent(2m), PurchasePrice: perKg(180m)));
        sheet.AddStream(new StreamSpec("Plating and passivation chemicals", "chemicals", null, plate.Id, Kg(20m), HowObtained.Measured, Uncertainty.Percent(2m), PurchasePrice: perKg(60m)));
        sheet.AddStream(new StreamSpec("Plated parts", "steel", plate.Id, null, Kg(8_040m), HowObtained.Measured, Uncertainty.Percent(1m), OutputClass.Product));
        sheet.AddStream(new StreamSpec("Plating rinse water", "water", plate.Id, null, Water(24.4m), HowObtained.Calculated, Uncertainty.Percent(10m), OutputClass.Wastewater, DisposalFee: perM3(3.9m), HazardousSubstance: "chromium(VI), nickel and zinc", HazardousKilogramsPerYear: 1_900m));
        sheet.AddStream(new StreamSpec("Evaporation from the plating baths", "water", plate.Id, null, Kg(500m), HowObtained.Estimated, Uncertainty.Percent(30m), OutputClass.AirEmission));
        sheet.AddStream(new StreamSpec("Bath filter sludge", "metal hydroxides", plate.Id, null, Kg(30m), HowObtained.Estimated, Uncertainty.Percent(20m), OutputClass.SolidWaste, DisposalFee: perKg(0.4m)));

        sheet.AddEnergyStream(new EnergyStreamSpec("Boiler gas", pickle.Id, EnergyCarrier.NaturalGas, Gas(250m), HowObtained.Measured, Uncertainty.Percent(3m), GasPrice2010));
        sheet.AddEnergyStream(new EnergyStreamSpec("Rectifiers and pumps", plate.Id, EnergyCarrier.Electricity, Quantity.Of(3_200m, Unit.KilowattHour), HowObtained.Measured, Uncertainty.Percent(2m), PowerPrice2010));
        return sheet;
    }

    /// <summary>
    /// Per day (250 a year): 10 t of salted hides to 7 t of wet-blue. Inputs 108.1 t/day, outputs 107.6 t/day:
    /// closure 99.5 %, each step within 0.6 %.
    /// </summary>
    private static Worksheet TanneryWorksheet(Guid programmeId, Guid companyId, DateTimeOffset at)
    {
        var sheet = Worksheet.Create(programmeId, companyId, TanneryWorksheetName, "Beamhouse and chrome tanning to wet-blue", "UAH", at);
        sheet.ChangePeriod(ReportingPeriod.Day, null, 250);
        var beamhouse = sheet.AddStep("Soaking, liming and deliming");
        var tanning = sheet.AddStep("Pickling, chrome tanning and sammying");
        static Quantity Kg(decimal value) => Quantity.Of(value, Unit.Kilogram);
        static Quantity Water(decimal cubicMetres) => Quantity.Of(cubicMetres, Unit.CubicMetre, density: 1_000m);
        var perKg = (decimal price) => new UnitPrice(price, Unit.Kilogram);
        var perM3 = (decimal price) => new UnitPrice(price, Unit.CubicMetre);

        sheet.AddStream(new StreamSpec("Salted raw hides", "hides", null, beamhouse.Id, Kg(10_000m), HowObtained.Measured, Uncertainty.Percent(1m), PurchasePrice: perKg(9m)));
        sheet.AddStream(new StreamSpec("Beamhouse water", "water", null, beamhouse.Id, Water(60m), HowObtained.Measured, Uncertainty.Percent(5m), PurchasePrice: perM3(4.8m)));
        sheet.AddStream(new StreamSpec("Lime and sodium sulphide", "liming chemicals", null, beamhouse.Id, Kg(600m), HowObtained.Measured, Uncertainty.Percent(2m), PurchasePrice: perKg(2.5m)));
        sheet.AddStream(new StreamSpec("Limed pelts", "hides", beamhouse.Id, tanning.Id, Kg(11_000m), HowObtained.Calculated, Uncertainty.Percent(3m)));
        sheet.AddStream(new StreamSpec("Beamhouse wastewater", "water", beamhouse.Id, null, Water(57m), HowObtained.Calculated, Uncertainty.Percent(10m), OutputClass.Wastewater, DisposalFee: perM3(3.9m), HazardousSubstance: "sulphide", HazardousKilogramsPerYear: 30_000m));
        sheet.AddStream(new StreamSpec("Fleshings and hair", "protein waste", beamhouse.Id, null, Kg(2_300m), HowObtained.Measured, Uncertainty.Percent(5m), OutputClass.SolidWaste, DisposalFee: perKg(0.15m)));

        sheet.AddStream(new StreamSpec("Tanning water", "water", null, tanning.Id, Water(25m), HowObtained.Measured, Uncertainty.Percent(5m), PurchasePrice: perM3(4.8m)));
        sheet.AddStream(new StreamSpec("Basic chromium sulphate", "chrome tanning agent", null, tanning.Id, Kg(800m), HowObtained.Measured, Uncertainty.Percent(2m), PurchasePrice: perKg(11m)));
        sheet.AddStream(new StreamSpec("Salt, acids and basifying agents", "pickling chemicals", null, tanning.Id, Kg(700m), HowObtained.Measured, Uncertainty.Percent(2m), PurchasePrice: perKg(1.5m)));
        sheet.AddStream(new StreamSpec("Wet-blue leather", "leather", tanning.Id, null, Kg(7_000m), HowObtained.Measured, Uncertainty.Percent(1m), OutputClass.Product));
        sheet.AddStream(new StreamSpec("Spent chrome floats", "water", tanning.Id, null, Water(28.5m), HowObtained.Calculated, Uncertainty.Percent(10m), OutputClass.Wastewater, DisposalFee: perM3(3.9m), HazardousSubstance: "chromium(III)", HazardousKilogramsPerYear: 16_000m));
        sheet.AddStream(new StreamSpec("Chrome shavings and trimmings", "leather waste", tanning.Id, null, Kg(1_800m), HowObtained.Measured, Uncertainty.Percent(5m), OutputClass.SolidWaste, DisposalFee: perKg(0.15m)));

        sheet.AddEnergyStream(new EnergyStreamSpec("Boiler gas", beamhouse.Id, EnergyCarrier.NaturalGas, Gas(400m), HowObtained.Measured, Uncertainty.Percent(3m), GasPrice2010));
        sheet.AddEnergyStream(new EnergyStreamSpec("Drums and pumps", tanning.Id, EnergyCarrier.Electricity, Quantity.Of(2_500m, Unit.KilowattHour), HowObtained.Measured, Uncertainty.Percent(2m), PowerPrice2010));
        return sheet;
    }

    /// <summary>
    /// Per day (250 a year): 3 t of yarn scoured and dyed. Inputs 123.3 t/day, outputs 122.8 t/day: closure 99.6 %,
    /// each step within 0.5 %.
    /// </summary>
    private static Worksheet DyeingWorksheet(Guid programmeId, Guid companyId, DateTimeOffset at)
    {
        var sheet = Worksheet.Create(programmeId, companyId, DyeingWorksheetName, "Scouring and dyeing of yarn on eight package machines", "UAH", at);
        sheet.ChangePeriod(ReportingPeriod.Day, null, 250);
        var scour = sheet.AddStep("Scouring");
        var dye = sheet.AddStep("Dyeing and rinsing");
        static Quantity Kg(decimal value) => Quantity.Of(value, Unit.Kilogram);
        static Quantity Water(decimal cubicMetres) => Quantity.Of(cubicMetres, Unit.CubicMetre, density: 1_000m);
        var perKg = (decimal price) => new UnitPrice(price, Unit.Kilogram);
        var perM3 = (decimal price) => new UnitPrice(price, Unit.CubicMetre);

        sheet.AddStream(new StreamSpec("Raw yarn", "yarn", null, scour.Id, Kg(3_000m), HowObtained.Measured, Uncertainty.Percent(1m), PurchasePrice: perKg(45m)));
        sheet.AddStream(new StreamSpec("Scouring water", "water", null, scour.Id, Water(45m), HowObtained.Measured, Uncertainty.Percent(5m), PurchasePrice: perM3(4.8m)));
        sheet.AddStream(new StreamSpec("Nonylphenol ethoxylate detergent", "detergent", null, scour.Id, Kg(60m), HowObtained.Measured, Uncertainty.Percent(2m), PurchasePrice: perKg(18m)));
        sheet.AddStream(new StreamSpec("Scoured yarn", "yarn", scour.Id, dye.Id, Kg(2_950m), HowObtained.Calculated, Uncertainty.Percent(2m)));
        sheet.AddStream(new StreamSpec("Scouring wastewater", "water", scour.Id, null, Water(44.5m), HowObtained.Calculated, Uncertainty.Percent(10m), OutputClass.Wastewater, DisposalFee: perM3(3.9m), HazardousSubstance: "nonylphenol ethoxylates", HazardousKilogramsPerYear: 15_000m));
        sheet.AddStream(new StreamSpec("Evaporation from scouring", "water", scour.Id, null, Kg(500m), HowObtained.Estimated, Uncertainty.Percent(30m), OutputClass.AirEmission));

        sheet.AddStream(new StreamSpec("Dyeing and rinsing water", "water", null, dye.Id, Water(75m), HowObtained.Measured, Uncertainty.Percent(5m), PurchasePrice: perM3(4.8m)));
        sheet.AddStream(new StreamSpec("Dyes", "dyes", null, dye.Id, Kg(45m), HowObtained.Measured, Uncertainty.Percent(2m), PurchasePrice: perKg(120m)));
        sheet.AddStream(new StreamSpec("Acetic acid and levelling agents", "auxiliaries", null, dye.Id, Kg(150m), HowObtained.Measured, Uncertainty.Percent(2m), PurchasePrice: perKg(10m)));
        sheet.AddStream(new StreamSpec("Dyed yarn", "yarn", dye.Id, null, Kg(2_990m), HowObtained.Measured, Uncertainty.Percent(1m), OutputClass.Product));
        sheet.AddStream(new StreamSpec("Dyeing and rinsing wastewater", "water", dye.Id, null, Water(73m), HowObtained.Calculated, Uncertainty.Percent(10m), OutputClass.Wastewater, DisposalFee: perM3(3.9m)));
        sheet.AddStream(new StreamSpec("Evaporation from the dye machines", "water", dye.Id, null, Kg(1_800m), HowObtained.Estimated, Uncertainty.Percent(30m), OutputClass.AirEmission));

        sheet.AddEnergyStream(new EnergyStreamSpec("Boiler gas", scour.Id, EnergyCarrier.NaturalGas, Gas(500m), HowObtained.Measured, Uncertainty.Percent(3m), GasPrice2010));
        sheet.AddEnergyStream(new EnergyStreamSpec("Boiler gas", dye.Id, EnergyCarrier.NaturalGas, Gas(1_300m), HowObtained.Measured, Uncertainty.Percent(3m), GasPrice2010));
        sheet.AddEnergyStream(new EnergyStreamSpec("Dye house meter", dye.Id, EnergyCarrier.Electricity, Quantity.Of(2_600m, Unit.KilowattHour), HowObtained.Measured, Uncertainty.Percent(2m), PowerPrice2010));
        return sheet;
    }

    private static readonly UnitPrice GasPrice2010 = new(2.9m, Unit.CubicMetre);
    private static readonly UnitPrice PowerPrice2010 = new(0.65m, Unit.KilowattHour);

    /// <summary>Natural gas with a net calorific value of 33.5 MJ/m³.</summary>
    private static Quantity Gas(decimal cubicMetres) => Quantity.Of(cubicMetres, Unit.CubicMetre, calorificValue: 33.5m, calorificBasis: CalorificBasis.PerCubicMetre);

    private static List<CpOption> PlatingOptions(OptionFactory o)
    {
        var dragOut = o.Add("Longer drip times and drip trays over the plating baths", OptionCategory.GoodHousekeeping, OptionKind.LowCost,
            "Barrels and racks were lifted straight into the rinses. 20 seconds of dripping and trays that return the drips to the bath keep about a third of the drag-out in the baths.",
            "Metals and chemicals dragged out into the rinse water");
        o.Link(dragOut, ("Water for plating rinses", 10m), ("Plating rinse water", 10m), ("Plating and passivation chemicals", 10m), ("Nickel anodes", 3m));
        o.Scores(dragOut, 5, 5, 5, 5, 4, 5, 5, 5);
        o.Economics(dragOut, new EconomicInputs
        {
            // Chemicals 5 t/yr × 10 % × 60 UAH/kg = 30 000 UAH; nickel 3.75 t/yr × 3 % × 180 UAH/kg = 20 250 UAH;
            // rinse water 625 m³ × 4.80 UAH = 3 000 UAH and its sewer fee 610 m³ × 3.90 UAH = 2 379 UAH.
            Investment = [new("Drip trays for 12 baths", 38_000m), new("Timer relays in the hoist control, fitted", 22_000m)],
            RawMaterials = 50_000m,
            Water = 3_000m,
            WasteFees = 2_400m,
            LifetimeYears = 5,
            DiscountRate = 0.15m,
        });
        o.Walk(dragOut, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(dragOut, 80, 62_000m, 53_000m, Reductions.Create(600m, null, null, null, null, 580m, 0.58m, null), "Chemical purchases December 2010 – February 2011 against the same months a year before.");
        o.Walk(dragOut, OptionStatus.Implemented, OptionStatus.Verified);

        var cascade = o.Add("Three-stage counter-current rinsing", OptionCategory.EquipmentModification, OptionKind.Investment,
            "Each plating bath had one running rinse. Three cascading rinse tanks give the same cleanliness with about 60 % less water.",
            "Plating rinse water and its metal load");
        o.Link(cascade, ("Water for plating rinses", 60m), ("Plating rinse water", 60m));
        o.Scores(cascade, 5, 4, 4, 4, 4, 4, 4, 5);
        o.Economics(cascade, new EconomicInputs
        {
            Investment = [new("Rinse tanks and piping", 65_000m), new("Installation", 20_000m)],
            Water = 18_000m, // 6 250 m³/yr × 60 % × 4.80 UAH/m³
            WasteFees = 14_300m, // 6 100 m³/yr × 60 % × 3.90 UAH/m³ = 14 274 UAH
            RawMaterials = 12_000m,
            Maintenance = 2_000m,
            LifetimeYears = 10,
            DiscountRate = 0.15m,
        });
        o.Walk(cascade, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(cascade, 50, 88_000m, 43_500m, Reductions.Create(3_600m, null, null, null, null, 3_500m, null, null), "Water meter of the plating shop, January and February 2011 against autumn 2010.");
        o.Walk(cascade, OptionStatus.Implemented, OptionStatus.Verified);

        var trivalent = o.Add("Trivalent chromium passivation instead of hexavalent", OptionCategory.InputMaterialChange, OptionKind.LowCost,
            "Chromium(III) passivates give the same corrosion protection for zinc without the toxic chromium(VI).",
            "Chromium(VI) in the rinse water");
        o.Link(trivalent, ("Plating rinse water", 20m));
        o.Scores(trivalent, 4, 4, 4, 4, 5, 4, 5, 4);
        o.Economics(trivalent, new EconomicInputs
        {
            Investment = [new("Trials and new bath make-up", 40_000m)],
            WasteFees = 9_000m,
            Other = 13_000m,
            LifetimeYears = 5,
            DiscountRate = 0.15m,
        });
        o.Walk(trivalent, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(trivalent, 20, 42_000m, null, Reductions.None, "New passivation bath in use since February; customers' salt-spray tests pending.");
        o.Walk(trivalent, OptionStatus.Implemented);
        o.Plan(trivalent, "Salt-spray test results from the two main customers", "Head of the electroplating shop", 30);

        var ionExchange = o.Add("Ion exchange recovery of nickel from the rinse water", OptionCategory.OnSiteRecovery, OptionKind.Investment,
            "An ion exchange unit on the nickel rinses returns the nickel to the bath as sulphate and the water to the rinses.",
            "Nickel lost to the sewer");
        o.Link(ionExchange, ("Nickel anodes", 40m), ("Plating rinse water", 30m));
        o.Scores(ionExchange, 4, 4, 3, 3, 4, 4, 3, 4);
        o.Economics(ionExchange, new EconomicInputs
        {
            Investment = [new("Ion exchange unit", 480_000m), new("Installation and commissioning", 90_000m), new("Training", 10_000m)],
            RawMaterials = 190_000m,
            Water = 12_000m,
            Maintenance = 25_000m,
            LifetimeYears = 12,
            DiscountRate = 0.15m,
            Escalation = 0.05m,
        });
        o.Walk(ionExchange, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Plan(ionExchange, "Apply to the UNDP-GEF pilot project fund", "Director", 60);

        var electrolysis = o.Add("Electrolytic zinc recovery from the spent baths", OptionCategory.OnSiteRecovery, OptionKind.Investment,
            "Spent zinc baths are dumped twice a year; an electrolytic cell plates the zinc out for reuse as anodes.",
            "Zinc in the spent baths");
        o.Link(electrolysis, ("Zinc anodes", 15m), ("Bath filter sludge", 30m));
        o.Scores(electrolysis, 3, 3, 3, 3, 3, 3, 4, 4);
        o.Economics(electrolysis, new EconomicInputs
        {
            Investment = [new("Electrolytic cell and rectifier", 125_000m), new("Installation", 25_000m)],
            RawMaterials = 34_000m,
            WasteFees = 6_000m,
            Energy = -8_000m,
            LifetimeYears = 10,
            DiscountRate = 0.15m,
        });
        o.Walk(electrolysis, OptionStatus.UnderStudy, OptionStatus.Feasible);

        var outsource = o.Add("Give up nickel plating and buy plated parts", OptionCategory.ProductModification, OptionKind.Investment,
            "Stop the nickel line and buy nickel-plated fittings from a supplier.", "Nickel in the wastewater");
        o.Link(outsource, ("Nickel anodes", 100m));
        o.Reject(outsource, "The nickel line earns a third of the shop's margin, and no supplier in the region plates to the customers' specification.");
        return o.Options;
    }

    private static List<CpOption> TanneryOptions(OptionFactory o)
    {
        var batchWashing = o.Add("Batch washing instead of running-water washing", OptionCategory.GoodHousekeeping, OptionKind.LowCost,
            "Hides were washed in drums with the door open and water running. Washing in batches with closed drums uses about 30 % less water.",
            "Beamhouse water and wastewater");
        o.Link(batchWashing, ("Beamhouse water", 30m), ("Beamhouse wastewater", 30m));
        o.Scores(batchWashing, 5, 5, 5, 5, 4, 5, 5, 5);
        o.Economics(batchWashing, new EconomicInputs
        {
            // 15 000 m³/yr × 30 % × 4.80 UAH/m³ = 21 600 UAH; 14 250 m³/yr × 30 % × 3.90 UAH/m³ = 16 673 UAH.
            Investment = [new("Water meters on the drum lines", 14_000m), new("Drum door seals and batch-filling valves", 28_000m)],
            Water = 21_600m,
            WasteFees = 16_700m,
            LifetimeYears = 5,
            DiscountRate = 0.15m,
        });
        o.Walk(batchWashing, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(batchWashing, 75, 43_500m, 36_500m, Reductions.Create(4_300m, null, null, null, null, 4_200m, null, null), "Water meter readings, December 2010 – February 2011 against October and November.");
        o.Walk(batchWashing, OptionStatus.Implemented, OptionStatus.Verified);

        var highExhaustion = o.Add("High-exhaustion chrome tanning", OptionCategory.InputMaterialChange, OptionKind.LowCost,
            "A high-exhaustion tanning agent and a longer basification take up about 90 % of the chromium instead of 70 %, so 20 % less chrome is offered.",
            "Chromium(III) in the spent floats");
        o.Link(highExhaustion, ("Basic chromium sulphate", 20m), ("Spent chrome floats", 10m));
        o.Scores(highExhaustion, 4, 5, 4, 4, 4, 4, 4, 4);
        o.Economics(highExhaustion, new EconomicInputs
        {
            // Chrome 200 t/yr × 20 % × 11 UAH/kg = 440 000 UAH, less the high-exhaustion agent (about 9.5 t/yr at 40 UAH/kg).
            Investment = [new("Laboratory and drum trials", 25_000m), new("Dosing pump and pH meters for the tanning drums", 40_000m)],
            RawMaterials = 440_000m,
            Other = -380_000m,
            LifetimeYears = 5,
            DiscountRate = 0.15m,
        });
        o.Walk(highExhaustion, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(highExhaustion, 45, 67_000m, 57_000m, Reductions.Create(null, null, null, null, null, null, 38m, [new SubstanceReduction("chromium(III)", 1_500m)]), "Chrome purchases and float analyses for January and February 2011.");
        o.Walk(highExhaustion, OptionStatus.Implemented, OptionStatus.Verified);

        var fleshings = o.Add("Fleshings to a rendering plant", OptionCategory.UsefulByProduct, OptionKind.LowCost,
            "Fleshings went to the landfill; a rendering plant in Novomoskovsk collects them for fat and meal.",
            "Solid waste to the landfill");
        o.Link(fleshings, ("Fleshings and hair", 70m));
        o.Scores(fleshings, 4, 5, 5, 4, 3, 4, 5, 4);
        o.Economics(fleshings, new EconomicInputs
        {
            // 575 t/yr × 70 % = 402.5 t no longer landfilled at 0.15 UAH/kg (60 375 UAH); the rendering plant pays 50 UAH/t.
            Investment = [new("Covered container bay with drainage", 55_000m), new("Two skips", 30_000m)],
            WasteFees = 60_000m,
            Other = 20_000m,
            LifetimeYears = 8,
            DiscountRate = 0.15m,
        });
        o.Walk(fleshings, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(fleshings, 25, 86_000m, null, Reductions.None, "Collection contract since February 2011; the first invoices follow.");
        o.Walk(fleshings, OptionStatus.Implemented);
        o.Plan(fleshings, "Weigh the collected fleshings monthly", "Chief technologist", 30);

        var chromeRecycling = o.Add("Chrome recovery from the spent floats", OptionCategory.OnSiteRecovery, OptionKind.Investment,
            "The spent floats are collected, the chromium precipitated with magnesium oxide, filtered and redissolved in sulphuric acid for the next tanning.",
            "Chromium(III) in the wastewater");
        o.Link(chromeRecycling, ("Spent chrome floats", 80m), ("Basic chromium sulphate", 25m));
        o.Scores(chromeRecycling, 4, 4, 3, 3, 4, 3, 4, 4);
        o.Economics(chromeRecycling, new EconomicInputs
        {
            Investment = [new("Collection tanks, reactor and filter press", 390_000m), new("Installation", 90_000m)],
            RawMaterials = 300_000m,
            WasteFees = 20_000m,
            Maintenance = 35_000m,
            Other = -40_000m,
            LifetimeYears = 12,
            DiscountRate = 0.15m,
            Escalation = 0.05m,
        });
        o.Walk(chromeRecycling, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Plan(chromeRecycling, "Present to investors at the final session; apply to the UNDP-GEF pilot project fund", "Technical director", 45);

        var enzymes = o.Add("Enzyme-assisted hair-save unhairing", OptionCategory.TechnologyChange, OptionKind.Investment,
            "Enzymes and less sulphide loosen the hair, which is filtered out whole instead of being dissolved into the liming float.",
            "Sulphide and dissolved hair in the beamhouse wastewater");
        o.Link(enzymes, ("Lime and sodium sulphide", 50m), ("Beamhouse wastewater", 10m));
        o.Scores(enzymes, 4, 3, 3, 3, 3, 3, 4, 4);
        o.Economics(enzymes, new EconomicInputs
        {
            Investment = [new("Hair screens and recirculation", 280_000m), new("Trials and training", 70_000m)],
            RawMaterials = 30_000m,
            WasteFees = 90_000m,
            LifetimeYears = 10,
            DiscountRate = 0.15m,
        });
        o.Walk(enzymes, OptionStatus.UnderStudy, OptionStatus.Feasible);

        var treatment = o.Add("Own biological wastewater treatment plant", OptionCategory.OnSiteRecovery, OptionKind.Investment,
            "Treat all wastewater on site before the sewer.", "All wastewater");
        o.Link(treatment, ("Beamhouse wastewater", 100m), ("Spent chrome floats", 100m));
        o.Technical(treatment, false, "End-of-pipe; the site has no room for the basins, and the cost of about 6 million UAH is beyond the company.", 2, 2, 1, 1, 2, 2, 3, 3);
        o.Walk(treatment, OptionStatus.UnderStudy, OptionStatus.NotFeasible);
        return o.Options;
    }

    private static List<CpOption> DyeingOptions(OptionFactory o)
    {
        var detergent = o.Add("Alcohol ethoxylate detergent instead of nonylphenol ethoxylates", OptionCategory.InputMaterialChange, OptionKind.LowCost,
            "Nonylphenol ethoxylates break down to persistent, hormone-disrupting nonylphenol. Alcohol ethoxylates scour as well and are readily biodegradable.",
            "Persistent toxic substances in the scouring wastewater");
        o.Link(detergent, ("Nonylphenol ethoxylate detergent", 100m));
        o.Scores(detergent, 5, 5, 5, 5, 5, 5, 5, 5);
        o.Economics(detergent, new EconomicInputs
        {
            Investment = [new("Scouring trials", 8_000m)],
            WasteFees = 6_000m,
            RawMaterials = -2_000m,
            LifetimeYears = 5,
            DiscountRate = 0.15m,
        });
        o.Walk(detergent, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(detergent, 70, 7_500m, 4_500m, Reductions.Create(null, null, null, null, null, null, 15m, [new SubstanceReduction("nonylphenol ethoxylates", 15_000m)]), "No nonylphenol ethoxylates bought since December 2010 (stores issue book).");
        o.Walk(detergent, OptionStatus.Implemented, OptionStatus.Verified);

        var coolingWater = o.Add("Reuse of the machines' cooling water for the next bath", OptionCategory.OnSiteRecovery, OptionKind.LowCost,
            "The cooling water of the dye machines' heat exchangers (about 15 m³ a day, at 40–50 °C) ran to the drain; a tank collects it for the next scouring bath.",
            "Clean warm water drained");
        o.Link(coolingWater, ("Scouring water", 33m), ("Boiler gas|Scouring", 13m));
        o.Scores(coolingWater, 5, 4, 4, 4, 4, 4, 4, 5);
        o.Economics(coolingWater, new EconomicInputs
        {
            // 3 750 m³/yr × 4.80 UAH/m³ = 18 000 UAH, and 3 750 m³ × 3.90 UAH/m³ = 14 625 UAH of sewer fee; heating it
            // 30 K less: 471 GJ ÷ 0.85 ÷ 33.5 MJ/m³ ≈ 16 500 m³ of gas (13 % of the scouring gas) × 2.90 UAH ≈ 47 900 UAH.
            Investment = [new("Insulated tank, 20 m³", 42_000m), new("Pump and piping", 30_000m), new("Installation", 18_000m)],
            Water = 18_000m,
            WasteFees = 14_600m,
            Energy = 47_000m,
            Maintenance = 2_000m,
            LifetimeYears = 10,
            DiscountRate = 0.15m,
        });
        o.Walk(coolingWater, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(coolingWater, 40, 93_000m, 74_000m, Reductions.Create(3_500m, 145m, null, null, null, 3_500m, null, null), "Water and gas meters of the dye house, January and February 2011 against November 2010.");
        o.Walk(coolingWater, OptionStatus.Implemented, OptionStatus.Verified);

        var insulation = o.Add("Insulate the dye machines' lids, steam lines and valves", OptionCategory.GoodHousekeeping, OptionKind.LowCost,
            "About 200 m of steam line and the lids of four machines are bare.", "Heat lost from bare surfaces");
        o.Link(insulation, ("Boiler gas|Dyeing and rinsing", 7m));
        o.Scores(insulation, 5, 5, 5, 5, 4, 5, 5, 5);
        o.Economics(insulation, new EconomicInputs
        {
            // 325 000 m³/yr of gas × 7 % × 2.90 UAH/m³ = 65 975 UAH.
            Investment = [new("Mineral wool shells and jackets, 200 m", 50_000m), new("Lid insulation of four machines", 22_000m), new("Fitting", 13_000m)],
            Energy = 66_000m,
            LifetimeYears = 10,
            DiscountRate = 0.15m,
        });
        o.Walk(insulation, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(insulation, 15, 88_000m, null, Reductions.None, "Finished in February 2011; gas meter readings follow.");
        o.Walk(insulation, OptionStatus.Implemented);
        o.Plan(insulation, "Compare March–May gas readings with last year's", "Chief power engineer", 90);

        var heat = o.Add("Heat recovery from the hot dye-bath effluent", OptionCategory.OnSiteRecovery, OptionKind.Investment,
            "Dye baths are drained at 70–90 °C. A self-cleaning heat exchanger pre-heats the fresh water for the next bath.",
            "Gas burnt to heat water that is drained hot");
        o.Link(heat, ("Boiler gas|Dyeing and rinsing", 18m));
        o.Scores(heat, 5, 4, 3, 3, 4, 4, 4, 4);
        o.Economics(heat, new EconomicInputs
        {
            Investment = [new("Heat exchanger with filter", 240_000m), new("Installation and piping", 70_000m)],
            Energy = 170_000m, // 325 000 m³/yr of gas × 18 % × 2.90 UAH/m³ = 169 650 UAH
            Maintenance = 12_000m,
            LifetimeYears = 15,
            DiscountRate = 0.15m,
            Escalation = 0.05m,
        });
        o.Walk(heat, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Plan(heat, "Present to investors at the final session", "Production director", 30);

        var lowRatio = o.Add("Low liquor ratio package dyeing machines", OptionCategory.TechnologyChange, OptionKind.Investment,
            "Replace the four oldest machines (liquor ratio 1:12) by machines working at 1:6, halving water, chemicals and heat per kilogram.",
            "Water, auxiliaries and heat of dyeing");
        o.Link(lowRatio, ("Dyeing and rinsing water", 25m), ("Acetic acid and levelling agents", 25m), ("Boiler gas|Dyeing and rinsing", 25m));
        o.Scores(lowRatio, 5, 4, 3, 2, 4, 4, 4, 5);
        o.Economics(lowRatio, new EconomicInputs
        {
            Investment = [new("Four package dyeing machines", 2_100_000m), new("Installation", 300_000m)],
            Water = 22_000m,
            WasteFees = 18_000m,
            RawMaterials = 95_000m, // auxiliaries 37.5 t/yr × 25 % × 10 UAH/kg = 93 750 UAH
            Energy = 280_000m, // gas 325 000 m³/yr × 25 % × 2.90 UAH = 235 625 UAH; a tenth of the dye house's 650 MWh at 0.65 UAH/kWh
            Maintenance = -20_000m,
            LifetimeYears = 15,
            DiscountRate = 0.15m,
            Escalation = 0.05m,
        });
        o.Walk(lowRatio, OptionStatus.UnderStudy, OptionStatus.Feasible);
        return o.Options;
    }
}
