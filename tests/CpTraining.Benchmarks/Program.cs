using System.Diagnostics;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.Web.Pages.EmissionFactors;
using CpTraining.Web.Pages.Options;
using CpTraining.Web.Pages.Programmes;
using CpTraining.Web.Tests.Balances;
using CpTraining.Web.Tests.Options;
using CpTraining.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

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

// 3. A 20 MB file into and out of PostgreSQL (FileStore): bytes allocated by the whole process while it streams,
// and the peak working set. Buffering the file would allocate at least 20 MB per direction.
var twentyMb = Path.Combine(Path.GetTempPath(), "cptraining-benchmark-20mb.pdf");
await using (var f = File.Create(twentyMb))
{
    var chunk = new byte[1024 * 1024];
    Random.Shared.NextBytes(chunk);
    "%PDF-1.7\n"u8.CopyTo(chunk);
    for (var i = 0; i < 20; i++)
    {
        await f.WriteAsync(chunk);
    }
}

for (var run = 0; run < 3; run++)
{
    await using var db = factory.NewDbContext();
    GC.Collect();
    var before = GC.GetTotalAllocatedBytes(precise: true);
    var store = Stopwatch.StartNew();
    Guid fileId;
    await using (var transaction = await db.Database.BeginTransactionAsync())
    await using (var content = File.OpenRead(twentyMb))
    {
        var inspected = CpTraining.Web.Infrastructure.Files.FileInspector.Inspect("benchmark.pdf", content);
        var file = new CpTraining.Web.Infrastructure.Files.StoredFile(sample, CpTraining.Web.Infrastructure.Files.FileOwnerKind.HomeTask, Guid.NewGuid(), inspected, coordinator.Id, DateTimeOffset.UtcNow);
        await CpTraining.Web.Infrastructure.Files.FileStore.SaveAsync(db, file, content);
        await transaction.CommitAsync();
        fileId = file.Id;
    }

    store.Stop();
    var afterStore = GC.GetTotalAllocatedBytes(precise: true);
    var read = Stopwatch.StartNew();
    await CpTraining.Web.Infrastructure.Files.FileStore.CopyToAsync(db, fileId, Stream.Null);
    read.Stop();
    var afterRead = GC.GetTotalAllocatedBytes(precise: true);
    Console.WriteLine($"20 MB file, run {run + 1}: inspect+store {store.Elapsed.TotalMilliseconds:0} ms, {(afterStore - before) / 1024.0 / 1024:0.0} MiB allocated; read {read.Elapsed.TotalMilliseconds:0} ms, {(afterRead - afterStore) / 1024.0 / 1024:0.0} MiB allocated");
}

// 4. The same 20 MB file through the app over HTTP: an engineer uploads it with the work page's form (the framework
// spools it to a temporary file, FileInspector reads it, FileStore streams it into PostgreSQL), then downloads it.
{
    var company = await factory.EnrolCompanyAsync(sample, "Benchmark company");
    var engineer = await factory.CreateUserAsync(Roles.Engineer);
    await factory.AddMemberAsync(sample, engineer, ProgrammeRole.Engineer, company.Id);
    Guid workId;
    await using (var db = factory.NewDbContext())
    {
        var today = factory.Clock.Today;
        var task = CpTraining.Domain.HomeTasks.HomeTask.Assign(sample, 1, 4, null, "Benchmark task", null, [], today.AddDays(30), null, false, coordinator.Id, factory.Clock.GetUtcNow(), today);
        var work = CpTraining.Domain.HomeTasks.Submission.ForCompany(task, company.Id);
        db.HomeTasks.Add(task);
        db.Submissions.Add(work);
        await db.SaveChangesAsync();
        workId = work.Id;
    }

    var engineerClient = factory.NewClient();
    await CpTrainingFactory.SignInAsync(engineerClient, engineer.Email!);
    for (var run = 0; run < 3; run++)
    {
        var form = FormClient.FormValues(await engineerClient.GetDocumentAsync($"/tasks/{workId}"), "#work-form");
        form["Input.Text"] = $"Run {run}";
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in form.Where(f => f.Key is not ("Input.Files" or "Input.RemoveFileIds")))
        {
            content.Add(new StringContent(value), name);
        }

        await using var upload = File.OpenRead(twentyMb);
        content.Add(new StreamContent(upload), "Input.Files", $"scan {run}.pdf");
        GC.Collect();
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var up = Stopwatch.StartNew();
        var posted = await engineerClient.PostAsync($"/tasks/{workId}?handler=Save", content);
        up.Stop();
        var afterUpload = GC.GetTotalAllocatedBytes(precise: true);
        if ((int)posted.StatusCode != 302)
        {
            throw new InvalidOperationException($"Upload answered {(int)posted.StatusCode}");
        }

        await using var db = factory.NewDbContext();
        var fileId = await db.StoredFiles.Where(f => f.OwnerId == workId && f.FileName == $"scan {run}.pdf").Select(f => f.Id).SingleAsync();
        var down = Stopwatch.StartNew();
        using (var response = await engineerClient.GetAsync($"/tasks/files/{fileId}", HttpCompletionOption.ResponseHeadersRead))
        await using (var body = await response.Content.ReadAsStreamAsync())
        {
            response.EnsureSuccessStatusCode();
            await body.CopyToAsync(Stream.Null);
        }

        down.Stop();
        var afterDownload = GC.GetTotalAllocatedBytes(precise: true);
        Console.WriteLine($"HTTP 20 MB, run {run + 1}: upload {up.Elapsed.TotalMilliseconds:0} ms, {(afterUpload - before) / 1024.0 / 1024:0.0} MiB allocated; download {down.Elapsed.TotalMilliseconds:0} ms, {(afterDownload - afterUpload) / 1024.0 / 1024:0.0} MiB allocated (app and client together)");
    }
}

