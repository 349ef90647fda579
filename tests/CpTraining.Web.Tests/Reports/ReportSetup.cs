using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Attendance;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Reports;

/// <summary>
/// A programme for publishing and sharing tests. Sessions run 26–28 May, 14–16 July, 1–3 September and
/// 20–21 October 2026 (the final session). Alpha has one selected investment: 10 000 invested, 3 000 saved a year,
/// 5 years, 10 % — simple payback 10 000 / 3 000 = 3.3 years. Maria manages Alpha, Boris manages Beta; Anna is
/// Alpha's engineer.
/// </summary>
internal sealed record ReportSeed(Programme Programme, AppUser Coordinator, AppUser Anna, AppUser Maria, AppUser Boris, Guid Alpha, Guid Beta, Guid AlphaOptionId)
{
    public static readonly DateTimeOffset FinalSessionDay1 = new(2026, 10, 20, 9, 0, 0, TimeSpan.Zero);

    public string AlphaReport => $"/programmes/{Programme.Id}/companies/{Alpha}/report";

    public string BetaReport => $"/programmes/{Programme.Id}/companies/{Beta}/report";

    public string ShareLinks => $"/programmes/{Programme.Id}/share-links";

    public static async Task<ReportSeed> CreateAsync(CpTrainingFactory factory, string language = "en", string alphaName = "Alpha Textiles")
    {
        factory.Clock.Set(FinalSessionDay1);
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, AttendanceSetup.FirstSession, "Kherson CP programme 2026", language: language);
        var alpha = (await factory.EnrolCompanyAsync(programme.Id, alphaName + " " + Guid.NewGuid().ToString("N")[..4])).Id;
        var beta = (await factory.EnrolCompanyAsync(programme.Id, "Beta Dairy " + Guid.NewGuid().ToString("N")[..4])).Id;
        var anna = await factory.EngineerAsync(programme.Id, alpha, "Anna Adams");
        var maria = await factory.PersonAsync(Roles.Manager, "Maria Manager");
        await factory.AddMemberAsync(programme.Id, maria, ProgrammeRole.Manager, alpha);
        var boris = await factory.PersonAsync(Roles.Manager, "Boris Manager");
        await factory.AddMemberAsync(programme.Id, boris, ProgrammeRole.Manager, beta);
        var option = await AddInvestmentAsync(factory, programme.Id, alpha, 1, "Counter-current rinsing", 10_000m, 3_000m);
        return new ReportSeed(programme, coordinator, anna, maria, boris, alpha, beta, option);
    }

    /// <summary>A selected investment project with its economics (5 years, 10 %, in 2026 prices).</summary>
    public static async Task<Guid> AddInvestmentAsync(CpTrainingFactory factory, Guid programmeId, Guid companyId, int number, string title, decimal investment, decimal savings)
    {
        var option = CpOption.Create(programmeId, companyId, number, title, null, null, OptionCategory.EquipmentModification, OptionKind.Investment, factory.Clock.GetUtcNow());
        option.ChangeEconomics(new EconomicInputs { Investment = [new("Equipment", investment)], Water = savings, LifetimeYears = 5, DiscountRate = 0.10m, PriceYear = 2026 });
        foreach (var s in new[] { OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected })
        {
            option.MoveTo(s, null, null, factory.Clock.GetUtcNow());
        }

        await using var db = factory.NewDbContext();
        db.CpOptions.Add(option);
        await db.SaveChangesAsync();
        return option.Id;
    }

    /// <summary>Changes the option's investment behind the report's back, as an engineer's later edit would.</summary>
    public static async Task ChangeInvestmentAsync(CpTrainingFactory factory, Guid optionId, decimal investment, decimal savings)
    {
        await using var db = factory.NewDbContext();
        var option = await db.CpOptions.FindAsync(optionId);
        option!.ChangeEconomics(new EconomicInputs { Investment = [new("Equipment", investment)], Water = savings, LifetimeYears = 5, DiscountRate = 0.10m });
        await db.SaveChangesAsync();
    }

    /// <summary>The coordinator publishes a company report; returns the response (a redirect to the version when it worked).</summary>
    public static async Task<HttpResponseMessage> PublishAsync(HttpClient client, string reportUrl) =>
        await client.PostFormAsync(reportUrl, [], reportUrl + "?handler=Publish");
}
