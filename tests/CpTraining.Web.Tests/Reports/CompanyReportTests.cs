using System.Net;
using CpTraining.Domain.Options;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Attendance;
using CpTraining.Web.Tests.Infrastructure;

namespace CpTraining.Web.Tests.Reports;

/// <summary>The company report as a web page and as a PDF with the same figures (issue 7, point 1; work in progress).</summary>
public sealed class CompanyReportTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
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
}
