using CpTraining.Domain.Balances;
using CpTraining.Web.Infrastructure.Charts;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Balances;

/// <summary>
/// The charts of a balance — mass and energy Sankey diagrams and the Pareto chart of the cost of losses — built from a
/// worksheet snapshot and its evaluation, for the balance page and the reports alike.
/// </summary>
public static class BalanceCharts
{
    public static SankeyDiagram? MassSankey(WorksheetSnapshot sheet, IStringLocalizer t)
    {
        if (sheet.Streams.Count == 0)
        {
            return null;
        }

        var nodes = new List<SankeyNode>();
        var links = new List<SankeyLink>();
        nodes.AddRange(sheet.Steps.Select(s => new SankeyNode("step-" + s.Id.ToString("N"), s.Name, SankeyNodeKind.Step)));
        foreach (var s in sheet.Streams)
        {
            var tonnes = (double)(s.AnnualKilograms / 1_000m);
            switch (s.Direction)
            {
                case StreamDirection.Input:
                    nodes.Add(new SankeyNode("in-" + s.Id.ToString("N"), s.Name, SankeyNodeKind.Input));
                    links.Add(new SankeyLink("in-" + s.Id.ToString("N"), "step-" + s.ToStepId!.Value.ToString("N"), tonnes, false, s.Material, MaterialClass(s.Material)));
                    break;
                case StreamDirection.Output:
                    nodes.Add(new SankeyNode("out-" + s.Id.ToString("N"), s.Name, SankeyNodeKind.Output));
                    links.Add(new SankeyLink("step-" + s.FromStepId!.Value.ToString("N"), "out-" + s.Id.ToString("N"), tonnes, s.OutputClass?.IsLoss() == true, s.Material, FlowClass(s.OutputClass, s.Material)));
                    break;
                default:
                    links.Add(new SankeyLink("step-" + s.FromStepId!.Value.ToString("N"), "step-" + s.ToStepId!.Value.ToString("N"), tonnes, false, s.Name, MaterialClass(s.Material)));
                    break;
            }
        }

        return new SankeyDiagram(
            t["Mass balance of {0}", sheet.Name],
            t["Material flows in t/yr: inputs on the left, the process steps in their order in the middle, outputs on the right. Flows are coloured by class (see the legend); waste, wastewater and emissions are also hatched. Long names are shortened in the diagram; the table below gives every flow with its full name."],
            t["t/yr"],
            nodes,
            links)
        {
            IdPrefix = "sankey-mass",
            ShowTitle = false,
            ClassNames = ClassNames(t),
            StepKeyTitle = t["Process steps"],
        };
    }

    public static SankeyDiagram? EnergySankey(WorksheetSnapshot sheet, BalanceResult result, Unit unit, IStringLocalizer t)
    {
        if (result.Energy.Lines.Count == 0)
        {
            return null;
        }

        var usedSteps = result.Energy.Lines.Select(l => l.StepId).ToHashSet();
        var nodes = result.Energy.Lines.Select(l => l.Carrier).Distinct().Order().Select(c => new SankeyNode("carrier-" + c, WorksheetText.Carrier(t, c), SankeyNodeKind.Input))
            .Concat(sheet.Steps.Where(s => usedSteps.Contains(s.Id)).Select(s => new SankeyNode("step-" + s.Id.ToString("N"), s.Name, SankeyNodeKind.Step)));
        var links = result.Energy.Lines.GroupBy(l => (l.Carrier, l.StepId))
            .Select(g => new SankeyLink("carrier-" + g.Key.Carrier, "step-" + g.Key.StepId.ToString("N"), (double)EnergyUnitChoice.From(g.Sum(l => l.MegawattHours), unit), Class: SankeyFlowClass.Energy));
        var perYear = WorksheetText.Symbol(t, unit) + "/" + t["yr"];
        return new SankeyDiagram(
            t["Energy use of {0}", sheet.Name],
            t["Energy in {0}: the energy carriers on the left, the process steps that use them on the right. The table below gives every flow.", perYear],
            perYear,
            nodes,
            links)
        {
            IdPrefix = "sankey-energy",
            ShowTitle = false,
            ClassNames = new Dictionary<SankeyFlowClass, string> { [SankeyFlowClass.Energy] = t["Energy flow"] },
            StepKeyTitle = t["Process steps"],
        };
    }

    /// <summary>
    /// The colour class of an output, from its <see cref="OutputClass"/>. Recycled-internally outputs go back into the
    /// process and are drawn with the by-products; an output without a class is drawn as material.
    /// </summary>
    public static SankeyFlowClass FlowClass(OutputClass? outputClass, string material) => outputClass switch
    {
        OutputClass.Product => SankeyFlowClass.Product,
        OutputClass.ByProduct or OutputClass.RecycledInternally => SankeyFlowClass.ByProduct,
        OutputClass.Wastewater => SankeyFlowClass.Wastewater,
        OutputClass.AirEmission => SankeyFlowClass.Emission,
        OutputClass.SolidWaste or OutputClass.HazardousWaste or OutputClass.UnaccountedLoss => SankeyFlowClass.Waste,
        _ => MaterialClass(material),
    };

    /// <summary>
    /// Inputs and internal streams have no class in the domain, so water is told from other material by its material
    /// name (English, Ukrainian, Russian or Chinese "water"): what the worksheets of the demo and the seeds use.
    /// </summary>
    public static SankeyFlowClass MaterialClass(string? material)
    {
        var m = material?.Trim() ?? string.Empty;
        return m.Contains("water", StringComparison.OrdinalIgnoreCase)
            || m.StartsWith("вод", StringComparison.OrdinalIgnoreCase)
            || m.Contains('水')
            ? SankeyFlowClass.Water
            : SankeyFlowClass.Material;
    }

    /// <summary>The legend's names of the mass flow classes.</summary>
    public static IReadOnlyDictionary<SankeyFlowClass, string> ClassNames(IStringLocalizer t) => new Dictionary<SankeyFlowClass, string>
    {
        [SankeyFlowClass.Material] = t["Raw and auxiliary material"],
        [SankeyFlowClass.Water] = t["Water"],
        [SankeyFlowClass.Product] = t["Product"],
        [SankeyFlowClass.ByProduct] = t["By-product or recycled"],
        [SankeyFlowClass.Wastewater] = t["Wastewater"],
        [SankeyFlowClass.Waste] = t["Solid or hazardous waste, unaccounted loss"],
        [SankeyFlowClass.Emission] = t["Emission to air"],
        [SankeyFlowClass.Energy] = t["Energy flow"],
    };

    public static ParetoChart? Pareto(WorksheetSnapshot sheet, BalanceResult result, IStringLocalizer t)
    {
        if (result.Losses.Pareto.Count == 0)
        {
            return null;
        }

        return new ParetoChart(
            t["Cost of losses of {0}", sheet.Name],
            t["Annual cost of each waste or loss stream (lost material value plus disposal fee), most expensive first, with the cumulative share of the total."],
            result.Losses.Pareto.Select(l => new ParetoItem(l.Name, (double)l.Total)))
        {
            IdPrefix = "pareto-losses",
            ShowTitle = false,
            Unit = sheet.Currency + "/" + t["yr"],
            ValueAxisTitle = t["Cost of loss, {0}/yr", sheet.Currency],
            CumulativeAxisTitle = t["Cumulative share"],
            CategoryAxisTitle = t["Loss stream"],
        };
    }
}
