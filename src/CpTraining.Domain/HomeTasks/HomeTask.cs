namespace CpTraining.Domain.HomeTasks;

/// <summary>
/// A home task given after a session: what to do (Markdown and attached files), by when, and whether the result is
/// presented at the next plenary. Each company or person it is given to works on their own <see cref="Submission"/>.
/// </summary>
public sealed class HomeTask
{
    private Guid[] _instructionFileIds = [];

    private HomeTask()
    {
        Title = Instructions = AssignedBy = string.Empty;
    }

    private HomeTask(Guid programmeId, int afterSession, Guid? templateId, string assignedBy, DateTimeOffset assignedAt)
        : this()
    {
        Id = Guid.NewGuid();
        ProgrammeId = programmeId;
        AfterSession = afterSession;
        TemplateId = templateId;
        AssignedBy = assignedBy;
        AssignedAt = assignedAt;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    /// <summary>The session at whose end the task was given; it is presented at the next one.</summary>
    public int AfterSession { get; private set; }

    public Guid? TemplateId { get; private set; }

    public string Title { get; private set; }

    /// <summary>Markdown.</summary>
    public string Instructions { get; private set; }

    /// <summary>Files that come with the instructions (stored files' ids).</summary>
    public IReadOnlyList<Guid> InstructionFileIds => _instructionFileIds;

    public DateOnly DueDate { get; private set; }

    /// <summary>After this day submission closes (null: never); until then late work is accepted and marked late.</summary>
    public DateOnly? CutOff { get; private set; }

    public bool IsPresented { get; private set; }

    /// <summary>What engineers attach to their work besides text and files (a balance worksheet, their options register).</summary>
    public TaskAttachments Attachments { get; private set; }

    /// <summary>Whether engineers attach a balance worksheet to their work on this task.</summary>
    public bool TakesWorksheet => Attachments.HasFlag(TaskAttachments.Worksheet);

    /// <summary>Engineers attach their company's register of CP options (frozen in each submitted version).</summary>
    public bool TakesOptions => Attachments.HasFlag(TaskAttachments.Options);

    public string AssignedBy { get; private set; }

    public DateTimeOffset AssignedAt { get; private set; }

    /// <summary>The default due date: the day before the next session starts.</summary>
    public static DateOnly DefaultDueDate(DateOnly nextSessionStart) => nextSessionStart.AddDays(-1);

    /// <summary>
    /// Gives a task after session <paramref name="afterSession"/>. The due date may not be before <paramref name="today"/>
    /// and the cut-off, when given, not before the due date.
    /// </summary>
    public static HomeTask Assign(
        Guid programmeId,
        int afterSession,
        int sessionCount,
        Guid? templateId,
        string? title,
        string? instructions,
        IEnumerable<Guid> instructionFileIds,
        DateOnly dueDate,
        DateOnly? cutOff,
        bool isPresented,
        string assignedBy,
        DateTimeOffset assignedAt,
        DateOnly today,
        TaskAttachments attachments = TaskAttachments.None)
    {
        TaskTemplate.CheckSession(afterSession, sessionCount);
        var task = new HomeTask(programmeId, afterSession, templateId, assignedBy, assignedAt)
        {
            Title = Text.Required(title, "Title", TaskTemplate.TitleMaxLength),
            Instructions = Text.Optional(instructions, "Instructions", TaskTemplate.InstructionsMaxLength) ?? string.Empty,
            IsPresented = isPresented,
            Attachments = attachments,
            _instructionFileIds = instructionFileIds.Distinct().ToArray(),
        };
        task.CheckDates(dueDate, cutOff, today);
        (task.DueDate, task.CutOff) = (dueDate, cutOff);
        return task;
    }

    /// <summary>
    /// Adds files to the instructions. The files are stored with the task as their owner, so they can only be made
    /// once the task (and its id) exists: assign first, then attach.
    /// </summary>
    public void AttachInstructionFiles(IEnumerable<Guid> fileIds) =>
        _instructionFileIds = _instructionFileIds.Concat(fileIds).Distinct().ToArray();

    /// <summary>
    /// Changes what engineers attach. Work that already has a worksheet keeps it (and shows it) even when the task no
    /// longer asks for one: nothing an engineer attached disappears.
    /// </summary>
    public void ChangeAttachments(TaskAttachments attachments) => Attachments = attachments;

    /// <summary>Changes the dates; the submissions copy them (see <see cref="Submission.ChangeDates"/>).</summary>
    public void ChangeDates(DateOnly dueDate, DateOnly? cutOff, DateOnly today)
    {
        if (dueDate == DueDate && cutOff == CutOff)
        {
            return;
        }

        CheckDates(dueDate, cutOff, today);
        (DueDate, CutOff) = (dueDate, cutOff);
    }

    private void CheckDates(DateOnly dueDate, DateOnly? cutOff, DateOnly today)
    {
        if (dueDate < today && dueDate != DueDate)
        {
            throw new DomainException("DueDate", "The due date cannot be in the past (today is {0:d}).", today);
        }

        if (cutOff is { } c && c < dueDate)
        {
            throw new DomainException("CutOff", "The cut-off cannot be before the due date ({0:d}).", dueDate);
        }
    }
}
