using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;

namespace CpTraining.Domain.HomeTasks;

/// <summary>
/// One company's work on one home task (or one person's, when the task was given to individuals). Any engineer of
/// the company edits the shared draft; submitting freezes it as a new <see cref="SubmissionVersion"/>; the trainer
/// accepts it or returns it with feedback (<see cref="Review"/>). Versions and reviews are never changed or deleted.
/// Lateness: work submitted for the first time after the (extended) due date is late but accepted until the cut-off;
/// after the cut-off submission is closed until a coordinator reopens it. Revisions a trainer asked for can always
/// be resubmitted.
/// </summary>
public sealed class Submission : RaisesEvents
{
    public const int TextMaxLength = 50_000;
    public const int ReasonMaxLength = 2_000;
    public const int FeedbackMaxLength = 20_000;
    public const int MaxFiles = 10;

    private readonly List<SubmissionVersion> _versions = [];
    private readonly List<Review> _reviews = [];
    private readonly List<StreamComment> _streamComments = [];
    private Guid[] _draftFileIds = [];

    private Submission()
    {
    }

    private Submission(HomeTask task, Guid? companyId, string? userId)
    {
        Id = Guid.NewGuid();
        HomeTaskId = task.Id;
        ProgrammeId = task.ProgrammeId;
        CompanyId = companyId;
        UserId = userId;
        DueDate = task.DueDate;
        CutOff = task.CutOff;
        Raise(new WorkAssigned(Id, ProgrammeId, companyId, userId, task.Title, task.DueDate));
    }

    public Guid Id { get; private set; }

    public Guid HomeTaskId { get; private set; }

    public Guid ProgrammeId { get; private set; }

    /// <summary>The company whose work this is; for an individual's work, the person's company (null for advisors in training).</summary>
    public Guid? CompanyId { get; private set; }

    /// <summary>Set when the task was given to one person rather than to the whole company.</summary>
    public string? UserId { get; private set; }

    public SubmissionStatus Status { get; private set; }

    /// <summary>The text being worked on (Markdown); equals the last version's text right after a submission.</summary>
    public string? DraftText { get; private set; }

    public IReadOnlyList<Guid> DraftFileIds => _draftFileIds;

    /// <summary>The balance worksheet attached to the work (a balance task); frozen into each submitted version.</summary>
    public Guid? WorksheetId { get; private set; }

    /// <summary>The company's options register goes with the work (frozen in each submitted version).</summary>
    public bool OptionsAttached { get; private set; }

    public string? LastSavedBy { get; private set; }

    public DateTimeOffset? LastSavedAt { get; private set; }

    /// <summary>The task's due date, copied so that the rules need nothing else.</summary>
    public DateOnly DueDate { get; private set; }

    public DateOnly? CutOff { get; private set; }

    public DateOnly? ExtendedUntil { get; private set; }

    public string? ExtensionReason { get; private set; }

    public string? ExtendedBy { get; private set; }

    /// <summary>The due date the "due in 3 days" reminder was sent for (an extension makes a new reminder due).</summary>
    public DateOnly? DueSoonRemindedFor { get; private set; }

    public DateOnly? OverdueRemindedFor { get; private set; }

    public IReadOnlyList<SubmissionVersion> Versions => _versions.OrderBy(v => v.Number).ToList();

    public IReadOnlyList<Review> Reviews => _reviews.OrderBy(r => r.At).ToList();

    public IReadOnlyList<StreamComment> StreamComments => _streamComments.OrderBy(c => c.At).ToList();

    /// <summary>The due date that counts: the extension when one was granted.</summary>
    public DateOnly EffectiveDueDate => ExtendedUntil is { } e && e > DueDate ? e : DueDate;

    /// <summary>The last day work can be submitted (null: no cut-off). An extension beyond the cut-off moves it.</summary>
    public DateOnly? ClosesAfter => CutOff is { } c ? (ExtendedUntil is { } e && e > c ? e : c) : null;

    public SubmissionVersion? LatestVersion => _versions.MaxBy(v => v.Number);

    public static Submission ForCompany(HomeTask task, Guid companyId) => new(task, companyId, null);

    public static Submission ForPerson(HomeTask task, string userId, Guid? companyId) => new(task, companyId, userId);

    /// <summary>Work not yet handed in (or handed back), which the due date and cut-off apply to.</summary>
    public bool IsOpen => Status is SubmissionStatus.NotStarted or SubmissionStatus.Draft or SubmissionStatus.Returned;

    /// <summary>Closed for a first submission: past the cut-off and not reopened.</summary>
    public bool IsClosedOn(DateOnly today) =>
        Status is SubmissionStatus.NotStarted or SubmissionStatus.Draft && ClosesAfter is { } last && today > last;

