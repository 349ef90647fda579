using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Web.Tests.Balances;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Options;

/// <summary>Companies A and B with a balance worksheet each, and helpers to drive the options register and option page.</summary>
internal static class OptionPageSetup
{
    public sealed record World(WorksheetEditorSetup.World People, Guid SheetA, Guid WaterA, Guid WastewaterA, Guid SludgeA, Guid ElectricityA, Guid SheetB, Guid WaterB)
    {
        public Guid ProgrammeId => People.ProgrammeId;

        public string Register(Guid? companyId = null) => $"/programmes/{ProgrammeId}/companies/{companyId ?? People.A}/options";
    }

    /// <summary>
    /// A's worksheet per year: 10 000 m³ of fresh water in, 8 000 m³ of wastewater and 5 t of sludge out, 200 000 kWh of
    /// electricity; B's worksheet: 500 m³ of water in.
    /// </summary>
    public static async Task<World> CreateAsync(CpTrainingFactory factory)
    {
        var people = await WorksheetEditorSetup.CreateAsync(factory);
        await using var db = factory.NewDbContext();
        var a = Worksheet.Create(people.ProgrammeId, people.A, "Dye house 2026", "Reactive dyeing", "UAH", factory.Clock.GetUtcNow());
        var dyeing = a.AddStep("Dyeing");
        var water = a.AddStream(new StreamSpec("Fresh water", "Water", null, dyeing.Id, Quantity.Of(10_000m, Unit.CubicMetre, 1_000m)));
        var wastewater = a.AddStream(new StreamSpec("Spent dye bath", "Water", dyeing.Id, null, Quantity.Of(8_000m, Unit.CubicMetre, 1_000m), OutputClass: OutputClass.Wastewater));
        var sludge = a.AddStream(new StreamSpec("Sludge", "Fibre sludge", dyeing.Id, null, Quantity.Of(5m, Unit.Tonne), OutputClass: OutputClass.SolidWaste));
        var power = a.AddEnergyStream(new EnergyStreamSpec("Pumps", dyeing.Id, EnergyCarrier.Electricity, Quantity.Of(200_000m, Unit.KilowattHour)));
        var b = Worksheet.Create(people.ProgrammeId, people.B, "B's line", null, "UAH", factory.Clock.GetUtcNow());
        var stepB = b.AddStep("Washing");
        var waterB = b.AddStream(new StreamSpec("Water B", "Water", null, stepB.Id, Quantity.Of(500m, Unit.CubicMetre, 1_000m)));
        db.Worksheets.AddRange(a, b);
        await db.SaveChangesAsync();
        return new World(people, a.Id, water.Id, wastewater.Id, sludge.Id, power.Id, b.Id, waterB.Id);
    }

    /// <summary>Adds an option through the register's form; returns its id.</summary>
    public static async Task<Guid> CreateOptionAsync(HttpClient client, World world, string title, string category = "GoodHousekeeping", string kind = "LowCost", Guid? companyId = null)
    {
        var response = await PostCreateAsync(client, world, new() { ["Input.Title"] = title, ["Input.Category"] = category, ["Input.Kind"] = kind }, companyId);
        var target = RedirectAssert.Target(response);
        Assert.StartsWith("/options/", target, StringComparison.Ordinal);
        return Guid.Parse(target["/options/".Length..].Split('?', '#')[0]);
    }

    public static async Task<HttpResponseMessage> PostCreateAsync(HttpClient client, World world, Dictionary<string, string> fields, Guid? companyId = null)
    {
        var page = await client.GetDocumentAsync(world.Register(companyId));
        var form = FormClient.FormValues(page, "#new-option");
        foreach (var (key, value) in fields)
        {
            form[key] = value;
        }

        return await client.PostAsync(world.Register(companyId) + "?handler=Create", new FormUrlEncodedContent(form));
    }

    public static string Page(Guid optionId) => $"/options/{optionId}";

    /// <summary>
    /// Opens the option page (or uses <paramref name="opened"/>), takes the handler's form values (token and version
    /// only for the status buttons), overrides them with <paramref name="fields"/> and posts.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid optionId, string handler, Dictionary<string, string> fields, IHtmlDocument? opened = null)
    {
        var page = opened ?? await client.GetDocumentAsync(Page(optionId));
        var formId = handler switch
        {
            "Details" => "#details-form",
            "Plan" => "#plan-form",
            "Links" => "#links-form",
            "Reductions" => "#reductions-form",
            "Technical" => "#technical-form",
            "Reject" => "#reject-form",
            _ => null,
        };
        var values = formId is null
            ? new Dictionary<string, string> { ["__RequestVerificationToken"] = FormClient.Token(page), ["Move.Version"] = Version(page) }
            : FormClient.FormValues(page, formId);
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        return await client.PostAsync($"/options/{optionId}?handler={handler}", new FormUrlEncodedContent(values));
    }

    /// <summary>Posts and expects the save to go through (redirect back to the option).</summary>
    public static async Task SaveAsync(HttpClient client, Guid optionId, string handler, Dictionary<string, string> fields)
    {
        var response = await PostAsync(client, optionId, handler, fields);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await FormClient.ParseAsync(response);
            Assert.Fail($"{handler} was refused ({(int)response.StatusCode}): {string.Join(" | ", FormClient.Errors(page))}");
        }

        Assert.StartsWith($"/options/{optionId}", RedirectAssert.Target(response), StringComparison.Ordinal);
    }

    /// <summary>Posts and expects the form back (200) with its errors.</summary>
    public static async Task<IHtmlDocument> RefusedAsync(HttpClient client, Guid optionId, string handler, Dictionary<string, string> fields, IHtmlDocument? opened = null)
    {
        var response = await PostAsync(client, optionId, handler, fields, opened);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FormClient.ParseAsync(response);
    }

    public static string Version(IHtmlDocument page) =>
        page.QuerySelector("input[name='Details.Version']")?.GetAttribute("value") ?? throw new InvalidOperationException("No version on the page");

    /// <summary>The row index the links form gives a stream.</summary>
    public static int LinkRow(IHtmlDocument page, Guid streamId)
    {
        var hidden = page.QuerySelectorAll("#links-form input[type=hidden]").First(i => i.GetAttribute("value") == streamId.ToString() && i.GetAttribute("name")!.EndsWith(".StreamId", StringComparison.Ordinal));
        var name = hidden.GetAttribute("name")!;
        return int.Parse(name[(name.IndexOf('[', StringComparison.Ordinal) + 1)..name.IndexOf(']', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<CpOption> LoadAsync(CpTrainingFactory factory, Guid optionId)
    {
        await using var db = factory.NewDbContext();
        return await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId);
    }
}
