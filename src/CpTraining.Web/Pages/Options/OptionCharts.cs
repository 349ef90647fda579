using CpTraining.Web.Infrastructure.Charts;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// The option charts with their titles, descriptions and axis labels in the reader's language, set up once for the
/// pages that show them: the cost curve (comparison pages, company report) and the cumulative cash flow (economics
/// page, company report).
/// </summary>
public static class OptionCharts
{
    /// <summary>The marginal abatement cost curve on the CO₂ or waste basis; null without any bar.</summary>
    public static MarginalCostCurve? CostCurve(IEnumerable<CostCurveItem> items, bool wasteBasis, string? currency, IStringLocalizer t, string idPrefix = "cost-curve")
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(t);
        var list = items.ToList();
        if (list.Count == 0)
        {
            return null;
        }

        var unit = currency ?? t["money"];
        return new MarginalCostCurve(
            wasteBasis ? t["Cost of avoiding a tonne of waste"] : t["Cost of avoiding a tonne of CO₂"],
            wasteBasis
                ? t["Options from the cheapest to the dearest per tonne of waste avoided; each bar is as wide as the tonnes it avoids a year. Bars below zero save money."]
                : t["Options from the cheapest to the dearest per tonne of CO₂ avoided; each bar is as wide as the tonnes it avoids a year. Bars below zero save money."],
            list)
        {
            IdPrefix = idPrefix,
            ShowTitle = false,
            QuantityUnit = t["t/yr"],
            CostUnit = unit + "/" + t["t"],
            QuantityAxisTitle = wasteBasis ? t["Waste avoided, t/yr"] : t["CO₂ avoided, t/yr"],
            CostAxisTitle = t["Cost per tonne avoided, {0}/t", unit],
            ValueFormat = "N0",
        };
    }

    /// <summary>The cumulative and cumulative discounted cash flow year by year, with the paybacks marked.</summary>
    public static CashFlowChart CashFlow(
        string title, IEnumerable<CashFlowPoint> points, decimal? simplePayback, decimal? discountedPayback, string currency, IStringLocalizer t, string idPrefix = "cash-flow")
    {
        ArgumentNullException.ThrowIfNull(t);
        return new CashFlowChart(
            title,
            t["Cumulative and cumulative discounted net cash flow at the end of each year, in {0}; year 0 is the investment. The payback is where the cumulative cash flow reaches zero.", currency],
            points)
        {
            IdPrefix = idPrefix,
            ValueAxisTitle = currency,
            YearAxisTitle = t["Year"],
            CumulativeLabel = t["Cumulative cash flow"],
            DiscountedLabel = t["Cumulative discounted cash flow"],
            SimplePaybackLabel = t["Cumulative cash flow positive"],
            DiscountedPaybackLabel = t["Discounted payback"],
            SimplePayback = (double?)simplePayback,
            DiscountedPayback = (double?)discountedPayback,
        };
    }
}