    /// <summary>Not handed in, past the (extended) due date.</summary>
    public bool IsOverdueOn(DateOnly today) =>
        Status is SubmissionStatus.NotStarted or SubmissionStatus.Draft && today > EffectiveDueDate;

    /// <summary>Late: overdue and not handed in, or the version waiting for review (or accepted) came in late.</summary>
    public bool IsLateOn(DateOnly today) =>
        IsOverdueOn(today) || (Status is SubmissionStatus.Submitted or SubmissionStatus.Accepted && _versions.Exists(v => v.IsLate));

    /// <summary>An extension is in force: granted and the work not yet handed in.</summary>
    public bool IsExtended => ExtendedUntil is not null && Status is SubmissionStatus.NotStarted or SubmissionStatus.Draft;

    /// <summary>
    /// Why the writers cannot change the work on <paramref name="today"/> (save, submit, attach): it is with the
    /// trainer, it has been accepted, or it closed after the cut-off. Null while it is editable. The refusal is the one
    /// those operations throw, so a page can say it before anyone tries.
    /// </summary>
    public DomainException? WhyLockedOn(DateOnly today) => Status switch
    {
        SubmissionStatus.Submitted => new DomainException("This work has been submitted and is locked until the trainer reviews it."),
        SubmissionStatus.Accepted => new DomainException("This work has been accepted; accepted work is final."),
        _ when IsClosedOn(today) => new DomainException("Submission closed after the cut-off ({0:d}); ask the coordinator to reopen it.", ClosesAfter!.Value),
        _ => null,
    };

    /// <summary>Saves the shared draft. Refused while the work is with the trainer, once accepted, and after the cut-off.</summary>
    public void SaveDraft(string? text, IEnumerable<Guid> fileIds, string userId, DateTimeOffset now, DateOnly today)
    {
        CheckEditable(today);
        var files = CheckFiles(fileIds);
        DraftText = Text.Optional(text, "Text", TextMaxLength);
        _draftFileIds = files;
        (LastSavedBy, LastSavedAt) = (userId, now);
        if (Status == SubmissionStatus.NotStarted)
        {
            Status = SubmissionStatus.Draft;
        }

        Raise(new DraftSaved(Id, ProgrammeId, files.Length));
    }

    /// <summary>
    /// Hands the work in as a new version. The same <paramref name="idempotencyKey"/> twice (a double click, a
    /// resent form) gives back the version the first call made instead of a second one.
    /// </summary>
    public SubmissionVersion Submit(string? text, IEnumerable<Guid> fileIds, string userId, DateTimeOffset now, DateOnly today, Guid idempotencyKey, WorksheetSnapshot? worksheet = null, OptionsRegisterSnapshot? options = null)
    {
        if (_versions.Find(v => v.IdempotencyKey == idempotencyKey) is { } already)
        {
            return already;
        }

        CheckEditable(today);
        var files = CheckFiles(fileIds);
        var clean = Text.Optional(text, "Text", TextMaxLength);
        if (clean is null && files.Length == 0 && WorksheetId is null && !OptionsAttached)
        {
            throw new DomainException("Text", "Write an answer or attach a file before submitting.");
        }

        if (WorksheetId is not null && worksheet?.WorksheetId != WorksheetId)
        {
            throw new InvalidOperationException("The attached worksheet's snapshot must be submitted with the work.");
        }

        if (OptionsAttached && (options is null || options.ProgrammeId != ProgrammeId || options.CompanyId != CompanyId))
        {
            throw new InvalidOperationException("The company's options register must be submitted with the work.");
        }

        var first = _versions.Count == 0;
        var version = new SubmissionVersion(Id, _versions.Count + 1, clean ?? string.Empty, files, userId, now, first && today > EffectiveDueDate, idempotencyKey)
        {
            Worksheet = WorksheetId is null ? null : worksheet,
            Options = OptionsAttached ? options : null,
        };
        _versions.Add(version);
        DraftText = clean;
        _draftFileIds = files;
        (LastSavedBy, LastSavedAt) = (userId, now);
        Status = SubmissionStatus.Submitted;
        Raise(new WorkSubmitted(Id, ProgrammeId, CompanyId, version.Number, files.Length));
        return version;
    }

    /// <summary>
    /// Attaches a balance worksheet of the same company and programme (null detaches it); while the work is editable.
    /// Each submitted version then freezes a snapshot of it, so what the trainer reviews never changes afterwards.
    /// </summary>
    public void AttachWorksheet(WorksheetSnapshot? worksheet, DateOnly today)
    {
        CheckEditable(today);
        if (worksheet is not null && (worksheet.ProgrammeId != ProgrammeId || worksheet.CompanyId != CompanyId))
        {
            throw new DomainException("WorksheetId", "Only a worksheet of this company in this programme can be attached.");
        }

        WorksheetId = worksheet?.WorksheetId;
    }