File.Delete(twentyMb);

// 5. A balance of 40 steps and 400 streams (80 energy carriers, all streams ± 5 %): BalanceEvaluation.Evaluate alone
// (closure, energy and CO₂, cost of losses, reconciliation), then its results page over HTTP with reconciliation shown
// (both Sankey diagrams and the Pareto chart rendered).
{
    var balanceCompany = await factory.EnrolCompanyAsync(sample, "Balance company");
    var sheet = BalanceSetup.Large(sample, balanceCompany.Id, factory.Clock.GetUtcNow());
    var snapshot = sheet.Snapshot();
    var factors = EmissionFactorCatalogue.Build([]);
    for (var i = 0; i < 50; i++)
    {
        BalanceEvaluation.Evaluate(snapshot, factors, "Ukraine");
    }

    var evaluations = new List<double>();
    for (var i = 0; i < 500; i++)
    {
        var e = Stopwatch.StartNew();
        BalanceEvaluation.Evaluate(snapshot, factors, "Ukraine");
        evaluations.Add(e.Elapsed.TotalMilliseconds);
    }

    evaluations.Sort();
    Console.WriteLine($"balance evaluation, 40 steps / 400 streams: median {evaluations[250]:0.00} ms, p95 {evaluations[475]:0.00} ms (500 runs)");

    await BalanceSetup.SaveAsync(factory, sheet);
    var balanceClient = factory.NewClient();
    await CpTrainingFactory.SignInAsync(balanceClient, coordinator.Email!);
    var balanceUrl = BalanceSetup.Balance(sheet.Id) + "?reconcile=true";
    for (var i = 0; i < 20; i++)
    {
        (await balanceClient.GetAsync(balanceUrl)).EnsureSuccessStatusCode();
    }

    var pageTimes = new List<double>();
    for (var i = 0; i < 200; i++)
    {
        var t = Stopwatch.StartNew();
        (await balanceClient.GetAsync(balanceUrl)).EnsureSuccessStatusCode();
        pageTimes.Add(t.Elapsed.TotalMilliseconds);
    }

    pageTimes.Sort();
    Console.WriteLine($"GET balance page, 40 steps / 400 streams: p50 {pageTimes[100]:0.0} ms, p95 {pageTimes[190]:0.0} ms, max {pageTimes[^1]:0.0} ms (200 requests)");
}

