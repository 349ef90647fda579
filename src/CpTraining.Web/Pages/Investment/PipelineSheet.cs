using CpTraining.Domain.Options;
using CpTraining.Web.Infrastructure.Spreadsheets;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Investment;

/// <summary>One option of the pipeline with its company's name, sector and currency.</summary>
public sealed record PipelineRow(string Company, string? Sector, string Currency, OptionAssessment Assessment);

/// <summary>
/// The pipeline worksheet: a header row with every unit, then one row per option. Money in the companies' currency
/// (named in the header when all share one, else in the currency column); rates in %; reductions a year.
/// </summary>
public static class PipelineSheet
{
    public static XlsxSheet Of(IReadOnlyList<PipelineRow> rows, IStringLocalizer t)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(t);
        var currencies = rows.Select(r => r.Currency).Distinct().ToList();
        string cur = currencies.Count == 1 ? currencies[0] : t["currency column"];
        string Money(string name) => $"{name}, {cur}";
        string[] header =
        [
            t["Company"], t["Sector"], t["No."], t["Option"], t["Status"], t["Currency"],
            Money(t["Investment"]), Money(t["Grant (year 0)"]), Money(t["Loan"]), Money(t["Own money (equity)"]), Money(t["Grants in later years"]),
            Money(t["Net annual savings (year 1, today's prices)"]) + "/yr",
            t["Simple payback, years"], t["IRR, %"], Money(t["NPV"]), t["Discount rate, %"], t["Lifetime, years"], t["Price year"],
            t["CO₂ avoided, t/yr"], Capital(t["energy saved, MWh/yr"]), Capital(t["water saved, m³/yr"]), Capital(t["wastewater avoided, m³/yr"]),
            Capital(t["solid waste avoided, t/yr"]), Capital(t["hazardous waste avoided, t/yr"]), t["Raw materials saved, t/yr"],
        ];
        return new XlsxSheet(t["Investment pipeline"], header, rows.Select(r => Row(r, t)).ToList())
        {
            ColumnWidths = [24, 18, 6, 36, 12, 9, 14, 14, 14, 14, 14, 16, 10, 9, 14, 10, 10, 9, 12, 12, 12, 12, 12, 12, 12],
        };
    }

    private static IReadOnlyList<XlsxCell> Row(PipelineRow row, IStringLocalizer t)
    {
        var a = row.Assessment;
        var o = a.Option;
        var inputs = o.Economics;
        var result = a.Economics;
        var financing = inputs is not null && result is not null ? SheetFinancing.Of(inputs, result) : null;
        var red = a.Reductions;
        return
        [
            XlsxCell.Text(row.Company),
            XlsxCell.Text(row.Sector),
            XlsxCell.Text(Options.OptionText.Number(o.Number)),
            XlsxCell.Text(o.Title),
            XlsxCell.Text(Status(o.Status, t)),
            XlsxCell.Text(row.Currency),
            XlsxCell.Number(financing?.Investment),
            XlsxCell.Number(financing?.GrantAtStart),
            XlsxCell.Number(financing?.Loan),
            XlsxCell.Number(financing?.Equity),
            XlsxCell.Number(financing?.LaterGrants),
            XlsxCell.Number(result?.FirstYearNetSavings),
            XlsxCell.Number(result?.SimplePayback),
            XlsxCell.Number(result?.Irr.Rate is { } irr ? irr * 100 : null),
            XlsxCell.Number(result?.Npv),
            XlsxCell.Number(inputs is null ? null : (decimal?)(inputs.DiscountRate * 100)),
            inputs is null ? XlsxCell.Empty : XlsxCell.Number((long)inputs.LifetimeYears),
            inputs?.PriceYear is { } py ? XlsxCell.Number((long)py) : XlsxCell.Empty,
            XlsxCell.Number(red.TonnesCo2),
            XlsxCell.Number(red.EnergyMegawattHours),
            XlsxCell.Number(red.WaterCubicMetres),
            XlsxCell.Number(red.WastewaterCubicMetres),
            XlsxCell.Number(red.SolidWasteTonnes),
            XlsxCell.Number(red.HazardousWasteTonnes),
            XlsxCell.Number(red.RawMaterialTonnes),
        ];
    }

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpper(text[0], System.Globalization.CultureInfo.CurrentCulture) + text[1..];

    /// <summary>Planned (selected, not yet done), implemented or verified.</summary>
    public static string Status(OptionStatus status, IStringLocalizer t) => status switch
    {
        OptionStatus.Implemented => t["Implemented"],
        OptionStatus.Verified => t["Verified"],
        _ => t["Planned"],
    };
}
