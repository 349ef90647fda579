using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.Balances.BalanceSetup;
using static CpTraining.Web.Tests.Options.OptionsSetup;

namespace CpTraining.Web.Tests.Options;

/// <summary>The economics form of an option over HTTP against PostgreSQL: save, results, refusals, conflicts, rights.</summary>
public sealed class EconomicsPageTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private async Task<(Guid OptionId, HttpClient Engineer, Guid ProgrammeId, Guid CompanyId)> NewOptionAsync(EconomicInputs? economics = null, bool infeasible = false)
    {
        var (programmeId, companyId, engineer) = await CompanyAsync(factory);
        var option = Option(programmeId, companyId, 1, "Counter-current rinsing", factory.Clock.GetUtcNow(), economics: economics);
        if (infeasible)
        {
            option.EvaluateTechnically(TechnicalEvaluation.Create([new("Space required", 1m, 1)], false, "No room"));
        }

        await SaveAsync(factory, option);
        return (option.Id, await factory.ClientAsync(engineer), programmeId, companyId);
    }

    private static Dictionary<string, string> Form(IHtmlDocument page) => FormClient.FormValues(page, "#economics-form");

    private static async Task<IHtmlDocument> PostAsync(HttpClient client, Guid optionId, Dictionary<string, string> form, string handler = "Save", string query = "")
    {
        var response = await client.PostAsync($"{EconomicsUrl(optionId)}?handler={handler}{query}", new FormUrlEncodedContent(form));
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return await client.GetDocumentAsync(response.Headers.Location!.OriginalString + query.Replace('&', '?'));
        }

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await FormClient.ParseAsync(response);
    }

    private static string Text(IHtmlDocument page, string selector) => page.QuerySelector(selector)!.TextContent.Trim();

    [Fact]
    public async Task A_flat_investment_is_saved_and_evaluated_as_worked_by_hand()
    {
        var (optionId, client, _, _) = await NewOptionAsync();
        var form = Form(await client.GetDocumentAsync(EconomicsUrl(optionId)));
        form["Input.Investment[0].Description"] = "Counter-current rinsing tanks";
        form["Input.Investment[0].Amount"] = "10 000"; // "10,000" reads two ways (10 or 10 000) and is refused
        form["Input.RawMaterials"] = "3000";
        form["Input.LifetimeYears"] = "5";
        form["Input.DiscountRate"] = "10";

        var page = await PostAsync(client, optionId, form);

        Assert.Empty(FormClient.Errors(page));
        // Annuity factor at 10 % for 5 years: (1 − 1.1⁻⁵) ÷ 0.1 = 3.790787 (interest tables, P/A);
        // NPV = −10 000 + 3 000 × 3.790787 = 1 372.36.
        Assert.Equal("1,372.36\u00A0UAH", Text(page, "#result-npv"));
        // Simple payback = 10 000 ÷ 3 000 = 3.33 years.
        Assert.Contains("3.33", Text(page, "#result-payback"), StringComparison.Ordinal);
        // IRR: the P/A factor 10 000 ÷ 3 000 = 3.3333 lies between 3.3522 (15 %) and 3.2743 (16 %): 15.24 %.
        Assert.Equal("15.24\u00A0%", Text(page, "#result-irr"));
        Assert.Equal(6, page.QuerySelectorAll("#cash-flow-table tbody tr").Length);
        Assert.NotNull(page.QuerySelector("#cash-flow-chart svg"));
        // The form reads back what was typed.
        var again = Form(page);
        Assert.Equal(("10000", "3000", "5", "10"), (again["Input.Investment[0].Amount"], again["Input.RawMaterials"], again["Input.LifetimeYears"], again["Input.DiscountRate"]));
        Assert.Equal("Counter-current rinsing tanks", again["Input.Investment[0].Description"]);
        Assert.Equal(EconomicEvaluation.Conventions.Count + 1, page.QuerySelectorAll("#conventions li").Length);

        await using var db = factory.NewDbContext();
        var saved = (await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId)).Economics!;
        Assert.Equal((10_000m, 3_000m, 5, 0.10m), (saved.TotalInvestment, saved.RawMaterials, saved.LifetimeYears, saved.DiscountRate));
        Assert.Null(saved.FinanceRate);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "option.economics" && a.Subject == "O1 Counter-current rinsing"));
    }

    [Fact]
    public async Task Ukrainian_readers_type_decimal_commas_and_rates_in_percent()
    {
        var (optionId, client, _, _) = await NewOptionAsync();
        var form = Form(await client.GetDocumentAsync(EconomicsUrl(optionId) + "?culture=uk"));
        form["Input.Investment[0].Description"] = "Теплообмінник";
        form["Input.Investment[0].Amount"] = "12 500,50";
        form["Input.Energy"] = "4000";
        form["Input.Maintenance"] = "250,25";
        form["Input.LifetimeYears"] = "8";
        form["Input.DiscountRate"] = "7,5";
        form["Input.Escalation"] = "2,5";
        form["Input.ReinvestRate"] = "5";

        var page = await PostAsync(client, optionId, form, query: "&culture=uk");

        Assert.Empty(FormClient.Errors(page));
        await using var db = factory.NewDbContext();
        var saved = (await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId)).Economics!;
        Assert.Equal((12_500.50m, 4_000m, 250.25m, 8, 0.075m, 0.025m, 0.05m), (saved.TotalInvestment, saved.Energy, saved.Maintenance, saved.LifetimeYears, saved.DiscountRate, saved.Escalation, saved.ReinvestRate));
    }

    [Theory]
    [InlineData("", "80.000", "\"80.000\" can be read as 80 or as 80\u00A0000; write 80 or 80000 so that it reads one way.")]
    [InlineData("", "0,125", "\"0,125\" can be read as 0.125 or as 125; write 0.125 or 125 so that it reads one way.")]
    [InlineData("&culture=uk", "1.500", "«1.500» можна прочитати як 1,5 або як 1\u00A0500; напишіть 1,5 або 1500, щоб число читалося однозначно.")]
    [InlineData("", "1234567890123456789012345678901", "\"1234567890123456789012345678901\" is too large a number for this field.")]
    public async Task A_number_that_reads_two_ways_or_is_too_large_is_refused_with_the_reason_and_kept(string culture, string typed, string message)
    {
        var (optionId, client, _, _) = await NewOptionAsync();
        var form = Form(await client.GetDocumentAsync(EconomicsUrl(optionId) + culture.Replace('&', '?')));
        form["Input.Investment[0].Description"] = "Heat exchanger";
        form["Input.Investment[0].Amount"] = typed;
        form["Input.Energy"] = "1e4";
        form["Input.LifetimeYears"] = "5";
        form["Input.DiscountRate"] = "10";

        var page = await PostAsync(client, optionId, form, query: culture);

        Assert.Equal(message, FormClient.FieldError(page, "Input.Investment[0].Amount"));
        Assert.Equal((typed, "1e4"), (Form(page)["Input.Investment[0].Amount"], Form(page)["Input.Energy"]));
        await using var db = factory.NewDbContext();
        Assert.Null((await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId)).Economics);
    }

    [Fact]
    public async Task A_payback_beyond_the_lifetime_is_flagged_with_what_to_look_at_and_a_sound_one_is_not()
    {
        var (optionId, client, _, _) = await NewOptionAsync();
        var form = Form(await client.GetDocumentAsync(EconomicsUrl(optionId)));
        form["Input.Investment[0].Description"] = "Heat exchanger";
        form["Input.Investment[0].Amount"] = "10000";
        form["Input.RawMaterials"] = "1500";
        form["Input.LifetimeYears"] = "5";
        form["Input.DiscountRate"] = "10";

        var page = await PostAsync(client, optionId, form);

        // 10 000 ÷ 1 500 = 6.7 years against a 5-year life.
        var finding = page.QuerySelector("#checks li[data-rule='economics.payback-beyond-lifetime']");
        Assert.NotNull(finding);
        Assert.Equal("Serious: The simple payback (6.7 years) is longer than the lifetime (5 years): the option does not pay for itself. Check the savings, the investment and the lifetime.", string.Join(' ', finding.TextContent.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal("open", finding.GetAttribute("data-status"));

        form = Form(page);
        form["Input.RawMaterials"] = "3000";
        Assert.Null((await PostAsync(client, optionId, form)).QuerySelector("#checks"));
    }

    [Fact]
    public async Task Scientific_notation_is_read_and_what_is_saved_reads_back_as_itself()
    {
        var (optionId, client, _, _) = await NewOptionAsync();
        var form = Form(await client.GetDocumentAsync(EconomicsUrl(optionId)));
        form["Input.Investment[0].Description"] = "Heat exchanger";
        form["Input.Investment[0].Amount"] = "1.25e4";
        form["Input.Energy"] = "95.8080";
        form["Input.LifetimeYears"] = "5";
        form["Input.DiscountRate"] = "10";

        var page = await PostAsync(client, optionId, form);

        Assert.Empty(FormClient.Errors(page));
        await using var db = factory.NewDbContext();
        var saved = (await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId)).Economics!;
        Assert.Equal((12_500m, 95.808m), (saved.TotalInvestment, saved.Energy));

        // The form shows 95.808 with a fourth decimal, so saving it again unchanged is not refused as "95.808 or 95 808".
        var again = Form(page);
        Assert.Equal(("12500", "95.8080"), (again["Input.Investment[0].Amount"], again["Input.Energy"]));
        Assert.Empty(FormClient.Errors(await PostAsync(client, optionId, again)));
    }

    [Theory]
    [InlineData("Input.Energy", "abc", "Input.Energy")]
    [InlineData("Input.LifetimeYears", "-3", "Input.LifetimeYears")]
    [InlineData("Input.LifetimeYears", "2.5", "Input.LifetimeYears")]
    [InlineData("Input.LifetimeYears", "", "Input.LifetimeYears")]
    [InlineData("Input.DiscountRate", "-100", "Input.DiscountRate")]
    [InlineData("Input.DiscountRate", "-150", "Input.DiscountRate")]
    [InlineData("Input.DiscountRate", "", "Input.DiscountRate")]
    [InlineData("Input.Investment[0].Amount", "1000000000000000", "Input.Investment")]
    [InlineData("Input.Investment[0].Amount", "ten", "Input.Investment[0].Amount")]
    [InlineData("Input.SalvageValue", "-2e12", "Input.SalvageValue")] // a negative salvage is a decommissioning cost; beyond 10¹² is refused
    [InlineData("Input.FinanceRate", "x", "Input.FinanceRate")]
    public async Task Bad_input_is_refused_next_to_its_field_with_the_input_kept(string field, string value, string errorField)
    {
        var (optionId, client, _, _) = await NewOptionAsync();
        var form = Form(await client.GetDocumentAsync(EconomicsUrl(optionId)));
        form["Input.Investment[0].Description"] = "Pump";
        form["Input.Investment[0].Amount"] = "5000";
        form["Input.Water"] = "1500";
        form["Input.LifetimeYears"] = "10";
        form["Input.DiscountRate"] = "8";
        form[field] = value;

        var page = await PostAsync(client, optionId, form);

        Assert.NotNull(FormClient.FieldError(page, errorField));
        var kept = Form(page);
        Assert.Equal(value, kept[field]);
        Assert.Equal("1500", kept["Input.Water"]);
        await using var db = factory.NewDbContext();
        Assert.Null((await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId)).Economics);
    }

    [Fact]
    public async Task An_evaluation_without_any_saving_or_investment_is_refused_with_a_clear_message()
    {
        var (optionId, client, _, _) = await NewOptionAsync();
        var form = Form(await client.GetDocumentAsync(EconomicsUrl(optionId)));
        form["Input.LifetimeYears"] = "10";
        form["Input.DiscountRate"] = "8";

        var page = await PostAsync(client, optionId, form);

        Assert.Contains("Enter at least one saving or the investment.", FormClient.Errors(page));
    }

    [Fact]
    public async Task An_option_without_investment_has_no_IRR_and_the_page_says_why()
    {
        var (optionId, client, _, _) = await NewOptionAsync(Flat(0, 1_000m, 5, 0.1m));

        var page = await client.GetDocumentAsync(EconomicsUrl(optionId));

        Assert.StartsWith("none", Text(page, "#result-irr"), StringComparison.Ordinal);
        Assert.Equal(IrrResult.NoSignChangeReason, Text(page, "#irr-reason"));
        Assert.Contains("0.00", Text(page, "#result-payback"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_form_is_refused_with_the_input_kept()
    {
        var (optionId, client, _, _) = await NewOptionAsync(Flat(10_000m, 3_000m, 5, 0.1m));
        var form = Form(await client.GetDocumentAsync(EconomicsUrl(optionId)));
        await using (var db = factory.NewDbContext())
        {
            var option = await db.CpOptions.SingleAsync(o => o.Id == optionId);
            option.ChangeEconomics(Flat(20_000m, 3_000m, 5, 0.1m));
            await db.SaveChangesAsync();
        }

        form["Input.RawMaterials"] = "4444";
        var page = await PostAsync(client, optionId, form);

        Assert.Contains(FormClient.Errors(page), e => e.StartsWith("Someone else changed this option", StringComparison.Ordinal));
        Assert.Equal("4444", Form(page)["Input.RawMaterials"]);
        await using var read = factory.NewDbContext();
        var saved = (await read.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId)).Economics!;
        Assert.Equal((20_000m, 3_000m), (saved.TotalInvestment, saved.RawMaterials));
    }

    [Fact]
    public async Task Add_a_line_keeps_the_input_and_saves_nothing()
    {
        var (optionId, client, _, _) = await NewOptionAsync();
        var page = await client.GetDocumentAsync(EconomicsUrl(optionId));
        var rows = page.QuerySelectorAll("#investment-lines tbody tr").Length;
        var form = Form(page);
        form["Input.Water"] = "777";

        var after = await PostAsync(client, optionId, form, "AddLine");

        Assert.Equal(rows + 1, after.QuerySelectorAll("#investment-lines tbody tr").Length);
        Assert.Equal("777", Form(after)["Input.Water"]);
        await using var db = factory.NewDbContext();
        Assert.Null((await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId)).Economics);
    }

    [Fact]
    public async Task A_technically_infeasible_option_skips_the_economics()
    {
        var (optionId, client, _, _) = await NewOptionAsync(infeasible: true);

        var page = await client.GetDocumentAsync(EconomicsUrl(optionId));

        Assert.NotNull(page.QuerySelector("#economics-skipped"));
        Assert.Null(page.QuerySelector("#economics-form"));
    }

    [Fact]
    public async Task Managers_see_the_results_without_the_form_and_outsiders_are_refused()
    {
        var (optionId, engineer, programmeId, companyId) = await NewOptionAsync(Flat(10_000m, 3_000m, 5, 0.1m));
        var form = Form(await engineer.GetDocumentAsync(EconomicsUrl(optionId)));
        var manager = await factory.CreateUserAsync(Roles.Manager);
        await factory.AddMemberAsync(programmeId, manager, ProgrammeRole.Manager, companyId);
        var managerClient = await factory.ClientAsync(manager);
        var outsider = await factory.ClientAsync(await factory.CreateUserAsync(Roles.Engineer));

        var seen = await managerClient.GetDocumentAsync(EconomicsUrl(optionId));
        form["__RequestVerificationToken"] = FormClient.Token(await managerClient.GetDocumentAsync("/account/change-password"));
        form["Input.RawMaterials"] = "1";
        var post = await managerClient.PostAsync(EconomicsUrl(optionId) + "?handler=Save", new FormUrlEncodedContent(form));

        Assert.Null(seen.QuerySelector("#economics-form"));
        Assert.Equal("1,372.36\u00A0UAH", Text(seen, "#result-npv"));
        RedirectAssert.ToAccessDenied(post);
        RedirectAssert.ToAccessDenied(await outsider.GetAsync(EconomicsUrl(optionId)));
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync(EconomicsUrl(Guid.NewGuid()))).StatusCode);
        await using var db = factory.NewDbContext();
        Assert.Equal(3_000m, (await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId)).Economics!.RawMaterials);
    }
}
