using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Options;
using CpTraining.Web.Background;
using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.Web.Pages.Balances.Transfer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.HomeTasks;

/// <summary>
/// What the work page shows of one company's (or person's) home task: the instructions, the current text and files,
/// the dates, every submitted version with its feedback and frozen attachments, and what the writer may do now.
/// Read as the work is saved (no tracking); <see cref="Version"/> is the row version the form is opened with.
/// </summary>
public sealed class WorkView
{
    public Guid SubmissionId { get; private init; }

    /// <summary>The submission's row version (xmin) as read.</summary>
    public uint Version { get; private init; }

    public Guid ProgrammeId { get; private init; }

    public string ProgrammeName { get; private init; } = string.Empty;

    public string TaskTitle { get; private init; } = string.Empty;

    public string Instructions { get; private init; } = string.Empty;

    public int AfterSession { get; private init; }

    /// <summary>"Company", or "Person (Company)" for work given to one person.</summary>
    public string Owner { get; private init; } = string.Empty;

    public SubmissionStatus Status { get; private init; }

    /// <summary>The shared draft, or the submitted text right after a submission (Markdown).</summary>
    public string? CurrentText { get; private init; }

    public IReadOnlyList<FileView> CurrentFiles { get; private init; } = [];

    public IReadOnlyList<FileView> InstructionFiles { get; private init; } = [];

    public string? LastSavedBy { get; private init; }

    public DateTimeOffset? LastSavedAt { get; private init; }

    public DateOnly DueDate { get; private init; }

    public DateOnly EffectiveDueDate { get; private init; }

    public DateOnly? ClosesAfter { get; private init; }

    public DateOnly? ExtendedUntil { get; private init; }

    public string? ExtensionReason { get; private init; }

    public bool IsLate { get; private init; }

    public bool IsExtended { get; private init; }

    public bool IsClosed { get; private init; }

    public IReadOnlyList<VersionView> Versions { get; private init; } = [];

    /// <summary>The form is shown: the user writes this work and it is neither with the trainer, accepted nor closed.</summary>
    public bool IsEditable { get; private init; }

    /// <summary>Why a writer cannot edit now (null when they can, or when they are only a reader): the work's own reason.</summary>
    public string? LockedReason { get; private init; }

    /// <summary>The balance worksheet attached to the work (frozen into each submitted version); null: none.</summary>
    public WorksheetChoice? AttachedWorksheet { get; private init; }

    /// <summary>The task asks for the company's CP options register (<see cref="TaskAttachments.Options"/>).</summary>
    public bool TakesOptions { get; private init; }

    public bool OptionsAttached { get; private init; }

    /// <summary>How many options the company's register has now (shown beside the attach button).</summary>
    public int OptionCount { get; private init; }

    public Guid? OptionsCompanyId { get; private init; }

    /// <summary>The options register frozen in each submitted version, by version number.</summary>
    public IReadOnlyDictionary<int, OptionsRegisterSnapshot> FrozenOptions { get; private init; } = new Dictionary<int, OptionsRegisterSnapshot>();

    /// <summary>The task asks for a balance worksheet (<see cref="TaskAttachments.Worksheet"/>).</summary>
    public bool TakesWorksheet { get; private init; }

    /// <summary>The company's worksheets in the programme, for the writer to attach one.</summary>
    public IReadOnlyList<WorksheetChoice> Worksheets { get; private init; } = [];

    /// <summary>Per version number: the worksheet frozen with it and the trainers' comments on its streams.</summary>
    public IReadOnlyDictionary<int, FrozenWorksheetView> FrozenWorksheets { get; private init; } = new Dictionary<int, FrozenWorksheetView>();

    /// <summary>The programme's time zone: the venue's today and the times shown.</summary>
    public TimeZoneInfo Zone { get; private init; } = TimeZoneInfo.Utc;

    /// <summary>The work in the audit log: "task · company", at most 400 characters.</summary>
    public string AuditSubject => $"{TaskTitle} · {Owner}" is { Length: > 400 } s ? s[..399] + "…" : $"{TaskTitle} · {Owner}";

