using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Options;
using CpTraining.TestSupport;
using CpTraining.Web.Tests.Balances;
using CpTraining.Web.Tests.Reports;
using DocumentFormat.OpenXml.Packaging;

namespace CpTraining.Web.Tests.Investment;

/// <summary>
/// Issue 15: the one-page investment project sheet of a selected option (web page, A4 PDF, share link) and the
/// programme's investment pipeline for banks (XLSX). Alpha's O2 "Heat recovery from dye baths": 48 000 invested,
/// a grant of 8 000 in year 0, half of the remaining 40 000 on a loan (9 %, 5 years) — so 8 000 + 20 000 + 20 000 —
/// 10 years at 8 %, 2026 prices, 21.5 t CO₂ a year avoided.
/// </summary>
public sealed class ProjectSheetTests : IClassFixture<CpTrainingFactory>
{
    private readonly CpTrainingFactory _factory;

    public ProjectSheetTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.ResetClock();
    }

    private static string Sheet(ReportSeed s, Guid optionId) => $"/programmes/{s.Programme.Id}/options/{optionId}/sheet";

    private static string Pipeline(ReportSeed s) => $"/programmes/{s.Programme.Id}/options/pipeline.xlsx";

    private async Task<(ReportSeed Seed, Guid OptionId)> SeedAsync()
    {
        var s = await ReportSeed.CreateAsync(_factory);
        var now = _factory.Clock.GetUtcNow();
        var option = CpOption.Create(
            s.Programme.Id, s.Alpha, 2, "Heat recovery from dye baths", "A plate heat exchanger preheats fresh water with the hot spent dye bath.",
            null, OptionCategory.OnSiteRecovery, OptionKind.Investment, now);
        option.ChangeEconomics(new EconomicInputs
        {
            Investment = [new("Heat exchanger", 40_000m), new("Installation", 8_000m)],
            Energy = 12_000m,
            Water = 1_500m,
            LifetimeYears = 10,
            DiscountRate = 0.08m,
            PriceYear = 2026,
            Grants = [new GrantLine("Green fund", 8_000m, 0, 1)],
            DebtShare = 0.5m,
            DebtInterestRate = 0.09m,
            DebtTermYears = 5,
        });
        option.ChangeReductions(Reductions.Create(1_200m, 95m, 21.5m, null, null, 800m, null, null));
        option.DescribeRisks("The supplier's delivery time may slip by a season.");
        foreach (var status in new[] { OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected })
        {
            option.MoveTo(status, null, null, now);
        }

        await using var db = _factory.NewDbContext();
        db.CpOptions.Add(option);
        await db.SaveChangesAsync();
        return (s, option.Id);
    }

    private static string Text(IHtmlDocument page, string selector) =>
        page.QuerySelector(selector)?.TextContent.Trim().Replace('\u00A0', ' ') ?? throw new InvalidOperationException(selector + " is missing");

    /// <summary>"12,345.67 UAH" or "18.25 %" as a number.</summary>
    private static decimal Number(string shown) =>
        decimal.Parse(Regex.Match(shown, @"-?[\d,]+(\.\d+)?").Value, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static decimal Cell(string text) => decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_sheet_shows_the_figures_of_the_economics_page_with_the_financing_split_and_units()
    {
        var (s, optionId) = await SeedAsync();
        var anna = await _factory.ClientAsync(s.Anna);
        var economics = await anna.GetDocumentAsync($"/options/{optionId}/economics");
        var sheet = await anna.GetDocumentAsync(Sheet(s, optionId));

        Assert.Equal(Text(economics, "#result-investment"), Text(sheet, "#sheet-investment"));
        Assert.Equal(Text(economics, "#result-npv"), Text(sheet, "#sheet-npv"));
        Assert.Equal(Text(economics, "#result-irr"), Text(sheet, "#sheet-irr"));
        Assert.Equal(Text(economics, "#result-payback"), Text(sheet, "#sheet-payback"));
        Assert.Equal(Text(economics, "#result-savings"), Text(sheet, "#sheet-savings"));
        Assert.Equal(Text(economics, "#equity-loan"), Text(sheet, "#sheet-loan"));
        Assert.Equal(Text(economics, "#equity-investment"), Text(sheet, "#sheet-equity"));

        // The financing need adds up: 8 000 grant + 20 000 loan + 20 000 own money = 48 000.
        Assert.Equal("48,000.00 UAH", Text(sheet, "#sheet-investment"));
        Assert.Equal("8,000.00 UAH", Text(sheet, "#sheet-grant"));
        Assert.Equal("20,000.00 UAH", Text(sheet, "#sheet-loan"));
        Assert.Equal("20,000.00 UAH", Text(sheet, "#sheet-equity"));
        Assert.EndsWith("years", Text(sheet, "#sheet-payback"), StringComparison.Ordinal);
        Assert.EndsWith("%", Text(sheet, "#sheet-irr"), StringComparison.Ordinal);
        Assert.Equal("at a discount rate of 8.00 % over 10 years", Text(sheet, "#sheet-npv-basis"));
        Assert.Contains("2026 prices", Text(sheet, "#sheet-price-basis"), StringComparison.Ordinal);
        Assert.Equal("21.5 t/yr", Text(sheet, "#sheet-co2"));
        Assert.Equal("95 MWh/yr", Text(sheet, "#sheet-energy"));
        Assert.Equal("1,200 m³/yr", Text(sheet, "#sheet-water"));
        Assert.Equal("The supplier's delivery time may slip by a season.", Text(sheet, "#sheet-risks"));
        Assert.Contains("Maria Manager", Text(sheet, "#sheet-contact"), StringComparison.Ordinal);
        Assert.Contains("Anna Adams", Text(sheet, "#sheet-contact"), StringComparison.Ordinal);
        Assert.Empty(sheet.QuerySelectorAll("main form"));
    }

    [Fact]
    public async Task The_sheet_pdf_is_one_a4_page_with_the_figures_and_their_units()
    {
        var (s, optionId) = await SeedAsync();
        var maria = await _factory.ClientAsync(s.Maria);
        var sheet = await maria.GetDocumentAsync(Sheet(s, optionId));

        var response = await maria.GetAsync(Sheet(s, optionId) + "?handler=Pdf");

        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        if (Environment.GetEnvironmentVariable("CPTRAINING_SHEET_PDF") is { Length: > 0 } keep)
        {
            await File.WriteAllBytesAsync(keep, pdf); // to look at it: pdftoppm -r 70 -png
        }

        var info = await Poppler.InfoAsync(pdf);
        Assert.Equal("1", Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value);
        Assert.Contains("(A4)", info, StringComparison.Ordinal);
        var text = Regex.Replace((await Poppler.TextAsync(pdf)).Replace('\u00A0', ' '), @"[ ]+", " ");
        foreach (var figure in new[] { "#sheet-investment", "#sheet-grant", "#sheet-loan", "#sheet-equity", "#sheet-savings", "#sheet-npv", "#sheet-irr", "#sheet-payback", "#sheet-co2" })
        {
            Assert.Contains(Text(sheet, figure), text, StringComparison.Ordinal);
        }

        Assert.Contains("48,000.00 UAH", text, StringComparison.Ordinal);
        Assert.Contains("21.5 t/yr", text, StringComparison.Ordinal);
        Assert.Contains("95 MWh/yr", text, StringComparison.Ordinal);
        Assert.Contains("1,200 m³/yr", text, StringComparison.Ordinal);
        Assert.Contains("8.00 %", text, StringComparison.Ordinal); // the discount rate the NPV is at
        Assert.Contains("2026 prices", text, StringComparison.Ordinal);
        Assert.Contains("RETScreen", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pipeline_xlsx_has_one_row_per_selected_option_with_the_figures_of_the_economics_page()
    {
        var (s, optionId) = await SeedAsync();
        var anna = await _factory.ClientAsync(s.Anna);
        var economics = await anna.GetDocumentAsync($"/options/{optionId}/economics");
        RedirectAssert.ToAccessDenied(await anna.GetAsync(Pipeline(s))); // an engineer sees one company, not the pipeline
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        Assert.NotNull((await coordinator.GetDocumentAsync($"/programmes/{s.Programme.Id}/report")).QuerySelector("#pipeline-link"));

        var response = await coordinator.GetAsync(Pipeline(s));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = SpreadsheetDocument.Open(stream, false);
        var cells = TransferSetup.Cells(document, "Investment pipeline");
        var header = cells.Where(c => Regex.IsMatch(c.Key, @"^[A-Z]+1$")).ToDictionary(c => c.Value, c => Regex.Match(c.Key, "^[A-Z]+").Value);
        Assert.Contains("Investment, UAH", header.Keys);
        Assert.Contains("CO₂ avoided, t/yr", header.Keys);
        Assert.Contains("IRR, %", header.Keys);
        Assert.Contains("Simple payback, years", header.Keys);
        var row = TransferSetup.RowOf(cells, "Heat recovery from dye baths", "D");
        string At(string column) => cells[header[column] + row];

        Assert.StartsWith("Alpha Textiles", At("Company"), StringComparison.Ordinal);
        Assert.Equal("Planned", At("Status"));
        Assert.Equal(Number(Text(economics, "#result-investment")), Cell(At("Investment, UAH")));
        Assert.Equal(Number(Text(economics, "#result-npv")), Math.Round(Cell(At("NPV, UAH")), 2));
        Assert.Equal(Number(Text(economics, "#result-irr")), Math.Round(Cell(At("IRR, %")), 2));
        Assert.Equal(Number(Text(economics, "#result-payback")), Math.Round(Cell(At("Simple payback, years")), 2));
        Assert.Equal(8_000m, Cell(At("Grant (year 0), UAH")));
        Assert.Equal(Number(Text(economics, "#equity-loan")), Cell(At("Loan, UAH")));
        Assert.Equal(Number(Text(economics, "#equity-investment")), Cell(At("Own money (equity), UAH")));
        Assert.Equal(21.5m, Cell(At("CO₂ avoided, t/yr")));
        Assert.Equal(1_200m, Cell(At("Water saved, m³/yr")));

        // Option 1 of the seed is selected too; nothing else is listed.
        Assert.True(TransferSetup.RowOf(cells, "Counter-current rinsing", "D") > 1);
        Assert.Equal(3, cells.Keys.Count(k => k.StartsWith('A') && Regex.IsMatch(k, @"^A\d+$")));
    }

    private static Dictionary<string, string> SheetLink(Guid optionId, string days = "14") => new()
    {
        ["Input.Scope"] = "OptionSheet",
        ["Input.OptionId"] = optionId.ToString(),
        ["Input.Recipient"] = "Eco Bank — I. Kovalenko",
        ["Input.Days"] = days,
    };

    private async Task<string> SheetLinkAsync(HttpClient coordinator, ReportSeed s, Guid optionId, string days = "14")
    {
        var created = await coordinator.PostFormAsync(s.ShareLinks, SheetLink(optionId, days), s.ShareLinks + "?handler=Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = await coordinator.GetDocumentAsync(s.ShareLinks);
        return new Uri(page.QuerySelector("#new-link")!.GetAttribute("value")!).PathAndQuery;
    }

    [Fact]
    public async Task A_share_link_opens_one_sheet_without_signing_in_and_a_revoked_or_expired_one_is_refused()
    {
        var (s, optionId) = await SeedAsync();
        var maria = await _factory.ClientAsync(s.Maria);
        await maria.PostFormAsync(s.AlphaReport, [], s.AlphaReport + "?handler=Consent");
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        var own = await coordinator.GetDocumentAsync(Sheet(s, optionId));
        var link = await SheetLinkAsync(coordinator, s, optionId);

        using var bank = _factory.NewClient();
        var response = await bank.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var shared = await FormClient.ParseAsync(response);
        Assert.Equal(Text(own, "#sheet-npv"), Text(shared, "#sheet-npv"));
        Assert.Equal(Text(own, "#sheet-loan"), Text(shared, "#sheet-loan"));
        Assert.Null(shared.QuerySelector("#financing")); // the sheet only, not the company's financing table
        Assert.Empty(shared.QuerySelectorAll("main form"));
        var pdf = await bank.GetAsync(link + "?handler=Pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.Contains(Text(own, "#sheet-npv"), (await Poppler.TextAsync(await pdf.Content.ReadAsByteArrayAsync())).Replace('\u00A0', ' '), StringComparison.Ordinal);
        var list = await coordinator.GetDocumentAsync(s.ShareLinks);
        Assert.Contains("Project sheet O2 Heat recovery from dye baths", list.QuerySelector(".share-link")!.TextContent, StringComparison.Ordinal);

        // Revoked: refused at once.
        var linkId = list.QuerySelector(".share-link")!.GetAttribute("data-link");
        await coordinator.PostFormAsync(s.ShareLinks, [], $"{s.ShareLinks}?handler=Revoke&linkId={linkId}");
        var revoked = await bank.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, revoked.StatusCode);
        Assert.Null((await FormClient.ParseAsync(revoked)).QuerySelector("#project-sheet"));

        // Expired: a one-day link a day and a minute later.
        var shortLink = await SheetLinkAsync(coordinator, s, optionId, days: "1");
        Assert.Equal(HttpStatusCode.OK, (await bank.GetAsync(shortLink)).StatusCode);
        _factory.Clock.Set(ReportSeed.FinalSessionDay1.AddDays(1).AddMinutes(1));
        var expired = await bank.GetAsync(shortLink);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.StartsWith("This link expired on", Text(await FormClient.ParseAsync(expired), "#share-refusal"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_the_managers_consent_no_sheet_link_is_made_and_withdrawing_it_ends_the_link()
    {
        var (s, optionId) = await SeedAsync();
        var coordinator = await _factory.ClientAsync(s.Coordinator);
        var refused = await FormClient.ParseAsync(await coordinator.PostFormAsync(s.ShareLinks, SheetLink(optionId), s.ShareLinks + "?handler=Create"));
        Assert.Equal(
            "A company's financing needs are shared only with its manager's consent, and this company's manager has not given it.",
            FormClient.FieldError(refused, "Input.CompanyId"));
        Assert.NotNull((await coordinator.GetDocumentAsync(s.ShareLinks)).QuerySelector("#no-links"));

        var maria = await _factory.ClientAsync(s.Maria);
        await maria.PostFormAsync(s.AlphaReport, [], s.AlphaReport + "?handler=Consent");
        var link = await SheetLinkAsync(coordinator, s, optionId);
        using var bank = _factory.NewClient();
        Assert.Equal(HttpStatusCode.OK, (await bank.GetAsync(link)).StatusCode);

        await maria.PostFormAsync(s.AlphaReport, [], s.AlphaReport + "?handler=WithdrawConsent");
        Assert.Equal(HttpStatusCode.Gone, (await bank.GetAsync(link)).StatusCode);
    }
}
