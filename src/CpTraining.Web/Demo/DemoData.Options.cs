using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Demo;

/// <summary>
/// Cleaner Production options of the two demo companies with worksheets, across categories and statuses: the textile
/// mill's eight (two implemented, one of them verified) and the dairy's five (one verified, one implemented). Figures
/// are per year in UAH and follow the worksheets (e.g. counter-current rinsing saves 40 % of the 7 500 m³/yr of rinse
/// water at 35 UAH/m³ ≈ 105 000 UAH/yr). Paybacks are one to five years and every IRR below 100 %, except the textile
/// mill's leak repair (pure housekeeping: 18 000 UAH of spare parts save 40 000 UAH a year, IRR about 215 %), the one
/// plausibility warning a newcomer sees on purpose (README, "Demo data"). Idempotent: a company that has options is left alone.
/// </summary>
internal static partial class DemoData
{
    private static Task SeedOptionsAsync(AppDbContext db, TimeProvider time) =>
        SeedOptionsAsync(db, CurrentProgrammeName, "trainer@demo.local", time.GetUtcNow(), new()
        {
            [TextileWorksheetName] = TextileOptions,
            [DairyWorksheetName] = DairyOptions,
        });

    /// <summary>
    /// The options of each company that has one of the named worksheets in the programme and no options yet, built
    /// against that worksheet as of <paramref name="now"/>, status changes by <paramref name="verifierEmail"/>.
    /// </summary>
    private static async Task SeedOptionsAsync(
        AppDbContext db, string programmeName, string verifierEmail, DateTimeOffset now, Dictionary<string, Func<OptionFactory, List<CpOption>>> byWorksheet)
    {
        var programmeId = await db.Programmes.Where(p => p.Name == programmeName).Select(p => p.Id).SingleAsync();
        var names = byWorksheet.Keys.ToList();
        var sheets = await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .Where(w => w.ProgrammeId == programmeId && names.Contains(w.Name))
            .ToListAsync();
        var withOptions = await db.CpOptions.Where(o => o.ProgrammeId == programmeId).Select(o => o.CompanyId).Distinct().ToListAsync();
        var verifierId = await db.Users.Where(u => u.Email == verifierEmail).Select(u => u.Id).SingleAsync();
        foreach (var sheet in sheets.Where(s => !withOptions.Contains(s.CompanyId)))
        {
            db.CpOptions.AddRange(byWorksheet[sheet.Name](new OptionFactory(sheet, verifierId, now)));
        }

        await db.SaveChangesAsync();
    }

