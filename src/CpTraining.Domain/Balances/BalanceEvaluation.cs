namespace CpTraining.Domain.Balances;

/// <summary>
/// The mass balance of one step, or of the whole process (<see cref="StepId"/> null). kg/yr.
/// Imbalance = inputs − outputs − accumulation. Closure % = (outputs + accumulation) ÷ inputs × 100, which is
/// outputs ÷ inputs when nothing accumulates: material a step stores on purpose is not a gap in the balance.
/// Null closure: no inputs (flagged when anything comes out or accumulates all the same).
/// </summary>
public sealed record StepBalance(
    Guid? StepId,
    string Name,
    decimal InputsKilograms,
    decimal OutputsKilograms,
    decimal AccumulationKilograms,
    decimal ImbalanceKilograms,
    decimal? ClosurePercent,
    bool IsFlagged);

/// <remarks>
/// <para><c>ResponsibleStepIds</c>: The flagged steps; when the whole process is flagged but no single step is (small gaps adding up), the steps whose imbalance has the sign of the overall one, largest first.</para>
/// </remarks>
public sealed record MassBalance(
    StepBalance Overall,
    IReadOnlyList<StepBalance> Steps,
    decimal TolerancePercent,
    bool IsFlagged,
    IReadOnlyList<Guid> ResponsibleStepIds);

/// <summary>One energy carrier line. Cost in the worksheet's currency per year; null without a price or factor.</summary>
public sealed record EnergyLine(
    Guid EnergyStreamId,
    Guid StepId,
    string? Name,
    EnergyCarrier Carrier,
    decimal MegawattHours,
    decimal? Cost,
    decimal? TonnesCo2,
    EmissionFactor? Factor);

/// <summary>Per step, per year: MWh, cost and t CO₂ of the lines that have them.</summary>
public sealed record EnergyStepTotal(Guid StepId, string StepName, decimal MegawattHours, decimal Cost, decimal TonnesCo2);

public sealed record EnergyBalance(
    IReadOnlyList<EnergyLine> Lines,
    IReadOnlyList<EnergyStepTotal> Steps,
    decimal TotalMegawattHours,
    decimal TotalCost,
    decimal TotalTonnesCo2,
    IReadOnlyList<EnergyCarrier> CarriersWithoutFactor);

/// <summary>
/// What a waste or loss output costs per year: the lost material valued at the purchase price of the input of the
/// same material (<see cref="PricePerKilogram"/>; null when no priced input has that material), plus its disposal
/// fee. <see cref="CumulativeSharePercent"/> is the Pareto running share of the total, most expensive first.
/// </summary>
public sealed record LossCost(
    Guid StreamId,
    string Name,
    string Material,
    OutputClass OutputClass,
    decimal AnnualKilograms,
    decimal? PricePerKilogram,
    decimal MaterialValue,
    decimal DisposalCost,
    decimal Total,
    decimal CumulativeSharePercent);

public sealed record CostOfLosses(IReadOnlyList<LossCost> Pareto, decimal TotalMaterialValue, decimal TotalDisposalCost, decimal Total);

public sealed record BalanceResult(MassBalance Mass, EnergyBalance Energy, CostOfLosses Losses, ReconciliationResult Reconciliation);

