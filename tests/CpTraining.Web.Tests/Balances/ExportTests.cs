using System.Net;
using CpTraining.TestSupport;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;

namespace CpTraining.Web.Tests.Balances;

/// <summary>A worksheet downloads as CSV (the import template's columns) and XLSX (steps, streams, energy, balance); both read back.</summary>
public sealed class ExportTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static decimal N(string text) => decimal.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Csv_export_reads_back_with_the_entries_as_typed_and_formulas_escaped()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Alice);

        var response = await client.GetAsync(world.Export("csv"));

        TransferSetup.AssertOk(response);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("Dyeing line.csv", response.Content.Headers.ContentDisposition.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!.Trim('"'));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]); // UTF-8 byte order mark, so that Excel reads it as UTF-8
        using var reader = CsvReader.FromText(System.Text.Encoding.UTF8.GetString(bytes[3..]), new CsvReaderOptions { HasHeader = true });
        Assert.True(reader.TryGetFieldIndex("quantity", out _));
        var rows = new Dictionary<string, Dictionary<string, string>>();
        while (reader.Read())
        {
            rows[reader.GetString("name")!] = new[] { "material", "from step", "to step", "quantity", "unit", "density", "how obtained", "uncertainty %", "uncertainty in unit", "output class", "price", "price unit", "fee", "fee unit", "annual t/yr" }
                .ToDictionary(c => c, c => reader.GetString(c) ?? string.Empty);
        }

        var fabric = rows["Fabric in"];
        Assert.Equal("1 200,5", fabric["quantity"]); // as typed
        Assert.Equal("kg", fabric["unit"]);
        Assert.Equal(string.Empty, fabric["from step"]);
        Assert.Equal("Dyeing", fabric["to step"]);
        Assert.Equal(95m, N(fabric["price"]));
        Assert.Equal(1.2005m, N(fabric["annual t/yr"]));
        var water = rows["Water"];
        Assert.Equal(998m, N(water["density"]));
        Assert.Equal((5m, string.Empty), (N(water["uncertainty %"]), water["uncertainty in unit"]));
        Assert.Equal(95.808m, N(water["annual t/yr"])); // 96 m³ × 998 kg/m³
        Assert.Equal("product", rows["Dyed fabric"]["output class"]);

        // The wastewater is named like a formula: the cell is escaped, not a formula any more.
        var formula = Assert.Single(rows.Keys, k => k.Contains("HYPERLINK", StringComparison.Ordinal));
        Assert.False(formula.StartsWith('='), formula);
        Assert.Equal("wastewater", rows[formula]["output class"]);
        Assert.Equal(18m, N(rows[formula]["fee"]));
        Assert.Equal((string.Empty, 9.5m), (rows[formula]["uncertainty %"], N(rows[formula]["uncertainty in unit"]))); // ± 9.5 m³, as entered
        // The energy carrier follows the streams, in the same columns, read back by the import.
        using var again = CsvReader.FromText(System.Text.Encoding.UTF8.GetString(bytes[3..]), new CsvReaderOptions { HasHeader = true });
        var energy = new List<Dictionary<string, string>>();
        while (again.Read())
        {
            if (again.GetString("kind") == "energy")
            {
                energy.Add(new[] { "name", "material", "from step", "to step", "quantity", "unit", "price", "price unit", "annual MWh/yr" }.ToDictionary(c => c, c => again.GetString(c) ?? string.Empty));
            }
        }

        var boiler = Assert.Single(energy);
        Assert.Equal(("Boiler gas", "natural gas", string.Empty, "Dyeing", "100", "MWh", "MWh"), (boiler["name"], boiler["material"], boiler["from step"], boiler["to step"], boiler["quantity"], boiler["unit"], boiler["price unit"]));
        Assert.Equal((1_900m, 100m), (N(boiler["price"]), N(boiler["annual MWh/yr"])));
    }

    [Fact]
    public async Task Xlsx_export_has_steps_streams_energy_and_the_balance_with_numbers()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Mona); // a manager reads

        var response = await client.GetAsync(world.Export("xlsx"));

        TransferSetup.AssertOk(response);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        Assert.Equal(
            ["Steps", "Streams", "Energy", "Balance"],
            document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value!));

        var steps = TransferSetup.Cells(document, "Steps");
        Assert.Equal("Dyeing", steps["B2"]);

        var streams = TransferSetup.Cells(document, "Streams");
        Assert.Equal("Stream", streams["A1"]);
        var fabric = TransferSetup.RowOf(streams, "Fabric in");
        Assert.Equal("1 200,5", streams[$"F{fabric}"]); // entry as typed
        Assert.Equal("kg", streams[$"G{fabric}"]);
        Assert.Equal(1.2005m, N(streams[$"I{fabric}"])); // t/yr, a number
        Assert.Equal("Measured", streams[$"J{fabric}"]);
        Assert.Equal(95m, N(streams[$"N{fabric}"]));
        Assert.Equal("UAH/kg", streams[$"O{fabric}"]);
        var water = TransferSetup.RowOf(streams, "Water");
        Assert.Equal(998m, N(streams[$"H{water}"]));
        Assert.Equal(95.808m, N(streams[$"I{water}"]));
        Assert.Equal((5m, "%"), (N(streams[$"K{water}"]), streams[$"L{water}"])); // ± 1σ and what it is in
        var formula = streams.Single(c => c.Key.StartsWith('A') && c.Value.Contains("HYPERLINK", StringComparison.Ordinal)).Key[1..];
        Assert.Equal((9.5m, "m³"), (N(streams[$"K{formula}"]), streams[$"L{formula}"]));

        var energy = TransferSetup.Cells(document, "Energy");
        Assert.Equal("Natural gas", energy["B2"]);
        Assert.Equal(100m, N(energy["G2"])); // MWh/yr

        // Dyeing: in 1.2005 + 95.808 = 97.0085 t/yr; out 1.19 + 94.81 = 96 t/yr; closure 98.96 %.
        var balance = TransferSetup.Cells(document, "Balance");
        var dyeing = TransferSetup.RowOf(balance, "Dyeing");
        Assert.Equal(97.0085m, N(balance[$"B{dyeing}"]));
        Assert.Equal(96m, N(balance[$"C{dyeing}"]));
        Assert.Equal(98.96m, N(balance[$"F{dyeing}"]));
        var whole = TransferSetup.RowOf(balance, "Whole process");
        Assert.Equal("closes", balance[$"G{whole}"]);
    }

    [Fact]
    public async Task Xlsx_export_gives_energy_in_the_unit_chosen_on_the_balance_page()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Mona);

        // Chosen once on the balance page; the export remembers it. 100 MWh = 360 GJ.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/worksheets/{world.WorksheetId}/balance?energy=GJ")).StatusCode);
        var response = await client.GetAsync(world.Export("xlsx"));

        TransferSetup.AssertOk(response);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var energy = TransferSetup.Cells(document, "Energy");
        Assert.Equal("Annual, GJ/yr", energy["G1"]);
        Assert.Equal(360m, N(energy["G2"]));
    }

    [Fact]
    public async Task Xlsx_export_is_in_ukrainian_for_a_ukrainian_reader()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Alice);

        var response = await client.GetAsync(world.Export("xlsx") + "?culture=uk&ui-culture=uk");

        TransferSetup.AssertOk(response);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(s => s.Name!.Value!).ToList();
        Assert.DoesNotContain("Streams", names);
        Assert.Equal(4, names.Count);
    }

    [Fact]
    public async Task Another_company_and_outsiders_cannot_export_and_unknown_ids_are_not_found()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var boris = await factory.ClientAsync(world.Work.Boris);

        RedirectAssert.ToAccessDenied(await boris.GetAsync(world.Export("csv")));
        RedirectAssert.ToAccessDenied(await boris.GetAsync(world.Export("xlsx")));
        Assert.Equal(HttpStatusCode.NotFound, (await boris.GetAsync($"/worksheets/{Guid.NewGuid()}/export.csv")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await factory.ClientAsync(world.Work.Alice)).GetAsync($"/worksheets/{world.WorksheetId}/export.pdf")).StatusCode);
    }

    [Fact]
    public async Task The_file_name_is_sanitised()
    {
        var world = await TransferSetup.CreateAsync(factory);
        await using (var db = factory.NewDbContext())
        {
            var sheet = db.Worksheets.Single(w => w.Id == world.WorksheetId);
            sheet.ChangeDetails("Line \"3\": dyeing/rinsing", null, null, "UAH");
            await db.SaveChangesAsync();
        }

        var response = await (await factory.ClientAsync(world.Work.Alice)).GetAsync(world.Export("csv"));

        var name = response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName!;
        Assert.Equal("Line _3__ dyeing_rinsing.csv", name.Trim('"'));
    }
}
