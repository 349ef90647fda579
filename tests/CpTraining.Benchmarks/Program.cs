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
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

// Benchmarks for the README (not run by scripts/test). Run: dotnet run -c Release --project tests/CpTraining.Benchmarks
// Figures are wall-clock on the machine at hand; compare runs on the same machine only.
Console.WriteLine($"CpTraining benchmarks · {Environment.ProcessorCount} cores · .NET {Environment.Version}");

// Sections by name (ics, pages, files, balance, options, economics, reports, throughput): all when none is given, e.g. `-- reports`.
var only = args.Length == 0 ? null : args.ToHashSet(StringComparer.OrdinalIgnoreCase);
bool Run(string section) => only is null || only.Contains(section);

// 1. iCalendar for a four-session programme (pure CPU): time and allocation per file.
var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Oslo");
var events = Enumerable.Range(1, 4).Select(n => new CalendarEvent(
    $"{Guid.NewGuid()}@cptraining", $"Чисте виробництво; session {n}", string.Join("\n", NorwegianModelTemplate.AgendaFor(n, "uk").Select(i => "- " + i.Topic)),
    "Dnipro, Ukraine", new DateOnly(2026, 10, 5).AddDays(49 * (n - 1)), n == 4 ? 2 : 3, n % 2 == 0 ? new TimeOnly(9, 0) : null, n % 2 == 0 ? new TimeOnly(17, 0) : null,
    DateTimeOffset.UnixEpoch)).ToList();
for (var i = 0; i < (Run("ics") ? 2_000 : 0); i++)
{
    ICalendarWriter.Write("warm-up", zone, events, DateTimeOffset.UnixEpoch);
}

var icsRuns = Run("ics") ? 20_000 : 0;
var allocated = GC.GetAllocatedBytesForCurrentThread();
var sw = Stopwatch.StartNew();
for (var i = 0; i < icsRuns; i++)
{
    ICalendarWriter.Write("Cleaner Production and Energy Efficiency", zone, events, DateTimeOffset.UnixEpoch);
}

sw.Stop();
if (Run("ics"))
{
    Console.WriteLine($"ics: {sw.Elapsed.TotalMicroseconds / icsRuns:0.0} µs and {(GC.GetAllocatedBytesForCurrentThread() - allocated) / icsRuns / 1024.0:0.0} KiB allocated per 4-session calendar");
}

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
// The economics section alone needs none of them: one programme is enough there.
for (var i = 0; i < (only is not null && only.SetEquals(["economics"]) ? 1 : 200); i++)
{
    var p = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2010, 10, 5).AddDays(30 * i), $"Programme {i}", i % 3 == 0 ? "Croatia" : "Ukraine");
    sample = p.Id;
}

var client = factory.NewClient();
await CpTrainingFactory.SignInAsync(client, coordinator.Email!);
foreach (var (name, url) in !Run("pages") ? [] : new[] { ("list of 200 programmes", "/programmes"), ("timeline", $"/programmes/{sample}"), ("agenda", $"/programmes/{sample}/sessions/1/agenda"), ("calendar.ics", $"/programmes/{sample}/calendar.ics") })
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

if (Run("files"))
{
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
}

if (Run("balance"))
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

