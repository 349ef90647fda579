using System.Text;
using System.Text.RegularExpressions;
using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CpTraining.Browser.Tests.Programmes;

/// <summary>
/// Populating a running programme in the browser: a coordinator enrols companies and people by form and by CSV and
/// marks attendance; then an engineer and a manager of one company see only that company.
/// </summary>
public sealed class EnrolmentJourneyTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    private const string CompanyA = "Kherson Textile Finishing Works";
    private const string CompanyB = "Dnipro Dairy Cooperative";
    private const string CompanyC = "Zaporizhzhia Coke and Chemicals";
    private const string ProblemA = "discharges persistent organic pollutants to the municipal wastewater system, reaching the Dnipro";
    private const string ProblemB = "whey discharged untreated to the river";

    [Fact]
    public async Task Coordinator_enrols_three_companies_and_marks_attendance_then_engineer_and_manager_see_only_their_company()
    {
        // Session 1 began on Tuesday 26 May 2026; "today" is 1 June.
        factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 5, 26), "Cleaner Production Dnipro 2026");
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var engineerAEmail = $"olena.kovalenko-{suffix}@textile.example";
        var engineerBEmail = $"anna.shevchenko-{suffix}@dairy.example";
        var engineerCEmail = $"maria.lysenko-{suffix}@coke.example";
        var managerCEmail = $"petro.bondar-{suffix}@coke.example";

        await using var context = await factory.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/login");
        await page.SignInAsync(coordinator.Email!);
        await Expect(page).ToHaveURLAsync(new Regex("/home$"));

        // Companies A and B: registered and enrolled through the form, then an engineer each through the CP team form.
        var companyAUrl = await EnrolNewCompanyAsync(page, programme.Id, CompanyA, "C13.30", "Finishing of textiles", ProblemA);
        await AddPersonAsync(page, engineerAEmail, "Olena Kovalenko", "Chief process engineer");
        var companyBUrl = await EnrolNewCompanyAsync(page, programme.Id, CompanyB, "C10.51", "Dairies and cheese making", ProblemB);
        await AddPersonAsync(page, engineerBEmail, "Anna Shevchenko", "Energy engineer");

        // The invitations are e-mails waiting in the outbox (nothing on screen shows them to the coordinator).
        await using (var db = factory.NewDbContext())
        {
            var invited = await db.OutboxMessages.Where(m => m.To == engineerAEmail || m.To == engineerBEmail).Select(m => m.To).ToListAsync();
            Assert.Equal(new[] { engineerAEmail, engineerBEmail }.Order(StringComparer.Ordinal), invited.Order(StringComparer.Ordinal));
        }

        // Company C with two people from a CSV file: upload, preview, confirm.
        var csv = Path.Combine(Path.GetTempPath(), $"enrolment-{suffix}.csv");
        await File.WriteAllTextAsync(
            csv,
            "company;person;e-mail;role;position\n"
            + $"{CompanyC};Maria Lysenko;{engineerCEmail};engineer;Ecologist\n"
            + $"{CompanyC};Petro Bondar;{managerCEmail};manager;Technical director\n",
            new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            await page.GotoAsync($"/programmes/{programme.Id}/import");
            await page.SetInputFilesAsync("#File", csv);
            await page.ClickAsync("#upload-form button[type=submit]");
            await Expect(page.Locator("[data-count='new-companies']")).ToHaveTextAsync("1");
            await Expect(page.Locator("[data-count='new-accounts']")).ToHaveTextAsync("2");
            await Expect(page.Locator("[data-count='error-lines']")).ToHaveTextAsync("0");
            await Expect(page.Locator("#companies tbody tr")).ToHaveCountAsync(1);
            await Expect(page.Locator("#companies tbody tr")).ToContainTextAsync(CompanyC);
            await Expect(page.Locator("#people tbody tr")).ToHaveCountAsync(2);
            await Expect(page.Locator("#people tbody tr[data-line='2']")).ToContainTextAsync("Maria Lysenko");
            await Expect(page.Locator("#people tbody tr[data-line='3']")).ToContainTextAsync("Petro Bondar");
            await page.ScreenshotAsync("import-preview");
        }
        finally
        {
            File.Delete(csv);
        }

        // Nothing is written before the confirmation.
        await using (var db = factory.NewDbContext())
        {
            Assert.False(await db.Companies.AnyAsync(c => c.Name == CompanyC));
        }

        await page.ClickAsync("#confirm-form button[type=submit]");
        await page.WaitForURLAsync(new Regex($"/programmes/{programme.Id}$"));
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Import done: 1 companies enrolled (1 newly registered), 2 people added to CP teams; 2 invitations are in the outbox.");

        // The programme's companies: all three, with their CP teams.
        await page.GotoAsync($"/programmes/{programme.Id}/companies");
        var rows = page.Locator("#companies tbody tr");
        await Expect(rows).ToHaveCountAsync(3);
        await Expect(rows.Filter(new() { HasText = CompanyA }).Locator(".team-size")).ToHaveTextAsync("Engineers: 1 · Managers: 0");
        await Expect(rows.Filter(new() { HasText = CompanyB }).Locator(".team-size")).ToHaveTextAsync("Engineers: 1 · Managers: 0");
        await Expect(rows.Filter(new() { HasText = CompanyC }).Locator(".team-size")).ToHaveTextAsync("Engineers: 1 · Managers: 1");

        // Attendance of session 1, day 1: the engineers of the three companies (managers do not attend).
        var gridUrl = $"/programmes/{programme.Id}/sessions/1/attendance?day=1";
        await page.GotoAsync(gridUrl);
        var attendance = page.Locator("li.attendance-row");
        await Expect(attendance).ToHaveCountAsync(3);
        await Expect(page.Locator("li.attendance-row", new() { HasText = "Petro Bondar" })).ToHaveCountAsync(0);
        await Attendee(page, "Olena Kovalenko").Locator("label", new() { HasText = "Present" }).ClickAsync();
        await Attendee(page, "Anna Shevchenko").Locator("label", new() { HasText = "Absent" }).ClickAsync();
        await Attendee(page, "Maria Lysenko").Locator("label", new() { HasText = "Present" }).ClickAsync();
        await page.ClickAsync("main form button[type=submit]");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Attendance for day 1 of session 1 has been saved.");

        await page.GotoAsync(gridUrl);
        await Expect(page.Locator(".alert-success")).ToHaveCountAsync(0);
        await Expect(Attendee(page, "Olena Kovalenko").GetByRole(AriaRole.Radio, new() { Name = "Present" })).ToBeCheckedAsync();
        await Expect(Attendee(page, "Anna Shevchenko").GetByRole(AriaRole.Radio, new() { Name = "Absent" })).ToBeCheckedAsync();
        await Expect(Attendee(page, "Maria Lysenko").GetByRole(AriaRole.Radio, new() { Name = "Present" })).ToBeCheckedAsync();
        await Expect(Attendee(page, "Olena Kovalenko").GetByRole(AriaRole.Radio, new() { Name = "Absent" })).Not.ToBeCheckedAsync();
        await Expect(attendance.Filter(new() { HasText = "Recorded by" })).ToHaveCountAsync(3);
        await page.ScreenshotAsync("attendance-saved");

        // The engineer of company A accepts the invitation (sets a password) and signs in in a browser of their own.
        await SetPasswordAsync(engineerAEmail);
        await using var engineerContext = await factory.NewContextAsync();
        var engineerPage = await engineerContext.NewPageAsync();
        await engineerPage.SignInAsync(engineerAEmail);
        await Expect(engineerPage).ToHaveURLAsync(new Regex("/home$"));
        await Expect(engineerPage.Locator("#company-name")).ToHaveTextAsync(CompanyA);
        await Expect(engineerPage.Locator("#my-company")).ToContainTextAsync("Olena Kovalenko");
        await AssertShowsNoneOfAsync(engineerPage, CompanyB, CompanyC, "Anna Shevchenko", "Maria Lysenko");

        await engineerPage.GotoAsync($"/programmes/{programme.Id}/companies");
        var engineerRows = engineerPage.Locator("#companies tbody tr");
        await Expect(engineerRows).ToHaveCountAsync(1);
        await Expect(engineerRows).ToContainTextAsync(CompanyA);
        await AssertShowsNoneOfAsync(engineerPage, CompanyB, CompanyC);

        // A manager of company A sees the company summary, and editing the URL to company B's page is refused.
        var managerA = await factory.CreateUserAsync(Roles.Manager);
        await factory.AddMemberAsync(programme.Id, managerA, ProgrammeRole.Manager, CompanyIdOf(companyAUrl));
        await using var managerContext = await factory.NewContextAsync();
        var managerPage = await managerContext.NewPageAsync();
        await managerPage.SignInAsync(managerA.Email!);
        await Expect(managerPage).ToHaveURLAsync(new Regex("/home$"));
        await Expect(managerPage.Locator("#company-name")).ToHaveTextAsync(CompanyA);
        await Expect(managerPage.Locator("#environmental-problem")).ToHaveTextAsync(ProblemA);
        await Expect(managerPage.Locator("#my-company #team")).ToContainTextAsync("Olena Kovalenko");
        await AssertShowsNoneOfAsync(managerPage, CompanyB, CompanyC);

        await managerPage.GotoAsync(companyAUrl);
        await Expect(managerPage.Locator("h1")).ToContainTextAsync(CompanyA);

        await managerPage.GotoAsync(companyBUrl);
        await Expect(managerPage).ToHaveURLAsync(new Regex("/account/access-denied"));
        await Expect(managerPage.Locator("h1")).ToHaveTextAsync("Access denied");
        await AssertShowsNoneOfAsync(managerPage, CompanyB, ProblemB, "Anna Shevchenko", engineerBEmail);
        await managerPage.ScreenshotAsync("manager-access-denied");
    }

    /// <summary>Registers and enrols a company through the enrol page; returns the URL of its page in the programme.</summary>
    private static async Task<string> EnrolNewCompanyAsync(IPage page, Guid programmeId, string name, string sectorCode, string sectorName, string problem)
    {
        await page.GotoAsync($"/programmes/{programmeId}/companies");
        await page.ClickAsync($"a[href='/programmes/{programmeId}/companies/enrol']");
        await Expect(page.Locator("h1")).ToHaveTextAsync("Enrol a company");
        await page.FillAsync("#New_Name", name);
        await page.FillAsync("#New_SectorCode", sectorCode);
        await page.FillAsync("#New_SectorName", sectorName);
        await page.FillAsync("#New_City", "Kherson");
        await page.FillAsync("#New_Country", "Ukraine");
        await page.FillAsync("#New_Employees", "250");
        await page.FillAsync("#New_EnvironmentalProblem", problem);
        await page.ClickAsync("#enrol-new button[type=submit]");
        await page.WaitForURLAsync(new Regex($"/programmes/{programmeId}/companies/[0-9a-f-]{{36}}$"));
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"{name} has been registered and enrolled.");
        await Expect(page.Locator("h1")).ToContainTextAsync(name);
        await Expect(page.Locator("#no-team")).ToBeVisibleAsync();
        return new Uri(page.Url).AbsolutePath;
    }

    /// <summary>Adds a person without an account to the CP team of the company whose page is open.</summary>
    private static async Task AddPersonAsync(IPage page, string email, string name, string position)
    {
        var url = page.Url;
        await page.FillAsync("#Input_Email", email);
        await page.FillAsync("#Input_DisplayName", name);
        await page.FillAsync("#Input_Position", position);
        await page.SelectOptionAsync("#Input_Role", Roles.Engineer);
        await page.ClickAsync("#add-person button[type=submit]");
        await page.WaitForURLAsync(url);
        await Expect(page.Locator(".alert-success")).ToContainTextAsync($"An account has been created for {email} and the invitation is in the outbox");
        var member = page.Locator("#team tbody tr", new() { HasText = email });
        await Expect(member).ToHaveCountAsync(1);
        await Expect(member).ToContainTextAsync(name);
        await Expect(member).ToContainTextAsync("Engineer");
        await Expect(member).ToContainTextAsync(position);
    }

    private static ILocator Attendee(IPage page, string name) => page.Locator("li.attendance-row", new() { HasText = name });

    private static Guid CompanyIdOf(string companyUrl) => Guid.Parse(companyUrl[(companyUrl.LastIndexOf('/') + 1)..]);

    private static async Task AssertShowsNoneOfAsync(IPage page, params string[] texts)
    {
        var shown = await page.Locator("body").InnerTextAsync();
        foreach (var text in texts)
        {
            Assert.DoesNotContain(text, shown, StringComparison.OrdinalIgnoreCase);
        }
    }

    /// <summary>What following the invitation link does: the invited account gets a password.</summary>
    private async Task SetPasswordAsync(string email)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException($"No account for {email}.");
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, BrowserFactory.Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
