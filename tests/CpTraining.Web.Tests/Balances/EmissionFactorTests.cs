using System.Net;
using CpTraining.Domain.Balances;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.Balances.BalanceSetup;

namespace CpTraining.Web.Tests.Balances;

/// <summary>
/// The emission factor table: everyone signed in reads the defaults (with their sources) and the overrides;
/// administrators and coordinators add, change and remove overrides, with field errors and the xmin concurrency
/// check; an override changes the CO₂ on the balance page.
/// </summary>
public sealed class EmissionFactorTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private const string Url = "/emission-factors";

    [Fact]
    public async Task Everyone_signed_in_sees_the_defaults_with_their_sources_but_only_managers_see_the_form()
    {
        var (engineerClient, _) = await factory.SignedInClientAsync(Roles.Engineer);

        var page = await engineerClient.GetDocumentAsync(Url + "?culture=en");

        var gas = page.QuerySelectorAll("#defaults tbody tr").Single(r => r.TextContent.Contains("Natural gas"));
        Assert.Contains("All countries", gas.TextContent);
        Assert.Contains("56.1 t CO₂/TJ", gas.TextContent);
        Assert.Contains("IPCC 2006", gas.TextContent);
        Assert.Contains(page.QuerySelectorAll("#defaults tbody tr"), r => r.TextContent.Contains("Ukraine") && r.TextContent.Contains("0.316 t CO₂/MWh"));
        Assert.Null(page.QuerySelector("#factor-form"));

        var (coordinatorClient, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        Assert.NotNull((await coordinatorClient.GetDocumentAsync(Url)).QuerySelector("#factor-form"));
    }

    [Fact]
    public async Task An_override_changes_the_co2_on_the_balance_page()
    {
        // 1 000 MWh of natural gas = 3.6 TJ: default 3.6 × 56.1 = 201.96 t; with Ukraine's own 55,5 t/TJ (typed with
        // the Ukrainian decimal comma) 3.6 × 55.5 = 199.80 t.
        var (programmeId, companyId, engineer) = await CompanyAsync(factory);
        var w = Worksheet.Create(programmeId, companyId, "Boiler house", null, "UAH", factory.Clock.GetUtcNow());
        var boiler = w.AddStep("Boiler");
        w.AddEnergyStream(new EnergyStreamSpec("Gas", boiler.Id, EnergyCarrier.NaturalGas, Quantity.Of(1_000m, Unit.MegawattHour)));
        var id = await SaveAsync(factory, w);
        var engineerClient = await factory.ClientAsync(engineer);
        Assert.Equal("201.96", Co2(await engineerClient.GetDocumentAsync(Balance(id) + "?culture=en")));

        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var saved = await coordinator.PostFormAsync(Url + "?culture=uk", new()
        {
            ["Input.Country"] = "Ukraine",
            ["Input.Carrier"] = nameof(EnergyCarrier.NaturalGas),
            ["Input.TonnesCo2"] = "55,5",
            ["Input.PerUnit"] = nameof(Unit.Terajoule),
            ["Input.Source"] = "National inventory report 2025, table A3.1",
        }, Url + "?handler=Save&culture=uk");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var page = await engineerClient.GetDocumentAsync(Balance(id) + "?culture=en");
        Assert.Equal("199.80", Co2(page));
        Assert.Contains("National inventory report 2025", page.QuerySelector("#energy-lines .factor-source")!.TextContent);
        Assert.Equal("55.5 t CO₂/TJ", page.QuerySelector("#energy-lines .factor-value")!.TextContent.Trim());

        // Removed again, the default applies.
        var factorId = await FactorIdAsync("Ukraine", EnergyCarrier.NaturalGas);
        var list = await coordinator.GetDocumentAsync(Url);
        var removeForm = FormClient.FormValues(list, $"#overrides tr[data-factor='{factorId}'] form");
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostAsync(Url + "?handler=Remove", new FormUrlEncodedContent(removeForm))).StatusCode);
        Assert.Equal("201.96", Co2(await engineerClient.GetDocumentAsync(Balance(id) + "?culture=en")));
    }

    [Fact]
    public async Task Bad_input_is_shown_next_to_the_fields_and_kept()
    {
        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);

        var response = await coordinator.PostFormAsync(Url + "?culture=en", new()
        {
            ["Input.Country"] = "Moldova",
            ["Input.Carrier"] = nameof(EnergyCarrier.Electricity),
            ["Input.TonnesCo2"] = "0.4.5",
            ["Input.PerUnit"] = nameof(Unit.Kilogram),
            ["Input.Source"] = "",
        }, Url + "?handler=Save&culture=en");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.NotNull(FormClient.FieldError(page, "Input.TonnesCo2"));
        Assert.Equal("Choose MWh, GJ, TJ or Gcal.", FormClient.FieldError(page, "Input.PerUnit"));
        Assert.Equal("Name the source of the factor.", FormClient.FieldError(page, "Input.Source"));
        Assert.Equal("0.4.5", page.QuerySelector("#Input_TonnesCo2")!.GetAttribute("value"));
        Assert.Equal("Moldova", page.QuerySelector("#Input_Country")!.GetAttribute("value"));

        // A negative factor is refused by the domain, next to its field.
        var negative = await FormClient.ParseAsync(await coordinator.PostFormAsync(Url + "?culture=en", new()
        {
            ["Input.Country"] = "Moldova",
            ["Input.Carrier"] = nameof(EnergyCarrier.Electricity),
            ["Input.TonnesCo2"] = "-0.4",
            ["Input.PerUnit"] = nameof(Unit.MegawattHour),
            ["Input.Source"] = "Made up",
        }, Url + "?handler=Save&culture=en"));
        Assert.Equal("An emission factor cannot be negative.", FormClient.FieldError(negative, "Input.TonnesCo2"));
        await using var db = factory.NewDbContext();
        Assert.False(await db.EmissionFactors.AnyAsync(f => f.Country == "Moldova"));
    }

    [Fact]
    public async Task A_second_factor_for_the_same_country_and_carrier_is_refused()
    {
        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var fields = new Dictionary<string, string>
        {
            ["Input.Country"] = "Croatia",
            ["Input.Carrier"] = nameof(EnergyCarrier.Electricity),
            ["Input.TonnesCo2"] = "0.2",
            ["Input.PerUnit"] = nameof(Unit.MegawattHour),
            ["Input.Source"] = "HEP 2024",
        };
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync(Url, new(fields), Url + "?handler=Save")).StatusCode);

        fields["Input.Country"] = "croatia";
        var again = await coordinator.PostFormAsync(Url + "?culture=en", new(fields), Url + "?handler=Save&culture=en");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("already a factor", FormClient.FieldError(await FormClient.ParseAsync(again), "Input.Carrier"));
    }

    [Fact]
    public async Task Two_people_changing_the_same_factor_do_not_overwrite_each_other()
    {
        var admin = await factory.CreateUserAsync(Roles.Administrator);
        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var adminClient = await factory.ClientAsync(admin);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync(Url, new()
        {
            ["Input.Country"] = "Poland",
            ["Input.Carrier"] = nameof(EnergyCarrier.Coal),
            ["Input.TonnesCo2"] = "94",
            ["Input.PerUnit"] = nameof(Unit.Terajoule),
            ["Input.Source"] = "KOBiZE 2024",
        }, Url + "?handler=Save")).StatusCode);
        var id = await FactorIdAsync("Poland", EnergyCarrier.Coal);

        // Both open the edit form; the administrator saves first.
        var first = FormClient.FormValues(await adminClient.GetDocumentAsync($"{Url}?edit={id}"), "#factor-form");
        var second = FormClient.FormValues(await coordinator.GetDocumentAsync($"{Url}?edit={id}&culture=en"), "#factor-form");
        first["Input.TonnesCo2"] = "95";
        Assert.Equal(HttpStatusCode.Redirect, (await adminClient.PostAsync(Url + "?handler=Save", new FormUrlEncodedContent(first))).StatusCode);

        second["Input.TonnesCo2"] = "96";
        var refused = await coordinator.PostAsync(Url + "?handler=Save&culture=en", new FormUrlEncodedContent(second));

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await FormClient.ParseAsync(refused);
        Assert.Contains(FormClient.Errors(page), e => e.StartsWith("Someone else changed this factor", StringComparison.Ordinal));
        Assert.Equal("96", page.QuerySelector("#Input_TonnesCo2")!.GetAttribute("value"));
        await using (var db = factory.NewDbContext())
        {
            Assert.Equal(95m, await db.EmissionFactors.Where(f => f.Id == id).Select(f => f.TonnesCo2).SingleAsync());
        }

        // Saving again (now against the current version) replaces the value.
        var retry = FormClient.FormValues(page, "#factor-form");
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostAsync(Url + "?handler=Save", new FormUrlEncodedContent(retry))).StatusCode);
        await using var read = factory.NewDbContext();
        Assert.Equal(96m, await read.EmissionFactors.Where(f => f.Id == id).Select(f => f.TonnesCo2).SingleAsync());
    }

    [Fact]
    public async Task Engineers_trainers_and_managers_may_not_change_factors()
    {
        var (coordinator, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await coordinator.PostFormAsync(Url, new()
        {
            ["Input.Country"] = "Serbia",
            ["Input.Carrier"] = nameof(EnergyCarrier.Electricity),
            ["Input.TonnesCo2"] = "0.7",
            ["Input.PerUnit"] = nameof(Unit.MegawattHour),
            ["Input.Source"] = "EPS",
        }, Url + "?handler=Save")).StatusCode);
        var id = await FactorIdAsync("Serbia", EnergyCarrier.Electricity);

        foreach (var role in new[] { Roles.Engineer, Roles.Trainer, Roles.Manager })
        {
            var (client, _) = await factory.SignedInClientAsync(role);
            var page = await client.GetDocumentAsync(Url);
            Assert.Null(page.QuerySelector("#factor-form"));
            Assert.Null(page.QuerySelector("#overrides form"));
            var token = FormClient.Token(page);
            RedirectAssert.ToAccessDenied(await client.GetAsync($"{Url}?edit={id}"));
            RedirectAssert.ToAccessDenied(await client.PostAsync(Url + "?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["Input.Id"] = id.ToString(),
                ["Input.Country"] = "Serbia",
                ["Input.Carrier"] = nameof(EnergyCarrier.Electricity),
                ["Input.TonnesCo2"] = "0",
                ["Input.PerUnit"] = nameof(Unit.MegawattHour),
                ["Input.Source"] = "Hijacked",
            })));
            RedirectAssert.ToAccessDenied(await client.PostAsync(Url + "?handler=Remove", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["id"] = id.ToString(),
            })));
        }

        await using var db = factory.NewDbContext();
        var kept = await db.EmissionFactors.SingleAsync(f => f.Id == id);
        Assert.Equal((0.7m, "EPS"), (kept.TonnesCo2, kept.Source));
        RedirectAssert.ToSignIn(await factory.NewClient().GetAsync(Url), Url);
    }

    private static string Co2(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("#energy-lines tbody tr").Single(r => r.TextContent.Contains("Gas")).QuerySelector(".co2")!.TextContent.Trim();

    private async Task<Guid> FactorIdAsync(string country, EnergyCarrier carrier)
    {
        await using var db = factory.NewDbContext();
        return await db.EmissionFactors.Where(f => f.Country == country && f.Carrier == carrier).Select(f => f.Id).SingleAsync();
    }
}
