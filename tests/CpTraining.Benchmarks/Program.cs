using System.Diagnostics;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.Web.Pages.Programmes;
using CpTraining.Web.Tests.Infrastructure;

// Benchmarks for the README (not run by scripts/test). Run: dotnet run -c Release --project tests/CpTraining.Benchmarks
// Figures are wall-clock on the machine at hand; compare runs on the same machine only.
Console.WriteLine($"CpTraining benchmarks · {Environment.ProcessorCount} cores · .NET {Environment.Version}");

// 1. iCalendar for a four-session programme (pure CPU): time and allocation per file.
var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
var events = Enumerable.Range(1, 4).Select(n => new CalendarEvent(
    $"{Guid.NewGuid()}@cptraining", $"Чисте виробництво; session {n}", string.Join("\n", NorwegianModelTemplate.AgendaFor(n, "uk").Select(i => "- " + i.Topic)),
    "Dnipro, Ukraine", new DateOnly(2026, 10, 5).AddDays(49 * (n - 1)), n == 4 ? 2 : 3, n % 2 == 0 ? new TimeOnly(9, 0) : null, n % 2 == 0 ? new TimeOnly(17, 0) : null,
    DateTimeOffset.UnixEpoch)).ToList();
for (var i = 0; i < 2_000; i++)
{
    ICalendarWriter.Write("warm-up", zone, events, DateTimeOffset.UnixEpoch);
}

const int icsRuns = 20_000;
var allocated = GC.GetAllocatedBytesForCurrentThread();
var sw = Stopwatch.StartNew();
for (var i = 0; i < icsRuns; i++)
{
    ICalendarWriter.Write("Cleaner Production and Energy Efficiency", zone, events, DateTimeOffset.UnixEpoch);
}

sw.Stop();
Console.WriteLine($"ics: {sw.Elapsed.TotalMicroseconds / icsRuns:0.0} µs and {(GC.GetAllocatedBytesForCurrentThread() - allocated) / icsRuns / 1024.0:0.0} KiB allocated per 4-session calendar");

// 2. Pages over HTTP against a real PostgreSQL with 200 programmes (in-process test server, one client).
var repo = AppContext.BaseDirectory;
while (!File.Exists(Path.Combine(repo, "CpTraining.sln")))
{
    repo = Path.GetDirectoryName(repo.TrimEnd('/')) ?? throw new InvalidOperationException("Run from inside the repository");
}

// WebApplicationFactory finds the app's content root this way outside a test project.
Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_CPTRAINING_WEB", Path.Combine(repo, "src", "CpTraining.Web"));
var factory = new CpTrainingFactory();
await factory.InitializeAsync();
var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
Guid sample = default;
for (var i = 0; i < 200; i++)
{
    var p = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2010, 10, 5).AddDays(30 * i), $"Programme {i}", i % 3 == 0 ? "Croatia" : "Ukraine");
    sample = p.Id;
}

var client = factory.NewClient();
await CpTrainingFactory.SignInAsync(client, coordinator.Email!);
foreach (var (name, url) in new[] { ("list of 200 programmes", "/programmes"), ("timeline", $"/programmes/{sample}"), ("agenda", $"/programmes/{sample}/sessions/1/agenda"), ("calendar.ics", $"/programmes/{sample}/calendar.ics") })
{
    for (var i = 0; i < 20; i++)
    {
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
    }

    var times = new List<double>();
    for (var i = 0; i < 200; i++)
    {
        var t = Stopwatch.StartNew();
        (await client.GetAsync(url)).EnsureSuccessStatusCode();
        times.Add(t.Elapsed.TotalMilliseconds);
    }

    times.Sort();
    Console.WriteLine($"GET {name}: p50 {times[100]:0.0} ms, p95 {times[190]:0.0} ms, max {times[^1]:0.0} ms (200 requests)");
}

Console.WriteLine($"working set after the run: {Environment.WorkingSet / 1024 / 1024} MiB");
await ((Xunit.IAsyncLifetime)factory).DisposeAsync();