if (Run("options"))
// 6. The programme-wide options comparison for 30 companies × 20 options (each company a worksheet of 3 steps and
// 10 streams, every option linked to two of them and with economics over 10 years): OptionComparison.Compute alone
// (30 × 20 assessments with reductions from the links, planned vs achieved totals, cost curve; the issue's target is
// under 20 ms), then the page over HTTP (table, totals, cost curve and payback chart as SVG).
{
    var optionsProgramme = await SeedOptionsProgrammeAsync("Options programme", "en");

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

if (Run("economics"))
// 6b. One option's economics over 50 years with everything a real project has (a ramp-up year, a replacement every
// 10 years, extra costs, a grant spread over 5 years, a loan, income tax, a decommissioning cost): the evaluation and
// the sensitivity table alone (target: the page under 50 ms), then the economics page over HTTP.
{
    var longProject = new EconomicInputs
    {
        Investment = [new InvestmentLine("Heat recovery unit", 2_100_000m), new InvestmentLine("Installation", 450_000m)],
        Energy = 1_250_000m,
        RawMaterials = 180_000m,
        Water = 40_000m,
        Maintenance = 40_000m,
        LifetimeYears = 50,
        DiscountRate = 0.15m,
        Escalation = 0.05m,
        SalvageValue = -300_000m,
        YearOverrides = [new YearAmounts(1, 600_000m, 0m, 0m), .. Enumerable.Range(1, 4).Select(k => new YearAmounts(k * 10, null, 25_000m, 900_000m))],
        Grants = [new GrantLine("Energy-efficiency fund", 100_000m, 0, 5)],
        DebtShare = 0.6m,
        DebtInterestRate = 0.12m,
        DebtTermYears = 7,
        IncomeTaxRate = 0.18m,
        PriceYear = 2026,
    };
    for (var i = 0; i < 50; i++)
    {
        Sensitivity.Of(longProject, EconomicEvaluation.Evaluate(longProject));
    }

    var evaluationTimes = new List<double>();
    for (var i = 0; i < 500; i++)
    {
        var e = Stopwatch.StartNew();
        Sensitivity.Of(longProject, EconomicEvaluation.Evaluate(longProject));
        evaluationTimes.Add(e.Elapsed.TotalMilliseconds);
    }

    evaluationTimes.Sort();
    Console.WriteLine($"economics, 50 years with grid, grant, loan and tax, evaluation + sensitivity table: median {evaluationTimes[250]:0.00} ms, p95 {evaluationTimes[475]:0.00} ms (500 runs)");

    var (economicsProgramme, economicsCompany, economicsEngineer) = await BalanceSetup.CompanyAsync(factory);
    var longOption = OptionsSetup.Option(economicsProgramme, economicsCompany, 1, "Heat recovery", factory.Clock.GetUtcNow(), economics: longProject);
    await OptionsSetup.SaveAsync(factory, longOption);
    var economicsClient = await factory.ClientAsync(economicsEngineer);
    var economicsUrl = $"/options/{longOption.Id}/economics";
    for (var i = 0; i < 10; i++)
    {
        (await economicsClient.GetAsync(economicsUrl)).EnsureSuccessStatusCode();
    }

    var economicsTimes = new List<double>();
    for (var i = 0; i < 200; i++)
    {
        var t = Stopwatch.StartNew();
        (await economicsClient.GetAsync(economicsUrl)).EnsureSuccessStatusCode();
        economicsTimes.Add(t.Elapsed.TotalMilliseconds);
    }

    economicsTimes.Sort();
    Console.WriteLine($"GET economics page, 50 years with grid, grant, loan, tax, sensitivity and tornado: p50 {economicsTimes[100]:0.0} ms, p95 {economicsTimes[190]:0.0} ms, max {economicsTimes[^1]:0.0} ms (200 requests)");
}

// 7. Reports: the company report PDF of one company of a Ukrainian programme of 30 companies × 20 options — cold (the
// first render launches Chromium), warm with changed content (an option renamed before each render, so the PDF cache
// cannot answer), warm from the cache (unchanged content), its size; the peak working set of the app (this process:
// the test server runs in it) and of the Chromium processes it started; how many browsers 3 concurrent requests for 3
// different reports start in a fresh app. The programme report PDF is timed too once its page exists (200).
if (Run("reports"))
{
    var reportProgramme = await SeedOptionsProgrammeAsync("Херсонська програма ЧВ", "uk");
    List<Guid> reportCompanies;
    Guid renamed;
    await using (var db = factory.NewDbContext())
    {
        reportCompanies = await db.Enrolments.Where(e => e.ProgrammeId == reportProgramme.Id).Join(db.Companies, e => e.CompanyId, c => c.Id, (e, c) => c).OrderBy(c => c.Name).Select(c => c.Id).ToListAsync();
        renamed = await db.CpOptions.Where(o => o.ProgrammeId == reportProgramme.Id && o.CompanyId == reportCompanies[0] && o.Number == 1).Select(o => o.Id).SingleAsync();
    }

    var reportClient = factory.NewClient();
    await CpTrainingFactory.SignInAsync(reportClient, coordinator.Email!);
    var reportUrl = $"/programmes/{reportProgramme.Id}/companies/{reportCompanies[0]}/report?handler=Pdf";

    // Chromium's memory: the PSS of this process's descendants, sampled every 20 ms while the section runs.
    long chromiumPeak = 0;
    using var sampling = new CancellationTokenSource();
    var sampler = Task.Run(async () =>
    {
        while (!sampling.IsCancellationRequested)
        {
            chromiumPeak = Math.Max(chromiumPeak, DescendantsPssBytes(Environment.ProcessId));
            await Task.Delay(20);
        }
    });

    async Task<(double Ms, int Bytes)> PdfAsync(HttpClient c, string url)
    {
        var t = Stopwatch.StartNew();
        using var response = await c.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        t.Stop();
        if (response.StatusCode != System.Net.HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "application/pdf")
        {
            throw new InvalidOperationException($"{url} answered {(int)response.StatusCode} {response.Content.Headers.ContentType}");
        }

        return (t.Elapsed.TotalMilliseconds, bytes.Length);
    }

    async Task RenameAsync(int run)
    {
        await using var db = factory.NewDbContext();
        await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE cp_options SET title = {"Option 1, revision " + run} WHERE id = {renamed}");
    }

    var (coldMs, pdfBytes) = await PdfAsync(reportClient, reportUrl);
    var changed = new List<double>();
    for (var i = 0; i < 12; i++)
    {
        await RenameAsync(i);
        changed.Add((await PdfAsync(reportClient, reportUrl)).Ms);
    }

    var cached = new List<double>();
    for (var i = 0; i < 20; i++)
    {
        cached.Add((await PdfAsync(reportClient, reportUrl)).Ms);
    }

    var htmlTimes = new List<double>();
    var htmlUrl = reportUrl.Replace("?handler=Pdf", string.Empty, StringComparison.Ordinal);
    for (var i = 0; i < 20; i++)
    {
        var t = Stopwatch.StartNew();
        (await reportClient.GetAsync(htmlUrl)).EnsureSuccessStatusCode();
        htmlTimes.Add(t.Elapsed.TotalMilliseconds);
    }

    changed.Sort();
    cached.Sort();
    htmlTimes.Sort();
    Console.WriteLine($"company report PDF (1 of 30 companies × 20 options, uk): cold {coldMs:0} ms (Chromium launch included); warm, changed content: median {changed[changed.Count / 2]:0} ms, max {changed[^1]:0} ms ({changed.Count} renders); warm, cached: median {cached[cached.Count / 2]:0.0} ms ({cached.Count} requests); size {pdfBytes / 1024.0:0} KiB");
    Console.WriteLine($"company report HTML page: median {htmlTimes[htmlTimes.Count / 2]:0.0} ms ({htmlTimes.Count} requests)");

    // The programme report (built elsewhere): timed once its page answers 200.
    var programmeReport = $"/programmes/{reportProgramme.Id}/report";
    var probe = await reportClient.GetAsync(programmeReport);
    if (probe.StatusCode == System.Net.HttpStatusCode.OK)
    {
        var (programmeCold, programmeBytes) = await PdfAsync(reportClient, programmeReport + "?handler=Pdf");
        var programmeChanged = new List<double>();
        for (var i = 0; i < 10; i++)
        {
            // The first company renamed: its name is on the cover list, the charts, the pipeline and its own page.
            await using (var db = factory.NewDbContext())
            {
                await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE companies SET name = {"Company 00, revision " + i} WHERE id = {reportCompanies[0]}");
            }

            programmeChanged.Add((await PdfAsync(reportClient, programmeReport + "?handler=Pdf")).Ms);
        }

        programmeChanged.Sort();
        Console.WriteLine($"programme report PDF (30 companies × 20 options): first {programmeCold:0} ms; warm, changed content: median {programmeChanged[programmeChanged.Count / 2]:0} ms, max {programmeChanged[^1]:0} ms (10 renders); size {programmeBytes / 1024.0:0} KiB");
    }
    else
    {
        Console.WriteLine($"programme report PDF: skipped ({programmeReport} answered {(int)probe.StatusCode}; not built on this branch yet)");
    }

    var chromiumOneApp = chromiumPeak;

    // 3 concurrent requests for 3 different company reports in a fresh app (its own PdfRenderer, no browser yet).
    await using (var fresh = factory.WithWebHostBuilder(_ => { }))
    {
        var freshClient = fresh.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await CpTrainingFactory.SignInAsync(freshClient, coordinator.Email!);
        var browsersBefore = BrowserProcesses(Environment.ProcessId);
        var t = Stopwatch.StartNew();
        var results = await Task.WhenAll(reportCompanies.Skip(1).Take(3).Select(c => PdfAsync(freshClient, $"/programmes/{reportProgramme.Id}/companies/{c}/report?handler=Pdf")));
        t.Stop();
        var renderer = fresh.Services.GetRequiredService<CpTraining.Web.Infrastructure.Printing.PdfRenderer>();
        Console.WriteLine($"3 concurrent company report PDFs in a fresh app: {renderer.Launches} browser launch(es) (PdfRenderer.Launches); browser processes of this process {browsersBefore} before, {BrowserProcesses(Environment.ProcessId)} after; all 3 in {t.Elapsed.TotalMilliseconds:0} ms (slowest {results.Max(r => r.Ms):0} ms)");
    }

    await sampling.CancelAsync();
    await sampler;
    Console.WriteLine($"reports memory: app (this process) peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB; Chromium processes (PSS of all of this process's Chromium children together) peak {chromiumOneApp / 1024 / 1024} MiB for one app rendering one at a time, {chromiumPeak / 1024 / 1024} MiB with the fresh app's browser printing 3 at once beside it");
}

// 8. Throughput of five main pages, each requested by the person who normally uses it, signed in: the list of
// programmes (coordinator of all 200 above and the one below), a programme's timeline and its options comparison
// (coordinator), the home page (an engineer), a company report page in HTML (the company's manager). The programme has
// 30 companies × 20 options (as in 6), a trainer for every six companies, a manager and two engineers in every CP
// team, and three home tasks for every company. For each page and 1 and 4 concurrent clients (each its own signed-in
// session): 2 s of warm-up, then 10 s of requests back to back; requests per second, p50 and p95 latency. Every
// response must be 200 with an HTML body, else the run stops. Then the SQL commands each page sends per request.
if (Run("throughput"))
{
    Console.WriteLine($"throughput: load average at start {File.ReadAllText("/proc/loadavg").Trim()}");
    var tp = await SeedOptionsProgrammeAsync("Throughput programme", "en");
    List<Guid> tpCompanies;
    await using (var db = factory.NewDbContext())
    {
        tpCompanies = await db.Enrolments.Where(e => e.ProgrammeId == tp.Id).Join(db.Companies, e => e.CompanyId, c => c.Id, (e, c) => c).OrderBy(c => c.Name).Select(c => c.Id).ToListAsync();
    }

    var tpTrainers = new List<AppUser>();
    for (var i = 0; i < 5; i++)
    {
        tpTrainers.Add(await factory.CreateUserAsync(Roles.Trainer));
    }

    AppUser? tpManager = null;
    AppUser? tpEngineer = null;
    for (var c = 0; c < tpCompanies.Count; c++)
    {
        var manager = await factory.CreateUserAsync(Roles.Manager);
        await factory.AddMemberAsync(tp.Id, manager, ProgrammeRole.Manager, tpCompanies[c]);
        tpManager ??= manager;
        for (var e = 0; e < 2; e++)
        {
            var engineer = await factory.CreateUserAsync(Roles.Engineer);
            await factory.AddMemberAsync(tp.Id, engineer, ProgrammeRole.Engineer, tpCompanies[c]);
            tpEngineer ??= engineer;
        }
    }

    // The engineer was in an earlier programme's CP team too (the home page lists it under their other programmes).
    var earlierCompany = await factory.EnrolCompanyAsync(sample, "Earlier company");
    await factory.AddMemberAsync(sample, tpEngineer!, ProgrammeRole.Engineer, earlierCompany.Id);
    await using (var db = factory.NewDbContext())
    {
        var programme = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == tp.Id);
        // The trainers coach six companies each (which makes them trainers of the programme).
        for (var c = 0; c < tpCompanies.Count; c++)
        {
            programme.AssignTrainer(tpCompanies[c], tpTrainers[c / 6].Id);
        }

        var today = factory.Clock.Today;
        for (var t = 1; t <= 3; t++)
        {
            var task = CpTraining.Domain.HomeTasks.HomeTask.Assign(tp.Id, 1, 4, null, $"Throughput task {t}", null, [], today.AddDays(30 * t), null, false, coordinator.Id, factory.Clock.GetUtcNow(), today);
            db.HomeTasks.Add(task);
            db.Submissions.AddRange(tpCompanies.Select(c => CpTraining.Domain.HomeTasks.Submission.ForCompany(task, c)));
        }

        await db.SaveChangesAsync();
    }

    var pages = new (string Name, string Url, AppUser User)[]
    {
        ("programmes list (coordinator, 201 programmes)", "/programmes", coordinator),
        ("programme timeline (coordinator)", $"/programmes/{tp.Id}", coordinator),
        ("home (engineer)", "/home", tpEngineer!),
        ("options comparison, 30 × 20 (coordinator)", $"/programmes/{tp.Id}/options/compare", coordinator),
        ("company report HTML (company's manager)", $"/programmes/{tp.Id}/companies/{tpCompanies[0]}/report", tpManager!),
    };

    async Task<(double Ms, int Bytes)> PageAsync(HttpClient c, string url)
    {
        var t = Stopwatch.StartNew();
        using var response = await c.GetAsync(url);
        var body = await response.Content.ReadAsByteArrayAsync();
        t.Stop();
        if (response.StatusCode != System.Net.HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html")
        {
            throw new InvalidOperationException($"throughput: GET {url} answered {(int)response.StatusCode} {response.Content.Headers.ContentType} {response.Headers.Location}; a benchmark of anything but the page is worthless");
        }

        return (t.Elapsed.TotalMilliseconds, body.Length);
    }

    // Each concurrent client is a session of its own (signed in separately), as for several people of one role.
    var sessions = new Dictionary<string, List<HttpClient>>();
    foreach (var user in pages.Select(p => p.User).DistinctBy(u => u.Id))
    {
        var list = new List<HttpClient>();
        for (var i = 0; i < 4; i++)
        {
            var c = factory.NewClient();
            await CpTrainingFactory.SignInAsync(c, user.Email!);
            list.Add(c);
        }

        sessions[user.Id] = list;
    }

    foreach (var (_, url, user) in pages)
    {
        for (var i = 0; i < 20; i++)
        {
            await PageAsync(sessions[user.Id][0], url);
        }
    }

    async Task<(int Count, double Seconds, List<double> Times, int Bytes)> LoadAsync(IReadOnlyList<HttpClient> clients, string url, TimeSpan duration)
    {
        var times = new List<double>[clients.Count];
        var bytes = 0;
        var run = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select(async (c, i) =>
        {
            times[i] = [];
            while (run.Elapsed < duration)
            {
                var (ms, size) = await PageAsync(c, url);
                times[i].Add(ms);
                bytes = size;
            }
        }));
        run.Stop();
        var all = times.SelectMany(t => t).Order().ToList();
        return (all.Count, run.Elapsed.TotalSeconds, all, bytes);
    }

    foreach (var (name, url, user) in pages)
    {
        foreach (var concurrency in new[] { 1, 4 })
        {
            var clients = sessions[user.Id].Take(concurrency).ToList();
            await LoadAsync(clients, url, TimeSpan.FromSeconds(2));
            GC.Collect();
            var (count, seconds, times, bytes) = await LoadAsync(clients, url, TimeSpan.FromSeconds(10));
            Console.WriteLine($"throughput GET {name}, {concurrency} client(s): {count / seconds:0.0} req/s, p50 {times[times.Count / 2]:0.0} ms, p95 {times[(int)(times.Count * 0.95)]:0.0} ms ({count} requests in {seconds:0.0} s, {bytes / 1024.0:0} KiB each)");
        }
    }

    // SQL commands per request of each page (one request, after a warm-up, in an app with a counting interceptor).
    var commands = new PathCommandCounter();
    await using (var counted = factory.WithWebHostBuilder(b => b.ConfigureServices(s =>
    {
        s.AddHttpContextAccessor();
        s.ConfigureDbContext<CpTraining.Web.Data.AppDbContext>((provider, o) =>
        {
            commands.Http ??= provider.GetRequiredService<IHttpContextAccessor>();
            o.AddInterceptors(commands);
        });
    })))
    {
        foreach (var (name, url, user) in pages)
        {
            var c = counted.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
            await CpTrainingFactory.SignInAsync(c, user.Email!);
            await PageAsync(c, url);
            commands.Start(url);
            await PageAsync(c, url);
            Console.WriteLine($"throughput SQL commands per request, {name}: {commands.Stop()}");
        }
    }

    Console.WriteLine($"throughput: load average at end {File.ReadAllText("/proc/loadavg").Trim()}");
}

