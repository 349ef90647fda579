using System.Net;
using CpTraining.Domain.Options;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.Options.OptionPageSetup;

namespace CpTraining.Web.Tests.Options;

/// <summary>
/// The options register and the option page over HTTP against PostgreSQL: create and find options in their DESIRE
/// pile, filter, refuse bad input next to its field, link balance streams and check the reductions by hand, evaluate
/// technically, move through every status, detect a concurrent edit, and who may read and write.
/// </summary>
public sealed class OptionPageTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task A_new_option_is_numbered_and_appears_in_the_further_study_pile()
    {
        var world = await CreateAsync(factory);
        var alice = world.People.EngineerA;

        // The company page and the worksheet list link to the register.
        var company = await alice.GetDocumentAsync($"/programmes/{world.ProgrammeId}/companies/{world.People.A}");
        Assert.Equal(world.Register(), company.QuerySelector("#options-link")!.GetAttribute("href"));
        var worksheets = await alice.GetDocumentAsync(world.People.List(world.People.A));
        Assert.Equal(world.Register(), worksheets.QuerySelector("#options-link")!.GetAttribute("href"));
        Assert.NotNull((await alice.GetDocumentAsync(world.Register())).QuerySelector("#no-options"));

        var first = await CreateOptionAsync(alice, world, "Close running taps");
        var second = await CreateOptionAsync(alice, world, "Counter-current rinsing", "EquipmentModification", "Investment");

        var register = await alice.GetDocumentAsync(world.Register());
        var rows = register.QuerySelectorAll("#pile-FurtherStudy tbody tr").ToList();
        Assert.Equal([first.ToString(), second.ToString()], rows.Select(r => r.GetAttribute("data-option")));
        Assert.Equal(["O1", "O2"], rows.Select(r => r.QuerySelector(".number")!.TextContent.Trim()));
        Assert.Equal("Counter-current rinsing", rows[1].QuerySelector(".title")!.TextContent.Trim());
        Assert.Equal("Equipment modification", rows[1].QuerySelector(".category")!.TextContent.Trim());
        Assert.Equal("Investment project", rows[1].QuerySelector(".kind")!.TextContent.Trim());
        Assert.Equal("Identified", rows[1].QuerySelector(".status")!.TextContent.Trim());
        Assert.Empty(register.QuerySelectorAll("#pile-ImplementNow tbody tr"));
        Assert.Empty(register.QuerySelectorAll("#pile-Rejected tbody tr"));

        // Company B numbers its own options from 1.
        var own = await CreateOptionAsync(world.People.EngineerB, world, "B's own", companyId: world.People.B);
        Assert.Equal(1, (await LoadAsync(factory, own)).Number);
        await using var db = factory.NewDbContext();
        Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.ProgrammeId == world.ProgrammeId && a.Action == "option.created"));
    }

    [Fact]
    public async Task Two_options_created_at_once_get_different_numbers()
    {
        var world = await CreateAsync(factory);
        var tasks = Enumerable.Range(1, 4).Select(i => CreateOptionAsync(world.People.EngineerA, world, "Parallel " + i)).ToList();
        var ids = await Task.WhenAll(tasks);

        await using var db = factory.NewDbContext();
        var numbers = await db.CpOptions.Where(o => ids.Contains(o.Id)).Select(o => o.Number).OrderBy(n => n).ToListAsync();
        Assert.Equal([1, 2, 3, 4], numbers);
    }

    [Fact]
    public async Task Filters_by_category_kind_and_status_are_kept_in_the_form()
    {
        var world = await CreateAsync(factory);
        var alice = world.People.EngineerA;
        var housekeeping = await CreateOptionAsync(alice, world, "Fix leaks", "GoodHousekeeping", "LowCost");
        var recovery = await CreateOptionAsync(alice, world, "Reuse cooling water", "OnSiteRecovery", "Investment");
        var control = await CreateOptionAsync(alice, world, "Dosing pumps", "BetterProcessControl", "Investment");
        await SaveAsync(alice, control, "Move", new() { ["Move.To"] = "UnderStudy" });
        await SaveAsync(alice, control, "Move", new() { ["Move.To"] = "Feasible" });

        var byCategory = await alice.GetDocumentAsync(world.Register() + "?category=OnSiteRecovery");
        Assert.Equal([recovery.ToString()], byCategory.QuerySelectorAll("tr[data-option]").Select(r => r.GetAttribute("data-option")));
        Assert.Equal("OnSiteRecovery", ((AngleSharp.Html.Dom.IHtmlSelectElement)byCategory.QuerySelector("#filter-category")!).Value);

        var byKind = await alice.GetDocumentAsync(world.Register() + "?kind=Investment");
        Assert.Equal([control.ToString(), recovery.ToString()], byKind.QuerySelectorAll("tr[data-option]").Select(r => r.GetAttribute("data-option")));

        var byStatus = await alice.GetDocumentAsync(world.Register() + "?status=Feasible&kind=Investment");
        Assert.Equal([control.ToString()], byStatus.QuerySelectorAll("#pile-ImplementNow tr[data-option]").Select(r => r.GetAttribute("data-option")));
        Assert.Empty(byStatus.QuerySelectorAll("#pile-FurtherStudy tr[data-option]"));
        Assert.Equal("Feasible", ((AngleSharp.Html.Dom.IHtmlSelectElement)byStatus.QuerySelector("#filter-status")!).Value);
        Assert.Equal("Investment", ((AngleSharp.Html.Dom.IHtmlSelectElement)byStatus.QuerySelector("#filter-kind")!).Value);

        var none = await alice.GetDocumentAsync(world.Register() + "?category=ProductModification");
        Assert.NotNull(none.QuerySelector("#none-match"));
        Assert.Contains(housekeeping.ToString(), (await alice.GetDocumentAsync(world.Register() + "?category=Nonsense")).QuerySelectorAll("tr[data-option]").Select(r => r.GetAttribute("data-option")));
    }

    [Fact]
    public async Task Create_refuses_a_blank_title_and_an_unknown_category_next_to_the_fields_and_keeps_the_input()
    {
        var world = await CreateAsync(factory);
        var alice = world.People.EngineerA;

        var blank = await PostCreateAsync(alice, world, new() { ["Input.Title"] = "  ", ["Input.Description"] = "Rinse *twice*", ["Input.Category"] = "GoodHousekeeping", ["Input.Kind"] = "LowCost" });
        Assert.Equal(HttpStatusCode.OK, blank.StatusCode);
        var page = await FormClient.ParseAsync(blank);
        Assert.Equal("This field is required.", FormClient.FieldError(page, "Input.Title"));
        Assert.Equal("Rinse *twice*", page.QuerySelector("#Input_Description")!.TextContent);

        var unknown = await PostCreateAsync(alice, world, new() { ["Input.Title"] = "Teleport the dye", ["Input.Category"] = "Teleportation", ["Input.Kind"] = "LowCost" });
        page = await FormClient.ParseAsync(unknown);
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Equal("Choose one of the categories.", FormClient.FieldError(page, "Input.Category"));
        Assert.Equal("Teleport the dye", page.QuerySelector("#Input_Title")!.GetAttribute("value"));

        var numeric = await PostCreateAsync(alice, world, new() { ["Input.Title"] = "Numbered", ["Input.Category"] = "3", ["Input.Kind"] = "7" });
        page = await FormClient.ParseAsync(numeric);
        Assert.Equal("Choose one of the categories.", FormClient.FieldError(page, "Input.Category"));
        Assert.Equal("Choose low-cost improvement or investment project.", FormClient.FieldError(page, "Input.Kind"));

        await using var db = factory.NewDbContext();
        Assert.Equal(0, await db.CpOptions.CountAsync(o => o.ProgrammeId == world.ProgrammeId));
    }

    [Fact]
    public async Task Linked_streams_give_reductions_checked_by_hand_and_an_entered_figure_overrides_the_computed_one()
    {
        var world = await CreateAsync(factory);
        var alice = world.People.EngineerA;
        var id = await CreateOptionAsync(alice, world, "Counter-current rinsing");
        var page = await alice.GetDocumentAsync(Page(id));

        // All of the company's streams are offered (3 material, 1 energy); B's are not.
        Assert.Equal(4, page.QuerySelectorAll("#stream-table tbody tr").Length);
        Assert.Null(page.QuerySelector($"#stream-table tr[data-stream='{world.WaterB}']"));

        var water = LinkRow(page, world.WaterA);
        var wastewater = LinkRow(page, world.WastewaterA);
        var sludge = LinkRow(page, world.SludgeA);
        await SaveAsync(alice, id, "Links", new()
        {
            [$"Links.Rows[{water}].Selected"] = "true", [$"Links.Rows[{water}].Percent"] = "30",
            [$"Links.Rows[{wastewater}].Selected"] = "true", [$"Links.Rows[{wastewater}].Percent"] = "25",
            [$"Links.Rows[{sludge}].Selected"] = "true", [$"Links.Rows[{sludge}].Percent"] = "40",
        });

        var option = await LoadAsync(factory, id);
        Assert.Equal(3, option.Links.Count);
        page = await alice.GetDocumentAsync(Page(id));

        // By hand: 30 % of 10 000 m³/yr = 3 000 m³; 25 % of 8 000 m³ = 2 000 m³; 40 % of 5 t = 2 t.
        var line = page.QuerySelector($"#computed-lines tr[data-stream='{world.WaterA}']")!;
        Assert.Equal("Fresh water", line.QuerySelector(".stream")!.TextContent.Trim());
        Assert.Equal("Water", line.QuerySelector(".effect")!.TextContent.Trim());
        Assert.Equal("10,000 m³", line.QuerySelector(".flow")!.TextContent.Trim());
        Assert.Equal("30", line.QuerySelector(".percent")!.TextContent.Trim());
        Assert.Equal("3,000 m³", line.QuerySelector(".reduction")!.TextContent.Trim());
        Assert.Equal("2,000 m³", page.QuerySelector($"#computed-lines tr[data-stream='{world.WastewaterA}'] .reduction")!.TextContent.Trim());
        Assert.Equal("2 t", page.QuerySelector($"#computed-lines tr[data-stream='{world.SludgeA}'] .reduction")!.TextContent.Trim());
        Assert.Equal("3,000", page.QuerySelector("#reduction-water .computed")!.TextContent.Trim());
        Assert.Equal("3,000", page.QuerySelector("#reduction-water .effective")!.TextContent.Trim());
        Assert.Equal("2,000", page.QuerySelector("#reduction-wastewater .effective")!.TextContent.Trim());
        Assert.Equal("2", page.QuerySelector("#reduction-solid .effective")!.TextContent.Trim());

        // The ticks and percentages are shown back in the form.
        Assert.True(page.QuerySelector($"input[name='Links.Rows[{water}].Selected']")!.HasAttribute("checked"));
        Assert.Equal("30", page.QuerySelector($"input[name='Links.Rows[{water}].Percent']")!.GetAttribute("value"));

        // An entered water figure replaces the computed one; the others stay computed.
        await SaveAsync(alice, id, "Reductions", new() { ["Entered.Water"] = "2500" });
        page = await alice.GetDocumentAsync(Page(id));
        Assert.Equal("3,000", page.QuerySelector("#reduction-water .computed")!.TextContent.Trim());
        Assert.Equal("2,500", page.QuerySelector("#reduction-water .entered")!.TextContent.Trim());
        Assert.StartsWith("2,500", page.QuerySelector("#reduction-water .effective")!.TextContent.Trim(), StringComparison.Ordinal);
        Assert.Contains("entered figure", page.QuerySelector("#reduction-water .effective")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2,000", page.QuerySelector("#reduction-wastewater .effective")!.TextContent.Trim());
        Assert.Equal(2_500m, (await LoadAsync(factory, id)).EnteredReductions.WaterCubicMetres);

        // Text in a reduction figure: a field error, nothing saved.
        var refused = await RefusedAsync(alice, id, "Reductions", new() { ["Entered.Energy"] = "a lot" });
        Assert.NotNull(FormClient.FieldError(refused, "Entered.Energy"));
        Assert.Equal("a lot", refused.QuerySelector("#Entered_Energy")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Links_refuse_text_in_a_percentage_and_a_forged_stream_of_another_company()
    {
        var world = await CreateAsync(factory);
        var alice = world.People.EngineerA;
        var id = await CreateOptionAsync(alice, world, "Counter-current rinsing");
        var page = await alice.GetDocumentAsync(Page(id));
        var water = LinkRow(page, world.WaterA);

        var text = await RefusedAsync(alice, id, "Links", new() { [$"Links.Rows[{water}].Selected"] = "true", [$"Links.Rows[{water}].Percent"] = "thirty" }, page);
        Assert.NotNull(FormClient.FieldError(text, $"Links.Rows[{water}].Percent"));
        Assert.Equal("thirty", text.QuerySelector($"input[name='Links.Rows[{water}].Percent']")!.GetAttribute("value"));

        var tooMuch = await RefusedAsync(alice, id, "Links", new() { [$"Links.Rows[{water}].Selected"] = "true", [$"Links.Rows[{water}].Percent"] = "130" }, page);
        Assert.Equal("A reduction is from 0 % to 100 % of the stream.", FormClient.FieldError(tooMuch, $"Links.Rows[{water}].Percent"));

        // A row added by hand (after the four shown) pointing at company B's stream, beside a genuine one.
        var forged = await RefusedAsync(alice, id, "Links", new()
        {
            [$"Links.Rows[{water}].Selected"] = "true", [$"Links.Rows[{water}].Percent"] = "30",
            ["Links.Rows[4].WorksheetId"] = world.SheetB.ToString(), ["Links.Rows[4].StreamId"] = world.WaterB.ToString(),
            ["Links.Rows[4].IsEnergy"] = "false", ["Links.Rows[4].Selected"] = "true", ["Links.Rows[4].Percent"] = "50",
        }, page);
        Assert.Equal("Only streams of this company's worksheets in this programme can be linked.", FormClient.FieldError(forged, "Links.Rows"));
        Assert.Empty((await LoadAsync(factory, id)).Links);
    }

    [Fact]
    public async Task The_technical_evaluation_shows_the_weighted_score_and_refuses_bad_weights_and_scores()
    {
        var world = await CreateAsync(factory);
        var alice = world.People.EngineerA;
        var id = await CreateOptionAsync(alice, world, "Dosing pumps", "BetterProcessControl", "Investment");
        var page = await alice.GetDocumentAsync(Page(id));

        // The standard criteria are offered, unscored, equally weighted.
        Assert.Equal(TechnicalEvaluation.StandardCriteria, page.QuerySelectorAll("#criteria input[name$='.Name']").Select(i => i.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)));
        Assert.Equal("—", page.QuerySelector("#technical-score")!.TextContent.Trim());

        var fields = new Dictionary<string, string>
        {
            ["Technical.Criteria[0].Weight"] = "2", ["Technical.Criteria[0].Score"] = "4",
            ["Technical.Criteria[1].Weight"] = "1", ["Technical.Criteria[1].Score"] = "3",
            ["Technical.IsFeasible"] = "true", ["Technical.Notes"] = "Fits beside line 2",
        };
        for (var i = 2; i < 8; i++)
        {
            fields[$"Technical.Criteria[{i}].Name"] = string.Empty; // removed
        }

        fields["Technical.Criteria[8].Name"] = "Noise";
        fields["Technical.Criteria[8].Weight"] = "1";

        // Text in a weight and a score of 6: field errors, input kept.
        var refused = await RefusedAsync(alice, id, "Technical", new(fields) { ["Technical.Criteria[0].Weight"] = "two", ["Technical.Criteria[1].Score"] = "6" }, page);
        Assert.NotNull(FormClient.FieldError(refused, "Technical.Criteria[0].Weight"));
        Assert.Equal("two", refused.QuerySelector("input[name='Technical.Criteria[0].Weight']")!.GetAttribute("value"));
        var sixes = await RefusedAsync(alice, id, "Technical", new(fields) { ["Technical.Criteria[1].Score"] = "6" }, page);
        Assert.Equal("A score is from 1 (poor) to 5 (good).", FormClient.FieldError(sixes, "Technical.Criteria[1].Score"));
        Assert.Equal("6", ((AngleSharp.Html.Dom.IHtmlSelectElement)sixes.QuerySelector("select[name='Technical.Criteria[1].Score']")!).Value);

        await SaveAsync(alice, id, "Technical", fields);
        page = await alice.GetDocumentAsync(Page(id));
        Assert.Equal("3.67", page.QuerySelector("#technical-score")!.TextContent.Trim()); // (2·4 + 1·3) ÷ (2 + 1) = 11 ÷ 3; Noise is unscored
        Assert.Equal("technically feasible", page.QuerySelector("#technical-verdict")!.TextContent.Trim());
        var saved = (await LoadAsync(factory, id)).Technical;
        Assert.Equal(["Product quality", "Production capacity", "Noise"], saved.Criteria.Select(c => c.Name));
        Assert.Null(page.QuerySelector("#economics-skipped"));
        Assert.Equal($"/options/{id}/economics", page.QuerySelector("#economics-link")!.GetAttribute("href"));

        // Infeasible: the page says the economics are skipped.
        await SaveAsync(alice, id, "Technical", new() { ["Technical.IsFeasible"] = "false" });
        page = await alice.GetDocumentAsync(Page(id));
        Assert.Equal("The option is technically infeasible, so its economics are skipped.", page.QuerySelector("#economics-skipped")!.TextContent.Trim());
        Assert.Null(page.QuerySelector("#economics-link"));
        Assert.Equal($"/options/{id}/achieved", page.QuerySelector("#achieved-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Every_status_move_over_http_with_rejection_reasons_and_refused_moves_in_words()
    {
        var world = await CreateAsync(factory);
        var alice = world.People.EngineerA;
        var id = await CreateOptionAsync(alice, world, "Heat recovery from the dye bath", "OnSiteRecovery", "Investment");

        async Task<OptionStatus> MoveAsync(string to)
        {
            await SaveAsync(alice, id, "Move", new() { ["Move.To"] = to });
            return (await LoadAsync(factory, id)).Status;
        }

        // Only the allowed moves are offered.
        var page = await alice.GetDocumentAsync(Page(id));
        Assert.Equal(["UnderStudy"], page.QuerySelectorAll("#moves button").Select(b => b.GetAttribute("data-to")));

        // An invalid move posted by hand is refused with the rule in words.
        var invalid = await RefusedAsync(alice, id, "Move", new() { ["Move.To"] = "Verified" }, page);
        Assert.Equal("An option that is identified cannot become verified.", FormClient.FieldError(invalid, "Move.Status"));
        Assert.Equal(OptionStatus.Identified, (await LoadAsync(factory, id)).Status);

        Assert.Equal(OptionStatus.UnderStudy, await MoveAsync("UnderStudy"));
        Assert.Equal(OptionStatus.NotFeasible, await MoveAsync("NotFeasible"));
        Assert.Equal("Rejected options", (await alice.GetDocumentAsync(Page(id))).QuerySelector("#option-pile")!.TextContent.Trim());
        Assert.Equal(OptionStatus.UnderStudy, await MoveAsync("UnderStudy"));
        Assert.Equal(OptionStatus.Feasible, await MoveAsync("Feasible"));
        Assert.Equal(OptionStatus.UnderStudy, await MoveAsync("UnderStudy"));
        Assert.Equal(OptionStatus.Feasible, await MoveAsync("Feasible"));
        Assert.Equal(OptionStatus.Selected, await MoveAsync("Selected"));
        Assert.Equal(OptionStatus.Feasible, await MoveAsync("Feasible"));
        Assert.Equal(OptionStatus.Selected, await MoveAsync("Selected"));
        page = await alice.GetDocumentAsync(Page(id));
        Assert.Equal("Implement now", page.QuerySelector("#option-pile")!.TextContent.Trim());
        Assert.Equal(["Implemented", "Feasible"], page.QuerySelectorAll("#moves button").Select(b => b.GetAttribute("data-to")));

        // Implemented needs the achieved results first (recorded on the achieved page).
        var early = await RefusedAsync(alice, id, "Move", new() { ["Move.To"] = "Implemented" }, page);
        Assert.Equal("Record the date of implementation and what it achieved first.", FormClient.FieldError(early, "Move.Status"));

        // Rejecting needs a reason.
        var noReason = await RefusedAsync(alice, id, "Reject", new() { ["Move.Reason"] = " " });
        Assert.Equal("Say why the option is rejected.", FormClient.FieldError(noReason, "Move.Reason"));
        Assert.Equal(OptionStatus.Selected, (await LoadAsync(factory, id)).Status);
        await SaveAsync(alice, id, "Reject", new() { ["Move.Reason"] = "The boiler house is to be replaced next year." });
        var rejected = await LoadAsync(factory, id);
        Assert.Equal((OptionStatus.Rejected, "The boiler house is to be replaced next year."), (rejected.Status, rejected.RejectionReason));
        page = await alice.GetDocumentAsync(Page(id));
        Assert.Contains("The boiler house is to be replaced next year.", page.QuerySelector("#rejection-reason")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("#reject-form"));
        var register = await alice.GetDocumentAsync(world.Register());
        Assert.NotNull(register.QuerySelector($"#pile-Rejected tr[data-option='{id}']"));

        // A rejected option can be reopened as identified.
        Assert.Equal(OptionStatus.Identified, await MoveAsync("Identified"));
        Assert.Null((await LoadAsync(factory, id)).RejectionReason);

        await using var db = factory.NewDbContext();
        var audit = await db.AuditEntries.Where(a => a.Subject == "option " + id.ToString("D") && a.Action == "option.changed").Select(a => a.After).ToListAsync();
        Assert.Equal(11, audit.Count); // ten moves and the rejection
        Assert.Contains(audit, a => a!.Contains("Rejected: The boiler house", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_save_after_someone_elses_change_is_refused_and_the_input_kept()
    {
        var world = await CreateAsync(factory);
        var alice = world.People.EngineerA;
        var id = await CreateOptionAsync(alice, world, "Insulate the pipes");
        var stale = await alice.GetDocumentAsync(Page(id));

        await SaveAsync(world.People.Coordinator, id, "Details", new() { ["Details.Title"] = "Insulate the steam pipes" });

        var conflict = await RefusedAsync(alice, id, "Plan", new() { ["Plan.NextStep"] = "Ask for quotes", ["Plan.Responsible"] = "Chief engineer" }, stale);
        Assert.Contains("Someone else changed this option", conflict.QuerySelector("#form-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Ask for quotes", conflict.QuerySelector("#Plan_NextStep")!.GetAttribute("value"));
        Assert.Equal("Insulate the steam pipes", conflict.QuerySelector("#option-title")!.TextContent.Trim());
        var option = await LoadAsync(factory, id);
        Assert.Null(option.NextStep);

        // Saved again from the page shown, it goes through.
        await SaveAsync(alice, id, "Plan", new() { ["Plan.NextStep"] = "Ask for quotes", ["Plan.Responsible"] = "Chief engineer", ["Plan.Due"] = "2026-12-15" });
        option = await LoadAsync(factory, id);
        Assert.Equal(("Ask for quotes", "Chief engineer", new DateOnly(2026, 12, 15)), (option.NextStep, option.Responsible, option.NextStepDue));
    }

    [Fact]
    public async Task A_manager_reads_but_cannot_post_and_another_company_is_refused()
    {
        var world = await CreateAsync(factory);
        var id = await CreateOptionAsync(world.People.EngineerA, world, "Close running taps");
        var version = Version(await world.People.EngineerA.GetDocumentAsync(Page(id)));

        var manager = world.People.ManagerA;
        var page = await manager.GetDocumentAsync(Page(id));
        Assert.Equal("Close running taps", page.QuerySelector("#option-title")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#read-only"));
        Assert.Empty(page.QuerySelectorAll("#details-form, #plan-form, #links-form, #reductions-form, #technical-form, #reject-form, .option-move"));
        Assert.Null((await manager.GetDocumentAsync(world.Register())).QuerySelector("#new-option"));

        var token = FormClient.Token(page);
        foreach (var handler in new[] { "Details", "Plan", "Links", "Reductions", "Technical", "Move", "Reject" })
        {
            var response = await manager.PostAsync($"/options/{id}?handler={handler}", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Details.Version"] = version, ["Details.Title"] = "Hijacked", ["Details.Category"] = "GoodHousekeeping", ["Details.Kind"] = "LowCost",
                ["Move.Version"] = version, ["Move.To"] = "UnderStudy", ["Move.Reason"] = "No",
            }));
            RedirectAssert.ToAccessDenied(response);
        }

        var created = await manager.PostAsync(world.Register() + "?handler=Create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Input.Title"] = "Hijacked", ["Input.Category"] = "GoodHousekeeping", ["Input.Kind"] = "LowCost",
        }));
        RedirectAssert.ToAccessDenied(created);
        var option = await LoadAsync(factory, id);
        Assert.Equal(("Close running taps", OptionStatus.Identified), (option.Title, option.Status));

        // An engineer of company B: refused on A's option and register; an unknown option is 404.
        RedirectAssert.ToAccessDenied(await world.People.EngineerB.GetAsync(Page(id)));
        RedirectAssert.ToAccessDenied(await world.People.EngineerB.GetAsync(world.Register()));
        Assert.Equal(HttpStatusCode.NotFound, (await world.People.EngineerA.GetAsync(Page(Guid.NewGuid()))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await world.People.EngineerA.GetAsync($"/programmes/{world.ProgrammeId}/companies/{Guid.NewGuid()}/options")).StatusCode);
    }
}
