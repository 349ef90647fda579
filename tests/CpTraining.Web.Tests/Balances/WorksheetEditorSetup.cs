using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Balances;

/// <summary>A programme with companies A and B, their engineers, A's manager, and helpers to drive the worksheet pages.</summary>
internal static class WorksheetEditorSetup
{
    public sealed record World(Guid ProgrammeId, Guid A, Guid B, HttpClient EngineerA, HttpClient ManagerA, HttpClient EngineerB, HttpClient Coordinator)
    {
        public string List(Guid companyId) => $"/programmes/{ProgrammeId}/companies/{companyId}/worksheets";
    }

    public static async Task<World> CreateAsync(CpTrainingFactory factory, string country = "Ukraine")
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-10), country: country);
        var a = await factory.EnrolCompanyAsync(programme.Id, "Company A");
        var b = await factory.EnrolCompanyAsync(programme.Id, "Company B");
        var engineerA = await factory.CreateUserAsync(Roles.Engineer);
        var managerA = await factory.CreateUserAsync(Roles.Manager);
        var engineerB = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineerA, ProgrammeRole.Engineer, a.Id);
        await factory.AddMemberAsync(programme.Id, managerA, ProgrammeRole.Manager, a.Id);
        await factory.AddMemberAsync(programme.Id, engineerB, ProgrammeRole.Engineer, b.Id);
        return new World(
            programme.Id, a.Id, b.Id,
            await factory.ClientAsync(engineerA), await factory.ClientAsync(managerA), await factory.ClientAsync(engineerB), await factory.ClientAsync(coordinator));
    }

    /// <summary>Creates a worksheet through the list page; returns its id.</summary>
    public static async Task<Guid> CreateWorksheetAsync(HttpClient client, World world, string name = "Dyeing line")
    {
        var page = await client.GetDocumentAsync(world.List(world.A));
        var form = FormClient.FormValues(page, "#new-worksheet");
        form["Input.Name"] = name;
        form["Input.FocusProcess"] = "Reactive dyeing of cotton knitwear";
        var response = await client.PostAsync(world.List(world.A) + "?handler=Create", new FormUrlEncodedContent(form));
        var target = RedirectAssert.Target(response);
        Assert.StartsWith("/worksheets/", target, StringComparison.Ordinal);
        return Guid.Parse(target["/worksheets/".Length..].Split('?', '#')[0]);
    }

    public static string Editor(Guid worksheetId, string? culture = null) =>
        $"/worksheets/{worksheetId}" + (culture is null ? string.Empty : "?culture=" + culture);

    /// <summary>
    /// Opens the editor (in <paramref name="culture"/>), takes the named form's values (or the token and version only
    /// for the small row forms), overrides them with <paramref name="fields"/> and posts to the handler.
    /// </summary>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client, Guid worksheetId, string handler, Dictionary<string, string> fields, string? culture = null, IHtmlDocument? openedPage = null)
    {
        var page = openedPage ?? await client.GetDocumentAsync(Editor(worksheetId, culture));
        var formId = handler switch
        {
            "Details" => "#details-form",
            "SaveStep" => "#step-form",
            "SaveStream" => "#stream-form",
            "SaveEnergy" => "#energy-form",
            _ => null,
        };
        var values = formId is null
            ? new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = FormClient.Token(page),
                ["version"] = Version(page),
            }
            : FormClient.FormValues(page, formId);
        foreach (var (key, value) in fields)
        {
            values[key] = value;
        }

        var url = $"/worksheets/{worksheetId}?handler={handler}" + (culture is null ? string.Empty : "&culture=" + culture);
        return await client.PostAsync(url, new FormUrlEncodedContent(values));
    }

    /// <summary>Posts and expects the save to go through (redirect back to the editor).</summary>
    public static async Task SaveAsync(HttpClient client, Guid worksheetId, string handler, Dictionary<string, string> fields, string? culture = null)
    {
        var response = await PostAsync(client, worksheetId, handler, fields, culture);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await FormClient.ParseAsync(response);
            Assert.Fail($"{handler} was refused ({(int)response.StatusCode}): {string.Join(" | ", FormClient.Errors(page))}");
        }

        Assert.StartsWith($"/worksheets/{worksheetId}", RedirectAssert.Target(response), StringComparison.Ordinal);
    }

    public static string Version(IHtmlDocument page) =>
        page.QuerySelector("input[name='Details.Version']")?.GetAttribute("value") ?? throw new InvalidOperationException("No version on the page");

    public static async Task<Worksheet> LoadAsync(CpTrainingFactory factory, Guid worksheetId)
    {
        await using var db = factory.NewDbContext();
        return await db.Worksheets.AsNoTracking()
            .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
            .AsSplitQuery()
            .SingleAsync(w => w.Id == worksheetId);
    }

    public static async Task<Guid> StepIdAsync(CpTrainingFactory factory, Guid worksheetId, string name) =>
        (await LoadAsync(factory, worksheetId)).Steps.Single(s => s.Name == name).Id;

    public static Dictionary<string, string> Stream(string name, string material, Guid? from, Guid? to, string quantity, string unit = "Tonne") => new()
    {
        ["Stream.Name"] = name,
        ["Stream.Material"] = material,
        ["Stream.FromStepId"] = from?.ToString() ?? string.Empty,
        ["Stream.ToStepId"] = to?.ToString() ?? string.Empty,
        ["Stream.Quantity"] = quantity,
        ["Stream.Unit"] = unit,
    };
}
