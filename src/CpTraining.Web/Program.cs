using CpTraining.Web;
using CpTraining.Web.Background;
using CpTraining.Web.Data;
using CpTraining.Web.Demo;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Extensions.Hosting;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Json;

var builder = WebApplication.CreateBuilder(args);

// Logging: Serilog (levels from the "Serilog" configuration section) to the console, plain or as JSON lines, and to
// any ILogEventSink registered as a service. Serilog joins Microsoft.Extensions.Logging as its provider rather than
// replacing the logger factory, so a provider the host adds (the tests do) still gets every message as M.E.L. formats
// it. The logger belongs to this host (disposed, and so flushed, with it), not to the static Log.Logger: several hosts
// in one process keep their logs apart.
builder.Logging.ClearProviders();
builder.Services.AddSingleton<Serilog.ILogger>(services =>
{
    var logger = new LoggerConfiguration()
        .ReadFrom.Configuration(builder.Configuration)
        .ReadFrom.Services(services)
        .Enrich.FromLogContext();
    return (builder.Configuration["CPTRAINING_LOG_JSON"] == "1"
            ? logger.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext:l}: {Message:lj}{NewLine}{Exception}"))
        .CreateLogger();
});
builder.Services.AddSingleton<ILoggerProvider>(services => new SerilogLoggerProvider(services.GetRequiredService<Serilog.ILogger>()));
builder.Logging.AddFilter<SerilogLoggerProvider>(null, LogLevel.Trace); // Serilog's own minimum levels decide

// Properties that request logging collects during a request (see Infrastructure/RequestLogging).
builder.Services.AddSingleton(services => new DiagnosticContext(services.GetRequiredService<Serilog.ILogger>()));
builder.Services.AddSingleton<IDiagnosticContext>(services => services.GetRequiredService<DiagnosticContext>());

builder.Services.AddSingleton(TimeProvider.System);

// Database: PostgreSQL only; transient failures are retried.
builder.Services.AddDbContext<AppDbContext>((services, options) => options
    .UseNpgsql(
        services.GetRequiredService<IConfiguration>().GetConnectionString("Default"),
        npgsql => npgsql.EnableRetryOnFailure(maxRetryCount: 3))
    .AddInterceptors(services.GetRequiredService<CpTraining.Web.Events.DomainEventDispatch>()));

// What follows a domain change (Events): dispatched by every save during a request, before it is written.
builder.Services.AddScoped<CpTraining.Web.Events.DomainEventDispatch>();
builder.Services.AddScoped<CpTraining.Web.Events.IEventHandler, CpTraining.Web.Events.AuditTrail>();
builder.Services.AddScoped<CpTraining.Web.Events.IEventHandler, CpTraining.Web.Events.WorkMessages>();
builder.Services.AddScoped<CpTraining.Web.Events.IEventHandler, CpTraining.Web.Events.SessionEnd>();

// Accounts.
builder.Services
    .AddIdentity<AppUser, IdentityRole>(options =>
    {
        options.Password.RequiredLength = 12;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 1;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = true;
        options.SignIn.RequireConfirmedAccount = false;
    })
    .AddEntityFrameworkStores<AppDbContext>()
    .AddDefaultTokenProviders()
    .AddPasswordValidator<CommonPasswordValidator>()
    .AddErrorDescriber<LocalizedIdentityErrorDescriber>();
builder.Services.Configure<DataProtectionTokenProviderOptions>(o => o.TokenLifespan = TimeSpan.FromDays(7));

// A removed role or enrolment takes effect at the next request that re-validates (at most a minute later).
builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

var secureCookies = !builder.Environment.IsDevelopment() && !builder.Environment.IsEnvironment("Testing");
builder.Services.ConfigureApplicationCookie(o =>
{
    o.Cookie.Name = secureCookies ? "__Host-CpTraining" : "CpTraining";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    o.LoginPath = "/account/login";
    o.LogoutPath = "/account/logout";
    o.AccessDeniedPath = "/account/access-denied";
    o.ExpireTimeSpan = TimeSpan.FromHours(8);
    o.SlidingExpiration = true;
});
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = secureCookies ? "__Host-CpTraining-Antiforgery" : "CpTraining-Antiforgery";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = secureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
});

// Data Protection keys in PostgreSQL (the data_protection_keys table) so any number of instances share them.
builder.Services.AddDataProtection().SetApplicationName("CpTraining").PersistKeysToDbContext<AppDbContext>();

// Authorization: every page requires a signed-in user unless it says [AllowAnonymous].
builder.Services.AddAuthorizationBuilder()
    .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
    .AddPolicy(Policies.Administration, p => p.AddRequirements(new OperationRequirement(Operation.Administer)))
    .AddPolicy(Policies.ManageProgrammes, p => p.AddRequirements(new OperationRequirement(Operation.CreateProgrammes)));
