using System.Globalization;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CsvHelper;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.HomeTasks;

/// <summary>
/// The home tasks given after one session as a matrix: a row per actively enrolled company (and one per person for
/// work given to individuals), a column per task, each cell the work's status with late/extended badges and a link
/// to it. Filters by status, company and task; counts per status and per task; the same selection as CSV. For the
/// people who follow every company: administrators, the programme's coordinators and its trainers
/// (<see cref="Operation.SeeAllCompanies"/>). Five queries whatever the number of companies and tasks.
/// </summary>
[Authorize]
public sealed class OverviewModel(AppDbContext db, AccessControl access, TimeProvider time, IStringLocalizer<SharedResource> t) : PageModel
{
    public const string Late = "late";
    public const string Extended = "extended";

    private string _timeZoneId = "UTC";

    /// <summary>Status filter: a <see cref="SubmissionStatus"/> name, or <see cref="Late"/> / <see cref="Extended"/>.</summary>
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "company")]
    public Guid? CompanyId { get; set; }

    [BindProperty(SupportsGet = true, Name = "task")]
    public Guid? TaskId { get; set; }

    public Guid ProgrammeId { get; private set; }

    public string ProgrammeName { get; private set; } = string.Empty;

    public int After { get; private set; }

    /// <summary>Sessions after which tasks are given: 1 to the session before the final one.</summary>
    public int LastAfter { get; private set; }

    public DateOnly Today { get; private set; }

    public IReadOnlyList<OverviewMatrix.TaskColumn> Tasks { get; private set; } = [];

    /// <summary>The columns shown (all tasks, or the filtered one).</summary>
    public IReadOnlyList<OverviewMatrix.TaskColumn> Columns { get; private set; } = [];

    /// <summary>Every row (companies and individuals) before the filters, for the company filter's choices.</summary>
    public IReadOnlyList<OverviewMatrix.MatrixRow> AllRows { get; private set; } = [];

    /// <summary>The rows shown: matching the company filter and with at least one cell matching the status filter.</summary>
    public IReadOnlyList<OverviewMatrix.MatrixRow> Rows { get; private set; } = [];

    /// <summary>Cells per status (and late, extended) in the selected companies and tasks, whatever the status filter.</summary>
    public IReadOnlyDictionary<string, int> Counts { get; private set; } = new Dictionary<string, int>();

    /// <summary>Per task shown: how much of the work given (in the selected companies) is accepted.</summary>
    public IReadOnlyDictionary<Guid, (int Accepted, int Given)> ColumnCounts { get; private set; } = new Dictionary<Guid, (int, int)>();

    /// <summary>The status filter as understood (null: none or not recognised).</summary>
    public string? StatusFilter { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, int? after)
    {
        var refused = await LoadAsync(id, after);
        return refused ?? Page();
    }

    /// <summary>The selection as a spreadsheet: a line per company (or person) and task, UTF-8 with a byte order mark so Excel reads it.</summary>
    public async Task<IActionResult> OnGetCsvAsync(Guid id, int? after)
    {
        var refused = await LoadAsync(id, after);
        if (refused is not null)
        {
            return refused;
        }

        var options = new CsvWriterOptions
        {
            WriteByteOrderMark = true,

            // A company or task named "=HYPERLINK(…)" must not become a formula in the coordinator's spreadsheet.
            Injection = CsvInjection.Escape,
        };
        var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, options, leaveOpen: true))
        {
            csv.WriteHeader(
            [
                t["Programme"], t["Session"], t["Company"], t["Person"], t["Task"], t["Status"], t["Late"], t["Extended"],
                t["Due date"], t["Submitted at"], t["Versions"],
            ]);
            var zone = TimeZoneInfo.TryFindSystemTimeZoneById(_timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
            foreach (var row in Rows)
            {
                foreach (var column in Columns)
                {
                    if (row.Cells.GetValueOrDefault(column.Id) is not { } cell || !Matches(cell))
                    {
                        continue;
                    }

                    csv.WriteRecord(
                    [
                        ProgrammeName,
                        After.ToString(CultureInfo.InvariantCulture),
                        row.CompanyName ?? string.Empty,
                        row.PersonName ?? string.Empty,
                        column.Title,
                        StatusText(cell.Status, t),
                        cell.IsLate ? t["yes"] : t["no"],
                        cell.IsExtended ? t["yes"] : t["no"],
                        cell.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        cell.SubmittedAt is { } at ? TimeZoneInfo.ConvertTime(at, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : string.Empty,
                        cell.Versions.ToString(CultureInfo.InvariantCulture),
                    ]);
                }
            }
        }

        stream.Position = 0;
        return File(stream, "text/csv; charset=utf-8", $"home-tasks-after-session-{After}.csv");
    }

    /// <summary>Whether a cell matches the status filter.</summary>
    public bool Matches(OverviewMatrix.Cell cell) => StatusFilter switch
    {
        null => true,
        Late => cell.IsLate,
        Extended => cell.IsExtended,
        _ => cell.Status.ToString() == StatusFilter,
    };

    /// <summary>
    /// The URL of the page for another session (or of the CSV: <paramref name="handler"/> "Csv") keeping the status and
    /// company filters; the task filter is kept only for the same session, since tasks belong to one session.
    /// </summary>
    public string LinkTo(int after, string? handler = null)
    {
        var query = new List<string> { "after=" + after.ToString(CultureInfo.InvariantCulture) };
        if (handler is not null)
        {
            query.Insert(0, "handler=" + handler);
        }

        if (StatusFilter is not null)
        {
            query.Add("status=" + StatusFilter);
        }

        if (CompanyId is { } company)
        {
            query.Add("company=" + company);
        }

        if (TaskId is { } task && after == After)
        {
            query.Add("task=" + task);
        }

        return $"/programmes/{ProgrammeId}/tasks/overview?" + string.Join("&", query);
    }

    public static string StatusText(SubmissionStatus status, IStringLocalizer t) => status switch
    {
        SubmissionStatus.NotStarted => t["Not started"],
        SubmissionStatus.Draft => t["Draft"],
        SubmissionStatus.Submitted => t["Submitted"],
        SubmissionStatus.Returned => t["Returned"],
        _ => t["Accepted"],
    };

    /// <summary>The status filter's choices in the order of the work's life, then the two badges.</summary>
    public static IReadOnlyList<string> StatusChoices { get; } =
        [.. Enum.GetValues<SubmissionStatus>().Select(s => s.ToString()), Late, Extended];

    public string ChoiceText(string choice) => choice switch
    {
        Late => t["Late"],
        Extended => t["Extended"],
        _ => StatusText(Enum.Parse<SubmissionStatus>(choice), t),
    };

    private async Task<IActionResult?> LoadAsync(Guid id, int? after)
    {
        // 1. The programme, and the latest session with tasks (the default).
        var programme = await db.Programmes.AsNoTracking()
            .Where(p => p.Id == id)
            .Select(p => new
            {
                p.Name,
                p.TimeZoneId,
                SessionCount = p.Sessions.Count(),
                LatestWithTasks = db.HomeTasks.Where(h => h.ProgrammeId == p.Id).Max(h => (int?)h.AfterSession),
            })
            .SingleOrDefaultAsync();
        if (programme is null)
        {
            return NotFound();
        }

        // 2. The user's standing.
        var standing = await access.StandingAsync();
        var inProgramme = new ProgrammeResource(id);
        if (!standing.Can(Operation.SeeAllCompanies, inProgramme))
        {
            return Forbid();
        }

        ProgrammeId = id;
        ProgrammeName = programme.Name;
        _timeZoneId = programme.TimeZoneId;
        LastAfter = Math.Max(1, programme.SessionCount - 1);
        After = after ?? programme.LatestWithTasks ?? 1;
        if (After < 1 || After > LastAfter)
        {
            return NotFound();
        }

        Today = time.TodayIn(programme.TimeZoneId);
        StatusFilter = StatusChoices.FirstOrDefault(c => string.Equals(c, Status, StringComparison.OrdinalIgnoreCase));

        // 3–5. The tasks, the actively enrolled companies and the work on the tasks, as a row per company or person.
        (Tasks, var rows) = await OverviewMatrix.LoadAsync(db, id, After, Today);

        // Companies first (by name), then the people with individual work, each after their company's name.
        AllRows = rows
            .OrderBy(r => r.PersonName is not null)
            .ThenBy(r => r.CompanyName ?? string.Empty, StringComparer.CurrentCulture)
            .ThenBy(r => r.PersonName ?? string.Empty, StringComparer.CurrentCulture)
            .ToList();
        Columns = TaskId is { } taskId ? Tasks.Where(c => c.Id == taskId).ToList() : Tasks;
        var selected = AllRows.Where(r => CompanyId is not { } companyId || r.CompanyId == companyId).ToList();
        ColumnCounts = Columns.ToDictionary(
            c => c.Id,
            c => (selected.Count(r => r.Cells.GetValueOrDefault(c.Id)?.Status == SubmissionStatus.Accepted), selected.Count(r => r.Cells.ContainsKey(c.Id))));
        var cells = selected.SelectMany(r => Columns.Select(c => r.Cells.GetValueOrDefault(c.Id))).OfType<OverviewMatrix.Cell>().ToList();
        Counts = StatusChoices.ToDictionary(
            choice => choice,
            choice => choice switch
            {
                Late => cells.Count(c => c.IsLate),
                Extended => cells.Count(c => c.IsExtended),
                _ => cells.Count(c => c.Status.ToString() == choice),
            });
        Rows = selected.Where(r => StatusFilter is null || Columns.Any(c => r.Cells.GetValueOrDefault(c.Id) is { } cell && Matches(cell))).ToList();
        return null;
    }
}
