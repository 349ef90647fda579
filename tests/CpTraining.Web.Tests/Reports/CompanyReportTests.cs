using System.Net;
using CpTraining.Domain.Options;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Attendance;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Reports;

/// <summary>The company report as a web page and as a PDF with the same figures (issue 7, point 1; work in progress).</summary>
public sealed class CompanyReportTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    [Fact]
    public async Task The_company_report_shows_the_key_figures_on_the_page_and_in_the_pdf()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-60));
        var company = await factory.EnrolCompanyAsync(programme.Id, "Херсонський комбінат " + Guid.NewGuid().ToString("N")[..4]);
        var engineer = await factory.EngineerAsync(programme.Id, company.Id, "Oksana Engineer");
        var option = CpOption.Create(programme.Id, company.Id, 1, "Counter-current rinsing", null, null, OptionCategory.EquipmentModification, OptionKind.Investment, factory.Clock.GetUtcNow());
        // 10 000 invested, 3 000 saved a year: simple payback 3.3 years.
        option.ChangeEconomics(new EconomicInputs { Investment = [new("Tanks", 10_000m)], Water = 3_000m, LifetimeYears = 5, DiscountRate = 0.10m });
        foreach (var s in new[] { OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected })
        {
            option.MoveTo(s, null, null, factory.Clock.GetUtcNow());
        }

        await using (var db = factory.NewDbContext())
        {
            db.CpOptions.Add(option);
            await db.SaveChangesAsync();
        }

        var client = await factory.ClientAsync(engineer);
        var url = $"/programmes/{programme.Id}/companies/{company.Id}/report";
        var page = await client.GetDocumentAsync(url);
        Assert.Equal(company.Name, page.QuerySelector("#report-company")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#draft-mark"));
        Assert.Contains("Counter-current rinsing", page.QuerySelector("#financing")!.TextContent, StringComparison.Ordinal);

        var response = await client.GetAsync(url + "?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var text = await Poppler.TextAsync(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(company.Name, text, StringComparison.Ordinal);
        Assert.Contains("Counter-current rinsing", text, StringComparison.Ordinal);
        Assert.Contains("3.3", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_report_shows_the_cost_curve_and_cash_flow_of_the_selected_options_and_the_verified_results_with_their_evidence()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-60));
        var company = await factory.EnrolCompanyAsync(programme.Id, "Mill " + Guid.NewGuid().ToString("N")[..6]);
        var engineer = await factory.EngineerAsync(programme.Id, company.Id, "Oksana Engineer");
        var trainer = await factory.PersonAsync(Roles.Trainer, "Taras Trainer");
        await factory.AssignTrainerAsync(programme.Id, company.Id, trainer);
        var now = factory.Clock.GetUtcNow();

        // O1 selected: 10 000 invested, 3 000 saved a year, 20 t CO₂ avoided a year: on the cost curve.
        // O2 selected: 40 000 invested, 15 000 saved a year; its results are entered on its achieved page below.
        var o1 = CpOption.Create(programme.Id, company.Id, 1, "Heat recovery from rinse water", null, null, OptionCategory.EquipmentModification, OptionKind.Investment, now);
        o1.ChangeEconomics(new EconomicInputs { Investment = [new("Exchanger", 10_000m)], Energy = 3_000m, LifetimeYears = 10, DiscountRate = 0.10m });
        o1.ChangeReductions(Reductions.Create(null, null, 20m, null, null, null, null, null));
        var o2 = CpOption.Create(programme.Id, company.Id, 2, "Closed-loop cooling", null, null, OptionCategory.EquipmentModification, OptionKind.Investment, now);
        o2.ChangeEconomics(new EconomicInputs { Investment = [new("Cooling tower", 40_000m)], Water = 15_000m, LifetimeYears = 10, DiscountRate = 0.10m });
        o2.ChangeReductions(Reductions.Create(5_000m, null, null, null, null, null, null, null));
        foreach (var o in new[] { o1, o2 })
        {
            foreach (var s in new[] { OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected })
            {
                o.MoveTo(s, null, null, now);
            }
        }

        await using (var db = factory.NewDbContext())
        {
            db.CpOptions.AddRange(o1, o2);
            await db.SaveChangesAsync();
        }

        var client = await factory.ClientAsync(engineer);
        var trainerClient = await factory.ClientAsync(trainer);
        var achieved = $"/options/{o2.Id}/achieved";
        var form = FormClient.FormValues(await client.GetDocumentAsync(achieved), "#achieved-form");
        form["Input.ImplementedOn"] = factory.Clock.Today.AddDays(-5).ToString("yyyy-MM-dd");
        form["Input.ActualInvestment"] = "42000";
        form["Input.AnnualSavings"] = "13500";
        form["Input.WaterCubicMetres"] = "4600";
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in form)
        {
            content.Add(new StringContent(value), name);
        }

        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "Input.Files", "water-meter-readings.png");
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostAsync(achieved + "?handler=Implement", content)).StatusCode);
        var trainerPage = await trainerClient.GetDocumentAsync(achieved);
        Assert.Equal(HttpStatusCode.Redirect, (await trainerClient.PostAsync(achieved + "?handler=Verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormClient.Token(trainerPage, "#verify-form"),
            ["Input.Version"] = trainerPage.QuerySelector("#verify-form input[name='Input.Version']")!.GetAttribute("value")!,
        }))).StatusCode);

        var page = await client.GetDocumentAsync($"/programmes/{programme.Id}/companies/{company.Id}/report");

        var curve = page.QuerySelector("#cost-curve-chart")!;
        Assert.Equal("Cost of avoiding a tonne of CO₂", curve.QuerySelector("figcaption")!.TextContent.Trim());
        Assert.Equal("Cost of avoiding a tonne of CO₂", curve.QuerySelector("svg title")!.TextContent.Trim());
        Assert.Contains("O1 Heat recovery from rinse water", curve.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Closed-loop cooling", curve.QuerySelector("table")!.TextContent, StringComparison.Ordinal); // no CO₂ avoided
        var cash = page.QuerySelector("#cash-flow-chart")!;
        Assert.Equal("Cumulative cash flow of the selected options", cash.QuerySelector("figcaption")!.TextContent.Trim());
        Assert.Equal("Cumulative cash flow of the selected options", cash.QuerySelector("svg title")!.TextContent.Trim());

        var section = page.QuerySelector($"#achieved [data-option='{o2.Id}']")!;
        Assert.Contains("O2 Closed-loop cooling", section.QuerySelector("h3")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Verified", section.TextContent, StringComparison.Ordinal);
        // The figures typed on the achieved page, next to the planned ones (whole numbers in the report, en culture).
        Assert.Equal("42,000 UAH", Cell(section, "investment", "achieved"));
        Assert.Equal("40,000 UAH", Cell(section, "investment", "planned"));
        Assert.Equal("13,500 UAH", Cell(section, "savings", "achieved"));
        Assert.Equal("15,000 UAH", Cell(section, "savings", "planned"));
        Assert.Equal("4,600", Cell(section, "water", "achieved"));
        Assert.Equal("5,000", Cell(section, "water", "planned"));
        Assert.Equal(["water-meter-readings.png"], section.QuerySelectorAll(".report-evidence li").Select(li => li.TextContent.Trim()));
        Assert.Null(page.QuerySelector($"#achieved [data-option='{o1.Id}']")); // selected, nothing achieved yet
    }

    private static string Cell(AngleSharp.Dom.IElement section, string figure, string column) =>
        section.QuerySelector($"tr[data-figure='{figure}'] td[data-{column}]")!.TextContent.Trim();
}
