using System.Net;
using CpTraining.Domain.Balances;
using CpTraining.TestSupport;
using CsvHelper;

namespace CpTraining.Web.Tests.Balances;

/// <summary>
/// Streams are imported from a CSV template: a preview lists the streams and every bad line with its number and
/// column, and the confirmation writes all of them or nothing. Numbers are read in the uploader's culture.
/// </summary>
public sealed class ImportTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private const string Header = "name,material,from step,to step,quantity,unit,density,how obtained,uncertainty %,output class,price,price unit,fee,fee unit,substance,substance kg/yr";

    [Fact]
    public async Task The_template_has_the_header_and_two_example_lines()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Alice);

        var page = await client.GetDocumentAsync(world.Import);
        var link = page.QuerySelector("#template-link")!.GetAttribute("href")!;
        var response = await client.GetAsync(link);

        TransferSetup.AssertOk(response);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        var text = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        Assert.StartsWith(Header, text, StringComparison.Ordinal);
        using var reader = CsvReader.FromText(text, new CsvReaderOptions { HasHeader = true });
        var lines = 0;
        while (reader.Read())
        {
            lines++;
        }

        Assert.Equal(2, lines);
    }

    [Fact]
    public async Task The_template_itself_imports_into_a_worksheet_with_a_dyeing_step()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Alice);
        var template = (await (await client.GetAsync(world.Import + "?handler=Template")).Content.ReadAsStringAsync()).TrimStart('\uFEFF');

        var preview = await FormClient.ParseAsync(await TransferSetup.PreviewAsync(client, world.Import, template));
        var confirmed = await TransferSetup.ConfirmAsync(client, world.Import, preview);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        var sheet = await TransferSetup.LoadAsync(factory, world.WorksheetId);
        Assert.Equal(6, sheet.Streams.Count);
        var effluent = sheet.Streams.Single(s => s.Name == "Dye bath effluent");
        Assert.Equal(96m * 998m, effluent.AnnualKilograms);
        Assert.Equal("reactive dye", effluent.HazardousSubstance);
    }

    [Fact]
    public async Task Streams_are_previewed_then_imported_with_english_numbers()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Bob);
        var csv = $"""
            {Header}
            Salt,salt,,Dyeing,"1,250.5",kg,,measured,2,,4.5,kg,,,,
            Soda ash,soda ash,,Dyeing,240,kg,,calculated,,,12,,,,,
            Steam condensate,water,Dyeing,,12.5,m3,998.2,estimated,15,recycled internally,,,,,,
            Sludge,sludge,Dyeing,,0.4,t,,estimated,30,solid waste,,,1200,t,reactive dye,3.5
            """;

        var response = await TransferSetup.PreviewAsync(client, world.Import, csv);

        TransferSetup.AssertOk(response);
        var preview = await FormClient.ParseAsync(response);
        Assert.Equal("4", preview.QuerySelector("[data-count=streams]")!.TextContent);
        Assert.Null(preview.QuerySelector("#row-errors"));
        Assert.Equal(["2", "3", "4", "5"], preview.QuerySelectorAll("#streams tbody tr").Select(tr => tr.GetAttribute("data-line")!));
        Assert.Equal(4, (await TransferSetup.LoadAsync(factory, world.WorksheetId)).Streams.Count); // nothing written yet

        var confirmed = await TransferSetup.ConfirmAsync(client, world.Import, preview);

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal($"/worksheets/{world.WorksheetId}", confirmed.Headers.Location!.OriginalString);
        var sheet = await TransferSetup.LoadAsync(factory, world.WorksheetId);
        Assert.Equal(8, sheet.Streams.Count);
        var salt = sheet.Streams.Single(s => s.Name == "Salt");
        Assert.Equal(1250.5m, salt.Quantity.Value);
        Assert.Equal("1,250.5", salt.Quantity.Text);
        Assert.Equal(world.DyeingStepId, salt.ToStepId);
        Assert.Null(salt.FromStepId);
        Assert.Equal(new UnitPrice(4.5m, Unit.Kilogram), salt.PurchasePrice);
        Assert.Equal((2m, UncertaintyKind.Relative), (salt.Uncertainty!.Value, salt.Uncertainty.Kind));
        Assert.Equal(new UnitPrice(12m, Unit.Kilogram), sheet.Streams.Single(s => s.Name == "Soda ash").PurchasePrice); // per the quantity's unit
        var condensate = sheet.Streams.Single(s => s.Name == "Steam condensate");
        Assert.Equal(12.5m * 998.2m, condensate.AnnualKilograms);
        Assert.Equal(OutputClass.RecycledInternally, condensate.OutputClass);
        Assert.Equal(HowObtained.Estimated, condensate.Obtained);
        var sludge = sheet.Streams.Single(s => s.Name == "Sludge");
        Assert.Equal(new UnitPrice(1200m, Unit.Tonne), sludge.DisposalFee);
        Assert.Equal(3.5m, sludge.HazardousKilogramsPerYear);
    }

    [Fact]
    public async Task Ukrainian_numbers_use_the_decimal_comma_and_the_point_is_accepted_too()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Alice);
        var csv = $"""
            {Header.Replace(',', ';')}
            Сіль;сіль;;Dyeing;1 250,5;кг;;measured;2,5;;4,5;кг;;;;
            Конденсат;вода;Dyeing;;12.5;м3;998,2;estimated;;recycled internally;;;;;;
            """;

        var response = await TransferSetup.PreviewAsync(client, world.Import, csv, culture: "uk");

        TransferSetup.AssertOk(response);
        var preview = await FormClient.ParseAsync(response);
        Assert.Null(preview.QuerySelector("#row-errors"));
        Assert.Equal(HttpStatusCode.Redirect, (await TransferSetup.ConfirmAsync(client, world.Import, preview, culture: "uk")).StatusCode);
        var sheet = await TransferSetup.LoadAsync(factory, world.WorksheetId);
        var salt = sheet.Streams.Single(s => s.Name == "Сіль");
        Assert.Equal(1250.5m, salt.Quantity.Value);
        Assert.Equal("1 250,5", salt.Quantity.Text);
        Assert.Equal((2.5m, "2,5", UncertaintyKind.Relative), (salt.Uncertainty!.Value, salt.Uncertainty.Text, salt.Uncertainty.Kind));
        Assert.Equal(4.5m, salt.PurchasePrice!.Amount);
        Assert.Equal(12.5m * 998.2m, sheet.Streams.Single(s => s.Name == "Конденсат").AnnualKilograms);
    }

    [Fact]
    public async Task An_uncertainty_in_the_streams_unit_is_read_as_absolute_and_both_kinds_on_one_line_are_refused()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Alice);
        var header = Header + ",uncertainty in unit";
        var both = $"""
            {header}
            Salt,salt,,Dyeing,960,kg,,measured,,,,,,,,,25
            Soda ash,soda ash,,Dyeing,240,kg,,measured,2,,,,,,,,6
            Dyes,dyes,,Dyeing,36,kg,,measured,,,,,,,,,40
            """;

        var refused = await FormClient.ParseAsync(await TransferSetup.PreviewAsync(client, world.Import, both));

        var errors = refused.QuerySelectorAll("#row-errors tbody tr")
            .Select(tr => (Line: tr.GetAttribute("data-line"), Column: tr.GetAttribute("data-column"), Text: tr.TextContent))
            .ToList();
        Assert.Contains(errors, e => e is { Line: "3", Column: "uncertainty in unit" } && e.Text.Contains("not both", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Line: "4", Column: "uncertainty in unit" } && e.Text.Contains("more than the quantity itself", StringComparison.Ordinal)); // ± 40 kg on 36 kg
        Assert.DoesNotContain(errors, e => e.Line == "2");

        var good = $"""
            {header}
            Salt,salt,,Dyeing,960,kg,,measured,,,,,,,,,25
            """;
        var preview = await FormClient.ParseAsync(await TransferSetup.PreviewAsync(client, world.Import, good));
        Assert.Equal(HttpStatusCode.Redirect, (await TransferSetup.ConfirmAsync(client, world.Import, preview)).StatusCode);
        var salt = (await TransferSetup.LoadAsync(factory, world.WorksheetId)).Streams.Single(s => s.Name == "Salt");
        Assert.Equal(new Uncertainty("25", 25m, UncertaintyKind.Absolute), salt.Uncertainty);
    }

    [Fact]
    public async Task Bad_lines_are_listed_with_their_line_and_column_and_nothing_is_written()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Alice);
        var csv = $"""
            {Header}
            Salt,salt,,Dyeing,960,kg,,,,,,,,,,
            Dyes,dyes,,Washing,36,kg,,,,,,,,,,
            Steam,water,,Dyeing,twelve,kg,,,,,,,,,,
            Caustic,caustic soda,,Dyeing,-5,kg,,,,,,,,,,
            Water,water,,Dyeing,10,m3,0,,,,,,,,,
            Effluent,water,Dyeing,,10,kg,,sometimes,,waste,,,,,,
            Salt,salt,,Dyeing,10,bags,,,,,,,,,,
            """;

        var response = await TransferSetup.PreviewAsync(client, world.Import, csv);

        TransferSetup.AssertOk(response);
        var preview = await FormClient.ParseAsync(response);
        var errors = preview.QuerySelectorAll("#row-errors tbody tr")
            .Select(tr => (Line: tr.GetAttribute("data-line"), Column: tr.GetAttribute("data-column"), Text: tr.TextContent))
            .ToList();
        Assert.Contains(errors, e => e is { Line: "3", Column: "to step" } && e.Text.Contains("Washing", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Line: "4", Column: "quantity" } && e.Text.Contains("twelve", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Line: "5", Column: "quantity" });
        Assert.Contains(errors, e => e is { Line: "6", Column: "density" });
        Assert.Contains(errors, e => e is { Line: "7", Column: "how obtained" });
        Assert.Contains(errors, e => e is { Line: "7", Column: "output class" });
        Assert.Contains(errors, e => e is { Line: "8", Column: "unit" } && e.Text.Contains("bags", StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Line == "2");
        Assert.Null(preview.QuerySelector("#confirm-form")); // nothing to confirm while any line is wrong
        var unchanged = await TransferSetup.LoadAsync(factory, world.WorksheetId);
        Assert.Equal(4, unchanged.Streams.Count);
        Assert.Single(unchanged.Steps);
    }

    [Fact]
    public async Task The_exported_energy_lines_import_into_another_worksheet()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Alice);
        var exported = (await (await client.GetAsync(world.Export("csv"))).Content.ReadAsStringAsync()).TrimStart('\uFEFF');

        // Its header and energy lines into another worksheet (its material streams are there already, by name).
        var lines = exported.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        exported = string.Join('\n', lines.Take(1).Concat(lines.Skip(1).Where(l => l.Contains(",energy,", StringComparison.Ordinal))));
        var fresh = await TransferSetup.CreateAsync(factory);
        var engineer = await factory.ClientAsync(fresh.Work.Alice);

        var preview = await FormClient.ParseAsync(await TransferSetup.PreviewAsync(engineer, fresh.Import, exported, createMissingSteps: true));

        Assert.Null(preview.QuerySelector("#row-errors"));
        Assert.Equal("1", preview.QuerySelector("[data-count=energy]")!.TextContent);
        var line = Assert.Single(preview.QuerySelectorAll("#energy tbody tr"));
        Assert.Contains("Boiler gas", line.TextContent, StringComparison.Ordinal);
        Assert.Contains("Natural gas", line.TextContent, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Redirect, (await TransferSetup.ConfirmAsync(engineer, fresh.Import, preview)).StatusCode);
        var sheet = await TransferSetup.LoadAsync(factory, fresh.WorksheetId);
        // The fresh worksheet had its own boiler gas line; the file adds the exported one: 100 MWh at 1 900 UAH/MWh.
        Assert.Equal(2, sheet.EnergyStreams.Count);
        Assert.All(sheet.EnergyStreams, e => Assert.Equal((EnergyCarrier.NaturalGas, 360_000m, 1_900m), (e.Carrier, e.AnnualMegajoules, e.Price!.Amount)));
    }

    [Fact]
    public async Task An_energy_line_without_a_known_carrier_or_a_step_is_refused_with_its_column()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Alice);
        var csv = $"""
            {Header},kind,calorific value,calorific basis
            Boiler,natural gas,,Dyeing,12000,m3,,measured,3,,,,,,,,energy,33.5,MJ/m3
            Dryer,wood chips,,Dyeing,10,t,,,,,,,,,,,energy,,
            Lights,electricity,,,50,MWh,,,,,,,,,,,energy,,
            Fan,electricity,Dyeing,,50,MWh,,,,,,,,,,,energy,,
            Pump,electricity,,Dyeing,50,MWh,,,,,,,,,,,power,,
            """;

        var preview = await FormClient.ParseAsync(await TransferSetup.PreviewAsync(client, world.Import, csv));

        var errors = preview.QuerySelectorAll("#row-errors tbody tr")
            .Select(tr => (Line: tr.GetAttribute("data-line"), Column: tr.GetAttribute("data-column"), Text: tr.TextContent))
            .ToList();
        Assert.DoesNotContain(errors, e => e.Line == "2");
        Assert.Contains(errors, e => e is { Line: "3", Column: "material" } && e.Text.Contains("wood chips", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Line: "4", Column: "to step" });
        Assert.Contains(errors, e => e is { Line: "5", Column: "from step" });
        Assert.Contains(errors, e => e is { Line: "6", Column: "kind" });
        Assert.Null(preview.QuerySelector("#confirm-form"));
        Assert.Single((await TransferSetup.LoadAsync(factory, world.WorksheetId)).EnergyStreams);
    }

    [Fact]
    public async Task Missing_steps_are_created_when_asked()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Alice);
        var csv = $"""
            {Header}
            Fabric to rinsing,cotton,Dyeing,Rinsing,1150,kg,,,,,,,,,,
            Rinsing water,water,,Rinsing,20,m3,1000,,,,,,,,,
            Rinsed fabric,cotton,Rinsing,,1140,kg,,,,product,,,,,,
            """;

        var refused = await FormClient.ParseAsync(await TransferSetup.PreviewAsync(client, world.Import, csv));
        Assert.NotNull(refused.QuerySelector("#row-errors"));

        var preview = await FormClient.ParseAsync(await TransferSetup.PreviewAsync(client, world.Import, csv, createMissingSteps: true));
        Assert.Null(preview.QuerySelector("#row-errors"));
        Assert.Equal("1", preview.QuerySelector("[data-count=new-steps]")!.TextContent);
        Assert.Equal(HttpStatusCode.Redirect, (await TransferSetup.ConfirmAsync(client, world.Import, preview)).StatusCode);

        var sheet = await TransferSetup.LoadAsync(factory, world.WorksheetId);
        Assert.Equal(["Dyeing", "Rinsing"], sheet.Steps.Select(s => s.Name));
        Assert.Equal(7, sheet.Streams.Count);
    }

    [Fact]
    public async Task A_worksheet_changed_after_the_preview_is_not_imported_into()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Alice);
        var preview = await FormClient.ParseAsync(await TransferSetup.PreviewAsync(client, world.Import, $"{Header}\nSalt,salt,,Dyeing,960,kg,,,,,,,,,,\n"));
        await using (var db = factory.NewDbContext())
        {
            var sheet = db.Worksheets.Single(w => w.Id == world.WorksheetId);
            sheet.ChangeClosureTolerance(3m);
            await db.SaveChangesAsync();
        }

        var response = await TransferSetup.ConfirmAsync(client, world.Import, preview);

        TransferSetup.AssertOk(response);
        Assert.Contains("changed after the preview", (await FormClient.ParseAsync(response)).QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, (await TransferSetup.LoadAsync(factory, world.WorksheetId)).Streams.Count);
    }

    [Fact]
    public async Task Only_csv_files_up_to_two_megabytes_are_accepted()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var client = await factory.ClientAsync(world.Work.Alice);

        var excel = await FormClient.ParseAsync(await TransferSetup.PreviewAsync(client, world.Import, Header, fileName: "streams.xlsx"));
        Assert.Contains("Only CSV files", excel.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);

        var big = Header + "\n" + string.Concat(Enumerable.Repeat("Salt,salt,,Dyeing,960,kg,,,,,,,,,,\n", 70_000));
        var response = await TransferSetup.PreviewAsync(client, world.Import, big);
        var page = await FormClient.ParseAsync(response);
        Assert.Contains("2 MB", page.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, (await TransferSetup.LoadAsync(factory, world.WorksheetId)).Streams.Count);
    }

    [Fact]
    public async Task Readers_and_other_companies_cannot_import()
    {
        var world = await TransferSetup.CreateAsync(factory);
        var boris = await factory.ClientAsync(world.Work.Boris);
        var mona = await factory.ClientAsync(world.Work.Mona);

        RedirectAssert.ToAccessDenied(await boris.GetAsync(world.Import));
        RedirectAssert.ToAccessDenied(await mona.GetAsync(world.Import));
        RedirectAssert.ToAccessDenied(await boris.GetAsync(world.Import + "?handler=Template"));
        Assert.Equal(HttpStatusCode.NotFound, (await boris.GetAsync($"/worksheets/{Guid.NewGuid()}/import")).StatusCode);

        // A forged upload from company B's engineer, with a token from a page they may open.
        var token = FormClient.Token(await boris.GetDocumentAsync("/account/change-password"));
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes($"{Header}\nSalt,salt,,Dyeing,960,kg,,,,,,,,,,\n")), "File", "streams.csv" },
        };
        RedirectAssert.ToAccessDenied(await boris.PostAsync(world.Import + "?handler=Preview", content));
        Assert.Equal(4, (await TransferSetup.LoadAsync(factory, world.WorksheetId)).Streams.Count);
    }
}
