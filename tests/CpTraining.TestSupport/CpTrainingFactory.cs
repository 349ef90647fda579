using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using CpTraining.Domain.Companies;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CpTraining.TestSupport;

/// <summary>
/// The real app over a real PostgreSQL database of its own (cloned from a migrated template), with a clock the
/// tests set. One factory per test class (IClassFixture); tests in a class share its database, so each test
/// creates the programmes and accounts it needs.
/// </summary>
public class CpTrainingFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Password = "correct horse battery staple 42";

    private PostgresServer? _server;

    public string DatabaseName { get; private set; } = string.Empty;

    public string ConnectionString { get; private set; } = string.Empty;

    /// <summary>Every Serilog event the app writes (besides the console).</summary>
    public LogSink Logs { get; } = new();

    /// <summary>"Now" for the app; tests move it. Defaults to 1 June 2026, 09:00 UTC.</summary>
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    public TestClock Clock { get; } = new(Start);

    public virtual async Task InitializeAsync()
    {
        _server = await PostgresServer.SharedAsync();
        await _server.EnsureTemplateAsync(async connectionString =>
        {
            await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).Options);
            await db.Database.MigrateAsync();
        });
        DatabaseName = await _server.CreateDatabaseAsync();
        ConnectionString = _server.ConnectionString(DatabaseName);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_server is not null && DatabaseName.Length > 0)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await _server.DropDatabaseAsync(DatabaseName);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Default", ConnectionString);
        builder.UseSetting("CPTRAINING_SEED_DEMO", "false");
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.AddSingleton<Serilog.Core.ILogEventSink>(Logs);
        });
    }

    /// <summary>A client that keeps cookies and does not follow redirects (tests look at them).</summary>
    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public AppDbContext NewDbContext() =>
        new(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(ConnectionString).Options);

    /// <summary>Creates an account with <see cref="Password"/> and the given role.</summary>
    public async Task<AppUser> CreateUserAsync(string role, string? email = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = role + " Person", CreatedAt = Clock.GetUtcNow() };
        var result = await users.CreateAsync(user, Password);
        Assert.True(result.Succeeded, string.Join(" ", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(user, role);
        return user;
    }

    /// <summary>Signs a new client in as a new account of the role.</summary>
    /// <summary>An account of the role with a readable name.</summary>
    public async Task<AppUser> PersonAsync(string role, string name)
    {
        var user = await CreateUserAsync(role);
        await using var db = NewDbContext();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, name));
        user.DisplayName = name;
        return user;
    }

    /// <summary>Back to the clock's starting moment, 1 June 2026 09:00 UTC.</summary>
    public void ResetClock() => Clock.Set(Start);

    public async Task<(HttpClient Client, AppUser User)> SignedInClientAsync(string role)
    {
        var user = await CreateUserAsync(role);
        var client = NewClient();
        await SignInAsync(client, user.Email!);
        return (client, user);
    }

    public static async Task SignInAsync(HttpClient client, string email, string password = Password)
    {
        var response = await client.PostFormAsync("/account/login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A new client signed in as the user.</summary>
    public async Task<HttpClient> ClientAsync(AppUser user)
    {
        var client = NewClient();
        await SignInAsync(client, user.Email!);
        return client;
    }

    /// <summary>Saves a programme made from the template directly (for tests that are not about creating one).</summary>
    public async Task<Programme> CreateProgrammeAsync(AppUser coordinator, DateOnly firstSession, string name = "Test programme", string country = "Ukraine", string language = "en")
    {
        var programme = Programme.CreateFromTemplate(
            new ProgrammeDetails(name, "TEKNA", "Kherson", null, country, language, null, "UTC"),
            firstSession,
            NorwegianModelTemplate.DefaultWeeksBetweenSessions,
            coordinator.Id,
            Clock.GetUtcNow());
        await using var db = NewDbContext();
        db.Programmes.Add(programme);
        db.TaskTemplates.AddRange(Domain.HomeTasks.TaskTemplate.StandardSet(programme.Id, programme.Language, programme.Sessions.Count));
        await db.SaveChangesAsync();
        return programme;
    }

    /// <summary>
    /// Makes the user a member of the programme. Engineers and managers join a company's CP team: the given
    /// company, or else a company "Test company" enrolled for the purpose.
    /// </summary>
    public async Task AddMemberAsync(Guid programmeId, AppUser user, ProgrammeRole role, Guid? companyId = null)
    {
        await using var db = NewDbContext();
        var programme = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == programmeId);
        if (role is ProgrammeRole.Engineer or ProgrammeRole.Manager)
        {
            if (companyId is null)
            {
                var enrolled = programme.Enrolments.Select(e => e.CompanyId).ToList();
                companyId = await db.Companies.Where(c => c.Name == "Test company" && enrolled.Contains(c.Id)).Select(c => (Guid?)c.Id).FirstOrDefaultAsync();
                if (companyId is null)
                {
                    var company = new Company(new CompanyDetails("Test company", null, null, "Kherson", null, "Ukraine", null, null, null, null), Clock.GetUtcNow());
                    db.Companies.Add(company);
                    programme.EnrolCompany(company.Id, isPilot: false, Clock.GetUtcNow());
                    companyId = company.Id;
                }
            }

            programme.AddTeamMember(companyId.Value, user.Id, role);
        }
        else
        {
            programme.AddMember(user.Id, role);
        }

        await db.SaveChangesAsync();
    }

    /// <summary>Registers a company and enrols it in the programme.</summary>
    public async Task<Company> EnrolCompanyAsync(Guid programmeId, string name = "Company", bool isPilot = false)
    {
        await using var db = NewDbContext();
        var programme = await db.Programmes.Include(p => p.Enrolments).SingleAsync(p => p.Id == programmeId);
        var company = new Company(new CompanyDetails(name, "C13.30", "Finishing of textiles", "Kherson", null, "Ukraine", 100, null, null, null), Clock.GetUtcNow());
        db.Companies.Add(company);
        programme.EnrolCompany(company.Id, isPilot, Clock.GetUtcNow());
        await db.SaveChangesAsync();
        return company;
    }
}