/// <summary>
/// Pure calculations over a worksheet snapshot: closure, energy and CO₂, cost of losses, reconciliation. Linear in
/// the number of streams apart from reconciliation (see <see cref="Reconciliation"/>).
/// </summary>
public static class BalanceEvaluation
{
    /// <remarks>
    /// <para><c>country</c>: ISO 3166 alpha-2 code of the company's country, for its own emission factors.</para>
    /// </remarks>
    public static BalanceResult Evaluate(WorksheetSnapshot sheet, EmissionFactorTable factors, string? country)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        return new BalanceResult(Mass(sheet), Energy(sheet, factors, country), Losses(sheet), Reconciliation.Run(sheet));
    }

    public static BalanceResult Evaluate(Worksheet worksheet, EmissionFactorTable factors, string? country)
    {
        ArgumentNullException.ThrowIfNull(worksheet);
        return Evaluate(worksheet.Snapshot(), factors, country);
    }

    public static MassBalance Mass(WorksheetSnapshot sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var tolerance = sheet.ClosureTolerancePercent;
        var inputs = sheet.Steps.ToDictionary(s => s.Id, _ => 0m);
        var outputs = sheet.Steps.ToDictionary(s => s.Id, _ => 0m);
        decimal totalIn = 0, totalOut = 0;
        foreach (var s in sheet.Streams)
        {
            if (s.ToStepId is { } to)
            {
                inputs[to] += s.AnnualKilograms;
            }
            else
            {
                totalOut += s.AnnualKilograms;
            }

            if (s.FromStepId is { } from)
            {
                outputs[from] += s.AnnualKilograms;
            }
            else
            {
                totalIn += s.AnnualKilograms;
            }
        }

        var steps = sheet.Steps
            .Select(s => Balance(s.Id, s.Name, inputs[s.Id], outputs[s.Id], s.AnnualAccumulationKilograms, tolerance))
            .ToList();
        var overall = Balance(null, sheet.Name, totalIn, totalOut, sheet.Steps.Sum(s => s.AnnualAccumulationKilograms), tolerance);

        var responsible = steps.Where(s => s.IsFlagged).Select(s => s.StepId!.Value).ToList();
        if (overall.IsFlagged && responsible.Count == 0)
        {
            var sign = Math.Sign(overall.ImbalanceKilograms);
            responsible = steps.Where(s => Math.Sign(s.ImbalanceKilograms) == sign && sign != 0)
                .OrderByDescending(s => Math.Abs(s.ImbalanceKilograms))
                .Select(s => s.StepId!.Value)
                .ToList();
        }

        return new MassBalance(overall, steps.AsReadOnly(), tolerance, overall.IsFlagged || steps.Exists(s => s.IsFlagged), responsible.AsReadOnly());
    }

    public static EnergyBalance Energy(WorksheetSnapshot sheet, EmissionFactorTable factors, string? country)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(factors);
        var lines = new List<EnergyLine>(sheet.EnergyStreams.Count);
        var missing = new SortedSet<EnergyCarrier>();
        foreach (var e in sheet.EnergyStreams)
        {
            var factor = factors.Find(country, e.Carrier);
            if (factor is null)
            {
                missing.Add(e.Carrier);
            }

            // Cost: the annual energy expressed in the price's unit (per kWh, per m³ of gas, per t of coal) times the price.
            decimal? cost = e.Price is { } p ? e.AnnualMegajoules / e.Quantity.MegajoulesPer(p.PerUnit) * p.Amount : null;
            lines.Add(new EnergyLine(e.Id, e.StepId, e.Name, e.Carrier, e.AnnualMegawattHours, cost, factor?.TonnesFor(e.AnnualMegajoules), factor));
        }

        var byStep = lines.ToLookup(l => l.StepId);
        var steps = sheet.Steps.Where(s => byStep.Contains(s.Id))
            .Select(s => new EnergyStepTotal(
                s.Id, s.Name, byStep[s.Id].Sum(l => l.MegawattHours), byStep[s.Id].Sum(l => l.Cost ?? 0), byStep[s.Id].Sum(l => l.TonnesCo2 ?? 0)))
            .ToList();
        return new EnergyBalance(
            lines.AsReadOnly(),
            steps.AsReadOnly(),
            lines.Sum(l => l.MegawattHours),
            lines.Sum(l => l.Cost ?? 0),
            lines.Sum(l => l.TonnesCo2 ?? 0),
            missing.ToList().AsReadOnly());
    }

    /// <summary>
    /// The rule for the value of lost material: the inputs from outside the boundary with the same material name
    /// (trimmed, case-insensitive) and a purchase price give a price per kg (weighted by their annual mass when there
    /// are several); a loss of a material no priced input has is valued at its disposal fee only.
    /// </summary>
    public static CostOfLosses Losses(WorksheetSnapshot sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var priced = new Dictionary<string, (decimal Kilograms, decimal Cost, decimal PriceSum, int Count)>(StringComparer.OrdinalIgnoreCase);
        foreach (var s in sheet.Streams)
        {
            if (s.Direction == StreamDirection.Input && s.PurchasePrice is { } p)
            {
                var pricePerKg = p.Amount / s.Quantity.KilogramsPer(p.PerUnit);
                var key = s.Material.Trim();
                var (kg, cost, sum, count) = priced.GetValueOrDefault(key);
                priced[key] = (kg + s.AnnualKilograms, cost + (s.AnnualKilograms * pricePerKg), sum + pricePerKg, count + 1);
            }
        }

        var losses = new List<LossCost>();
        foreach (var s in sheet.Streams)
        {
            if (s.Direction != StreamDirection.Output || s.OutputClass is not { } oc || !oc.IsLoss())
            {
                continue;
            }

            // Weighted by the inputs' annual mass; inputs all of zero mass: their plain average price.
            decimal? pricePerKg = priced.TryGetValue(s.Material.Trim(), out var p) ? (p.Kilograms > 0 ? p.Cost / p.Kilograms : p.PriceSum / p.Count) : null;
            var materialValue = s.AnnualKilograms * (pricePerKg ?? 0);
            var disposal = s.DisposalFee is { } fee ? s.AnnualKilograms / s.Quantity.KilogramsPer(fee.PerUnit) * fee.Amount : 0;
            losses.Add(new LossCost(s.Id, s.Name, s.Material, oc, s.AnnualKilograms, pricePerKg, materialValue, disposal, materialValue + disposal, 0));
        }

        var total = losses.Sum(l => l.Total);
        var running = 0m;
        var pareto = losses.OrderByDescending(l => l.Total).ThenBy(l => l.Name, StringComparer.OrdinalIgnoreCase)
            .Select(l =>
            {
                running += l.Total;
                return l with { CumulativeSharePercent = total == 0 ? 0 : running / total * 100 };
            })
            .ToList();
        return new CostOfLosses(pareto.AsReadOnly(), losses.Sum(l => l.MaterialValue), losses.Sum(l => l.DisposalCost), total);
    }

    private static StepBalance Balance(Guid? id, string name, decimal inputs, decimal outputs, decimal accumulation, decimal tolerance)
    {
        var imbalance = inputs - outputs - accumulation;
        decimal? closure = inputs == 0 ? null : (outputs + accumulation) / inputs * 100;
        var flagged = closure is { } c ? Math.Abs(100 - c) > tolerance : outputs + accumulation != 0;
        return new StepBalance(id, name, inputs, outputs, accumulation, imbalance, closure, flagged);
    }
}
