using System.Globalization;
using CpTraining.Domain.Balances;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.Web.Infrastructure.Spreadsheets;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Balances.Transfer;

/// <summary>
/// Downloads a worksheet, for whoever may read it. <c>export.csv</c>: the material streams in the import template's
/// columns (so the file can be corrected and imported into another worksheet), UTF-8 with a byte order mark and
/// formula-safe. <c>export.xlsx</c>: the whole worksheet — steps, streams (entry as typed, unit, annual t/yr, how
/// obtained, uncertainty, class, price, fee, substance), energy carriers and the closure per step — with numbers as
/// numbers. Both as attachments with a sanitised file name made from the worksheet's name.
/// </summary>
[Authorize]
public sealed class ExportModel(AppDbContext db, AccessControl access, IStringLocalizer<SharedResource> t) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid worksheetId, string format, [FromQuery(Name = EnergyUnitChoice.Parameter)] string? energy)
    {
        if (format is not ("csv" or "xlsx"))
        {
            return NotFound();
        }

        var rights = await WorksheetCompany.LoadAsync(db, access, worksheetId);
        if (rights is null)
        {
            return NotFound();
        }

        if (!rights.MayView)
        {
            return Forbid();
        }

        var sheet = (await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .SingleAsync(w => w.Id == worksheetId)).Snapshot();
        // The name is the worksheet's, not a path: its slashes are kept out of the directory split.
        var fileName = FileInspector.SanitiseFileName($"{sheet.Name.Replace('/', '_').Replace('\\', '_')}.{format}");
        if (format == "csv")
        {
            return File(StreamCsv.Write(sheet), "text/csv; charset=utf-8", fileName);
        }

        var content = new MemoryStream();
        await XlsxWriter.WriteAsync(content, Sheets(sheet, EnergyUnitChoice.Resolve(HttpContext, energy)), HttpContext.RequestAborted);
        content.Position = 0;
        return File(content, XlsxWriter.ContentType, fileName);
    }

    /// <summary>The workbook; annual energy in <paramref name="energyUnit"/> (the reader's choice on the balance page).</summary>
    private List<XlsxSheet> Sheets(WorksheetSnapshot sheet, Unit energyUnit)
    {
        var names = sheet.Steps.ToDictionary(s => s.Id, s => s.Name);
        string Step(Guid? id) => BalanceLabels.StepName(id, names, t);
        static XlsxCell Text(string? text) => XlsxCell.Text(text);
        static XlsxCell Number(decimal? value) => XlsxCell.Number(value);
        string? UncertaintyIn(Uncertainty? u, Quantity q) => u is null ? null : u.Kind == UncertaintyKind.Relative ? "%" : WorksheetText.Symbol(t, q.Unit);
        static XlsxCell Tonnes(decimal kilograms) => XlsxCell.Number(Math.Round(kilograms / 1_000m, 6));

        var steps = new XlsxSheet(
            t["Steps"],
            [t["Position"], t["Step"], t["Accumulation as typed"], t["Unit"], t["Accumulation, t/yr"]],
            sheet.Steps.Select(s => (IReadOnlyList<XlsxCell>)
            [
                XlsxCell.Number((long)s.Position), Text(s.Name), Text(s.Accumulation?.Text), Text(s.Accumulation?.Unit.Symbol()),
                Tonnes(s.AnnualAccumulationKilograms),
            ]).ToList());

        var streams = new XlsxSheet(
            t["Streams"],
            [
                t["Stream"], t["Material"], t["From step"], t["To step"], t["Direction"], t["Entry as typed"], t["Unit"], t["Density, kg/m³"],
                t["Annual, t/yr"], t["How obtained"], t["Uncertainty, ± 1σ"], t["Uncertainty in"], t["Output class"], t["Price"], t["Price per"], t["Fee"], t["Fee per"],
                t["Hazardous substance"], t["Substance, kg/yr"],
            ],
            sheet.Streams.OrderBy(s => s.Direction).ThenBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase).Select(s => (IReadOnlyList<XlsxCell>)
            [
                Text(s.Name), Text(s.Material), Text(Step(s.FromStepId)), Text(Step(s.ToStepId)), Text(BalanceLabels.Of(s.Direction, t)),
                Text(s.Quantity.Text), Text(s.Quantity.Unit.Symbol()), Number(s.Quantity.Density), Tonnes(s.AnnualKilograms),
                Text(BalanceLabels.Of(s.Obtained, t)), Number(s.Uncertainty?.Value), Text(UncertaintyIn(s.Uncertainty, s.Quantity)),
                Text(s.OutputClass is { } oc ? BalanceLabels.Of(oc, t) : null),
                Number(s.PurchasePrice?.Amount), Text(s.PurchasePrice is { } p ? $"{sheet.Currency}/{p.PerUnit.Symbol()}" : null),
                Number(s.DisposalFee?.Amount), Text(s.DisposalFee is { } f ? $"{sheet.Currency}/{f.PerUnit.Symbol()}" : null),
                Text(s.HazardousSubstance), Number(s.HazardousKilogramsPerYear),
            ]).ToList());

        var energy = new XlsxSheet(
            t["Energy"],
            [
                t["Step"], t["Carrier"], t["Description"], t["Entry as typed"], t["Unit"], t["Calorific value"], t["Annual, {0}", WorksheetText.Symbol(t, energyUnit) + "/" + t["yr"]],
                t["How obtained"], t["Uncertainty, ± 1σ"], t["Uncertainty in"], t["Price"], t["Price per"],
            ],
            sheet.EnergyStreams.OrderBy(e => names.Keys.ToList().IndexOf(e.StepId)).ThenBy(e => e.Carrier).Select(e => (IReadOnlyList<XlsxCell>)
            [
                Text(Step(e.StepId)), Text(BalanceLabels.Of(e.Carrier, t)), Text(e.Name), Text(e.Quantity.Text), Text(e.Quantity.Unit.Symbol()),
                Number(e.Quantity.CalorificValue), XlsxCell.Number(Math.Round(EnergyUnitChoice.From(e.AnnualMegawattHours, energyUnit), 6)), Text(BalanceLabels.Of(e.Obtained, t)),
                Number(e.Uncertainty?.Value), Text(UncertaintyIn(e.Uncertainty, e.Quantity)), Number(e.Price?.Amount), Text(e.Price is { } p ? $"{sheet.Currency}/{p.PerUnit.Symbol()}" : null),
            ]).ToList());

        var mass = BalanceEvaluation.Mass(sheet);
        IReadOnlyList<XlsxCell> Row(StepBalance b, string name) =>
        [
            Text(name), Tonnes(b.InputsKilograms), Tonnes(b.OutputsKilograms), Tonnes(b.AccumulationKilograms), Tonnes(b.ImbalanceKilograms),
            Number(b.ClosurePercent is { } c ? Math.Round(c, 2) : null), Text(b.IsFlagged ? t["outside the tolerance"] : t["closes"]),
        ];
        var balance = new XlsxSheet(
            t["Balance"],
            [t["Step"], t["Inputs, t/yr"], t["Outputs, t/yr"], t["Accumulation, t/yr"], t["Imbalance, t/yr"], t["Closure, %"], t["Tolerance ± {0} %", mass.TolerancePercent.ToString("0.##", CultureInfo.CurrentCulture)]],
            [.. mass.Steps.Select(s => Row(s, s.Name)), Row(mass.Overall, t["Whole process"])]);

        return [steps, streams, energy, balance];
    }
}
