using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Options;
using CpTraining.Web.Tests.Balances;
using CpTraining.Web.Tests.HomeTasks;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Options;

/// <summary>
/// Issue 6, point 8: the engineer attaches the company's options register to the session-3 task; submitting freezes it
/// with its evaluations, so the trainer reviews what was submitted whatever happens to the options afterwards.
/// </summary>
public sealed class OptionsHomeTaskTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private async Task<(TransferWorld World, Guid OptionId)> WorldAsync(TaskAttachments takes)
    {
        var world = await TransferSetup.CreateAsync(factory);
        await using var db = factory.NewDbContext();
        (await db.HomeTasks.SingleAsync(h => h.Id == world.Work.TaskId)).ChangeAttachments(takes);
        var sheet = await TransferSetup.LoadAsync(factory, world.WorksheetId);
        var option = CpOption.Create(world.Work.ProgrammeId, world.Work.CompanyA, 1, "Counter-current rinsing", null, null, OptionCategory.EquipmentModification, OptionKind.Investment, factory.Clock.GetUtcNow());
        // 50 % of the 96 m³/yr of water (density 998 kg/m³ → 96 m³) = 48 m³/yr.
        option.LinkStreams([new StreamLink(sheet.Id, sheet.Streams.Single(s => s.Name == "Water").Id, false, 50m)]);
        // Investment 10 000, savings 3 000 a year, 5 years at 10 %: NPV = −10 000 + 3 000 × 3.790787 = 1 372.36; payback 3.3 years.
        option.ChangeEconomics(new EconomicInputs { Investment = [new("Tanks and piping", 10_000m)], Water = 3_000m, LifetimeYears = 5, DiscountRate = 0.10m });
        db.CpOptions.Add(option);
        await db.SaveChangesAsync();
        return (world, option.Id);
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid submissionId, string handler, string text)
    {
        var page = await client.GetDocumentAsync(WorkWorld.Work(submissionId));
        var form = FormClient.FormValues(page, "#work-form");
        form["Input.Text"] = text;
        return await client.PostAsync($"{WorkWorld.Work(submissionId)}?handler={handler}", new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task Submitting_freezes_the_attached_register_and_later_changes_do_not_show()
    {
        var (world, optionId) = await WorldAsync(TaskAttachments.Options);
        var alice = await factory.ClientAsync(world.Work.Alice);

        var page = await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA));
        Assert.NotNull(page.QuerySelector("#attach-options-button"));
        Assert.Null(page.QuerySelector("#attach-form")); // the task takes options, not a worksheet
        WorkPageSetup.AssertRedirectedBack(await PostAsync(alice, world.Work.WorkA, "AttachOptions", "Our options, typed before attaching."), world.Work.WorkA);
        page = await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA));
        Assert.NotNull(page.QuerySelector("#attached-options"));
        Assert.Equal("Our options, typed before attaching.", page.QuerySelector("#Input_Text, textarea[name='Input.Text']")!.TextContent.Trim());

        WorkPageSetup.AssertRedirectedBack(await PostAsync(alice, world.Work.WorkA, "Submit", "Our options."), world.Work.WorkA);

        // Afterwards the option is renamed and its investment doubled: the submitted version keeps the old figures.
        await using (var db = factory.NewDbContext())
        {
            var option = await db.CpOptions.SingleAsync(o => o.Id == optionId);
            option.ChangeDetails("Renamed later", null, null, option.Category, option.Kind);
            option.ChangeEconomics(option.Economics! with { Investment = [new("Tanks and piping", 20_000m)] });
            await db.SaveChangesAsync();
        }

        var trainer = await factory.ClientAsync(world.Work.Trainer);
        var review = await trainer.GetDocumentAsync($"/tasks/{world.Work.WorkA}/review");
        var row = review.QuerySelector(".frozen-options-table tbody tr")!;
        var cells = row.QuerySelectorAll("td, th").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal("O1", cells[0]);
        Assert.Equal("Counter-current rinsing", cells[1]);
        Assert.Equal("10,000.00", cells[5]);  // investment as submitted
        Assert.Equal("3,000.00", cells[6]);   // annual savings
        Assert.Equal("3.3", cells[7]);        // 10 000 ÷ 3 000
        Assert.Equal("1,372.36", cells[8]);   // NPV, by hand above
        Assert.Equal("48", cells[11]);        // water m³/yr from the linked stream
        Assert.DoesNotContain("Renamed later", review.QuerySelector(".frozen-options")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_task_that_takes_no_options_offers_none_refuses_a_forged_attach_and_other_companies_are_refused()
    {
        var (world, _) = await WorldAsync(TaskAttachments.Worksheet);
        var alice = await factory.ClientAsync(world.Work.Alice);
        Assert.Null((await alice.GetDocumentAsync(WorkWorld.Work(world.Work.WorkA))).QuerySelector("#options-register"));
        var refused = await PostAsync(alice, world.Work.WorkA, "AttachOptions", "Kept text");
        var page = await refused.Content.ReadAsStringAsync();
        Assert.Contains("This task does not ask for the options register.", page, StringComparison.Ordinal);
        Assert.Contains("Kept text", page, StringComparison.Ordinal);

        // Company B's engineer posting to A's work is refused and nothing is attached.
        var boris = await factory.ClientAsync(world.Work.Boris);
        var token = FormClient.Token(await boris.GetDocumentAsync("/account/change-password"));
        var response = await boris.PostAsync($"{WorkWorld.Work(world.Work.WorkA)}?handler=AttachOptions", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        RedirectAssert.ToAccessDenied(response);
        await using var db = factory.NewDbContext();
        Assert.False(await db.Submissions.Where(s => s.Id == world.Work.WorkA).Select(s => s.OptionsAttached).SingleAsync());
    }
}
