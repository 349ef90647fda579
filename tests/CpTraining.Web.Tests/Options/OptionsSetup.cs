using CpTraining.Domain.Options;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Options;

/// <summary>Options built through the domain and saved with the DbContext directly, for the options page tests and the benchmark.</summary>
public static class OptionsSetup
{
    public static string EconomicsUrl(Guid optionId) => $"/options/{optionId}/economics";

    /// <summary>Flat economics: one investment line, one saving line, no escalation or salvage.</summary>
    public static EconomicInputs Flat(decimal investment, decimal savings, int years, decimal rate) => new()
    {
        Investment = investment == 0 ? [] : [new InvestmentLine("Equipment", investment)],
        RawMaterials = savings,
        LifetimeYears = years,
        DiscountRate = rate,
    };

    public static CpOption Option(
        Guid programmeId, Guid companyId, int number, string title, DateTimeOffset now,
        OptionCategory category = OptionCategory.GoodHousekeeping, OptionKind kind = OptionKind.LowCost, EconomicInputs? economics = null)
    {
        var option = CpOption.Create(programmeId, companyId, number, title, null, null, category, kind, now);
        option.ChangeEconomics(economics);
        return option;
    }

    /// <summary>Walks an option along the workflow to <paramref name="to"/> (selected, implemented or verified need achieved figures for the latter two).</summary>
    public static CpOption Walk(this CpOption option, DateTimeOffset now, params OptionStatus[] to)
    {
        foreach (var status in to)
        {
            option.MoveTo(status, status == OptionStatus.Rejected ? "Too dear" : null, status == OptionStatus.Verified ? "trainer" : null, now);
        }

        return option;
    }

    public static async Task SaveAsync(CpTrainingFactory factory, params CpOption[] options)
    {
        await using var db = factory.NewDbContext();
        db.CpOptions.AddRange(options);
        await db.SaveChangesAsync();
    }
}
