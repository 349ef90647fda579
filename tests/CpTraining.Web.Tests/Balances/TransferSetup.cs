using System.Globalization;
using System.Net;
using CpTraining.Domain.Balances;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Tests.HomeTasks;
using CpTraining.TestSupport;
using DocumentFormat.OpenXml.Packaging;
using Cell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using CellValues = DocumentFormat.OpenXml.Spreadsheet.CellValues;
using Sheet = DocumentFormat.OpenXml.Spreadsheet.Sheet;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Balances;

/// <summary>
/// The work-page world (programme, companies A and B, engineers Alice and Bob of A, Boris of B, trainer Tina of A)
/// plus a worksheet "Dyeing line" of company A: one step "Dyeing" with fabric (typed "1 200,5" kg, Ukrainian), water
/// (96 m³ at 998 kg/m³) in, and dyed fabric and wastewater out, per year.
/// </summary>
internal sealed record TransferWorld(WorkWorld Work, Guid WorksheetId, Guid DyeingStepId)
{
    public string Export(string format) => $"/worksheets/{WorksheetId}/export.{format}";

    public string Import => $"/worksheets/{WorksheetId}/import";
}

internal static class TransferSetup
{
    public static async Task<TransferWorld> CreateAsync(CpTrainingFactory factory)
    {
        var work = await WorkPageSetup.CreateAsync(factory);
        var sheet = Worksheet.Create(work.ProgrammeId, work.CompanyA, "Dyeing line", "Reactive dyeing", "UAH", factory.Clock.GetUtcNow());
        var dyeing = sheet.AddStep("Dyeing");
        sheet.AddStream(new StreamSpec("Fabric in", "cotton", null, dyeing.Id, Quantity.Parse("1 200,5", "kg", CultureInfo.GetCultureInfo("uk-UA")), PurchasePrice: new UnitPrice(95m, Unit.Kilogram)));
        sheet.AddStream(new StreamSpec("Water", "water", null, dyeing.Id, Quantity.Of(96m, Unit.CubicMetre, density: 998m), HowObtained.Measured, Uncertainty.Percent(5m), PurchasePrice: new UnitPrice(35m, Unit.CubicMetre)));
        sheet.AddStream(new StreamSpec("Dyed fabric", "cotton", dyeing.Id, null, Quantity.Of(1_190m, Unit.Kilogram), OutputClass: OutputClass.Product));
        sheet.AddStream(new StreamSpec("=HYPERLINK(\"http://evil\")", "water", dyeing.Id, null, Quantity.Of(95m, Unit.CubicMetre, density: 998m), HowObtained.Estimated, Uncertainty.InStreamUnit(9.5m), OutputClass.Wastewater, DisposalFee: new UnitPrice(18m, Unit.CubicMetre)));
        sheet.AddEnergyStream(new EnergyStreamSpec("Boiler gas", dyeing.Id, EnergyCarrier.NaturalGas, Quantity.Of(100m, Unit.MegawattHour), Price: new UnitPrice(1_900m, Unit.MegawattHour)));
        await using var db = factory.NewDbContext();
        db.Worksheets.Add(sheet);

        // The work page offers the worksheet only on tasks that take one.
        (await db.HomeTasks.SingleAsync(h => h.Id == work.TaskId)).ChangeAttachments(TaskAttachments.Worksheet);
        await db.SaveChangesAsync();
        return new TransferWorld(work, sheet.Id, dyeing.Id);
    }

    public static async Task<Worksheet> LoadAsync(CpTrainingFactory factory, Guid worksheetId)
    {
        await using var db = factory.NewDbContext();
        return await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .SingleAsync(w => w.Id == worksheetId);
    }

    /// <summary>Cells of an XLSX sheet by reference ("B2"): inline text or the number's invariant text.</summary>
    public static Dictionary<string, string> Cells(SpreadsheetDocument document, string sheetName)
    {
        var workbook = document.WorkbookPart!;
        var sheet = workbook.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == sheetName);
        var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<Cell>().ToDictionary(
            c => c.CellReference!.Value!,
            c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? string.Empty);
    }

    /// <summary>The row (1-based) whose column A is <paramref name="text"/>.</summary>
    public static int RowOf(Dictionary<string, string> cells, string text, string column = "A") =>
        int.Parse(cells.Single(c => c.Key.StartsWith(column, StringComparison.Ordinal) && char.IsDigit(c.Key[column.Length]) && c.Value == text).Key[column.Length..], CultureInfo.InvariantCulture);

    /// <summary>Posts a CSV file to the import page's preview, with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PreviewAsync(HttpClient client, string importUrl, string csv, string fileName = "streams.csv", bool createMissingSteps = false, string? culture = null)
    {
        var query = culture is null ? string.Empty : $"culture={culture}&ui-culture={culture}&";
        var page = await client.GetDocumentAsync($"{importUrl}?{query.TrimEnd('&')}");
        var content = new MultipartFormDataContent
        {
            { new StringContent(FormClient.Token(page, "#upload-form")), "__RequestVerificationToken" },
        };
        if (createMissingSteps)
        {
            content.Add(new StringContent("true"), "CreateMissingSteps");
        }

        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        content.Add(file, "File", fileName);
        return await client.PostAsync($"{importUrl}?{query}handler=Preview", content);
    }

    /// <summary>Posts the preview's confirmation form as it is.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(HttpClient client, string importUrl, AngleSharp.Html.Dom.IHtmlDocument preview, string? culture = null)
    {
        var query = culture is null ? string.Empty : $"culture={culture}&ui-culture={culture}&";
        var form = FormClient.FormValues(preview, "#confirm-form");
        return await client.PostAsync($"{importUrl}?{query}handler=Confirm", new FormUrlEncodedContent(form));
    }

    public static void AssertOk(HttpResponseMessage response) =>
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}");
}
