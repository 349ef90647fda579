using System.Net;
using CpTraining.Domain.Balances;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.Balances.WorksheetEditorSetup;

namespace CpTraining.Web.Tests.Balances;

/// <summary>
/// The worksheet list and editor over HTTP against PostgreSQL: an engineer builds a balance step by step, numbers in
/// Ukrainian and English, every refusal next to its field with the input kept, a concurrent edit refused, a copy for
/// a new period, and who may read and write.
/// </summary>
public sealed class WorksheetEditorTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task An_engineer_builds_a_worksheet_step_by_step()
    {
        var world = await CreateAsync(factory);
        var alice = world.EngineerA;

        // The company page links to the worksheets; a Ukrainian programme's worksheets default to hryvnia.
        var company = await alice.GetDocumentAsync($"/programmes/{world.ProgrammeId}/companies/{world.A}");
        Assert.Equal(world.List(world.A), company.QuerySelector("#worksheets-link")!.GetAttribute("href"));
        var list = await alice.GetDocumentAsync(world.List(world.A));
        Assert.NotNull(list.QuerySelector("#no-worksheets"));
        Assert.Equal("UAH", list.QuerySelector("#Input_Currency")!.GetAttribute("value"));
        var id = await CreateWorksheetAsync(alice, world);

        // Per batch, 250 batches a year; tolerance 4 %.
        await SaveAsync(alice, id, "Details", new()
        {
            ["Details.Period"] = "Batch", ["Details.BatchesPerYear"] = "250", ["Details.ClosureTolerancePercent"] = "4",
            ["Details.DataSourceNotes"] = "Water meter; invoices.",
        });

        // Three steps, entered out of order, then put in order and one renamed with an accumulation.
        foreach (var step in new[] { "Dyeing", "Washing", "Rinse" })
        {
            await SaveAsync(alice, id, "SaveStep", new() { ["Step.Name"] = step });
        }

        await SaveAsync(alice, id, "MoveStep", new() { ["stepId"] = (await StepIdAsync(factory, id, "Washing")).ToString(), ["position"] = "1" });
        var rinse = await StepIdAsync(factory, id, "Rinse");
        var stepPage = await alice.GetDocumentAsync($"/worksheets/{id}?step={rinse}");
        Assert.Equal("Rinse", stepPage.QuerySelector("#Step_Name")!.GetAttribute("value"));
        await SaveAsync(alice, id, "SaveStep", new() { ["Step.StepId"] = rinse.ToString(), ["Step.Name"] = "Rinsing", ["Step.Accumulation"] = "0.01", ["Step.AccumulationUnit"] = "Tonne" });
        var washing = await StepIdAsync(factory, id, "Washing");
        var dyeing = await StepIdAsync(factory, id, "Dyeing");

        // Inputs, internal streams, outputs.
        await SaveAsync(alice, id, "SaveStream", new(Stream("Grey fabric", "Cotton", null, washing, "2")) { ["Stream.PurchasePrice"] = "95000", ["Stream.PurchasePriceUnit"] = "Tonne", ["Stream.Uncertainty"] = "2" });
        await SaveAsync(alice, id, "SaveStream", new(Stream("Fresh water", "Water", null, washing, "12", "CubicMetre")) { ["Stream.Density"] = "1000", ["Stream.Obtained"] = "Measured" });
        await SaveAsync(alice, id, "SaveStream", new(Stream("Dyes and salt", "Chemicals", null, dyeing, "150", "Kilogram")) { ["Stream.Obtained"] = "Calculated" });
        await SaveAsync(alice, id, "SaveStream", Stream("Washed fabric", "Cotton", washing, dyeing, "2"));
        await SaveAsync(alice, id, "SaveStream", Stream("Dyed fabric", "Cotton", dyeing, rinse, "1.98"));
        await SaveAsync(alice, id, "SaveStream", new(Stream("Finished fabric", "Cotton", rinse, null, "1.95")) { ["Stream.OutputClass"] = "Product" });
        await SaveAsync(alice, id, "SaveStream", new(Stream("Wastewater", "Water", washing, null, "11.5", "CubicMetre"))
        {
            ["Stream.Density"] = "1000", ["Stream.OutputClass"] = "Wastewater", ["Stream.DisposalFee"] = "30", ["Stream.DisposalFeeUnit"] = "CubicMetre",
            ["Stream.HazardousSubstance"] = "AOX", ["Stream.HazardousKilogramsPerYear"] = "5", ["Stream.Obtained"] = "Estimated",
        });
        await SaveAsync(alice, id, "SaveStream", new(Stream("Fibre sludge", "Cotton", dyeing, null, "20", "Kilogram")) { ["Stream.OutputClass"] = "SolidWaste" });

        // Energy: electricity by kWh, gas by m³ with its calorific value.
        await SaveAsync(alice, id, "SaveEnergy", new() { ["Energy.StepId"] = dyeing.ToString(), ["Energy.Carrier"] = "Electricity", ["Energy.Quantity"] = "400", ["Energy.Unit"] = "KilowattHour", ["Energy.Price"] = "4.2", ["Energy.PriceUnit"] = "KilowattHour" });
        await SaveAsync(alice, id, "SaveEnergy", new()
        {
            ["Energy.StepId"] = dyeing.ToString(), ["Energy.Carrier"] = "NaturalGas", ["Energy.Name"] = "Boiler house", ["Energy.Quantity"] = "120", ["Energy.Unit"] = "CubicMetre",
            ["Energy.CalorificValue"] = "34", ["Energy.CalorificBasis"] = "PerCubicMetre", ["Energy.Price"] = "15", ["Energy.PriceUnit"] = "CubicMetre",
        });

        var sheet = await LoadAsync(factory, id);
        Assert.Equal((ReportingPeriod.Batch, 250, 4m, "UAH", "Water meter; invoices."), (sheet.Period, sheet.BatchesPerYear, sheet.ClosureTolerancePercent, sheet.Currency, sheet.DataSourceNotes));
        Assert.Equal(["Washing", "Dyeing", "Rinsing"], sheet.Steps.Select(s => s.Name));
        Assert.Equal(2_500m, sheet.Steps[2].AnnualAccumulationKilograms); // 0.01 t × 250
        Assert.Equal(8, sheet.Streams.Count);
        var fabric = sheet.Streams.Single(s => s.Name == "Grey fabric");
        Assert.Equal((500_000m, new UnitPrice(95_000m, Unit.Tonne), Uncertainty.Percent(2m), "2"), (fabric.AnnualKilograms, fabric.PurchasePrice, fabric.Uncertainty, fabric.Quantity.Text)); // 2 t × 250
        Assert.Equal(3_000_000m, sheet.Streams.Single(s => s.Name == "Fresh water").AnnualKilograms); // 12 m³ × 1000 kg/m³ × 250
        var wastewater = sheet.Streams.Single(s => s.Name == "Wastewater");
        Assert.Equal((OutputClass.Wastewater, new UnitPrice(30m, Unit.CubicMetre), "AOX", 5m, HowObtained.Estimated), (wastewater.OutputClass, wastewater.DisposalFee, wastewater.HazardousSubstance, wastewater.HazardousKilogramsPerYear, wastewater.Obtained));
        Assert.Equal((dyeing, rinse), (sheet.Streams.Single(s => s.Name == "Dyed fabric").FromStepId, sheet.Streams.Single(s => s.Name == "Dyed fabric").ToStepId));
        Assert.Equal(360_000m, sheet.EnergyStreams.Single(e => e.Carrier == EnergyCarrier.Electricity).AnnualMegajoules); // 400 kWh × 3.6 × 250
        Assert.Equal(1_020_000m, sheet.EnergyStreams.Single(e => e.Carrier == EnergyCarrier.NaturalGas).AnnualMegajoules); // 120 m³ × 34 MJ/m³ × 250

        // The page shows each entry as typed beside its annual figure.
        var page = await alice.GetDocumentAsync(Editor(id));
        var row = page.QuerySelector($"#stream-table tr[data-stream='{fabric.Id}']")!;
        Assert.Equal("2 t", row.QuerySelector(".entered")!.TextContent.Trim());
        Assert.Equal("500", row.QuerySelector(".annual")!.TextContent.Trim());
        Assert.Equal("12 m³ (1,000 kg/m³)", page.QuerySelector($"tr[data-stream='{sheet.Streams.Single(s => s.Name == "Fresh water").Id}'] .entered")!.TextContent.Trim());
        Assert.Equal("100", page.QuerySelector($"tr[data-energy='{sheet.EnergyStreams.Single(e => e.Carrier == EnergyCarrier.Electricity).Id}'] .annual")!.TextContent.Trim());
        Assert.Equal($"/worksheets/{id}/balance", page.QuerySelector("#balance-link")!.GetAttribute("href"));
        Assert.Equal($"/worksheets/{id}/export.csv", page.QuerySelector("#export-csv")!.GetAttribute("href"));
        Assert.Equal($"/worksheets/{id}/import", page.QuerySelector("#import-link")!.GetAttribute("href"));

        // Edit a stream: its form opens filled with the entry as typed.
        var edit = await alice.GetDocumentAsync($"/worksheets/{id}?stream={fabric.Id}");
        Assert.Equal("2", edit.QuerySelector("#Stream_Quantity")!.GetAttribute("value"));
        Assert.Equal("95000", edit.QuerySelector("#Stream_PurchasePrice")!.GetAttribute("value"));
        var changed = FormClient.FormValues(edit, "#stream-form");
        changed["Stream.Quantity"] = "2.1";
        var response = await alice.PostAsync($"/worksheets/{id}?handler=SaveStream", new FormUrlEncodedContent(changed));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(525_000m, (await LoadAsync(factory, id)).Streams.Single(s => s.Id == fabric.Id).AnnualKilograms);

        // A step that streams use cannot be removed; its streams can, then it can.
        var refused = await PostAsync(alice, id, "RemoveStep", new() { ["stepId"] = rinse.ToString() });
        var refusedPage = await FormClient.ParseAsync(refused);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("\"Rinsing\" still has 2 streams; remove or reconnect them first.", FormClient.FieldError(refusedPage, "Step.StepId"));
        foreach (var name in new[] { "Dyed fabric", "Finished fabric" })
        {
            await SaveAsync(alice, id, "RemoveStream", new() { ["streamId"] = (await LoadAsync(factory, id)).Streams.Single(s => s.Name == name).Id.ToString() });
        }

        await SaveAsync(alice, id, "RemoveStep", new() { ["stepId"] = rinse.ToString() });
        await SaveAsync(alice, id, "RemoveEnergy", new() { ["energyStreamId"] = sheet.EnergyStreams.Single(e => e.Carrier == EnergyCarrier.Electricity).Id.ToString() });
        sheet = await LoadAsync(factory, id);
        Assert.Equal(["Washing", "Dyeing"], sheet.Steps.Select(s => s.Name));
        Assert.Equal(6, sheet.Streams.Count);
        Assert.Single(sheet.EnergyStreams);

        // The list shows it with its counts; every change is in the audit log.
        list = await alice.GetDocumentAsync(world.List(world.A));
        var listed = list.QuerySelector($"#worksheets tr[data-worksheet='{id}']")!;
        Assert.Equal(("2", "6", "1"), (listed.QuerySelector(".steps")!.TextContent, listed.QuerySelector(".streams")!.TextContent, listed.QuerySelector(".energy")!.TextContent));
        Assert.Contains("per batch, 250 batches a year", listed.TextContent, StringComparison.Ordinal);
        await using var db = factory.NewDbContext();
        Assert.True(await db.AuditEntries.CountAsync(a => a.ProgrammeId == world.ProgrammeId && a.Action.StartsWith("worksheet.")) >= 20);
    }

    [Fact]
    public async Task Numbers_are_read_with_the_decimal_comma_in_Ukrainian_and_the_point_in_English()
    {
        var world = await CreateAsync(factory, country: "Croatia");
        var id = await CreateWorksheetAsync(world.EngineerA, world);
        Assert.Equal("EUR", (await LoadAsync(factory, id)).Currency); // not Ukraine
        await SaveAsync(world.EngineerA, id, "SaveStep", new() { ["Step.Name"] = "Mixing" });
        var mixing = await StepIdAsync(factory, id, "Mixing");

        await SaveAsync(world.EngineerA, id, "SaveStream", new(Stream("Milk", "Milk", null, mixing, "1 200,5")) { ["Stream.PurchasePrice"] = "12,75" }, culture: "uk");
        await SaveAsync(world.EngineerA, id, "SaveStream", new(Stream("Cream", "Cream", mixing, null, "1,200.5")) { ["Stream.OutputClass"] = "Product" }, culture: "en");
        await SaveAsync(world.EngineerA, id, "SaveStream", new(Stream("Whey", "Whey", mixing, null, "2.5")) { ["Stream.OutputClass"] = "ByProduct" }, culture: "en");

        var sheet = await LoadAsync(factory, id);
        var milk = sheet.Streams.Single(s => s.Name == "Milk");
        Assert.Equal(("1 200,5", 1200.5m, 1_200_500m, 12.75m), (milk.Quantity.Text, milk.Quantity.Value, milk.AnnualKilograms, milk.PurchasePrice!.Amount));
        Assert.Equal(("1,200.5", 1200.5m), (sheet.Streams.Single(s => s.Name == "Cream").Quantity.Text, sheet.Streams.Single(s => s.Name == "Cream").Quantity.Value));
        Assert.Equal(2.5m, sheet.Streams.Single(s => s.Name == "Whey").Quantity.Value);

        // Read back in Ukrainian: the decimal comma, and the edit form gives the price back the Ukrainian way.
        var page = await world.EngineerA.GetDocumentAsync($"/worksheets/{id}?culture=uk&stream={milk.Id}");
        Assert.Equal("1 200,5", page.QuerySelector($"tr[data-stream='{milk.Id}'] .annual")!.TextContent.Trim().Replace('\u00A0', ' ').Replace('\u202F', ' '));
        Assert.Equal("12,75", page.QuerySelector("#Stream_PurchasePrice")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_uncertainty_is_kept_exactly_as_typed_in_percent_or_in_the_streams_unit()
    {
        var world = await CreateAsync(factory);
        var id = await CreateWorksheetAsync(world.EngineerA, world);
        await SaveAsync(world.EngineerA, id, "SaveStep", new() { ["Step.Name"] = "Mixing" });
        var mixing = await StepIdAsync(factory, id, "Mixing");

        await SaveAsync(world.EngineerA, id, "SaveStream", new(Stream("Milk", "Milk", null, mixing, "12")) { ["Stream.Uncertainty"] = "0.234375" }, culture: "en");
        await SaveAsync(world.EngineerA, id, "SaveStream", new(Stream("Cream", "Cream", mixing, null, "11,5")) { ["Stream.OutputClass"] = "Product", ["Stream.Uncertainty"] = "0,25", ["Stream.UncertaintyKind"] = "Absolute" }, culture: "uk");

        var sheet = await LoadAsync(factory, id);
        var milk = sheet.Streams.Single(s => s.Name == "Milk");
        var cream = sheet.Streams.Single(s => s.Name == "Cream");
        Assert.Equal(("0.234375", 0.234375m, UncertaintyKind.Relative), (milk.Uncertainty!.Text, milk.Uncertainty.Value, milk.Uncertainty.Kind));
        Assert.Equal(("0,25", 0.25m, UncertaintyKind.Absolute), (cream.Uncertainty!.Text, cream.Uncertainty.Value, cream.Uncertainty.Kind));

        // The list says what was typed, with its unit; the form gives it back with its kind, and says it is 1σ.
        var page = await world.EngineerA.GetDocumentAsync($"/worksheets/{id}?stream={cream.Id}");
        Assert.Contains("± 0.234375 %", page.QuerySelector($"tr[data-stream='{milk.Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("± 0,25 t", page.QuerySelector($"tr[data-stream='{cream.Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("0,25", page.QuerySelector("#Stream_Uncertainty")!.GetAttribute("value"));
        Assert.Equal("Absolute", page.QuerySelector("#Stream_UncertaintyKind option[selected]")!.GetAttribute("value"));
        Assert.Contains("One standard deviation", page.QuerySelector("#stream-uncertainty-help")!.TextContent, StringComparison.Ordinal);
    }

    public static TheoryData<string, Dictionary<string, string>, string, string?> Refusals() => new()
    {
        { "negative", new() { ["Stream.Quantity"] = "-5" }, "Stream.Quantity", "-5" },
        { "not a number", new() { ["Stream.Quantity"] = "12 kg" }, "Stream.Quantity", "12 kg" },
        { "zero density", new() { ["Stream.Quantity"] = "12", ["Stream.Unit"] = "CubicMetre", ["Stream.Density"] = "0" }, "Stream.Density", "0" },
        { "volume without density", new() { ["Stream.Quantity"] = "12", ["Stream.Unit"] = "CubicMetre" }, "Stream.Density", null },
        { "unknown unit", new() { ["Stream.Quantity"] = "12,5", ["Stream.Unit"] = "furlong" }, "Stream.Unit", null },
        { "same step in and out", new() { ["Stream.FromStepId"] = "{step}", ["Stream.OutputClass"] = "Product" }, "Stream.ToStepId", null },
        { "10⁹ t/yr typo", new() { ["Stream.Quantity"] = "2 000 000 000" }, "Stream.Quantity", "2 000 000 000" },
        { "uncertainty over 100 %", new() { ["Stream.Uncertainty"] = "150" }, "Stream.Uncertainty", "150" },
        { "negative uncertainty", new() { ["Stream.Uncertainty"] = "-1", ["Stream.UncertaintyKind"] = "Absolute" }, "Stream.Uncertainty", "-1" },
        { "absolute uncertainty above the quantity", new() { ["Stream.Uncertainty"] = "12,5", ["Stream.UncertaintyKind"] = "Absolute" }, "Stream.Uncertainty", "12,5" },
        { "negative price", new() { ["Stream.PurchasePrice"] = "-3" }, "Stream.PurchasePrice", "-3" },
        { "fee on an input", new() { ["Stream.DisposalFee"] = "3" }, "Stream.DisposalFee", "3" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Every_refusal_is_shown_next_to_its_field_and_the_input_is_kept(string why, Dictionary<string, string> change, string field, string? kept)
    {
        var world = await CreateAsync(factory);
        var id = await CreateWorksheetAsync(world.EngineerA, world);
        await SaveAsync(world.EngineerA, id, "SaveStep", new() { ["Step.Name"] = "Washing" });
        var step = await StepIdAsync(factory, id, "Washing");
        var fields = Stream("Fresh water " + why, "Water", null, step, "12", "Tonne");
        foreach (var (key, value) in change)
        {
            fields[key] = value.Replace("{step}", step.ToString(), StringComparison.Ordinal);
        }

        var response = await PostAsync(world.EngineerA, id, "SaveStream", fields, culture: "uk");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.False(FormClient.FieldError(page, field) is null, $"{why}: no error at {field}; errors: {string.Join(" | ", FormClient.Errors(page))}");
        Assert.Equal("Fresh water " + why, page.QuerySelector("#Stream_Name")!.GetAttribute("value"));
        if (kept is not null)
        {
            Assert.Equal(kept, page.QuerySelector("#" + field.Replace('.', '_'))!.GetAttribute("value"));
        }

        Assert.Empty((await LoadAsync(factory, id)).Streams);
    }

    [Fact]
    public async Task A_stream_linked_to_a_step_of_another_worksheet_is_refused_next_to_the_step_field()
    {
        var world = await CreateAsync(factory);
        var id = await CreateWorksheetAsync(world.EngineerA, world);
        var other = await CreateWorksheetAsync(world.EngineerA, world, "Finishing line");
        await SaveAsync(world.EngineerA, id, "SaveStep", new() { ["Step.Name"] = "Washing" });
        await SaveAsync(world.EngineerA, other, "SaveStep", new() { ["Step.Name"] = "Drying" });
        var washing = await StepIdAsync(factory, id, "Washing");
        var drying = await StepIdAsync(factory, other, "Drying");

        // The forms offer only this worksheet's steps; the other worksheet's step id is forged into the post.
        var into = await FormClient.ParseAsync(await PostAsync(world.EngineerA, id, "SaveStream", Stream("Steam", "Water", null, drying, "3")));
        Assert.Equal("That step is not part of this worksheet.", FormClient.FieldError(into, "Stream.ToStepId"));
        Assert.Equal("Steam", into.QuerySelector("#Stream_Name")!.GetAttribute("value"));
        var outOf = await FormClient.ParseAsync(await PostAsync(world.EngineerA, id, "SaveStream", new(Stream("Condensate", "Water", drying, washing, "3"))));
        Assert.Equal("That step is not part of this worksheet.", FormClient.FieldError(outOf, "Stream.FromStepId"));
        var energy = await FormClient.ParseAsync(await PostAsync(world.EngineerA, id, "SaveEnergy", new() { ["Energy.StepId"] = drying.ToString(), ["Energy.Quantity"] = "400", ["Energy.Unit"] = "KilowattHour" }));
        Assert.NotNull(FormClient.FieldError(energy, "Energy.StepId"));

        var sheet = await LoadAsync(factory, id);
        Assert.Empty(sheet.Streams);
        Assert.Empty(sheet.EnergyStreams);
        Assert.Empty((await LoadAsync(factory, other)).Streams);
    }

    [Fact]
    public async Task Refusals_of_details_steps_and_energy_are_shown_next_to_their_fields()
    {
        var world = await CreateAsync(factory);
        var id = await CreateWorksheetAsync(world.EngineerA, world);

        var page = await FormClient.ParseAsync(await PostAsync(world.EngineerA, id, "Details", new() { ["Details.Period"] = "Batch", ["Details.BatchesPerYear"] = "", ["Details.ClosureTolerancePercent"] = "0,05" }, culture: "uk"));
        Assert.NotNull(FormClient.FieldError(page, "Details.BatchesPerYear"));
        Assert.Equal("0,05", page.QuerySelector("#Details_ClosureTolerancePercent")!.GetAttribute("value"));
        page = await FormClient.ParseAsync(await PostAsync(world.EngineerA, id, "Details", new() { ["Details.ClosureTolerancePercent"] = "0,05" }, culture: "uk"));
        Assert.NotNull(FormClient.FieldError(page, "Details.ClosureTolerancePercent"));
        page = await FormClient.ParseAsync(await PostAsync(world.EngineerA, id, "Details", new() { ["Details.Currency"] = "hryvnia" }));
        Assert.NotNull(FormClient.FieldError(page, "Details.Currency"));
        Assert.Equal("hryvnia", page.QuerySelector("#Details_Currency")!.GetAttribute("value"));

        await SaveAsync(world.EngineerA, id, "SaveStep", new() { ["Step.Name"] = "Washing" });
        page = await FormClient.ParseAsync(await PostAsync(world.EngineerA, id, "SaveStep", new() { ["Step.Name"] = "washing" }));
        Assert.NotNull(FormClient.FieldError(page, "Step.Name"));
        page = await FormClient.ParseAsync(await PostAsync(world.EngineerA, id, "SaveStep", new() { ["Step.Name"] = "Tank", ["Step.Accumulation"] = "5", ["Step.AccumulationUnit"] = "Litre", ["Step.AccumulationDensity"] = "0" }));
        Assert.NotNull(FormClient.FieldError(page, "Step.AccumulationDensity"));
        Assert.Equal("0", page.QuerySelector("#Step_AccumulationDensity")!.GetAttribute("value"));
        page = await FormClient.ParseAsync(await PostAsync(world.EngineerA, id, "SaveStep", new() { ["Step.Name"] = "Tank", ["Step.Accumulation"] = "5", ["Step.AccumulationUnit"] = "Litre" }));
        Assert.NotNull(FormClient.FieldError(page, "Step.AccumulationDensity")); // a volume needs a density
        Assert.Equal("Tank", page.QuerySelector("#Step_Name")!.GetAttribute("value"));

        var step = await StepIdAsync(factory, id, "Washing");
        page = await FormClient.ParseAsync(await PostAsync(world.EngineerA, id, "SaveEnergy", new() { ["Energy.StepId"] = step.ToString(), ["Energy.Quantity"] = "-400", ["Energy.Unit"] = "KilowattHour" }));
        Assert.NotNull(FormClient.FieldError(page, "Energy.Quantity"));
        Assert.Equal("-400", page.QuerySelector("#Energy_Quantity")!.GetAttribute("value"));
        page = await FormClient.ParseAsync(await PostAsync(world.EngineerA, id, "SaveEnergy", new() { ["Energy.StepId"] = step.ToString(), ["Energy.Carrier"] = "FuelOil", ["Energy.Quantity"] = "3", ["Energy.Unit"] = "Tonne" }));
        Assert.NotNull(FormClient.FieldError(page, "Energy.CalorificValue"));

        var sheet = await LoadAsync(factory, id);
        Assert.Equal((ReportingPeriod.Year, 5m, "UAH"), (sheet.Period, sheet.ClosureTolerancePercent, sheet.Currency));
        Assert.Single(sheet.Steps);
        Assert.Empty(sheet.EnergyStreams);
    }

    [Fact]
    public async Task A_save_after_someone_elses_change_is_refused_and_the_input_kept()
    {
        var world = await CreateAsync(factory);
        var id = await CreateWorksheetAsync(world.EngineerA, world);
        await SaveAsync(world.EngineerA, id, "SaveStep", new() { ["Step.Name"] = "Washing" });

        // Both open the editor; the coordinator adds a step first.
        var alicePage = await world.EngineerA.GetDocumentAsync(Editor(id));
        var coordinatorPage = await world.Coordinator.GetDocumentAsync(Editor(id));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(world.Coordinator, id, "SaveStep", new() { ["Step.Name"] = "Dyeing" }, openedPage: coordinatorPage)).StatusCode);

        var step = await StepIdAsync(factory, id, "Washing");
        var response = await PostAsync(world.EngineerA, id, "SaveStream", Stream("Fresh water", "Water", null, step, "12,5"), openedPage: alicePage);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Contains(FormClient.Errors(page), e => e.StartsWith("Someone else changed this worksheet", StringComparison.Ordinal));
        Assert.Equal(("Fresh water", "12,5"), (page.QuerySelector("#Stream_Name")!.GetAttribute("value"), page.QuerySelector("#Stream_Quantity")!.GetAttribute("value")));
        Assert.Contains("Dyeing", page.QuerySelector("#step-table")!.TextContent, StringComparison.Ordinal);
        Assert.Empty((await LoadAsync(factory, id)).Streams);

        // The same for a removal and the details form opened before the change.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(world.EngineerA, id, "RemoveStep", new() { ["stepId"] = step.ToString() }, openedPage: alicePage)).StatusCode);
        var detailsRefused = await PostAsync(world.EngineerA, id, "Details", new() { ["Details.Name"] = "Renamed" }, openedPage: alicePage);
        Assert.Equal(HttpStatusCode.OK, detailsRefused.StatusCode);
        var detailsPage = await FormClient.ParseAsync(detailsRefused);
        Assert.True(detailsPage.QuerySelector("#details details")!.HasAttribute("open")); // the kept input is not hidden in a closed panel
        Assert.Equal("Renamed", detailsPage.QuerySelector("#Details_Name")!.GetAttribute("value"));
        var sheet = await LoadAsync(factory, id);
        Assert.Equal(("Dyeing line", 2), (sheet.Name, sheet.Steps.Count));

        // Saving again from the refreshed form goes through.
        var retry = FormClient.FormValues(page, "#stream-form");
        Assert.Equal(HttpStatusCode.Redirect, (await world.EngineerA.PostAsync($"/worksheets/{id}?handler=SaveStream", new FormUrlEncodedContent(retry))).StatusCode);
        Assert.Single((await LoadAsync(factory, id)).Streams);
    }

    [Fact]
    public async Task A_worksheet_is_copied_as_the_start_of_a_new_period()
    {
        var world = await CreateAsync(factory);
        var id = await CreateWorksheetAsync(world.EngineerA, world, "Dairy 2026");
        await SaveAsync(world.EngineerA, id, "SaveStep", new() { ["Step.Name"] = "Pasteurisation" });
        var step = await StepIdAsync(factory, id, "Pasteurisation");
        await SaveAsync(world.EngineerA, id, "SaveStream", Stream("Raw milk", "Milk", null, step, "120"));
        await SaveAsync(world.EngineerA, id, "SaveEnergy", new() { ["Energy.StepId"] = step.ToString(), ["Energy.Quantity"] = "50", ["Energy.Unit"] = "MegawattHour" });

        var list = await world.EngineerA.GetDocumentAsync(world.List(world.A));
        var response = await world.EngineerA.PostAsync(world.List(world.A) + "?handler=Copy", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormClient.Token(list), ["worksheetId"] = id.ToString(),
        }));

        var target = RedirectAssert.Target(response);
        var copyId = Guid.Parse(target["/worksheets/".Length..]);
        Assert.NotEqual(id, copyId);
        var copy = await LoadAsync(factory, copyId);
        Assert.Equal(("Dairy 2026 (new period)", id, "Pasteurisation", 120_000m, 180_000m), (copy.Name, copy.CopiedFromId, copy.Steps.Single().Name, copy.Streams.Single().AnnualKilograms, copy.EnergyStreams.Single().AnnualMegajoules));
        Assert.NotEqual(step, copy.Steps.Single().Id);
        list = await world.EngineerA.GetDocumentAsync(world.List(world.A));
        Assert.Equal(2, list.QuerySelectorAll("#worksheets tbody tr").Length);
        Assert.Contains("Copied from “Dairy 2026”", list.QuerySelector($"tr[data-worksheet='{copyId}']")!.TextContent, StringComparison.Ordinal);

        // A worksheet of another company cannot be copied through this company's page.
        var idOfB = await CreateWorksheetInBAsync(world);
        Assert.Equal(HttpStatusCode.NotFound, (await world.Coordinator.PostAsync(world.List(world.A) + "?handler=Copy", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormClient.Token(await world.Coordinator.GetDocumentAsync(world.List(world.A))), ["worksheetId"] = idOfB.ToString(),
        }))).StatusCode);
    }

    [Fact]
    public async Task The_engineer_of_another_company_is_refused_and_the_manager_reads_only()
    {
        var world = await CreateAsync(factory);
        var id = await CreateWorksheetAsync(world.EngineerA, world);
        await SaveAsync(world.EngineerA, id, "SaveStep", new() { ["Step.Name"] = "Washing" });
        var alicePage = await world.EngineerA.GetDocumentAsync(Editor(id));
        var token = FormClient.Token(alicePage);

        // Company B's engineer: neither the list nor the worksheet, to read or to write.
        RedirectAssert.ToAccessDenied(await world.EngineerB.GetAsync(Editor(id)));
        RedirectAssert.ToAccessDenied(await world.EngineerB.GetAsync(world.List(world.A)));
        var bToken = FormClient.Token(await world.EngineerB.GetDocumentAsync(world.List(world.B)));
        foreach (var (handler, field, value) in new[] { ("SaveStep", "Step.Name", "Hijacked"), ("Details", "Details.Name", "Hijacked"), ("RemoveStep", "stepId", (await StepIdAsync(factory, id, "Washing")).ToString()) })
        {
            RedirectAssert.ToAccessDenied(await world.EngineerB.PostAsync($"/worksheets/{id}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = bToken, [field] = value, ["version"] = Version(alicePage), [handler == "Details" ? "Details.Version" : "Step.Version"] = Version(alicePage),
            })));
        }

        RedirectAssert.ToAccessDenied(await world.EngineerB.PostAsync(world.List(world.A) + "?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = bToken, ["Input.Name"] = "Hijacked", ["Input.Currency"] = "UAH" })));
        RedirectAssert.ToAccessDenied(await world.EngineerB.PostAsync(world.List(world.A) + "?handler=Copy", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = bToken, ["worksheetId"] = id.ToString() })));

        // Company A's manager reads the list and the worksheet without any form, and cannot write.
        var list = await world.ManagerA.GetDocumentAsync(world.List(world.A));
        Assert.Null(list.QuerySelector("#new-worksheet"));
        Assert.Empty(list.QuerySelectorAll(".copy-worksheet"));
        var page = await world.ManagerA.GetDocumentAsync(Editor(id));
        Assert.NotNull(page.QuerySelector("#read-only"));
        Assert.Empty(page.QuerySelectorAll("main form[method=post]"));
        Assert.Null(page.QuerySelector("#import-link"));
        var managerToken = FormClient.Token(await world.ManagerA.GetDocumentAsync("/account/change-password"));
        RedirectAssert.ToAccessDenied(await world.ManagerA.PostAsync($"/worksheets/{id}?handler=SaveStep", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = managerToken, ["Step.Name"] = "Manager's step", ["Step.Version"] = Version(alicePage),
        })));
        RedirectAssert.ToAccessDenied(await world.ManagerA.PostAsync(world.List(world.A) + "?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = managerToken, ["Input.Name"] = "Manager's", ["Input.Currency"] = "UAH" })));

        var sheet = await LoadAsync(factory, id);
        Assert.Equal(("Dyeing line", 1), (sheet.Name, sheet.Steps.Count));
        await using (var db = factory.NewDbContext())
        {
            Assert.Equal(1, await db.Worksheets.CountAsync(w => w.ProgrammeId == world.ProgrammeId));
        }

        // Unknown ids are not found.
        Assert.Equal(HttpStatusCode.NotFound, (await world.EngineerA.GetAsync(Editor(Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.EngineerA.GetAsync($"/programmes/{world.ProgrammeId}/companies/{Guid.NewGuid()}/worksheets")).StatusCode);
        _ = token;
    }

    private async Task<Guid> CreateWorksheetInBAsync(WorksheetEditorSetup.World world)
    {
        await using var db = factory.NewDbContext();
        var sheet = Worksheet.Create(world.ProgrammeId, world.B, "B's balance", null, "UAH", factory.Clock.GetUtcNow());
        db.Worksheets.Add(sheet);
        await db.SaveChangesAsync();
        return sheet.Id;
    }
}