    /// <summary>
    /// Attaches (or detaches) the company's register of Cleaner Production options, while the work is editable. Each
    /// submitted version then freezes the register as it stands, with its evaluations.
    /// </summary>
    public void AttachOptions(bool attach, DateOnly today)
    {
        CheckEditable(today);
        OptionsAttached = attach;
    }

    /// <summary>A trainer's comment on one stream of the worksheet frozen in a submitted version. Never changed or deleted.</summary>
    public StreamComment CommentOnStream(int versionNumber, Guid streamId, string? text, string authorId, DateTimeOffset now)
    {
        var version = _versions.Find(v => v.Number == versionNumber)
            ?? throw new DomainException("This version does not exist.");
        if (version.Worksheet is not { } sheet || !sheet.Streams.Any(s => s.Id == streamId) && !sheet.EnergyStreams.Any(s => s.Id == streamId))
        {
            throw new DomainException("StreamId", "This stream is not in the worksheet submitted with version {0}.", versionNumber);
        }

        var clean = Text.Optional(text, "Comment", StreamComment.TextMaxLength)
            ?? throw new DomainException("Comment", "Write the comment.");
        var comment = new StreamComment(Id, versionNumber, streamId, clean, authorId, now);
        _streamComments.Add(comment);
        Raise(new StreamCommented(Id, ProgrammeId, versionNumber, streamId));
        return comment;
    }

    /// <summary>Hands the latest version back for revision; the reasons are required.</summary>
    public Review Return(string? feedback, string reviewerId, DateTimeOffset now)
    {
        CheckReviewable();
        var text = Text.Optional(feedback, "Feedback", FeedbackMaxLength)
            ?? throw new DomainException("Feedback", "Say what must be revised: the feedback is required when returning work.");
        return AddReview(ReviewDecision.Returned, text, reviewerId, now, SubmissionStatus.Returned);
    }

    public Review Accept(string? feedback, string reviewerId, DateTimeOffset now)
    {
        CheckReviewable();
        var text = Text.Optional(feedback, "Feedback", FeedbackMaxLength);
        return AddReview(ReviewDecision.Accepted, text, reviewerId, now, SubmissionStatus.Accepted);
    }

    /// <summary>
    /// Moves the company's due date. Trainers extend up to the cut-off, before it has passed; beyond the cut-off, and
    /// after it (reopening closed work), only a coordinator.
    /// </summary>
    public void GrantExtension(DateOnly until, string? reason, string userId, bool isCoordinator, DateOnly today)
    {
        if (!IsOpen)
        {
            throw new DomainException(
                Status == SubmissionStatus.Accepted ? "This work has been accepted; it needs no extension." : "This work has been submitted and waits for review; it needs no extension.");
        }

        var why = Text.Optional(reason, "Reason", ReasonMaxLength)
            ?? throw new DomainException("Reason", "Give the reason for the extension.");
        if (until <= DueDate)
        {
            throw new DomainException("Until", "An extension must end after the due date ({0:d}).", DueDate);
        }

        if (until < today)
        {
            throw new DomainException("Until", "An extension cannot end in the past (today is {0:d}).", today);
        }

        if (!isCoordinator && IsClosedOn(today))
        {
            throw new DomainException("The cut-off ({0:d}) has passed; only a coordinator can reopen this work.", ClosesAfter!.Value);
        }

        if (!isCoordinator && CutOff is { } c && until > c)
        {
            throw new DomainException("Until", "A trainer can extend up to the cut-off ({0:d}); only a coordinator can extend beyond it.", c);
        }

        Raise(new ExtensionGranted(Id, ProgrammeId, ExtendedUntil, until, why));
        (ExtendedUntil, ExtensionReason, ExtendedBy) = (until, why, userId);
    }

    /// <summary>Copies new dates of the task (the company's extension stays).</summary>
    public void ChangeDates(DateOnly dueDate, DateOnly? cutOff) => (DueDate, CutOff) = (dueDate, cutOff);

    /// <summary>Whether the "due in 3 days" reminder should go out today.</summary>
    public bool NeedsDueSoonReminder(DateOnly today)
    {
        var due = EffectiveDueDate;
        return Status is SubmissionStatus.NotStarted or SubmissionStatus.Draft
            && today <= due && due.DayNumber - today.DayNumber <= 3 && DueSoonRemindedFor != due;
    }

    public bool NeedsOverdueReminder(DateOnly today) =>
        IsOverdueOn(today) && !IsClosedOn(today) && OverdueRemindedFor != EffectiveDueDate;

