using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Demo;

/// <summary>
/// Demo data for <c>scripts/run</c>: one account per role and two programmes — the 2nd CPEE programme in
/// Dnipropetrovsk (session 1 on 5–7 October 2010, seed 000) and a current one whose sessions surround today,
/// with four companies and their CP teams (see DemoData.Companies.cs).
/// Idempotent: existing accounts and programmes are left as they are.
/// </summary>
internal static partial class DemoData
{
    public const string DefaultPassword = "CleanerProduction2010!";
    public const string HistoricalProgrammeName = "Cleaner Production and Energy Efficiency. Norwegian Model";
    public const string CurrentProgrammeName = "Cleaner Production and Energy Efficiency. Kherson 2026";

    public static readonly IReadOnlyList<(string Email, string Name, string Role)> Accounts =
    [
        ("admin@demo.local", "Olena Admin", Roles.Administrator),
        ("coordinator@demo.local", "Kari Nordmann", Roles.Coordinator),
        ("trainer@demo.local", "Ivan Petrenko", Roles.Trainer),
        ("engineer@demo.local", "Oksana Shevchenko", Roles.Engineer),
        ("manager@demo.local", "Mykola Bondarenko", Roles.Manager),
    ];

    public static async Task SeedAsync(IServiceProvider services, IConfiguration configuration, ILogger logger)
    {
        var password = configuration["CPTRAINING_DEMO_PASSWORD"];
        if (string.IsNullOrEmpty(password))
        {
            password = DefaultPassword;
        }

        var users = services.GetRequiredService<UserManager<AppUser>>();
        var db = services.GetRequiredService<AppDbContext>();
        var time = services.GetRequiredService<TimeProvider>();
        var ids = new Dictionary<string, string>();
        foreach (var (email, name, role) in Accounts)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, CreatedAt = time.GetUtcNow() };
                var result = await users.CreateAsync(user, password);
                if (!result.Succeeded)
                {
                    throw new InvalidOperationException($"Demo account {email} could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
                }

                await users.AddToRoleAsync(user, role);
            }

            ids[role] = user.Id;
        }

        if (!await db.Programmes.AnyAsync(p => p.Name == HistoricalProgrammeName))
        {
            var historical = Programme.CreateFromTemplate(
                new ProgrammeDetails(
                    HistoricalProgrammeName,
                    "TEKNA; UNDP-GEF Dnipro Basin Environment Programme",
                    "Dnipropetrovsk",
                    "Dnipropetrovsk oblast",
                    "Ukraine",
                    "en",
                    "The 2nd programme for pilot industries discharging persistent toxic substances into municipal wastewater "
                    + "treatment systems: implement Cleaner Production projects in enterprises discharging persistent organic "
                    + "pollutants to the Dnipro, analyse their feasibility and benefits, and disseminate the results.",
                    "Europe/Kyiv"),
                new DateOnly(2010, 10, 5),
                NorwegianModelTemplate.DefaultWeeksBetweenSessions,
                ids[Roles.Coordinator],
                time.GetUtcNow());
            db.Programmes.Add(historical);
            db.TaskTemplates.AddRange(TaskTemplate.StandardSet(historical.Id, historical.Language, historical.Sessions.Count));
        }

        if (!await db.Programmes.AnyAsync(p => p.Name == CurrentProgrammeName))
        {
            // Session 1 about nine weeks ago, session 2 about two weeks ago, sessions 3 and 4 to come;
            // sessions start on a Tuesday, as the 2010 ones did.
            var today = time.TodayIn("Europe/Kyiv");
            var firstStart = today.AddDays(-63);
            while (firstStart.DayOfWeek != DayOfWeek.Tuesday)
            {
                firstStart = firstStart.AddDays(-1);
            }

            var current = Programme.CreateFromTemplate(
                new ProgrammeDetails(
                    CurrentProgrammeName,
                    "TEKNA; Kherson Regional State Administration; Kherson Chamber of Commerce and Industry",
                    "Kherson",
                    "Kherson oblast",
                    "Ukraine",
                    "uk",
                    "Чисте виробництво та енергоефективність: навчання інженерів підприємств Херсонщини за Норвезькою моделлю.",
                    "Europe/Kyiv"),
                firstStart,
                NorwegianModelTemplate.DefaultWeeksBetweenSessions,
                ids[Roles.Coordinator],
                time.GetUtcNow());
            db.Programmes.Add(current);
            db.TaskTemplates.AddRange(TaskTemplate.StandardSet(current.Id, current.Language, current.Sessions.Count));
        }

        await db.SaveChangesAsync();
        await SeedCompaniesAsync(db, users, time, password, CurrentProgrammeName, Advisors, CurrentCompanies, time.GetUtcNow());
        await SeedHomeTasksAsync(db, users, time);
        await SeedBalancesAsync(db, time);
        await SeedOptionsAsync(db, time);
        await SeedHistoricalProgrammeAsync(db, users, time, password);
        LogSeeded(logger);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data ready (accounts *@demo.local)")]
    private static partial void LogSeeded(ILogger logger);
}