Console.WriteLine($"peak working set: {System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64 / 1024 / 1024} MiB");
Console.WriteLine($"working set after the run: {Environment.WorkingSet / 1024 / 1024} MiB");
await ((Xunit.IAsyncLifetime)factory).DisposeAsync();

// 30 companies × 20 options, each company a worksheet of 3 steps and 10 streams, every option linked to two of them
// and with economics over 10 years; every fourth option selected.
async Task<Programme> SeedOptionsProgrammeAsync(string name, string language)
{
    var optionsProgramme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 10, 5), name, language: language);
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
    return optionsProgramme;
}

// The proportional set size (PSS: shared pages divided among the processes sharing them, so the sum is not counted
// twice as resident sizes would be) of every descendant process of `root` (Linux /proc/PID/smaps_rollup):
// Chromium's browser, zygote, GPU, renderer and utility processes started by Playwright.
static long DescendantsPssBytes(int root) =>
    Descendants(root).Sum(pid => ReadOrEmpty($"/proc/{pid}/smaps_rollup").Split('\n').FirstOrDefault(l => l.StartsWith("Pss:", StringComparison.Ordinal)) is { } line
        && long.TryParse(line["Pss:".Length..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), out var kb) ? kb * 1024 : 0);

// Chromium browser processes (not its --type=renderer/gpu/utility children) among the descendants of `root`.
static int BrowserProcesses(int root) =>
    Descendants(root).Count(pid => ReadOrEmpty($"/proc/{pid}/cmdline") is { Length: > 0 } cmd && cmd.Contains("chrom", StringComparison.Ordinal) && !cmd.Contains("--type=", StringComparison.Ordinal));