    /// <summary>A time in the programme's time zone, for "last saved at" and version times.</summary>
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    /// <summary>Loads everything the page shows, as <paramref name="rights"/> may see it.</summary>
    public static async Task<WorkView> LoadAsync(AppDbContext db, IStringLocalizer t, TimeProvider time, SubmissionRights rights, Guid submissionId)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(t);
        ArgumentNullException.ThrowIfNull(rights);
        var row = await db.Submissions.AsNoTracking()
            .Where(s => s.Id == submissionId)
            .Select(s => new
            {
                Version = EF.Property<uint>(s, "Version"),
                Task = db.HomeTasks.Single(h => h.Id == s.HomeTaskId),
                Programme = db.Programmes.Where(p => p.Id == s.ProgrammeId).Select(p => new { p.Name, p.TimeZoneId }).Single(),
                Company = db.Companies.Where(c => c.Id == s.CompanyId).Select(c => c.Name).FirstOrDefault(),
                Person = db.Users.Where(u => u.Id == s.UserId).Select(u => u.DisplayName).FirstOrDefault(),
            })
            .SingleAsync();
        var submission = await db.Submissions.AsNoTracking()
            .Include(s => s.Versions)
            .Include(s => s.Reviews)
            .AsSplitQuery()
            .SingleAsync(s => s.Id == submissionId);

        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(row.Programme.TimeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        var today = time.TodayIn(row.Programme.TimeZoneId);
        var taskId = row.Task.Id;
        var fileIds = row.Task.InstructionFileIds
            .Concat(submission.DraftFileIds)
            .Concat(submission.Versions.SelectMany(v => v.FileIds))
            .Distinct()
            .ToList();
        var files = await db.StoredFiles.AsNoTracking()
            .Where(f => fileIds.Contains(f.Id)
                && ((f.OwnerKind == FileOwnerKind.HomeTask && f.OwnerId == taskId) || (f.OwnerKind == FileOwnerKind.Submission && f.OwnerId == submissionId)))
            .Select(f => new FileView(f.Id, f.FileName, f.Length))
            .ToDictionaryAsync(f => f.Id);
        var userIds = submission.Versions.Select(v => v.SubmittedBy)
            .Concat(submission.Reviews.Select(r => r.ReviewerId))
            .Append(submission.LastSavedBy)
            .OfType<string>()
            .Distinct()
            .ToList();
        var names = await db.Users.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email })
            .ToDictionaryAsync(u => u.Id, u => string.IsNullOrWhiteSpace(u.DisplayName) ? u.Email ?? u.Id : u.DisplayName);
        string Name(string? id) => id is null ? string.Empty : names.GetValueOrDefault(id) ?? t["(removed account)"];
        List<FileView> Files(IEnumerable<Guid> ids) => ids.Where(files.ContainsKey).Select(id => files[id]).ToList();

        var lockedReason = rights.MayWork && submission.WhyLockedOn(today) is { } locked ? t.Text(locked) : null;
        var isEditable = rights.MayWork && lockedReason is null;
        var attached = submission.WorksheetId is { } attachedId
            ? await db.Worksheets.AsNoTracking().Where(w => w.Id == attachedId).Select(w => new WorksheetChoice(w.Id, w.Name)).SingleOrDefaultAsync()
            : null;
        return new WorkView
        {
            SubmissionId = submissionId,
            Version = row.Version,
            ProgrammeId = submission.ProgrammeId,
            ProgrammeName = row.Programme.Name,
            TaskTitle = row.Task.Title,
            Instructions = row.Task.Instructions,
            AfterSession = row.Task.AfterSession,
            TakesWorksheet = row.Task.TakesWorksheet,
            TakesOptions = row.Task.TakesOptions,
            OptionsAttached = submission.OptionsAttached,
            InstructionFiles = Files(row.Task.InstructionFileIds),
            Owner = TaskPeople.Describe(row.Company, submission.UserId is null ? null : row.Person),
            Status = submission.Status,
            CurrentText = submission.DraftText,
            CurrentFiles = Files(submission.DraftFileIds),
            LastSavedBy = submission.LastSavedBy is null ? null : Name(submission.LastSavedBy),
            LastSavedAt = submission.LastSavedAt,
            DueDate = submission.DueDate,
            EffectiveDueDate = submission.EffectiveDueDate,
            ClosesAfter = submission.ClosesAfter,
            ExtendedUntil = submission.ExtendedUntil,
            ExtensionReason = submission.ExtensionReason,
            IsLate = submission.IsLateOn(today),
            IsExtended = submission.IsExtended,
            IsClosed = submission.IsClosedOn(today),
            Versions = submission.Versions
                .OrderByDescending(v => v.Number)
                .Select(v => new VersionView(
                    v.Number,
                    Name(v.SubmittedBy),
                    v.SubmittedAt,
                    v.IsLate,
                    Files(v.FileIds),
                    submission.Reviews
                        .Where(r => r.VersionNumber == v.Number)
                        .Select(r => new ReviewView(r.Decision, r.Feedback, Name(r.ReviewerId), r.At))
                        .ToList()))
                .ToList(),
            LockedReason = lockedReason,
            IsEditable = isEditable,
            Zone = zone,
            FrozenWorksheets = await global::CpTraining.Web.Pages.Balances.Transfer.FrozenWorksheets.LoadAsync(db, submissionId, zone, t["(unknown)"]),
            AttachedWorksheet = attached,
            Worksheets = isEditable && (row.Task.TakesWorksheet || attached is not null) && submission.CompanyId is { } companyId
                ? await db.Worksheets.AsNoTracking()
                    .Where(w => w.ProgrammeId == submission.ProgrammeId && w.CompanyId == companyId)
                    .OrderBy(w => w.Name)
                    .Select(w => new WorksheetChoice(w.Id, w.Name))
                    .ToListAsync()
                : [],
            FrozenOptions = submission.Versions.Where(v => v.Options is not null).ToDictionary(v => v.Number, v => v.Options!),
            OptionCount = isEditable && (row.Task.TakesOptions || submission.OptionsAttached) && submission.CompanyId is { } optionsOf
                ? await db.CpOptions.CountAsync(o => o.ProgrammeId == submission.ProgrammeId && o.CompanyId == optionsOf)
                : 0,
            OptionsCompanyId = submission.CompanyId,
        };
    }

    public sealed record FileView(Guid Id, string FileName, long Length);

    /// <summary>The other person's saved text and who saved it when, after a save that lost to theirs.</summary>
    public sealed record ConflictView(string? Text, string? SavedBy, DateTimeOffset? SavedAt, SubmissionStatus Status);

    public sealed record WorksheetChoice(Guid Id, string Name);

    public sealed record ReviewView(ReviewDecision Decision, string? Feedback, string Reviewer, DateTimeOffset At);

    public sealed record VersionView(int Number, string SubmittedBy, DateTimeOffset SubmittedAt, bool IsLate, IReadOnlyList<FileView> Files, IReadOnlyList<ReviewView> Reviews);
}
