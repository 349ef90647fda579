using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Background;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.HomeTasks;

/// <summary>
/// The overview's matrix of the home tasks given after one session: a column per task, a row per actively enrolled
/// company and one per person with work of their own, each cell the work's status with its badges. Three queries
/// whatever the number of companies and tasks.
/// </summary>
public static class OverviewMatrix
{
    public static async Task<(IReadOnlyList<TaskColumn> Tasks, List<MatrixRow> Rows)> LoadAsync(AppDbContext db, Guid programmeId, int after, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(db);

        // The tasks given after the session, in the order of their templates, then as given.
        var tasks = await db.HomeTasks.AsNoTracking()
            .Where(h => h.ProgrammeId == programmeId && h.AfterSession == after)
            .Select(h => new
            {
                h.Id,
                h.Title,
                h.DueDate,
                h.AssignedAt,
                Position = db.TaskTemplates.Where(tt => tt.Id == h.TemplateId).Select(tt => (int?)tt.Position).FirstOrDefault(),
            })
            .ToListAsync();
        var columns = tasks
            .OrderBy(h => h.Position ?? int.MaxValue).ThenBy(h => h.AssignedAt).ThenBy(h => h.Title, StringComparer.CurrentCulture)
            .Select(h => new TaskColumn(h.Id, h.Title, h.DueDate))
            .ToList();

        // The actively enrolled companies.
        var companies = await db.Enrolments.AsNoTracking()
            .Where(e => e.ProgrammeId == programmeId && e.ArchivedAt == null)
            .Join(db.Companies, e => e.CompanyId, c => c.Id, (e, c) => new { c.Id, c.Name })
            .ToListAsync();

        // The work on these tasks, with what the status, the badges and the CSV need from its versions.
        var work = await db.Submissions.AsNoTracking()
            .Where(s => s.ProgrammeId == programmeId && db.HomeTasks.Any(h => h.Id == s.HomeTaskId && h.AfterSession == after))
            .Select(s => new
            {
                s.Id,
                s.HomeTaskId,
                s.CompanyId,
                s.UserId,
                PersonName = db.Users.Where(u => u.Id == s.UserId).Select(u => u.DisplayName).FirstOrDefault(),
                s.Status,
                s.DueDate,
                s.ExtendedUntil,
                AnyLateVersion = s.Versions.Any(v => v.IsLate),
                Versions = s.Versions.Count(),
                SubmittedAt = s.Versions.Max(v => (DateTimeOffset?)v.SubmittedAt),
            })
            .ToListAsync();

        var active = companies.ToDictionary(c => c.Id, c => c.Name);
        var rows = new List<MatrixRow>();
        foreach (var company in companies.OrderBy(c => c.Name, StringComparer.CurrentCulture))
        {
            rows.Add(new MatrixRow(company.Id.ToString(), company.Id, company.Name, null, new Dictionary<Guid, Cell>()));
        }

        var byKey = rows.ToDictionary(r => r.Key);
        foreach (var s in work)
        {
            // Work of archived companies (and of their people) is not followed here any more.
            if (s.CompanyId is { } c && !active.ContainsKey(c))
            {
                continue;
            }

            var key = s.UserId is null ? s.CompanyId!.Value.ToString() : "person:" + s.UserId;
            if (!byKey.TryGetValue(key, out var row))
            {
                row = new MatrixRow(key, s.CompanyId, s.CompanyId is { } cid ? active[cid] : null, s.PersonName ?? string.Empty, new Dictionary<Guid, Cell>());
                byKey[key] = row;
                rows.Add(row);
            }

            var effectiveDue = s.ExtendedUntil is { } e && e > s.DueDate ? e : s.DueDate;
            row.Cells[s.HomeTaskId] = new Cell(
                s.Id,
                s.Status,
                effectiveDue,
                IsLate: IsLate(s.Status, effectiveDue, s.AnyLateVersion, today),
                IsExtended: s.ExtendedUntil is not null && s.Status is SubmissionStatus.NotStarted or SubmissionStatus.Draft,
                s.Versions,
                s.SubmittedAt);
        }

        return (columns, rows);
    }

    /// <summary>
    /// <see cref="Submission.IsLateOn"/> from the projected columns (the matrix does not load every version's text):
    /// not handed in after the effective due date, or the version waiting for review or accepted came in late.
    /// The tests compare it with the domain's answer for work in every state.
    /// </summary>
    internal static bool IsLate(SubmissionStatus status, DateOnly effectiveDue, bool anyLateVersion, DateOnly today) =>
        (status is SubmissionStatus.NotStarted or SubmissionStatus.Draft && today > effectiveDue)
        || (status is SubmissionStatus.Submitted or SubmissionStatus.Accepted && anyLateVersion);

    public sealed record TaskColumn(Guid Id, string Title, DateOnly DueDate);

    /// <summary>One company's (or person's) work on one task; <see cref="DueDate"/> is the effective one (extension included).</summary>
    public sealed record Cell(Guid SubmissionId, SubmissionStatus Status, DateOnly DueDate, bool IsLate, bool IsExtended, int Versions, DateTimeOffset? SubmittedAt);

    /// <summary>A company's row, or a person's ("Person (Company)") for work given to individuals.</summary>
    public sealed record MatrixRow(string Key, Guid? CompanyId, string? CompanyName, string? PersonName, Dictionary<Guid, Cell> Cells)
    {
        public string Title => PersonName is null ? CompanyName ?? string.Empty : TaskPeople.Describe(CompanyName, PersonName);
    }
}