    public void MarkDueSoonReminded() => DueSoonRemindedFor = EffectiveDueDate;

    public void MarkOverdueReminded() => OverdueRemindedFor = EffectiveDueDate;

    private Review AddReview(ReviewDecision decision, string? text, string reviewerId, DateTimeOffset now, SubmissionStatus next)
    {
        var review = new Review(Id, LatestVersion!.Number, decision, text, reviewerId, now);
        _reviews.Add(review);
        Status = next;
        Raise(new WorkReviewed(Id, ProgrammeId, CompanyId, UserId, decision, review.VersionNumber, next));
        return review;
    }

    private void CheckReviewable()
    {
        if (Status != SubmissionStatus.Submitted)
        {
            throw new DomainException(Status switch
            {
                SubmissionStatus.Accepted => "This work has already been accepted.",
                SubmissionStatus.Returned => "This work has already been returned for revision; wait for the company to resubmit it.",
                _ => "There is no submitted version to review yet.",
            });
        }
    }

    private void CheckEditable(DateOnly today)
    {
        if (WhyLockedOn(today) is { } locked)
        {
            throw locked;
        }
    }

    private static Guid[] CheckFiles(IEnumerable<Guid> fileIds)
    {
        var files = fileIds.Distinct().ToArray();
        return files.Length <= MaxFiles
            ? files
            : throw new DomainException("Files", "Attach at most {0} files to one submission.", MaxFiles);
    }
}

/// <summary>A submitted version: frozen text and files, who handed it in and when. Never changed or deleted.</summary>
public sealed class SubmissionVersion
{
    private Guid[] _fileIds = [];

    private SubmissionVersion()
    {
        Text = SubmittedBy = string.Empty;
    }

    internal SubmissionVersion(Guid submissionId, int number, string text, Guid[] fileIds, string submittedBy, DateTimeOffset submittedAt, bool isLate, Guid idempotencyKey)
    {
        Id = Guid.NewGuid();
        SubmissionId = submissionId;
        Number = number;
        Text = text;
        _fileIds = fileIds;
        SubmittedBy = submittedBy;
        SubmittedAt = submittedAt;
        IsLate = isLate;
        IdempotencyKey = idempotencyKey;
    }

    public Guid Id { get; private set; }

    public Guid SubmissionId { get; private set; }

    /// <summary>1, 2, … in the order handed in.</summary>
    public int Number { get; private set; }

    public string Text { get; private set; }

    public IReadOnlyList<Guid> FileIds => _fileIds;

    public string SubmittedBy { get; private set; }

    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>First submitted after the (extended) due date.</summary>
    public bool IsLate { get; private set; }

    /// <summary>The submitting form's key: the same form posted twice makes one version.</summary>
    public Guid IdempotencyKey { get; private set; }

    /// <summary>The attached balance worksheet as it was when this version was submitted (null: none attached).</summary>
    public WorksheetSnapshot? Worksheet { get; internal init; }

    /// <summary>The company's options register as it was when this version was submitted (null: not attached).</summary>
    public OptionsRegisterSnapshot? Options { get; internal init; }
}

/// <summary>A trainer's comment on one stream of a submitted worksheet.</summary>
public sealed class StreamComment
{
    public const int TextMaxLength = 4_000;

    private StreamComment()
    {
        Text = AuthorId = string.Empty;
    }

    internal StreamComment(Guid submissionId, int versionNumber, Guid streamId, string text, string authorId, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        SubmissionId = submissionId;
        VersionNumber = versionNumber;
        StreamId = streamId;
        Text = text;
        AuthorId = authorId;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid SubmissionId { get; private set; }

    public int VersionNumber { get; private set; }

    /// <summary>A material or energy stream of the version's worksheet snapshot.</summary>
    public Guid StreamId { get; private set; }

    public string Text { get; private set; }

    public string AuthorId { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>A trainer's decision and feedback on one version. Never changed or deleted; a new review is a new row.</summary>
public sealed class Review
{
    private Review()
    {
        ReviewerId = string.Empty;
    }

    internal Review(Guid submissionId, int versionNumber, ReviewDecision decision, string? feedback, string reviewerId, DateTimeOffset at)
    {
        Id = Guid.NewGuid();
        SubmissionId = submissionId;
        VersionNumber = versionNumber;
        Decision = decision;
        Feedback = feedback;
        ReviewerId = reviewerId;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid SubmissionId { get; private set; }

    /// <summary>The version the feedback was given on.</summary>
    public int VersionNumber { get; private set; }

    public ReviewDecision Decision { get; private set; }

    /// <summary>Markdown.</summary>
    public string? Feedback { get; private set; }

    public string ReviewerId { get; private set; }

    public DateTimeOffset At { get; private set; }
}