/// <summary>A clock the tests set (the app reads time only through TimeProvider).</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Set(DateTimeOffset now) => _now = now;

    public DateOnly Today => DateOnly.FromDateTime(_now.UtcDateTime);
}

/// <summary>Form helpers: GET a page, read its antiforgery token, POST fields back with it.</summary>
public static class FormClient
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> GetDocumentAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        await Parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());

    public static string Token(IHtmlDocument document, string? formSelector = null)
    {
        var scope = formSelector is null ? (AngleSharp.Dom.IParentNode)document : document.QuerySelector(formSelector)!;
        return scope.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("No antiforgery token on the page");
    }

    /// <summary>GETs <paramref name="url"/> for its token, then POSTs the fields to <paramref name="postUrl"/> (default: the same URL).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, Dictionary<string, string> fields, string? postUrl = null)
    {
        var document = await client.GetDocumentAsync(url);
        fields["__RequestVerificationToken"] = Token(document);
        return await client.PostAsync(postUrl ?? url, new FormUrlEncodedContent(fields));
    }

    /// <summary>All values of a form on the page (inputs, selects, textareas), to post back with some changed.</summary>
    public static Dictionary<string, string> FormValues(IHtmlDocument document, string formSelector = "main form[method=post]")
    {
        var form = document.QuerySelector(formSelector) ?? throw new InvalidOperationException("No form " + formSelector);
        var values = new Dictionary<string, string>();
        foreach (var input in form.QuerySelectorAll("input[name]"))
        {
            var type = input.GetAttribute("type");
            if (type is "checkbox" or "radio" && !input.HasAttribute("checked"))
            {
                continue;
            }

            values[input.GetAttribute("name")!] = input.GetAttribute("value") ?? string.Empty;
        }

        foreach (var select in form.QuerySelectorAll("select[name]").OfType<IHtmlSelectElement>())
        {
            values[select.Name!] = select.Value ?? string.Empty;
        }

        foreach (var area in form.QuerySelectorAll("textarea[name]").OfType<IHtmlTextAreaElement>())
        {
            values[area.Name!] = area.Value;
        }

        return values;
    }

    /// <summary>Validation messages shown next to fields and in the summary.</summary>
    public static IReadOnlyList<string> Errors(IHtmlDocument document) =>
        document.QuerySelectorAll(".field-validation-error, .validation-summary-errors li")
            .Select(e => e.TextContent.Trim())
            .Where(t => t.Length > 0)
            .ToList();

    public static string? FieldError(IHtmlDocument document, string field) =>
        document.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() is { Length: > 0 } text ? text : null;
}