builder.Services.AddScoped<AccessControl>();
builder.Services.AddScoped<CpTraining.Web.Infrastructure.Saving.SaveFlow>();
builder.Services.AddSingleton<IAuthorizationHandler, AccountOperationHandler>();
builder.Services.AddScoped<IAuthorizationHandler, ResourceOperationHandler>();

// Localisation: English (the resource keys) and Ukrainian.
builder.Services.AddLocalization(o => o.ResourcesPath = "Resources");
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    // English text ("en") is formatted the British way (en-GB: 29/09/2026), in the UI and in reports alike.
    o.DefaultRequestCulture = new RequestCulture(Cultures.Formatting("en"), Cultures.Text("en"));
    o.SupportedCultures = Cultures.Supported.Select(Cultures.Formatting).ToList();
    o.SupportedUICultures = Cultures.Supported.Select(Cultures.Text).ToList();
    o.RequestCultureProviders = [.. new IRequestCultureProvider[] { new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider() }.Select(Cultures.EnglishAsBritish)];
});

builder.Services
    .AddRazorPages(o =>
    {
        o.Conventions.AuthorizeFolder("/Admin", Policies.Administration);
    })
    .AddMvcOptions(o => o.Filters.Add<UnknownHandlerFilter>())
    .AddViewLocalization()
    .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
builder.Services.AddRouting(o => o.LowercaseUrls = true);

// Write Cyrillic, Chinese and other letters as they are instead of &#x...; entities (HTML-sensitive characters are still encoded).
builder.Services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
    o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
builder.Services.AddSingleton<IConfigureOptions<Microsoft.AspNetCore.Mvc.MvcOptions>, LocalizedModelBindingMessages>();

builder.Services.AddHealthChecks()
    .AddDbContextCheck<AppDbContext>("database", tags: ["ready"])
    .AddCheck<MigrationsAppliedCheck>("migrations", tags: ["ready"])
    .AddCheck<CpTraining.Web.Infrastructure.Printing.PdfRendererHealthCheck>("pdf", tags: ["ready"]);

// One Chromium per process prints every PDF (see Reports/PdfRenderer).
builder.Services.Configure<CpTraining.Web.Infrastructure.Printing.PdfOptions>(builder.Configuration.GetSection(CpTraining.Web.Infrastructure.Printing.PdfOptions.Section));
builder.Services.AddSingleton<CpTraining.Web.Infrastructure.Printing.PdfRenderer>();
builder.Services.AddScoped<CpTraining.Web.Infrastructure.Printing.ViewRenderer>();
builder.Services.AddScoped<CpTraining.Web.Pages.Reports.ReportPrinter>();

builder.Services.Configure<SmtpOptions>(builder.Configuration.GetSection("Smtp"));
builder.Services.AddHostedService<OutboxSender>();
builder.Services.AddHttpContextAccessor();
builder.Services.AddScoped<CpTraining.Web.Background.TaskNotifier>();

// "Due in 3 days" and "overdue" reminders (TaskReminders:Enabled, TaskReminders:Interval; off in the Testing environment).
builder.Services.AddHostedService<CpTraining.Web.Background.TaskReminders>();

if (!builder.Environment.IsDevelopment())
{
    builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
}

// Behind a TLS-terminating proxy or load balancer, trust its X-Forwarded-Proto/-For so the app knows the
// request was HTTPS (Secure cookies need it). Off unless configured: forwarded headers from anyone else are lies.
var trustForwardedHeaders = builder.Configuration.GetValue("CPTRAINING_TRUST_FORWARDED_HEADERS", false);
builder.Services.Configure<ForwardedHeadersOptions>(o =>
{
    o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
    o.KnownIPNetworks.Clear();
    o.KnownProxies.Clear();
});

var app = builder.Build();

if (!await DatabaseStartup.PrepareAsync(app.Services, app.Configuration, app.Logger))
{
    return 1;
}

if (app.Configuration.GetValue("CPTRAINING_SEED_DEMO", false))
{
    using var scope = app.Services.CreateScope();
    await DemoData.SeedAsync(scope.ServiceProvider, app.Configuration, app.Logger);
}

if (trustForwardedHeaders)
{
    app.UseForwardedHeaders();
}

app.UseSecurityHeaders();

// Outside the error handler and status-code pages, so a request they re-execute is still one event, with its own path
// and final status.
app.UseSerilogRequestLogging(RequestLogging.Configure(app.Services));
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/error", "?code={0}");
app.UseStaticFiles();
app.UseRouting();
app.UseRequestLocalization();
app.UseAuthentication();
app.UseAuthorization();

app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).AllowAnonymous();
app.MapRazorPages();

await app.RunAsync();
return 0;

/// <summary>Entry point type, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