static List<int> Descendants(int root)
{
    var parents = new Dictionary<int, int>();
    foreach (var dir in Directory.EnumerateDirectories("/proc"))
    {
        if (int.TryParse(Path.GetFileName(dir), out var pid) && ReadOrEmpty(Path.Combine(dir, "stat")) is { Length: > 0 } stat)
        {
            // "pid (comm) state ppid ...": comm may contain spaces, so read after the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], out var ppid))
            {
                parents[pid] = ppid;
            }
        }
    }

    var result = new List<int>();
    var frontier = new Queue<int>([root]);
    while (frontier.Count > 0)
    {
        var parent = frontier.Dequeue();
        foreach (var child in parents.Where(p => p.Value == parent).Select(p => p.Key))
        {
            result.Add(child);
            frontier.Enqueue(child);
        }
    }

    return result;
}

static string ReadOrEmpty(string path)
{
    try
    {
        return File.ReadAllText(path).Replace('\0', ' ');
    }
    catch (IOException)
    {
        return string.Empty;
    }
    catch (UnauthorizedAccessException)
    {
        return string.Empty;
    }
}

/// <summary>Counts the SQL commands sent while serving requests to one path and query (not other requests, nor background services).</summary>
internal sealed class PathCommandCounter : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
{
    private string? _url;
    private int _count;

    public IHttpContextAccessor? Http { get; set; }

    public void Start(string url)
    {
        _count = 0;
        _url = url;
    }

    public int Stop()
    {
        _url = null;
        return _count;
    }

    public override System.Data.Common.DbDataReader ReaderExecuted(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result)
    {
        Count();
        return result;
    }

    public override ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, object? result)
    {
        Count();
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, int result)
    {
        Count();
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    private void Count()
    {
        var request = Http?.HttpContext?.Request;
        if (_url is not null && request is not null && request.Path + request.QueryString == _url)
        {
            Interlocked.Increment(ref _count);
        }
    }
}
