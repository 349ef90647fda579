using CpTraining.Domain.Balances;

namespace CpTraining.Domain.Checks;

/// <summary>
/// Plausibility checks of one balance worksheet, as a trainer reads it before a manager does: losses valued above
/// what went in (in total, or one loss stream above the inputs that reach it), a balance that does not close within
/// its tolerance, a gross error found by reconciliation (χ² test, the suspect stream named by the measurement test),
/// and a reconciled flow that comes out negative.
/// </summary>
public static class BalanceChecks
{
    public const string LossesAboveInputs = "balance.losses-above-inputs";
    public const string LossPricedAboveInput = "balance.loss-priced-above-input";
    public const string OutsideTolerance = "balance.outside-tolerance";
    public const string GrossError = "balance.gross-error";
    public const string NegativeReconciledFlow = "balance.negative-reconciled-flow";

    /// <summary>Relative slack for comparing money computed along different paths (rounding, not information).</summary>
    private const decimal Slack = 1e-9m;

    public static IReadOnlyList<Finding> Of(WorksheetSnapshot sheet, BalanceResult result)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        ArgumentNullException.ThrowIfNull(result);
        var findings = new List<Finding>();
        Losses(sheet, result, findings);
        Closure(sheet, result.Mass, findings);
        Reconciled(result.Reconciliation, findings);
        return findings;
    }

    /// <summary>
    /// The cost of losses (lost material at its input's price plus disposal fees, as the balance page prints it)
    /// against the cost of everything that went in (priced material inputs and energy); and each loss stream's value
    /// per tonne against the dearest priced input that reaches the step it leaves (through internal streams too).
    /// </summary>
    private static void Losses(WorksheetSnapshot sheet, BalanceResult result, List<Finding> findings)
    {
        var inputPrices = new Dictionary<Guid, decimal>(); // input stream → price per kg
        foreach (var s in sheet.Streams)
        {
            if (s.Direction == StreamDirection.Input && s.PurchasePrice is { } p)
            {
                inputPrices[s.Id] = p.Amount / s.Quantity.KilogramsPer(p.PerUnit);
            }
        }

        var inputsCost = sheet.Streams.Where(s => inputPrices.ContainsKey(s.Id)).Sum(s => s.AnnualKilograms * inputPrices[s.Id]) + result.Energy.TotalCost;
        var losses = result.Losses;
        if (losses.Total > 0 && losses.Total > inputsCost * (1 + Slack))
        {
            findings.Add(new Finding(
                LossesAboveInputs,
                Severity.Serious,
                "Losses",
                "The losses are valued at {0:N0} {1} a year, more than the {2:N0} {1} a year paid for everything that went in (priced materials and energy). Check the price and unit of each input, and that each loss stream names the material it really is: a loss takes the price of the input of the same material.",
                Math.Round(losses.Total, 0),
                sheet.Currency,
                Math.Round(inputsCost, 0)));
        }

        var streams = sheet.Streams;
        foreach (var loss in losses.Pareto)
        {
            if (loss.PricePerKilogram is not { } lossPrice || streams.FirstOrDefault(s => s.Id == loss.StreamId)?.FromStepId is not { } from)
            {
                continue;
            }

            var dearest = Upstream(streams, from).Where(inputPrices.ContainsKey).Select(id => inputPrices[id]).DefaultIfEmpty(-1m).Max();
            if (dearest >= 0 && lossPrice > dearest * (1 + Slack))
            {
                findings.Add(new Finding(
                    LossPricedAboveInput,
                    Severity.Warning,
                    loss.StreamId.ToString(),
                    "The loss “{0}” is valued at {1:N2} {3}/t, more than any priced input that reaches the step it leaves (the dearest costs {2:N2} {3}/t): a loss is worth at most what went in. Check its material (“{4}”): it takes the price of the input of that material.",
                    loss.Name,
                    Math.Round(lossPrice * 1_000m, 2),
                    Math.Round(dearest * 1_000m, 2),
                    sheet.Currency,
                    loss.Material));
            }
        }
    }

    /// <summary>The input streams (from outside the boundary) whose material can reach <paramref name="step"/>.</summary>
    private static IEnumerable<Guid> Upstream(IReadOnlyList<StreamSnapshot> streams, Guid step)
    {
        var seen = new HashSet<Guid> { step };
        var queue = new Queue<Guid>([step]);
        var inputs = new List<Guid>();
        while (queue.Count > 0)
        {
            var current = queue.Dequeue();
            foreach (var s in streams.Where(s => s.ToStepId == current))
            {
                if (s.FromStepId is { } previous)
                {
                    if (seen.Add(previous))
                    {
                        queue.Enqueue(previous);
                    }
                }
                else
                {
                    inputs.Add(s.Id);
                }
            }
        }

        return inputs;
    }

    private static void Closure(WorksheetSnapshot sheet, MassBalance mass, List<Finding> findings)
    {
        if (!mass.IsFlagged)
        {
            return;
        }

        var names = sheet.Steps.ToDictionary(s => s.Id, s => s.Name);
        var steps = string.Join(", ", mass.ResponsibleStepIds.Select(id => names[id]));
        findings.Add(mass.Overall.ClosurePercent is { } closure && mass.Overall.IsFlagged
            ? new Finding(
                OutsideTolerance,
                Severity.Warning,
                "Closure",
                "The balance closes at {0:0.0} %, outside its tolerance of ±{1:0.##} %: some material is not accounted for, or counted twice. Look first at the streams of: {2}.",
                Math.Round(closure, 1),
                mass.TolerancePercent,
                steps)
            : new Finding(
                OutsideTolerance,
                Severity.Warning,
                "Closure",
                "Some steps do not close within the tolerance of ±{0:0.##} %: some material is not accounted for, or counted twice. Look first at the streams of: {1}.",
                mass.TolerancePercent,
                steps));
    }

    /// <summary>
    /// The χ² test says whether the measured flows fit together within their uncertainties; when they do not, the
    /// measurement test points at the flow reconciliation had to move furthest, in standard deviations of its
    /// adjustment — unless several were moved equally far, when the balance cannot tell which is wrong.
    /// </summary>
    private static void Reconciled(ReconciliationResult rec, List<Finding> findings)
    {
        if (rec.GrossErrorSuspected && rec.SuspectStreamId is { } suspectId)
        {
            var suspect = rec.Streams.Single(s => s.StreamId == suspectId);
            findings.Add(rec.EquallySuspectStreamIds.Count == 0
                ? new Finding(
                    GrossError,
                    Severity.Warning,
                    "Reconciliation",
                    "The measured flows do not fit together within their uncertainties (χ² = {0:0.##}, above the critical value {1:0.###}): one figure is probably wrong, such as a typed extra zero. Check “{2}” first: to make the balance close, reconciliation had to move it {3:0.#} standard deviations, more than any other flow (the measurement test).",
                    Math.Round(rec.ChiSquare, 2),
                    rec.CriticalValue,
                    suspect.Name,
                    Math.Round(suspect.NormalisedAdjustment, 1))
                : new Finding(
                    GrossError,
                    Severity.Warning,
                    "Reconciliation",
                    "The measured flows do not fit together within their uncertainties (χ² = {0:0.##}, above the critical value {1:0.###}): one figure is probably wrong, such as a typed extra zero. The balance cannot tell which: it had to move {2} equally far ({3:0.#} standard deviations each), because they enter and leave the same steps. Measure one of them again, or check each for a typo.",
                    Math.Round(rec.ChiSquare, 2),
                    rec.CriticalValue,
                    string.Join(", ", rec.EquallySuspectStreamIds.Prepend(suspectId).Select(id => "“" + rec.Streams.Single(s => s.StreamId == id).Name + "”")),
                    Math.Round(suspect.NormalisedAdjustment, 1)));
        }

        foreach (var s in rec.Streams.Where(s => rec.CanReconcile && s.Reconciled < 0))
        {
            findings.Add(new Finding(
                NegativeReconciledFlow,
                Severity.Serious,
                s.StreamId.ToString(),
                "Reconciled, “{0}” comes out negative ({1:N2} t/yr): no flow can be. Its uncertainty is too wide for the others, or another figure is wrong; check the measured value and the ± % of the streams at its steps.",
                s.Name,
                Math.Round(s.Reconciled / 1_000, 2)));
        }
    }
}
