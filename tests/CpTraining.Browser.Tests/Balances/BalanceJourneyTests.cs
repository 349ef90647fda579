using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CpTraining.Browser.Tests.Balances;

/// <summary>
/// Issue 5's journey: an engineer builds the balance of a dyeing line (3 steps, 4 inputs, 5 outputs, 2 internal flows)
/// with one typo — 8 000 t of rinse water instead of 800 —, sees the flagged closure, the cost of losses and the Sankey
/// diagram, lets reconciliation point at the rinsing streams, fixes the typo, sees the balance close, and attaches the
/// worksheet to the balance home task and submits it.
/// </summary>
/// <remarks>
/// The balance, in t/yr, closes exactly once the typo is fixed: washing 300 + 1 000 in, 300 + 1 000 out; dyeing
/// 300 + 50 in, 300 + 50 out; rinsing 300 + 800 in, 290 + 800 + 10 out. Disposal fees: washing effluent 1 000 t × 20,
/// dye-bath effluent 50 t × 100, rinse effluent 800 t × 20, sludge 10 t × 500 = 20 000 + 5 000 + 16 000 + 5 000 =
/// 46 000 UAH a year (no input of the same material has a price, so no material value is added).
/// </remarks>
public sealed class BalanceJourneyTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    [Fact]
    public async Task Engineer_builds_a_balance_fixes_the_typo_reconciliation_flags_and_attaches_it_to_the_home_task()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 4, 7), "CPEE Kherson 2026");
        var company = await factory.EnrolCompanyAsync(programme.Id, "Kherson Textile Finishing");
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
        var workId = await GiveBalanceTaskAsync(programme.Id, company.Id, coordinator.Id);

        await using var context = await factory.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(engineer.Email!);
        await page.GotoAsync($"/programmes/{programme.Id}/companies/{company.Id}/worksheets");
        await page.FillAsync("#Input_Name", "Dyeing line 2026");
        await page.ClickAsync("#new-worksheet button[type=submit]");
        var editorUrl = page.Url;

        foreach (var step in new[] { "Washing", "Dyeing", "Rinsing" })
        {
            await page.FillAsync("#Step_Name", step);
            await page.ClickAsync("#step-form button[type=submit]");
            await Expect(page.Locator("#step-table")).ToContainTextAsync(step);
        }

        await AddStreamAsync(page, "Grey fabric", "Cotton", null, "Washing", "300", "2");
        await AddStreamAsync(page, "Process water", "Water", null, "Washing", "1000", "5");
        await AddStreamAsync(page, "Dyes and salt", "Chemicals", null, "Dyeing", "50", "5");
        await AddStreamAsync(page, "Rinse water", "Water", null, "Rinsing", "8000", "5"); // the typo: 800
        await AddStreamAsync(page, "Washed fabric", "Cotton", "Washing", "Dyeing", "300", "2");
        await AddStreamAsync(page, "Dyed fabric", "Cotton", "Dyeing", "Rinsing", "300", "2");
        await AddStreamAsync(page, "Washing effluent", "Water", "Washing", null, "1000", "5", "Wastewater", "20");
        await AddStreamAsync(page, "Dye-bath effluent", "Water", "Dyeing", null, "50", "10", "Wastewater", "100");
        await AddStreamAsync(page, "Finished fabric", "Cotton", "Rinsing", null, "290", "2", "Product");
        await AddStreamAsync(page, "Rinse effluent", "Water", "Rinsing", null, "800", "5", "Wastewater", "20");
        await AddStreamAsync(page, "Sludge", "Lint and fibres", "Rinsing", null, "10", "10", "SolidWaste", "500");
        await Expect(page.Locator("#stream-table tbody tr[data-stream]")).ToHaveCountAsync(11);
        await page.ScreenshotAsync("balance-journey-editor");

        // The balance: flagged at the rinsing step; losses cost 46 000 UAH a year; the Sankey diagram is drawn.
        await page.GotoAsync(editorUrl + "/balance");
        await Expect(page.Locator("#closure-flag")).ToBeVisibleAsync();
        await Expect(page.Locator("#responsible-steps")).ToHaveTextAsync("Rinsing");
        await Expect(page.Locator("#losses-total")).ToContainTextAsync("46,000.00");
        await Expect(page.Locator("#mass-sankey svg")).ToHaveCountAsync(1);
        await Expect(page.Locator("#mass-sankey svg > title")).ToHaveTextAsync("Mass balance of Dyeing line 2026");

        // Reconciliation: a probable gross error among the rinsing streams (the balance alone cannot tell which of
        // the streams that only touch the rinsing step is wrong, so the rinse water is named or listed with them).
        await page.ClickAsync("#reconcile-button");
        await Expect(page.Locator("#gross-error")).ToBeVisibleAsync();
        await Expect(page.Locator("#gross-error")).ToContainTextAsync("Rinse water");
        await page.ScreenshotAsync("balance-journey-gross-error");

        // The engineer fixes the typo in the editor.
        await page.GotoAsync(editorUrl);
        await page.Locator("#stream-table tbody tr", new() { HasText = "Rinse water" }).GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
        await Expect(page.Locator("#Stream_Quantity")).ToHaveValueAsync("8000");
        await page.FillAsync("#Stream_Quantity", "800");
        await page.ClickAsync("#stream-form button[type=submit]");
        await Expect(page.Locator("#stream-table tbody tr", new() { HasText = "Rinse water" }).Locator(".annual")).ToHaveTextAsync("800");

        await page.GotoAsync(editorUrl + "/balance");
        await Expect(page.Locator("#closure-ok")).ToBeVisibleAsync();
        await page.ClickAsync("#reconcile-button");
        await Expect(page.Locator("#chi-square-ok")).ToBeVisibleAsync();
        await page.ScreenshotAsync("balance-journey-balance");

        // Attached to the balance home task and submitted: the version freezes the corrected worksheet.
        await page.GotoAsync($"/tasks/{workId}");
        await page.SelectOptionAsync("#WorksheetId", new SelectOptionValue { Label = "Dyeing line 2026" });
        await page.ClickAsync("#attach-button");
        await Expect(page.Locator("#attached-worksheet")).ToContainTextAsync("Dyeing line 2026");
        await page.FillAsync("#Input_Text", "The balance of the dyeing line closes; see the worksheet.");
        await page.ClickAsync("#submit-button");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Version 1 has been submitted.");

        await using var db = factory.NewDbContext();
        var version = await db.SubmissionVersions.AsNoTracking().SingleAsync(v => v.SubmissionId == workId);
        Assert.Equal(800_000m, version.Worksheet!.Streams.Single(s => s.Name == "Rinse water").AnnualKilograms);
    }

    private static async Task AddStreamAsync(IPage page, string name, string material, string? from, string? to, string tonnes, string uncertainty, string? outputClass = null, string? feePerTonne = null)
    {
        await page.FillAsync("#Stream_Name", name);
        await page.FillAsync("#Stream_Material", material);
        await page.SelectOptionAsync("#Stream_FromStepId", from is null ? new SelectOptionValue { Value = string.Empty } : new SelectOptionValue { Label = from });
        await page.SelectOptionAsync("#Stream_ToStepId", to is null ? new SelectOptionValue { Value = string.Empty } : new SelectOptionValue { Label = to });
        await page.FillAsync("#Stream_Quantity", tonnes);
        await page.SelectOptionAsync("#Stream_Unit", "Tonne");
        await page.FillAsync("#Stream_Uncertainty", uncertainty);
        await page.SelectOptionAsync("#Stream_OutputClass", outputClass ?? string.Empty);
        if (feePerTonne is not null)
        {
            await page.FillAsync("#Stream_DisposalFee", feePerTonne);
            await page.SelectOptionAsync("#Stream_DisposalFeeUnit", "Tonne");
        }

        await page.ClickAsync("#stream-form button[type=submit]");
        await Expect(page.Locator("#stream-table tbody tr", new() { HasText = name })).ToHaveCountAsync(1);
        await Expect(page.Locator("#form-errors, .validation-summary-errors")).ToHaveCountAsync(0);
    }

    private async Task<Guid> GiveBalanceTaskAsync(Guid programmeId, Guid companyId, string coordinatorId)
    {
        await using var db = factory.NewDbContext();
        var task = HomeTask.Assign(
            programmeId, 2, 4, null, "Mass and energy balance of the focus process", "Build the balance.", [],
            new DateOnly(2026, 7, 20), null, true, coordinatorId, factory.Clock.GetUtcNow(), factory.Clock.Today, TaskAttachments.Worksheet);
        var work = Submission.ForCompany(task, companyId);
        db.HomeTasks.Add(task);
        db.Submissions.Add(work);
        await db.SaveChangesAsync();
        return work.Id;
    }
}
