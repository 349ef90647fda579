using System.Globalization;
using CpTraining.Domain.Balances;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Charts;
using CpTraining.Web.Pages.EmissionFactors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Worksheets;

/// <summary>
/// The results of a balance, read-only, for everyone who may see the company's pages in the programme: closure per
/// step and overall, energy and CO₂ (with the factor behind every figure), the cost of losses with its Pareto chart,
/// Sankey diagrams of the mass and energy flows, and — on request — data reconciliation. Printable. The number of
/// SQL commands does not depend on the size of the worksheet: the header, the rights check, the worksheet with its
/// three collections (split query) and the stored emission factors.
/// </summary>
[Authorize]
public sealed class BalanceModel(AppDbContext db, IAuthorizationService authorization, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Show the data reconciliation section.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Reconcile { get; set; }

    public Guid WorksheetId { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public Guid CompanyId { get; private set; }

    public string ProgrammeName { get; private set; } = string.Empty;

    public string CompanyName { get; private set; } = string.Empty;

    public string Country { get; private set; } = string.Empty;

    public WorksheetSnapshot Sheet { get; private set; } = null!;

    public BalanceResult Result { get; private set; } = null!;

    public SankeyDiagram? MassSankey { get; private set; }

    public SankeyDiagram? EnergySankey { get; private set; }

    public ParetoChart? Pareto { get; private set; }

    /// <summary>Energy per carrier over all steps.</summary>
    public IReadOnlyList<CarrierTotal> Carriers { get; private set; } = [];

    public IReadOnlyDictionary<Guid, string> StepNames { get; private set; } = new Dictionary<Guid, string>();

    public IReadOnlyDictionary<Guid, string> StreamNames { get; private set; } = new Dictionary<Guid, string>();

    public CultureInfo Culture => CultureInfo.CurrentCulture;

    public async Task<IActionResult> OnGetAsync(Guid worksheetId)
    {
        var head = await db.Worksheets.AsNoTracking()
            .Where(w => w.Id == worksheetId)
            .Select(w => new
            {
                w.ProgrammeId,
                w.CompanyId,
                ProgrammeName = db.Programmes.Where(p => p.Id == w.ProgrammeId).Select(p => p.Name).FirstOrDefault(),
                CompanyName = db.Companies.Where(c => c.Id == w.CompanyId).Select(c => c.Name).FirstOrDefault(),
                Country = db.Companies.Where(c => c.Id == w.CompanyId).Select(c => c.Country).FirstOrDefault(),
            })
            .SingleOrDefaultAsync();
        if (head is null)
        {
            return NotFound();
        }

        if (!await MayViewAsync(head.ProgrammeId, head.CompanyId))
        {
            return Forbid();
        }

        (WorksheetId, ProgrammeId, CompanyId) = (worksheetId, head.ProgrammeId, head.CompanyId);
        (ProgrammeName, CompanyName, Country) = (head.ProgrammeName ?? string.Empty, head.CompanyName ?? string.Empty, head.Country ?? string.Empty);

        var worksheet = await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .SingleAsync(w => w.Id == worksheetId);
        var factors = await EmissionFactorCatalogue.LoadAsync(db);

        Sheet = worksheet.Snapshot();
        Result = BalanceEvaluation.Evaluate(Sheet, factors, Country);
        StepNames = Sheet.Steps.ToDictionary(s => s.Id, s => s.Name);
        StreamNames = Sheet.Streams.ToDictionary(s => s.Id, s => s.Name);
        Carriers = Result.Energy.Lines.GroupBy(l => l.Carrier).OrderBy(g => g.Key)
            .Select(g => new CarrierTotal(g.Key, g.Sum(l => l.MegawattHours), g.Sum(l => l.Cost ?? 0), g.Sum(l => l.TonnesCo2 ?? 0), g.Any(l => l.Factor is null)))
            .ToList();
        MassSankey = BuildMassSankey();
        EnergySankey = BuildEnergySankey();
        Pareto = BuildPareto();
        return Page();
    }

    /// <summary>
    /// Read access: <see cref="CompanyOperations.View"/> on the worksheet's company in its programme (administrators,
    /// the programme's coordinators and trainers, the company's engineers and managers while enrolled).
    /// </summary>
    private async Task<bool> MayViewAsync(Guid programmeId, Guid companyId) =>
        (await authorization.AuthorizeAsync(User, new CompanyResource(programmeId, companyId), CompanyOperations.View)).Succeeded;

    // ---- Formatting for the reader (numbers in the reader's culture, money in the worksheet's currency) ----

    /// <summary>t/yr from kg/yr.</summary>
    public string Tonnes(decimal kilograms) => (kilograms / 1_000m).ToString("N2", Culture);

    public string Tonnes(double kilograms) => (kilograms / 1_000).ToString("N2", Culture);

    public string Percent(decimal? percent) => percent is { } p ? p.ToString("N1", Culture) + " %" : "—";

    public string Money(decimal amount) => amount.ToString("N2", Culture) + " " + Sheet.Currency;

    public string Number(decimal value, string format = "N2") => value.ToString(format, Culture);

    public string Number(double value, string format = "N2") => value.ToString(format, Culture);

    public string CarrierName(EnergyCarrier carrier) => WorksheetText.Carrier(t, carrier);

    public string OutputClassName(OutputClass outputClass) => WorksheetText.OutputClassName(t, outputClass);

    public string StepName(Guid id) => StepNames.TryGetValue(id, out var name) ? name : string.Empty;

    /// <summary>"56.1 t CO₂/TJ".</summary>
    public string FactorText(EmissionFactor factor) =>
        factor.TonnesCo2.ToString("0.######", Culture) + " t CO₂/" + factor.PerUnit.Symbol();

    private SankeyDiagram? BuildMassSankey()
    {
        if (Sheet.Streams.Count == 0)
        {
            return null;
        }

        var nodes = new List<SankeyNode>();
        var links = new List<SankeyLink>();
        nodes.AddRange(Sheet.Steps.Select(s => new SankeyNode("step-" + s.Id.ToString("N"), s.Name, SankeyNodeKind.Step)));
        foreach (var s in Sheet.Streams)
        {
            var tonnes = (double)(s.AnnualKilograms / 1_000m);
            switch (s.Direction)
            {
                case StreamDirection.Input:
                    nodes.Add(new SankeyNode("in-" + s.Id.ToString("N"), s.Name, SankeyNodeKind.Input));
                    links.Add(new SankeyLink("in-" + s.Id.ToString("N"), "step-" + s.ToStepId!.Value.ToString("N"), tonnes, false, s.Material));
                    break;
                case StreamDirection.Output:
                    nodes.Add(new SankeyNode("out-" + s.Id.ToString("N"), s.Name, SankeyNodeKind.Output));
                    links.Add(new SankeyLink("step-" + s.FromStepId!.Value.ToString("N"), "out-" + s.Id.ToString("N"), tonnes, s.OutputClass?.IsLoss() == true, s.Material));
                    break;
                default:
                    links.Add(new SankeyLink("step-" + s.FromStepId!.Value.ToString("N"), "step-" + s.ToStepId!.Value.ToString("N"), tonnes, false, s.Name));
                    break;
            }
        }

        return new SankeyDiagram(
            t["Mass balance of {0}", Sheet.Name],
            t["Material flows in t/yr: inputs on the left, the process steps in the middle, outputs on the right. Waste and losses are drawn in the warning colour. The table below gives every flow."],
            "t/yr",
            nodes,
            links)
        {
            IdPrefix = "sankey-mass",
            ShowTitle = false,
            FlowLegend = t["Material flow"],
            LossLegend = t["Waste or loss"],
        };
    }

    private SankeyDiagram? BuildEnergySankey()
    {
        if (Result.Energy.Lines.Count == 0)
        {
            return null;
        }

        var usedSteps = Result.Energy.Lines.Select(l => l.StepId).ToHashSet();
        var nodes = Carriers.Select(c => new SankeyNode("carrier-" + c.Carrier, CarrierName(c.Carrier), SankeyNodeKind.Input))
            .Concat(Sheet.Steps.Where(s => usedSteps.Contains(s.Id)).Select(s => new SankeyNode("step-" + s.Id.ToString("N"), s.Name, SankeyNodeKind.Step)));
        var links = Result.Energy.Lines.GroupBy(l => (l.Carrier, l.StepId))
            .Select(g => new SankeyLink("carrier-" + g.Key.Carrier, "step-" + g.Key.StepId.ToString("N"), (double)g.Sum(l => l.MegawattHours)));
        return new SankeyDiagram(
            t["Energy use of {0}", Sheet.Name],
            t["Energy in MWh/yr: the energy carriers on the left, the process steps that use them on the right. The table below gives every flow."],
            "MWh/yr",
            nodes,
            links)
        {
            IdPrefix = "sankey-energy",
            ShowTitle = false,
            FlowLegend = t["Energy flow"],
        };
    }

    private ParetoChart? BuildPareto()
    {
        if (Result.Losses.Pareto.Count == 0)
        {
            return null;
        }

        return new ParetoChart(
            t["Cost of losses of {0}", Sheet.Name],
            t["Annual cost of each waste or loss stream (lost material value plus disposal fee), most expensive first, with the cumulative share of the total."],
            Result.Losses.Pareto.Select(l => new ParetoItem(l.Name, (double)l.Total)))
        {
            IdPrefix = "pareto-losses",
            ShowTitle = false,
            Unit = Sheet.Currency + "/" + t["yr"],
            ValueAxisTitle = t["Cost of loss, {0}/yr", Sheet.Currency],
            CumulativeAxisTitle = t["Cumulative share"],
            CategoryAxisTitle = t["Loss stream"],
        };
    }

    public sealed record CarrierTotal(EnergyCarrier Carrier, decimal MegawattHours, decimal Cost, decimal TonnesCo2, bool MissesFactor);
}