// 6. The programme-wide options comparison for 30 companies × 20 options (each company a worksheet of 3 steps and
// 10 streams, every option linked to two of them and with economics over 10 years): OptionComparison.Compute alone
// (30 × 20 assessments with reductions from the links, planned vs achieved totals, cost curve; the target is
// under 20 ms), then the page over HTTP (table, totals, cost curve and payback chart as SVG).
{
    var optionsProgramme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 10, 5), "Options programme");
    var now = factory.Clock.GetUtcNow();
    for (var c = 0; c < 30; c++)
    {
        var company = await factory.EnrolCompanyAsync(optionsProgramme.Id, $"Company {c:00}");
        var sheet = Worksheet.Create(optionsProgramme.Id, company.Id, "Finishing line", "Rinsing", "UAH", now);
        var steps = Enumerable.Range(1, 3).Select(n => sheet.AddStep($"Step {n}")).ToList();
        var streams = new List<(Guid Id, bool Energy)>();
        foreach (var step in steps)
        {
            streams.Add((sheet.AddStream(new StreamSpec("Water " + step.Name, "Water", null, step.Id, Quantity.Of(5_000m, Unit.Tonne))).Id, false));
            streams.Add((sheet.AddStream(new StreamSpec("Sludge " + step.Name, "Sludge", step.Id, null, Quantity.Of(40m, Unit.Tonne), OutputClass: OutputClass.SolidWaste)).Id, false));
            streams.Add((sheet.AddEnergyStream(new EnergyStreamSpec(null, step.Id, EnergyCarrier.NaturalGas, Quantity.Of(200_000m, Unit.KilowattHour))).Id, true));
        }

        sheet.AddStream(new StreamSpec("Fabric", "Cotton", null, steps[0].Id, Quantity.Of(900m, Unit.Tonne)));
        await BalanceSetup.SaveAsync(factory, sheet);
        var options = Enumerable.Range(1, 20).Select(n =>
        {
            var o = CpOption.Create(optionsProgramme.Id, company.Id, n, $"Option {n}", null, null, (OptionCategory)(n % 8), n % 3 == 0 ? OptionKind.Investment : OptionKind.LowCost, now);
            o.ChangeEconomics(new EconomicInputs
            {
                Investment = [new("Equipment", 1_000m * n * (c + 1)), new("Installation", 250m * n)],
                Energy = 900m * n,
                Water = 150m * (c + 1),
                Maintenance = 50m * n,
                LifetimeYears = 10,
                DiscountRate = 0.12m,
                Escalation = 0.03m,
                SalvageValue = 100m * n,
            });
            o.LinkStreams([new StreamLink(sheet.Id, streams[n % streams.Count].Id, streams[n % streams.Count].Energy, 10m + n), new StreamLink(sheet.Id, streams[(n + 4) % streams.Count].Id, streams[(n + 4) % streams.Count].Energy, 5m)]);
            if (n % 4 == 0)
            {
                foreach (var to in new[] { OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected })
                {
                    o.MoveTo(to, null, null, now);
                }
            }

            return o;
        }).ToArray();
        await OptionsSetup.SaveAsync(factory, options);
    }

    IReadOnlyList<ComparedCompany> companies;
    IReadOnlyList<CpOption> loaded;
    IReadOnlyDictionary<Guid, WorksheetSnapshot> sheets;
    EmissionFactorTable optionFactors;
    await using (var db = factory.NewDbContext())
    {
        (companies, loaded, sheets, optionFactors) = await OptionComparison.LoadAsync(db, optionsProgramme.Id, null, "UAH");
    }

    var check = OptionComparison.Compute(companies, loaded, sheets, optionFactors, wasteBasis: false);
    for (var i = 0; i < 20; i++)
    {
        OptionComparison.Compute(companies, loaded, sheets, optionFactors, wasteBasis: false);
    }

    var computeTimes = new List<double>();
    for (var i = 0; i < 200; i++)
    {
        var e = Stopwatch.StartNew();
        OptionComparison.Compute(companies, loaded, sheets, optionFactors, wasteBasis: false);
        computeTimes.Add(e.Elapsed.TotalMilliseconds);
    }

    computeTimes.Sort();
    Console.WriteLine($"options comparison calculations, 30 companies × 20 options ({check.Options.Count} assessed, {check.Curve.Count} on the curve): median {computeTimes[100]:0.00} ms, p95 {computeTimes[190]:0.00} ms (200 runs)");

    var compareClient = factory.NewClient();
    await CpTrainingFactory.SignInAsync(compareClient, coordinator.Email!);
    var compareUrl = $"/programmes/{optionsProgramme.Id}/options/compare";
    for (var i = 0; i < 10; i++)
    {
        (await compareClient.GetAsync(compareUrl)).EnsureSuccessStatusCode();
    }

    var compareTimes = new List<double>();
    for (var i = 0; i < 100; i++)
    {
        var t = Stopwatch.StartNew();
        (await compareClient.GetAsync(compareUrl)).EnsureSuccessStatusCode();
        compareTimes.Add(t.Elapsed.TotalMilliseconds);
    }

    compareTimes.Sort();
    Console.WriteLine($"GET programme options comparison, 30 companies × 20 options: p50 {compareTimes[50]:0.0} ms, p95 {compareTimes[95]:0.0} ms, max {compareTimes[^1]:0.0} ms (100 requests)");
}

Console.WriteLine($"peak working set: {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
Console.WriteLine($"working set after the run: {Environment.WorkingSet / 1024 / 1024} MiB");
await ((Xunit.IAsyncLifetime)factory).DisposeAsync();
