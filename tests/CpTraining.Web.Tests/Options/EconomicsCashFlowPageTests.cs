using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Options;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.Balances.BalanceSetup;
using static CpTraining.Web.Tests.Options.OptionsSetup;

namespace CpTraining.Web.Tests.Options;

/// <summary>
/// Cash flows as real projects have them, through the economics form over HTTP: the year-by-year grid, grants, a loan,
/// income tax, the price year, a decommissioning cost with two IRRs, the sensitivity table and the break-even values;
/// every refusal next to its field with the input kept. Expected figures are worked by hand in the comments.
/// </summary>
public sealed class EconomicsCashFlowPageTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private async Task<(Guid OptionId, HttpClient Engineer)> NewOptionAsync()
    {
        var (programmeId, companyId, engineer) = await CompanyAsync(factory);
        var option = Option(programmeId, companyId, 1, "Membrane filtration", factory.Clock.GetUtcNow());
        await SaveAsync(factory, option);
        return (option.Id, await factory.ClientAsync(engineer));
    }

    private static Dictionary<string, string> Form(IHtmlDocument page) => FormClient.FormValues(page, "#economics-form");

    private static async Task<IHtmlDocument> PostAsync(HttpClient client, Guid optionId, Dictionary<string, string> form, string handler = "Save")
    {
        var response = await client.PostAsync($"{EconomicsUrl(optionId)}?handler={handler}", new FormUrlEncodedContent(form));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FormClient.ParseAsync(response);
    }

    private static string Text(IHtmlDocument page, string selector) => page.QuerySelector(selector)!.TextContent.Trim();

    /// <summary>Investment 10 000, energy savings 3 000 a year, 5 years at 10 %, the grid shown for the lifetime.</summary>
    private static async Task<Dictionary<string, string>> GridAsync(HttpClient client, Guid optionId)
    {
        var form = Form(await client.GetDocumentAsync(EconomicsUrl(optionId)));
        form["Input.Investment[0].Description"] = "Membrane unit";
        form["Input.Investment[0].Amount"] = "10000";
        form["Input.Energy"] = "3000";
        form["Input.LifetimeYears"] = "5";
        form["Input.DiscountRate"] = "10";
        var page = await PostAsync(client, optionId, form, "Grid");
        Assert.Equal([1, 2, 3, 4, 5], page.QuerySelectorAll("#year-grid-table tbody tr").Select(r => int.Parse(r.GetAttribute("data-year")!, System.Globalization.CultureInfo.InvariantCulture)));
        return Form(page);
    }

    /// <summary>
    /// A ramp-up year, a grant and a loan. Flows: year 0 −10 000 + grant 2 000 = −8 000; year 1 1 500 (half output);
    /// years 2–5 3 000. NPV = −8 000 + 1 500/1.1 + 3 000 × (3.790787 − 0.909091) = 2 008.72.
    /// Simple payback (RETScreen) = (10 000 − 2 000) ÷ 1 500 = 5.33 years; the cumulative flow −8 000, −6 500, −3 500,
    /// −500, +2 500 turns positive after 3 + 500/3 000 = 3.17 years.
    /// Loan 50 % of (10 000 − 2 000) = 4 000 at 8 % over 3 years: 4 000 × 0.08 ÷ (1 − 1.08⁻³) = 1 552.13 a year. Equity
    /// flows −4 000, −52.13, 1 447.87, 1 447.87, 3 000, 3 000: NPV at 10 % = 2 148.80; IRR 23.58 % (bisection on these
    /// flows); cumulative −4 000, −4 052.13, −2 604.26, −1 156.39, +1 843.61: equity payback 3 + 1 156.39/3 000 = 3.39.
    /// </summary>
    [Fact]
    public async Task An_engineer_enters_a_ramp_up_year_a_grant_and_a_loan_and_reads_project_and_equity_figures()
    {
        var (optionId, client) = await NewOptionAsync();
        var form = await GridAsync(client, optionId);
        form["Input.PriceYear"] = "2026";
        form["Input.Years[0].Savings"] = "1500";
        form["Input.Grants[0].Description"] = "Energy-efficiency fund";
        form["Input.Grants[0].Amount"] = "2000";
        form["Input.Grants[0].FirstYear"] = "0";
        form["Input.DebtShare"] = "50";
        form["Input.DebtInterestRate"] = "8";
        form["Input.DebtTermYears"] = "3";

        var page = await PostAsync(client, optionId, form);

        Assert.Empty(FormClient.Errors(page));
        Assert.Equal("2,008.72\u00A0UAH", Text(page, "#result-npv"));
        Assert.StartsWith("5.33 years", Text(page, "#result-payback"), StringComparison.Ordinal);
        Assert.StartsWith("after 3.17 years", Text(page, "#result-year-to-positive"), StringComparison.Ordinal);
        Assert.StartsWith("10,000.00\u00A0UAH", Text(page, "#result-investment"), StringComparison.Ordinal); // the grant is not a smaller investment
        Assert.StartsWith("2,000.00\u00A0UAH", Text(page, "#result-grants"), StringComparison.Ordinal);
        Assert.StartsWith("4,000.00\u00A0UAH", Text(page, "#equity-loan"), StringComparison.Ordinal);
        Assert.Equal("1,552.13\u00A0UAH", Text(page, "#equity-payment"));
        Assert.Equal("4,000.00\u00A0UAH", Text(page, "#equity-investment"));
        Assert.Equal("2,148.80\u00A0UAH", Text(page, "#equity-npv"));
        Assert.StartsWith("23.58\u00A0%", Text(page, "#equity-irr"), StringComparison.Ordinal);
        Assert.StartsWith("3.39 years", Text(page, "#equity-payback"), StringComparison.Ordinal);
        Assert.Contains("2026 prices", Text(page, "#price-basis"), StringComparison.Ordinal);
        // Both payback conventions are written on the page.
        var conventions = Text(page, "#conventions");
        Assert.Contains("Simple payback (as RETScreen)", conventions, StringComparison.Ordinal);
        Assert.Contains("Year to positive cash flow", conventions, StringComparison.Ordinal);
        // The table has a grants and a loan column; year 1 shows the ramp-up.
        var year1 = page.QuerySelector("#cash-flow-table tr[data-year='1']")!.TextContent;
        Assert.Contains("1,500.00", year1, StringComparison.Ordinal);
        // The form reads back what was typed; untouched grid years stay blank.
        var again = Form(page);
        Assert.Equal(("1500", "", "Energy-efficiency fund", "50", "3"), (again["Input.Years[0].Savings"], again["Input.Years[1].Savings"], again["Input.Grants[0].Description"], again["Input.DebtShare"], again["Input.DebtTermYears"]));

        await using var db = factory.NewDbContext();
        var saved = (await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId)).Economics!;
        Assert.Equal([new YearAmounts(1, 1_500m, 0m, 0m)], saved.YearOverrides);
        Assert.Equal([new GrantLine("Energy-efficiency fund", 2_000m, 0, 1)], saved.Grants);
        Assert.Equal((0.5m, 0.08m, 3, 2026), (saved.DebtShare, saved.DebtInterestRate, saved.DebtTermYears, saved.PriceYear));
    }

    /// <summary>
    /// Tax 20 %, straight-line depreciation over 5 years (2 000 a year), an extra cost of 500 in year 2 and a replacement
    /// of 4 000 in year 3. After-tax flows: taxable = savings − extra − replacement − 2 000; year 1: 3 000 − 200 = 2 800;
    /// year 2: 2 500 − 20 % × 500 = 2 400; year 3: −1 000 − 20 % × (−3 000) = −400; years 4–5: 2 800.
    /// NPV after tax = −10 000 + 2 800/1.1 + 2 400/1.21 − 400/1.331 + 2 800/1.4641 + 2 800/1.61051 = −10 000 + 2 545.45 +
    /// 1 983.47 − 300.53 + 1 912.44 + 1 738.58 = −2 120.58.
    /// </summary>
    [Fact]
    public async Task Income_tax_an_extra_cost_and_a_replacement_give_the_after_tax_figures()
    {
        var (optionId, client) = await NewOptionAsync();
        var form = await GridAsync(client, optionId);
        form["Input.Years[1].ExtraCosts"] = "500";
        form["Input.Years[2].Replacement"] = "4000";
        form["Input.IncomeTaxRate"] = "20";

        var page = await PostAsync(client, optionId, form);

        Assert.Empty(FormClient.Errors(page));
        Assert.Equal("-2,120.58\u00A0UAH", Text(page, "#after-tax-npv"));
        var year3 = page.QuerySelector("#cash-flow-table tr[data-year='3']")!.TextContent;
        Assert.Contains("4,000.00", year3, StringComparison.Ordinal);
        Assert.Contains("-400.00", year3, StringComparison.Ordinal);
    }

    /// <summary>
    /// The textbook pump: −1 600 now, +10 000 in year 1, −10 000 in year 2 (a decommissioning cost). NPV is zero at 25 %
    /// (8 000 − 6 400 = 1 600) and at 400 % (2 000 − 400 = 1 600); entered through the form it reaches the "several
    /// rates" display, with the rule for the one shown.
    /// </summary>
    [Fact]
    public async Task A_decommissioning_cost_entered_in_the_form_reaches_the_several_rates_display()
    {
        var (optionId, client) = await NewOptionAsync();
        var form = Form(await client.GetDocumentAsync(EconomicsUrl(optionId)));
        form["Input.Investment[0].Description"] = "Pump";
        form["Input.Investment[0].Amount"] = "1600";
        form["Input.Other"] = "10000";
        form["Input.LifetimeYears"] = "2";
        form["Input.DiscountRate"] = "10";
        form["Input.SalvageValue"] = "-10000";
        form = Form(await PostAsync(client, optionId, form, "Grid"));
        form["Input.Years[1].Savings"] = "0";

        var page = await PostAsync(client, optionId, form);

        Assert.Empty(FormClient.Errors(page));
        var several = Text(page, "#irr-several");
        Assert.Contains("25.00\u00A0%; 400.00\u00A0%", several, StringComparison.Ordinal);
        Assert.Contains("the non-negative rate closest to zero", several, StringComparison.Ordinal);
        Assert.StartsWith("25.00\u00A0%", Text(page, "#result-irr"), StringComparison.Ordinal);
        Assert.NotEqual("none", Text(page, "#result-mirr"));
    }

    /// <summary>
    /// The base case (investment 10 000, 3 000 a year, 5 years, 10 %): NPV 1 372.36. Savings −20 %: −10 000 + 2 400 ×
    /// 3.790787 = −902.11. Break-even of the savings: 10 000 ÷ 11 372.36 = 0.8793, a fall of 12 %; of the investment:
    /// +13.72 %, shown as 14 %; lifetime: 4 years gives −10 000 + 3 000 × 3.169865 = −490.40, so 5 years are needed.
    /// </summary>
    [Fact]
    public async Task The_tornado_chart_and_the_break_even_values_are_shown_in_words()
    {
        var (optionId, client) = await NewOptionAsync();
        var form = await GridAsync(client, optionId);

        var page = await PostAsync(client, optionId, form);

        Assert.NotNull(page.QuerySelector("#tornado-chart svg"));
        Assert.Equal(5, page.QuerySelectorAll("#tornado-chart svg g.bar").Length); // investment, savings, energy price, discount rate, lifetime (no raw-material saving)
        var savingsRow = page.QuerySelector("#sensitivity-table tr[data-parameter='Savings']")!;
        Assert.StartsWith("-902", savingsRow.QuerySelectorAll("td .sens-npv")[0].TextContent, StringComparison.Ordinal);
        Assert.Equal("Stays profitable until the savings fall by 12\u00A0%.", Text(page, "#break-even li[data-parameter='Savings']"));
        Assert.Equal("Stays profitable until the investment rises by 14\u00A0%.", Text(page, "#break-even li[data-parameter='Investment']"));
        Assert.Equal("Stays profitable with a lifetime down to 5 years.", Text(page, "#break-even li[data-parameter='Lifetime']"));
        Assert.StartsWith("Stays profitable up to a discount rate of 15.24", Text(page, "#break-even li[data-parameter='DiscountRate']"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Input.Years[0].Savings", "lots", "Input.Years[0].Savings")]
    [InlineData("Input.Years[1].ExtraCosts", "-50", "Input.Years[1].ExtraCosts")]
    [InlineData("Input.Grants[0].Amount", "-2000", "Input.Grants")]
    [InlineData("Input.DebtShare", "120", "Input.DebtShare")]
    [InlineData("Input.DebtShare", "50", "Input.DebtTermYears")]
    [InlineData("Input.IncomeTaxRate", "100", "Input.IncomeTaxRate")]
    [InlineData("Input.DepreciationYears", "8", "Input.DepreciationYears")]
    [InlineData("Input.DepreciationYears", "2.5", "Input.DepreciationYears")]
    [InlineData("Input.PriceYear", "26", "Input.PriceYear")]
    public async Task Bad_cash_flow_input_is_refused_next_to_its_field_with_the_input_kept(string field, string value, string errorField)
    {
        var (optionId, client) = await NewOptionAsync();
        var form = await GridAsync(client, optionId);
        form["Input.Grants[0].Description"] = "Fund";
        form["Input.Grants[0].Amount"] = "1000";
        form[field] = value;

        var page = await PostAsync(client, optionId, form);

        Assert.NotNull(FormClient.FieldError(page, errorField));
        Assert.Equal(value, Form(page)[field]);
        Assert.Equal(5, page.QuerySelectorAll("#year-grid-table tbody tr").Length);
        await using var db = factory.NewDbContext();
        Assert.Null((await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId)).Economics);
    }

    [Fact]
    public async Task A_grid_year_beyond_a_shortened_lifetime_is_refused_at_its_row_and_kept()
    {
        var (optionId, client) = await NewOptionAsync();
        var form = await GridAsync(client, optionId);
        form["Input.Years[4].Replacement"] = "900";
        form["Input.LifetimeYears"] = "4";

        var page = await PostAsync(client, optionId, form);

        Assert.Equal("Year 5 is beyond the lifetime of 4 years.", FormClient.FieldError(page, "Input.Years[4]"));
        Assert.Equal("900", Form(page)["Input.Years[4].Replacement"]);
    }
}
