using System.Globalization;
using CpTraining.Domain.Balances;
using CpTraining.Web.Checks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Charts;
using CpTraining.Web.Pages.EmissionFactors;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Balances;

/// <summary>
/// The results of a balance, read-only, for everyone who may see the company's pages in the programme: closure per
/// step and overall, energy and CO₂ (with the factor behind every figure), the cost of losses with its Pareto chart,
/// Sankey diagrams of the mass and energy flows, and — on request — data reconciliation. Printable. The number of
/// SQL commands does not depend on the size of the worksheet: the header, the rights check, the worksheet with its
/// three collections (split query) and the stored emission factors.
/// </summary>
[Authorize]
public sealed class BalanceModel(AppDbContext db, AccessControl access, IStringLocalizer<SharedResource> t) : PageModel
{
    /// <summary>Show the data reconciliation section.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Reconcile { get; set; }

    /// <summary>The unit energy is shown in, as asked (<c>?energy=GJ</c>); see <see cref="EnergyUnitChoice"/>.</summary>
    [BindProperty(SupportsGet = true, Name = EnergyUnitChoice.Parameter)]
    public string? EnergyChoice { get; set; }

    public Unit EnergyUnit { get; private set; } = Unit.MegawattHour;

    /// <summary>The energy unit's symbol in the reader's language.</summary>
    public string EnergySymbol => WorksheetText.Symbol(t, EnergyUnit);

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

    /// <summary>The plausibility findings of this worksheet (<see cref="CompanyFindings"/>), open or reviewed.</summary>
    public FindingsBlock Findings { get; private set; } = FindingsBlock.None;

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

        EnergyUnit = EnergyUnitChoice.Resolve(HttpContext, EnergyChoice);
        Sheet = worksheet.Snapshot();
        Result = BalanceEvaluation.Evaluate(Sheet, factors, Country);
        StepNames = Sheet.Steps.ToDictionary(s => s.Id, s => s.Name);
        StreamNames = Sheet.Streams.ToDictionary(s => s.Id, s => s.Name);
        Carriers = Result.Energy.Lines.GroupBy(l => l.Carrier).OrderBy(g => g.Key)
            .Select(g => new CarrierTotal(g.Key, g.Sum(l => l.MegawattHours), g.Sum(l => l.Cost ?? 0), g.Sum(l => l.TonnesCo2 ?? 0), g.Any(l => l.Factor is null)))
            .ToList();
        MassSankey = BalanceCharts.MassSankey(Sheet, t);
        EnergySankey = BalanceCharts.EnergySankey(Sheet, Result, EnergyUnit, t);
        Pareto = BalanceCharts.Pareto(Sheet, Result, t);
        // The findings of this worksheet from the balance just evaluated: only their reviews are read.
        var reviews = await CompanyFindings.ReviewsAsync(db, ProgrammeId, CompanyId, HttpContext.RequestAborted);
        Findings = FindingsBlock.For(CompanyFindings.OfWorksheet(Sheet, Result, reviews, t), showWhere: false, await access.StandingAsync(), ProgrammeId, CompanyId);
        return Page();
    }

    /// <summary>
    /// Read access: <see cref="Operation.SeeCompany"/> on the worksheet's company in its programme (administrators,
    /// the programme's coordinators and trainers, the company's engineers and managers while enrolled).
    /// </summary>
    private async Task<bool> MayViewAsync(Guid programmeId, Guid companyId) =>
        await access.CanAsync(Operation.SeeCompany, new CompanyResource(programmeId, companyId));

    // ---- Formatting for the reader (numbers in the reader's culture, money in the worksheet's currency) ----

    /// <summary>t/yr from kg/yr.</summary>
    public string Tonnes(decimal kilograms) => (kilograms / 1_000m).ToString("N2", Culture);

    public string Tonnes(double kilograms) => (kilograms / 1_000).ToString("N2", Culture);

    public string Percent(decimal? percent) => percent is { } p ? p.ToString("N1", Culture) + " %" : "—";

    public string Money(decimal amount) => amount.ToString("N2", Culture) + " " + Sheet.Currency;

    public string Number(decimal value, string format = "N2") => value.ToString(format, Culture);

    /// <summary>Energy given in MWh, in the chosen unit.</summary>
    public string Energy(decimal megawattHours) => Number(EnergyUnitChoice.From(megawattHours, EnergyUnit));

    public string Number(double value, string format = "N2") => value.ToString(format, Culture);

    public string CarrierName(EnergyCarrier carrier) => WorksheetText.Carrier(t, carrier);

    public string OutputClassName(OutputClass outputClass) => WorksheetText.OutputClassName(t, outputClass);

    public string StepName(Guid id) => StepNames.TryGetValue(id, out var name) ? name : string.Empty;

    /// <summary>"56.1 t CO₂/TJ".</summary>
    public string FactorText(EmissionFactor factor) =>
        factor.TonnesCo2.ToString("0.######", Culture) + " " + t["t"] + " CO₂/" + WorksheetText.Symbol(t, factor.PerUnit);

    public sealed record CarrierTotal(EnergyCarrier Carrier, decimal MegawattHours, decimal Cost, decimal TonnesCo2, bool MissesFactor);
}