    private static List<CpOption> TextileOptions(OptionFactory o)
    {

        var valves = o.Add("Repair leaking valves, hoses and steam traps on the jet machines", OptionCategory.GoodHousekeeping, OptionKind.LowCost,
            "A walk-round with the maintenance foreman found 14 leaking valves and hose joints and 3 failed steam traps.",
            "Water and steam lost through leaks");
        o.Link(valves, ("Water for rinsing", 3m), ("Water for dyeing", 3m));
        o.Scores(valves, 5, 5, 5, 4, 5, 5, 5, 5);
        o.Economics(valves, new EconomicInputs
        {
            // 3 % of the rinse and dyeing water: (7 500 + 12 000 m³/yr) × 3 % = 585 m³ × 35 UAH = 20 475 UAH, and the same
            // water no longer runs to the sewer: 585 m³ × 18 UAH = 10 530 UAH; steam from 3 traps ≈ 560 m³ of gas × 16 UAH.
            Investment = [new("Valves, hoses, seals and steam traps", 18_000m)],
            Water = 20_500m,
            WasteFees = 10_500m,
            Energy = 9_000m,
            LifetimeYears = 3,
            DiscountRate = 0.15m,
        });
        o.Walk(valves, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(valves, 14, 16_800m, 37_000m, Reductions.Create(560m, null, null, null, null, null, null, null), "Dye-house water meter: the two weeks after the repair against the same weeks in May.");
        o.Walk(valves, OptionStatus.Implemented, OptionStatus.Verified);
        o.Plan(valves, "Monthly leak walk-round on the maintenance checklist", "Maintenance foreman", 30);

        var rinsing = o.Add("Counter-current rinsing with reuse of the last rinse", OptionCategory.EquipmentModification, OptionKind.Investment,
            "Rinse baths are filled fresh each time. Cascading the rinse water against the fabric flow and reusing the last, almost clean rinse for the first one cuts rinse water by about 40 %.",
            "Rinse water is 26 % of the water used; rinsing wastewater");
        o.Link(rinsing, ("Water for rinsing", 40m), ("Rinsing wastewater", 40m));
        o.Scores(rinsing, 4, 4, 3, 3, 4, 4, 4, 5);
        o.Economics(rinsing, new EconomicInputs
        {
            Investment = [new("Piping, holding tank and pump", 310_000m), new("Installation", 70_000m), new("Operator training", 20_000m)],
            Water = 105_000m,
            WasteFees = 52_000m, // 7 200 m³/yr of rinsing wastewater × 40 % × 18 UAH/m³ = 51 840 UAH
            Energy = 140_000m,
            Maintenance = 12_000m,
            LifetimeYears = 10,
            DiscountRate = 0.15m,
            Escalation = 0.05m,
            SalvageValue = 20_000m,
        });
        o.Walk(rinsing, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(rinsing, 6, 428_000m, 262_000m, Reductions.Create(2_700m, null, null, null, null, 2_650m, null, null), "First week after start-up, extrapolated to a year; meters read daily.");
        o.Walk(rinsing, OptionStatus.Implemented);
        o.Plan(rinsing, "Three months of meter readings for verification", "Chief engineer", 90);

        var dosing = o.Add("Automatic dosing of reactive dyes, salt and soda ash", OptionCategory.BetterProcessControl, OptionKind.Investment,
            "Dyes and auxiliaries are weighed by hand; recipes are overdosed \"to be safe\". A dosing unit with recipe control doses to the gram.",
            "Over-dosed dyes end up in the dye bath effluent");
        o.Link(dosing, ("Reactive dyes", 8m), ("Glauber's salt", 10m));
        o.Scores(dosing, 5, 4, 4, 3, 4, 4, 3, 5);
        o.Economics(dosing, new EconomicInputs
        {
            Investment = [new("Dosing unit with recipe control", 1_150_000m), new("Installation", 150_000m), new("Training", 40_000m)],
            RawMaterials = 504_000m, // dyes 10.8 t/yr × 450 UAH/kg × 8 % = 388 800 UAH; salt 288 t/yr × 4 UAH/kg × 10 % = 115 200 UAH
            WasteFees = 20_000m,
            Maintenance = 30_000m,
            LifetimeYears = 10,
            DiscountRate = 0.15m,
            Escalation = 0.03m,
        });
        o.Walk(dosing, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Plan(dosing, "Ask two suppliers for offers; apply to the regional energy-efficiency fund", "Director", 45);

        var heat = o.Add("Heat recovery from hot dye-bath effluent", OptionCategory.OnSiteRecovery, OptionKind.Investment,
            "Dye baths are drained at 60–80 °C. A self-cleaning plate heat exchanger pre-heats the fresh process water.",
            "Gas burnt to heat water that is drained hot");
        o.Link(heat, ("Boiler house gas|Reactive dyeing", 25m));
        o.Scores(heat, 5, 4, 2, 3, 3, 3, 4, 4);
        o.Economics(heat, new EconomicInputs
        {
            Investment = [new("Self-cleaning plate heat exchanger with filter", 1_650_000m), new("Installation and piping", 450_000m)],
            Energy = 1_250_000m, // 25 % of the dyeing gas: 330 000 m³/yr × 25 % × 16 UAH/m³ = 1 320 000 UAH, less the pump's power
            Maintenance = 40_000m,
            LifetimeYears = 15,
            DiscountRate = 0.15m,
            Escalation = 0.05m,
        });
        o.Walk(heat, OptionStatus.UnderStudy, OptionStatus.Feasible);
        o.Plan(heat, "Measure effluent temperatures for two weeks; get a design from the supplier", "Energy manager", 60);

        var lowSalt = o.Add("Low-salt reactive dyes", OptionCategory.InputMaterialChange, OptionKind.LowCost,
            "New-generation reactive dyes need about 40 % less Glauber's salt for the same shade.",
            "Salt in the dye bath effluent");
        o.Link(lowSalt, ("Glauber's salt", 40m));
        o.Economics(lowSalt, new EconomicInputs
        {
            // Salt 288 t/yr × 40 % × 4 UAH/kg = 460 800 UAH, less the dearer dyes (about 8.5 % on 4.86 million UAH a year).
            Investment = [new("Laboratory and bulk trials", 30_000m), new("Re-dyed trial lots", 20_000m)],
            RawMaterials = 46_000m,
            LifetimeYears = 5,
            DiscountRate = 0.15m,
        });
        o.Walk(lowSalt, OptionStatus.UnderStudy);

        var padBatch = o.Add("Cold pad-batch dyeing", OptionCategory.TechnologyChange, OptionKind.Investment,
            "Dyeing at room temperature on a padder with batching for 12–24 hours instead of exhaust dyeing in jets.",
            "Water, salt and heat of exhaust dyeing");
        o.Link(padBatch, ("Glauber's salt", 100m), ("Water for dyeing", 50m));
        o.Technical(padBatch, false, "Knitwear cannot be padded without distortion, and the batching space does not exist.", 3, 1, 1, 2, 1, 3, 3, 4);
        o.Walk(padBatch, OptionStatus.UnderStudy, OptionStatus.NotFeasible);

        var switchOff = o.Add("Switch off compressed air and lights outside shifts", OptionCategory.GoodHousekeeping, OptionKind.LowCost,
            "The compressor and hall lighting run through the night and weekends.", "Electricity used when nothing is produced");
        o.Link(switchOff, ("Dye house meter|Pre-treatment and bleaching", 10m));

        var lint = o.Add("Sell lint to a nonwoven maker", OptionCategory.UsefulByProduct, OptionKind.LowCost,
            "Lint and screen sludge go to the landfill.", "Solid waste");
        o.Link(lint, ("Lint and screen sludge", 100m));
        o.Reject(lint, "Only about 7.5 t a year: no buyer collects such small amounts.");
        return o.Options;
    }

    private static List<CpOption> DairyOptions(OptionFactory o)
    {

        var whey = o.Add("Whey to a pig farm instead of the sewer", OptionCategory.UsefulByProduct, OptionKind.Investment,
            "89 t of whey a day go to the sewer. A cooled holding tank and a loading pump let a neighbouring pig farm collect it daily.",
            "Whey: the largest loss and the highest organic load of the wastewater");
        o.Link(whey, ("Whey to the sewer", 90m));
        o.Scores(whey, 5, 5, 3, 4, 4, 4, 5, 4);
        o.Economics(whey, new EconomicInputs
        {
            // 31 150 t/yr of whey × 90 % = 28 035 t no longer pays the sewer fee of 60 UAH/t (1 682 100 UAH); the farm pays
            // about 32 UAH/t and collects with its own tanker; the chiller's power and upkeep cost 120 000 UAH a year.
            Investment = [new("Cooled holding tank, 100 m³", 2_400_000m), new("Loading pump, piping and chiller", 700_000m)],
            WasteFees = 1_682_000m,
            Other = 900_000m,
            Maintenance = 120_000m,
            LifetimeYears = 10,
            DiscountRate = 0.15m,
        });
        o.Walk(whey, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Plan(whey, "Sign the collection contract with the farm", "Commercial director", 21);

        var cip = o.Add("Reuse the final CIP rinse as the next pre-rinse", OptionCategory.BetterProcessControl, OptionKind.LowCost,
            "The final rinse of the cleaning-in-place cycle is almost clean; storing it for the next pre-rinse saves water and detergent.",
            "Cleaning water and its wastewater");
        o.Link(cip, ("Cleaning-in-place water", 25m), ("Cleaning-in-place wastewater", 25m));
        o.Scores(cip, 5, 5, 4, 5, 4, 4, 4, 5);
        o.Economics(cip, new EconomicInputs
        {
            // 14 000 m³/yr of CIP water × 25 % × 32 UAH/m³ = 112 000 UAH; 14 175 m³/yr of CIP wastewater × 25 % × 25 UAH/m³ ≈ 88 600 UAH.
            Investment = [new("Recovery tank, 10 m³, stainless", 180_000m), new("Valves, piping and CIP programme change", 70_000m)],
            Water = 112_000m,
            WasteFees = 88_000m,
            LifetimeYears = 8,
            DiscountRate = 0.15m,
        });
        o.Walk(cip, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(cip, 12, 262_000m, 190_000m, Reductions.Create(3_300m, null, null, null, null, 3_350m, null, null), "Water meter readings before and after, extrapolated to a year.");
        o.Walk(cip, OptionStatus.Implemented, OptionStatus.Verified);

        var regen = o.Add("Regenerative section for the pasteuriser", OptionCategory.EquipmentModification, OptionKind.Investment,
            "The pasteuriser heats cold milk with steam and cools it with chilled water; a regenerative section exchanges heat between the two streams.",
            "Gas for heating and electricity for cooling the milk");
        o.Link(regen, ("Boiler gas", 12m), ("Refrigeration and lines", 5m));
        o.Economics(regen, new EconomicInputs
        {
            // Gas 490 000 m³/yr × 12 % × 16 UAH = 940 800 UAH; power 2 275 000 kWh/yr × 5 % × 7.5 UAH = 853 125 UAH.
            Investment = [new("Regenerative plate section", 2_600_000m), new("Installation and commissioning", 600_000m)],
            Energy = 1_790_000m,
            Maintenance = 45_000m,
            LifetimeYears = 15,
            DiscountRate = 0.15m,
            Escalation = 0.05m,
        });
        o.Walk(regen, OptionStatus.UnderStudy);

        var insulate = o.Add("Insulate steam and hot-water pipes", OptionCategory.GoodHousekeeping, OptionKind.LowCost,
            "About 120 m of steam and hot-water pipes and 30 valves are bare.", "Heat lost from bare pipes");
        o.Link(insulate, ("Boiler gas", 4m));
        o.Economics(insulate, new EconomicInputs
        {
            // About 30 kW lost from bare surfaces, 5 600 h/yr: 19 600 m³ of gas (4 % of 490 000 m³/yr) × 16 UAH = 313 600 UAH.
            Investment = [new("Mineral wool shells with cladding, 120 m", 220_000m), new("Removable valve jackets, 30", 120_000m)],
            Energy = 310_000m,
            LifetimeYears = 10,
            DiscountRate = 0.15m,
        });
        o.Walk(insulate, OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected);
        o.Achieved(insulate, 3, 352_000m, null, Reductions.None, "Installed; gas meter readings follow.");
        o.Walk(insulate, OptionStatus.Implemented);

        var cooling = o.Add("Reuse cooling water from the cheese vats", OptionCategory.OnSiteRecovery, OptionKind.LowCost,
            "Jacket cooling water of the cheese vats runs to the drain; it can feed the CIP tank.", "Process water");
        o.Link(cooling, ("Process water for cheese", 30m));
        o.Economics(cooling, new EconomicInputs
        {
            Investment = [new("Piping and buffer tank", 90_000m)],
            Water = 70_000m,
            LifetimeYears = 10,
            DiscountRate = 0.15m,
        });
        o.Walk(cooling, OptionStatus.UnderStudy, OptionStatus.Feasible);
        return o.Options;
    }

    /// <summary>Builds one company's demo options against its worksheet, numbering them in order.</summary>
    private sealed class OptionFactory(Worksheet sheet, string verifierId, DateTimeOffset now)
    {
        public List<CpOption> Options { get; } = [];

        public CpOption Add(string title, OptionCategory category, OptionKind kind, string description, string problems)
        {
            var option = CpOption.Create(sheet.ProgrammeId, sheet.CompanyId, Options.Count + 1, title, description, problems, category, kind, now);
            Options.Add(option);
            return option;
        }

        /// <summary>Streams by name; an energy stream as "name|step" (several share a name).</summary>
        public void Link(CpOption option, params (string Stream, decimal Percent)[] links) =>
            option.LinkStreams(links.Select(l =>
            {
                var parts = l.Stream.Split('|');
                var material = sheet.Streams.FirstOrDefault(s => s.Name == parts[0]);
                if (material is not null)
                {
                    return new StreamLink(sheet.Id, material.Id, false, l.Percent);
                }

                var stepId = parts.Length > 1 ? sheet.Steps.Single(s => s.Name == parts[1]).Id : (Guid?)null;
                var energy = sheet.EnergyStreams.First(e => e.Name == parts[0] && (stepId is null || e.StepId == stepId));
                return new StreamLink(sheet.Id, energy.Id, true, l.Percent);
            }).ToList());

        /// <summary>Scores of the eight standard criteria in order; product quality and health and safety weigh double.</summary>
        public void Scores(CpOption option, params int[] scores) => Technical(option, true, null, scores);

        public void Technical(CpOption option, bool feasible, string? notes, params int[] scores) =>
            option.EvaluateTechnically(TechnicalEvaluation.Create(
                TechnicalEvaluation.StandardCriteria.Select((name, i) => new TechnicalCriterion(name, i is 0 or 7 ? 2m : 1m, scores[i])),
                feasible,
                notes));

        /// <summary>The economics in the prices of the year the option was written down, unless the inputs name a year.</summary>
        public void Economics(CpOption option, EconomicInputs inputs) =>
            option.ChangeEconomics(inputs.PriceYear is null ? inputs with { PriceYear = option.CreatedAt.Year } : inputs);

        public void Walk(CpOption option, params OptionStatus[] statuses)
        {
            foreach (var status in statuses)
            {
                option.MoveTo(status, null, verifierId, now);
            }
        }

        public void Reject(CpOption option, string reason) => option.MoveTo(OptionStatus.Rejected, reason, verifierId, now);

        public void Achieved(CpOption option, int daysAgo, decimal? investment, decimal? savings, Reductions reductions, string notes) =>
            option.RecordAchieved(AchievedResults.Create(DateOnly.FromDateTime(now.UtcDateTime.AddDays(-daysAgo)), investment, savings, reductions, notes), [], now);

        public void Plan(CpOption option, string nextStep, string responsible, int inDays) =>
            option.ChangePlan(nextStep, responsible, DateOnly.FromDateTime(now.UtcDateTime.AddDays(inDays)));
    }
}
