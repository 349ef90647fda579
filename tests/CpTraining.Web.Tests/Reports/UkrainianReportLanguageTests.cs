using System.Net;
using System.Text.RegularExpressions;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Attendance;
using CpTraining.Web.Tests.Balances;
using CpTraining.Web.Tests.Localisation;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Reports;

/// <summary>
/// One language per document (issue 15, point 3): the PDFs of a Ukrainian programme — the company report and the
/// programme report — carry none of the app's English labels or units. The English strings are the app's own: every
/// key of the shared resource (the English text is the key) whose Ukrainian translation differs. Everything the users
/// typed in this test is Ukrainian, so any English left in the text came from the app.
/// </summary>
public sealed class UkrainianReportLanguageTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    /// <summary>Units that are short but must never reach a Ukrainian document in English.</summary>
    private static readonly string[] Units = ["t/yr", "MWh/yr", "kg/yr", "m³/yr", "MWh", "kWh", "GJ", "Gcal", "toe", "yr", "kg"];

    /// <summary>What the test's users typed or the test factory sets that is not Ukrainian (organiser, city, country).</summary>
    private static readonly string[] Typed = ["TEKNA", "Kherson", "Ukraine", "UAH"];

    private async Task<(Guid ProgrammeId, Guid CompanyId, HttpClient Coordinator)> SeedAsync()
    {
        var coordinator = await factory.PersonAsync(Roles.Coordinator, "Ірина Координаторка");
        var programme = await factory.CreateProgrammeAsync(coordinator, factory.Clock.Today.AddDays(-60), "Херсонська програма ЧВ", language: "uk");
        var company = await factory.EnrolCompanyAsync(programme.Id, "Бавовняний комбінат " + Guid.NewGuid().ToString("N")[..4]);
        await factory.EngineerAsync(programme.Id, company.Id, "Оксана Коваленко");
        await factory.AssignTrainerAsync(programme.Id, company.Id, await factory.PersonAsync(Roles.Trainer, "Тарас Шевчук"));
        var now = factory.Clock.GetUtcNow();

        // A focus process with losses (Pareto), material flows (mass Sankey) and energy (CO₂).
        var w = Worksheet.Create(programme.Id, company.Id, "Лінія фарбування", "Реактивне фарбування", "UAH", now);
        var dyeing = w.AddStep("Фарбування");
        var rinsing = w.AddStep("Промивання");
        w.In(dyeing, "Тканина", BalanceSetup.T(100), "Бавовна", new UnitPrice(2_000m, Unit.Tonne));
        w.In(dyeing, "Вода", BalanceSetup.T(1_000), "Вода", new UnitPrice(20m, Unit.Tonne));
        w.Link(dyeing, rinsing, "Фарбована тканина", BalanceSetup.T(100), "Бавовна");
        w.Out(dyeing, "Відпрацьована ванна", BalanceSetup.T(1_000), OutputClass.Wastewater, "Вода", new UnitPrice(30m, Unit.Tonne));
        w.Out(rinsing, "Готова тканина", BalanceSetup.T(98), OutputClass.Product, "Бавовна");
        w.Out(rinsing, "Волокнисті відходи", BalanceSetup.T(2), OutputClass.SolidWaste, "Бавовна", new UnitPrice(500m, Unit.Tonne));
        w.AddEnergyStream(new EnergyStreamSpec("Котельня", dyeing.Id, EnergyCarrier.NaturalGas, Quantity.Of(1_000m, Unit.MegawattHour), Price: new UnitPrice(1_500m, Unit.MegawattHour)));
        await BalanceSetup.SaveAsync(factory, w);

        // Two selected options with economics and CO₂ avoided: cost curve, cash flow, financing needs.
        var o1 = CpOption.Create(programme.Id, company.Id, 1, "Рекуперація тепла промивної води", null, null, OptionCategory.EquipmentModification, OptionKind.Investment, now);
        o1.ChangeEconomics(new EconomicInputs { Investment = [new("Теплообмінник", 10_000m)], Energy = 3_000m, LifetimeYears = 10, DiscountRate = 0.10m });
        o1.ChangeReductions(Reductions.Create(null, 200m, 20m, null, null, null, null, null));
        var o2 = CpOption.Create(programme.Id, company.Id, 2, "Замкнене охолодження", null, null, OptionCategory.EquipmentModification, OptionKind.Investment, now);
        o2.ChangeEconomics(new EconomicInputs { Investment = [new("Градирня", 40_000m)], Water = 15_000m, LifetimeYears = 10, DiscountRate = 0.10m });
        o2.ChangeReductions(Reductions.Create(5_000m, null, 4m, 1m, null, null, null, null));
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

        return (programme.Id, company.Id, await factory.ClientAsync(coordinator));
    }

    /// <summary>
    /// The English labels and units of the app that have a Ukrainian translation: each resource key cut at its
    /// placeholders into the fragments that are printed as they are, keeping fragments of at least 4 letters and the
    /// short <see cref="Units"/>.
    /// </summary>
    private static IReadOnlyList<string> EnglishLabels()
    {
        var labels = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in UkrainianResource.Load())
        {
            if (key == value)
            {
                continue;
            }

            foreach (var part in Regex.Split(key, @"\{\d+(?::[^}]*)?\}|\n"))
            {
                var fragment = part.Trim(' ', ',', '.', ':', ';', '(', ')', '—', '–', '-', '·', '/', '"', '“', '”');
                if (fragment.Count(char.IsAsciiLetter) >= 4 && !Typed.Contains(fragment))
                {
                    labels.Add(fragment);
                }
            }
        }

        labels.UnionWith(Units);
        return [.. labels];
    }

    /// <summary>
    /// The English labels found in <paramref name="text"/> as whole words (not inside a longer word), except words of the
    /// emission factors' cited sources: the appendix quotes them as published ("IPCC 2006 … Vol. 2 Energy", "316 g/kWh").
    /// </summary>
    private async Task<List<string>> EnglishInAsync(string text)
    {
        await using var db = factory.NewDbContext();
        var cited = string.Join("\n", (await db.EmissionFactors.Select(f => f.Source).ToListAsync()).Concat(EmissionFactorTable.Defaults.Factors.Select(f => f.Source)));
        static bool Has(string haystack, string word) =>
            Regex.IsMatch(haystack, @"(?<![\p{L}\p{N}])" + Regex.Escape(word) + @"(?![\p{L}\p{N}])");
        return EnglishLabels()
            .Where(l => Has(text, l) && !Has(cited, l))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static async Task<string> PdfTextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url + "?handler=Pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);

        // pdftotext keeps no-break and narrow no-break spaces; layout columns become runs of spaces.
        var text = (await Poppler.TextAsync(await response.Content.ReadAsByteArrayAsync())).Replace('\u00A0', ' ').Replace('\u202F', ' ');
        return Regex.Replace(text, @"[ \t]+", " ");
    }

    [Fact]
    public void The_english_labels_include_the_chart_units_and_axis_titles()
    {
        var labels = EnglishLabels();

        Assert.Contains("t/yr", labels);
        Assert.Contains("MWh/yr", labels);
        Assert.Contains("Cumulative cash flow", labels);
        Assert.Contains("Loss stream", labels);
    }

    [Fact]
    public async Task A_ukrainian_company_report_pdf_has_no_english_labels_or_units()
    {
        var s = await SeedAsync();

        // The reader's UI is English (no culture asked for); the report is the programme's, Ukrainian.
        var text = await PdfTextAsync(s.Coordinator, $"/programmes/{s.ProgrammeId}/companies/{s.CompanyId}/report");

        Assert.Contains("Реактивне фарбування", text, StringComparison.Ordinal);
        Assert.Contains("Рекуперація тепла промивної води", text, StringComparison.Ordinal);
        var english = await EnglishInAsync(text);
        Assert.True(english.Count == 0, "English in the Ukrainian company report: " + string.Join(" | ", english) + "\n\n" + text);
    }

    [Fact]
    public async Task A_ukrainian_programme_report_pdf_has_no_english_labels_or_units()
    {
        var s = await SeedAsync();

        var text = await PdfTextAsync(s.Coordinator, $"/programmes/{s.ProgrammeId}/report");

        Assert.Contains("Херсонська програма ЧВ", text, StringComparison.Ordinal);
        var english = await EnglishInAsync(text);
        Assert.True(english.Count == 0, "English in the Ukrainian programme report: " + string.Join(" | ", english) + "\n\n" + text);
    }
}
