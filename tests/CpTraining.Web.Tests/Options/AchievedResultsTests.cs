using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Options;

/// <summary>
/// Planned versus achieved over HTTP against PostgreSQL: recording results, marking implemented, verifying (trainer
/// yes, engineer no), voiding a verification by a change, evidence files, downloads, totals and bad input.
/// </summary>
public sealed class AchievedResultsTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52];

    private sealed record Company(Guid ProgrammeId, Guid CompanyId, HttpClient Engineer, HttpClient Trainer, string TrainerId, Guid OtherCompanyId, HttpClient OtherEngineer);

    private async Task<Company> CompanyAsync()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-90));
        var company = await factory.EnrolCompanyAsync(programme.Id, "Mill " + Guid.NewGuid().ToString("N")[..6]);
        var other = await factory.EnrolCompanyAsync(programme.Id, "Dairy " + Guid.NewGuid().ToString("N")[..6]);
        var trainer = await factory.CreateUserAsync(Roles.Trainer);
        await using (var db = factory.NewDbContext())
        {
            var p = await db.Programmes.Include(x => x.Members).Include(x => x.Enrolments).SingleAsync(x => x.Id == programme.Id);
            p.AssignTrainer(company.Id, trainer.Id);
            await db.SaveChangesAsync();
        }

        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
        var otherEngineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, otherEngineer, ProgrammeRole.Engineer, other.Id);
        return new Company(programme.Id, company.Id, await factory.ClientAsync(engineer), await factory.ClientAsync(trainer), trainer.Id, other.Id, await factory.ClientAsync(otherEngineer));
    }

    /// <summary>An option with investment, savings (net) and water reduction planned, moved to <paramref name="status"/>.</summary>
    private async Task<Guid> OptionAsync(Company c, int number, decimal investment, decimal savings, decimal water, OptionStatus status, AchievedResults? achieved = null, Guid? companyId = null)
    {
        var now = factory.Clock.GetUtcNow();
        var option = CpOption.Create(c.ProgrammeId, companyId ?? c.CompanyId, number, $"Option {number}", null, null, OptionCategory.GoodHousekeeping, OptionKind.Investment, now);
        option.ChangeEconomics(new EconomicInputs { Investment = [new("Equipment", investment)], Other = savings, LifetimeYears = 10, DiscountRate = 0.1m });
        option.ChangeReductions(Reductions.Create(water, null, null, null, null, null, null, null));
        foreach (var step in new[] { OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected, OptionStatus.Implemented, OptionStatus.Verified })
        {
            if (option.Status == status)
            {
                break;
            }

            if (step == OptionStatus.Implemented)
            {
                option.RecordAchieved(achieved!, [], now);
            }

            option.MoveTo(step, null, c.TrainerId, now);
        }

        await using var db = factory.NewDbContext();
        db.CpOptions.Add(option);
        await db.SaveChangesAsync();
        return option.Id;
    }

    private static string Page(Guid optionId, string? culture = null) => $"/options/{optionId}/achieved" + (culture is null ? string.Empty : "?culture=" + culture);

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Guid optionId, string handler, Dictionary<string, string> changes, (string Name, byte[] Content)[]? files = null, string? culture = null, IHtmlDocument? opened = null)
    {
        var page = opened ?? await client.GetDocumentAsync(Page(optionId, culture));
        var form = FormClient.FormValues(page, handler == "Verify" ? "#verify-form" : "#achieved-form");
        foreach (var (k, v) in changes)
        {
            form[k] = v;
        }

        var content = new MultipartFormDataContent();
        foreach (var (name, value) in form)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, bytes) in files ?? [])
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "Input.Files", name);
        }

        return await client.PostAsync($"/options/{optionId}/achieved?handler={handler}" + (culture is null ? string.Empty : "&culture=" + culture), content);
    }

    private async Task<CpOption> LoadAsync(Guid optionId)
    {
        await using var db = factory.NewDbContext();
        return await db.CpOptions.AsNoTracking().SingleAsync(o => o.Id == optionId);
    }

    private AchievedResults Measured(decimal investment, decimal savings, decimal water) =>
        AchievedResults.Create(factory.Clock.Today.AddDays(-10), investment, savings, Reductions.Create(water, null, null, null, null, null, null, null), "Meter readings");

    [Fact]
    public async Task An_engineer_records_results_in_Ukrainian_and_marks_the_option_implemented()
    {
        var c = await CompanyAsync();
        var id = await OptionAsync(c, 1, 40_000m, 15_000m, 5_000m, OptionStatus.Selected);

        var response = await PostAsync(c.Engineer, id, "Implement", new()
        {
            ["Input.ImplementedOn"] = factory.Clock.Today.AddDays(-5).ToString("yyyy-MM-dd"),
            ["Input.ActualInvestment"] = "42 000,50",
            ["Input.AnnualSavings"] = "13 500",
            ["Input.WaterCubicMetres"] = "4 600,25",
            ["Input.Substances[0].Name"] = "Nonylphenol",
            ["Input.Substances[0].KilogramsPerYear"] = "3,5",
            ["Input.Notes"] = "Water meter readings March–May",
        }, culture: "uk");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var option = await LoadAsync(id);
        Assert.Equal(OptionStatus.Implemented, option.Status);
        Assert.Equal(factory.Clock.Today.AddDays(-5), option.Achieved!.ImplementedOn);
        Assert.Equal((42_000.50m, 13_500m, 4_600.25m), (option.Achieved.ActualInvestment, option.Achieved.AnnualSavings, option.Achieved.Reductions.WaterCubicMetres));
        Assert.Equal(new SubstanceReduction("Nonylphenol", 3.5m), Assert.Single(option.Achieved.Reductions.Substances));
        await using (var db = factory.NewDbContext())
        {
            var actions = await db.AuditEntries.Where(a => a.ProgrammeId == c.ProgrammeId).Select(a => a.Action).ToListAsync();
            Assert.Contains("option.achieved-recorded", actions);
            Assert.Contains("option.implemented", actions);
        }

        // Planned 40 000 and 5 000 m³ beside the measured figures; difference = achieved − planned (by hand).
        var page = await c.Engineer.GetDocumentAsync(Page(id));
        Assert.Equal("40,000.00", page.QuerySelector("#compare tr[data-figure=investment] [data-planned]")!.TextContent.Trim());
        Assert.Equal("42,000.50", page.QuerySelector("#compare tr[data-figure=investment] [data-achieved]")!.TextContent.Trim());
        Assert.Equal("2,000.50", page.QuerySelector("#compare tr[data-figure=investment] [data-difference]")!.TextContent.Trim());
        Assert.Equal("-1,500.00", page.QuerySelector("#compare tr[data-figure=savings] [data-difference]")!.TextContent.Trim());
        Assert.Equal("-399.75", page.QuerySelector("#compare tr[data-figure=water] [data-difference]")!.TextContent.Trim());
        Assert.NotNull(page.QuerySelector("#cannot-verify"));
        Assert.Null(page.QuerySelector("#verify-form"));
    }

    [Fact]
    public async Task The_trainer_verifies_and_an_engineer_cannot()
    {
        var c = await CompanyAsync();
        var id = await OptionAsync(c, 1, 40_000m, 15_000m, 5_000m, OptionStatus.Implemented, Measured(42_000m, 13_500m, 4_600m));
        var trainerPage = await c.Trainer.GetDocumentAsync(Page(id));
        var token = FormClient.Token(trainerPage, "#verify-form");
        var version = trainerPage.QuerySelector("#verify-form input[name='Input.Version']")!.GetAttribute("value")!;

        // The engineer posts the verify form (with a valid token of their own): refused, nothing changed.
        var engineerPage = await c.Engineer.GetDocumentAsync(Page(id));
        var refused = await c.Engineer.PostAsync($"/options/{id}/achieved?handler=Verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormClient.Token(engineerPage, "#achieved-form"),
            ["Input.Version"] = version,
        }));
        RedirectAssert.ToAccessDenied(refused);
        Assert.Equal(OptionStatus.Implemented, (await LoadAsync(id)).Status);

        var response = await c.Trainer.PostAsync($"/options/{id}/achieved?handler=Verify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Version"] = version,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var option = await LoadAsync(id);
        Assert.Equal(OptionStatus.Verified, option.Status);
        Assert.Equal(c.TrainerId, option.VerifiedBy);
        await using var db = factory.NewDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ProgrammeId == c.ProgrammeId && a.Action == "option.verified"));
    }

    [Fact]
    public async Task Saving_unchanged_verified_results_keeps_the_verification_and_a_change_voids_it()
    {
        var c = await CompanyAsync();
        var id = await OptionAsync(c, 1, 40_000m, 15_000m, 5_000m, OptionStatus.Verified, Measured(42_000m, 13_500m, 4_600m));

        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(c.Engineer, id, "Save", [])).StatusCode);
        Assert.Equal(OptionStatus.Verified, (await LoadAsync(id)).Status);

        var response = await PostAsync(c.Engineer, id, "Save", new() { ["Input.AnnualSavings"] = "14000" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var option = await LoadAsync(id);
        Assert.Equal(OptionStatus.Implemented, option.Status);
        Assert.Null(option.VerifiedAt);
        Assert.Equal(14_000m, option.Achieved!.AnnualSavings);
        var page = await c.Engineer.GetDocumentAsync(Page(id));
        Assert.Contains("voids the verification", page.QuerySelector("#success")!.TextContent, StringComparison.Ordinal);
        await using var db = factory.NewDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ProgrammeId == c.ProgrammeId && a.Action == "option.verification-voided"));
    }

    [Fact]
    public async Task Evidence_of_an_allowed_type_is_stored_and_downloadable_and_forged_or_too_big_files_are_refused_with_the_input_kept()
    {
        var c = await CompanyAsync();
        var id = await OptionAsync(c, 1, 40_000m, 15_000m, 5_000m, OptionStatus.Selected);
        var fields = new Dictionary<string, string> { ["Input.ImplementedOn"] = factory.Clock.Today.AddDays(-1).ToString("yyyy-MM-dd"), ["Input.AnnualSavings"] = "12345" };

        var forged = await PostAsync(c.Engineer, id, "Save", fields, [("invoice.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0])]);
        var page = await FormClient.ParseAsync(forged);
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("invoice.pdf", FormClient.FieldError(page, "Input.Files"), StringComparison.Ordinal);
        Assert.Equal("12345", page.QuerySelector("#Input_AnnualSavings")!.GetAttribute("value"));
        Assert.Null((await LoadAsync(id)).Achieved);

        var big = new byte[FileInspector.MaxFileBytes + 1];
        "%PDF-1.4\n"u8.CopyTo(big);
        var tooBig = await PostAsync(c.Engineer, id, "Save", fields, [("readings.pdf", big)]);
        page = await FormClient.ParseAsync(tooBig);
        Assert.Contains("at most 20 MB", FormClient.FieldError(page, "Input.Files"), StringComparison.Ordinal);
        Assert.Equal("12345", page.QuerySelector("#Input_AnnualSavings")!.GetAttribute("value"));

        var saved = await PostAsync(c.Engineer, id, "Save", fields, [("meter.png", Png)]);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var option = await LoadAsync(id);
        var fileId = Assert.Single(option.EvidenceFileIds);
        page = await c.Engineer.GetDocumentAsync(Page(id));
        var link = page.QuerySelector("#evidence-files a.evidence-link")!;
        Assert.Equal("meter.png", link.TextContent.Trim());
        var download = await c.Trainer.GetAsync(link.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal($"/options/{id}/evidence/{fileId}", link.GetAttribute("href"));

        // Removing it deletes the file.
        var removed = await PostAsync(c.Engineer, id, "Save", new() { ["Input.RemoveFileIds"] = fileId.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Empty((await LoadAsync(id)).EvidenceFileIds);
        await using var db = factory.NewDbContext();
        Assert.False(await db.StoredFiles.AnyAsync(f => f.Id == fileId));
    }

    [Fact]
    public async Task Evidence_download_is_refused_to_another_company_and_for_another_options_file()
    {
        var c = await CompanyAsync();
        var first = await OptionAsync(c, 1, 40_000m, 15_000m, 5_000m, OptionStatus.Selected);
        var second = await OptionAsync(c, 2, 10_000m, 4_000m, 1_000m, OptionStatus.Selected);
        var fields = new Dictionary<string, string> { ["Input.ImplementedOn"] = factory.Clock.Today.ToString("yyyy-MM-dd") };
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(c.Engineer, first, "Save", fields, [("first.png", Png)])).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(c.Engineer, second, "Save", fields, [("second.png", Png)])).StatusCode);
        var firstFile = Assert.Single((await LoadAsync(first)).EvidenceFileIds);
        var secondFile = Assert.Single((await LoadAsync(second)).EvidenceFileIds);

        Assert.Equal(HttpStatusCode.OK, (await c.Engineer.GetAsync($"/options/{first}/evidence/{firstFile}")).StatusCode);
        RedirectAssert.ToAccessDenied(await c.OtherEngineer.GetAsync($"/options/{first}/evidence/{firstFile}"));
        Assert.Equal(HttpStatusCode.NotFound, (await c.Engineer.GetAsync($"/options/{first}/evidence/{secondFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.Engineer.GetAsync($"/tasks/files/{firstFile}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await c.Engineer.GetAsync($"/options/{Guid.NewGuid()}/evidence/{firstFile}")).StatusCode);
    }

    [Fact]
    public async Task Totals_count_only_verified_results_as_achieved()
    {
        var c = await CompanyAsync();
        await OptionAsync(c, 1, 40_000m, 15_000m, 5_000m, OptionStatus.Verified, Measured(42_000m, 13_500m, 4_600m));
        await OptionAsync(c, 2, 10_000m, 4_000m, 1_000m, OptionStatus.Implemented, Measured(9_000m, 5_000m, 1_200m));
        await OptionAsync(c, 3, 100_000m, 1_000m, 50m, OptionStatus.UnderStudy);

        var page = await c.Engineer.GetDocumentAsync($"/programmes/{c.ProgrammeId}/companies/{c.CompanyId}/options/results");

        string Cell(string figure, string column) => page.QuerySelector($"#option-totals-table tr[data-figure='{figure}'] [data-{column}]")!.TextContent.Trim();

        // By hand: planned = options 1 and 2 (selected or beyond): 40 000 + 10 000 = 50 000 invested, 15 000 + 4 000 =
        // 19 000 saved a year, 5 000 + 1 000 = 6 000 m³ water; payback 50 000 ÷ 19 000 = 2.63 years. Achieved = option 1
        // only (option 2 is not verified): 42 000, 13 500, 4 600 m³; payback 42 000 ÷ 13 500 = 3.11 years.
        Assert.Equal(["3", "2", "2", "1"], page.QuerySelectorAll("#option-totals-counts li").Select(li => li.TextContent.Trim().Split(' ')[^1]));
        Assert.Equal(("50,000.00", "42,000.00"), (Cell("investment", "planned"), Cell("investment", "achieved")));
        Assert.Equal(("19,000.00", "13,500.00"), (Cell("savings", "planned"), Cell("savings", "achieved")));
        Assert.Equal(("6,000", "4,600"), (Cell("water", "planned"), Cell("water", "achieved")));
        Assert.Equal(("2.6", "3.1"), (Cell("payback", "planned"), Cell("payback", "achieved")));
        Assert.Equal(2, page.QuerySelectorAll("#implemented-options tbody tr").Length);
        var implementedOnly = page.QuerySelectorAll("#implemented-options tbody tr")[1];
        Assert.Equal(("10,000.00", "9,000.00"), (implementedOnly.QuerySelector("[data-figure=investment] [data-planned]")!.TextContent, implementedOnly.QuerySelector("[data-figure=investment] [data-achieved]")!.TextContent));
        Assert.Contains("verified options only", page.QuerySelector("#option-totals-rule")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_verification_names_the_statuses_in_the_readers_language()
    {
        var c = await CompanyAsync();
        var id = await OptionAsync(c, 1, 40_000m, 15_000m, 5_000m, OptionStatus.Selected);
        var opened = await c.Trainer.GetDocumentAsync(Page(id, "uk"));

        // A selected option cannot be verified: the trainer posts the verify form anyway (an old page, say).
        var response = await c.Trainer.PostAsync($"/options/{id}/achieved?handler=Verify&culture=uk", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = FormClient.Token(opened, "#achieved-form"),
            ["Input.Version"] = opened.QuerySelector("#achieved-form input[name='Input.Version']")!.GetAttribute("value")!,
        }));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Можливість зі статусом «обрана» не може стати «перевірена».", FormClient.Errors(await FormClient.ParseAsync(response)));
        Assert.Equal(OptionStatus.Selected, (await LoadAsync(id)).Status);
    }

    [Fact]
    public async Task A_future_date_negative_investment_and_text_in_a_number_field_are_field_errors_with_the_input_kept()
    {
        var c = await CompanyAsync();
        var id = await OptionAsync(c, 1, 40_000m, 15_000m, 5_000m, OptionStatus.Selected);

        var response = await PostAsync(c.Engineer, id, "Save", new()
        {
            ["Input.ImplementedOn"] = factory.Clock.Today.AddDays(3).ToString("yyyy-MM-dd"),
            ["Input.ActualInvestment"] = "-5000",
            ["Input.WaterCubicMetres"] = "lots",
        });

        var page = await FormClient.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(FormClient.FieldError(page, "Input.ActualInvestment"));
        Assert.Contains("\"lots\" is not a number", FormClient.FieldError(page, "Input.WaterCubicMetres"), StringComparison.Ordinal);
        Assert.Equal("-5000", page.QuerySelector("#Input_ActualInvestment")!.GetAttribute("value"));

        response = await PostAsync(c.Engineer, id, "Save", new() { ["Input.ImplementedOn"] = factory.Clock.Today.AddDays(3).ToString("yyyy-MM-dd") });
        page = await FormClient.ParseAsync(response);
        Assert.Contains("cannot be in the future", FormClient.FieldError(page, "Input.ImplementedOn"), StringComparison.Ordinal);
        Assert.Null((await LoadAsync(id)).Achieved);

        // An option not selected yet has no form, only the rule.
        var identified = await OptionAsync(c, 2, 1m, 1m, 1m, OptionStatus.Identified);
        var other = await c.Engineer.GetDocumentAsync(Page(identified));
        Assert.NotNull(other.QuerySelector("#not-recordable"));
        Assert.Null(other.QuerySelector("#achieved-form"));
    }

    [Fact]
    public async Task A_stale_form_is_refused_with_the_input_kept()
    {
        var c = await CompanyAsync();
        var id = await OptionAsync(c, 1, 40_000m, 15_000m, 5_000m, OptionStatus.Selected);
        var opened = await c.Engineer.GetDocumentAsync(Page(id));

        // Someone else records results meanwhile.
        var fields = new Dictionary<string, string> { ["Input.ImplementedOn"] = factory.Clock.Today.ToString("yyyy-MM-dd"), ["Input.AnnualSavings"] = "100" };
        Assert.Equal(HttpStatusCode.Redirect, (await PostAsync(c.Trainer, id, "Save", fields)).StatusCode);

        var response = await PostAsync(c.Engineer, id, "Save", new() { ["Input.ImplementedOn"] = factory.Clock.Today.ToString("yyyy-MM-dd"), ["Input.AnnualSavings"] = "999" }, opened: opened);

        var page = await FormClient.ParseAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Someone else changed this option", string.Join(" ", FormClient.Errors(page)), StringComparison.Ordinal);
        Assert.Equal("999", page.QuerySelector("#Input_AnnualSavings")!.GetAttribute("value"));
        Assert.Equal(100m, (await LoadAsync(id)).Achieved!.AnnualSavings);
    }
}
