using System.Globalization;
using CpTraining.Domain.Balances;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Localisation;

/// <summary>
/// English is written the British way (issue 15, point 3): day-month-year in the UI as in the reports (29/09/2026,
/// 29 September 2026), never the US 9/29/2026 — for the default culture, the "en" cookie of the language switcher and
/// a browser asking for en-US alike. Numbers keep "," for thousands and "." for decimals.
/// </summary>
public sealed class EnglishDateCultureTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private async Task<(HttpClient Client, Guid ProgrammeId)> ProgrammeAsync()
    {
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 9, 29), "Programme " + Guid.NewGuid().ToString("N")[..6]);
        return (await factory.ClientAsync(coordinator), programme.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("en")]
    [InlineData("en-US")]
    public async Task An_english_page_writes_dates_day_month_year(string? acceptLanguage)
    {
        var (client, programmeId) = await ProgrammeAsync();
        if (acceptLanguage is not null)
        {
            client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        var timeline = (await client.GetDocumentAsync($"/programmes/{programmeId}")).Body!.TextContent;
        var list = (await client.GetDocumentAsync("/programmes")).Body!.TextContent;

        Assert.Contains("29 September 2026", timeline, StringComparison.Ordinal);
        Assert.DoesNotContain("September 29", timeline, StringComparison.Ordinal);
        Assert.Contains("29/09/2026", list, StringComparison.Ordinal);
        Assert.DoesNotContain("9/29/2026", list, StringComparison.Ordinal);
        Assert.Contains("Session", timeline, StringComparison.Ordinal); // still the English text
    }

    [Fact]
    public async Task The_english_choice_of_the_language_switcher_formats_as_en_GB()
    {
        var (client, programmeId) = await ProgrammeAsync();
        var url = $"/programmes/{programmeId}";
        await client.PostFormAsync(url, new() { ["culture"] = "uk", ["returnUrl"] = url }, "/culture");
        Assert.Contains("29.09.2026", (await client.GetDocumentAsync("/programmes")).Body!.TextContent, StringComparison.Ordinal);

        await client.PostFormAsync(url, new() { ["culture"] = "en", ["returnUrl"] = url }, "/culture");
        var page = await client.GetDocumentAsync(url);

        Assert.Equal("en", page.DocumentElement.GetAttribute("lang"));
        Assert.Contains("29 September 2026", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void British_english_reads_numbers_as_english_does()
    {
        var british = CultureInfo.GetCultureInfo("en-GB");

        Assert.Equal(1234.5m, NumberParser.Parse("1,234.5", british, "Value"));
        Assert.Equal(0.25m, NumberParser.Parse("0.25", british, "Value"));
        Assert.Equal("1,234.50", 1234.5m.ToString("N2", british));
    }
}
