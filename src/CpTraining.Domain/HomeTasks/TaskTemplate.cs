namespace CpTraining.Domain.HomeTasks;

/// <summary>
/// A home task a programme plans to give after one of its sessions. Each programme starts with the standard set
/// (<see cref="StandardHomeTasks"/>) and the coordinator edits, adds or removes tasks before assigning them; an
/// assigned task is copied into a <see cref="HomeTask"/>, so later edits of the template change nothing already given.
/// </summary>
public sealed class TaskTemplate
{
    public const int TitleMaxLength = 200;
    public const int InstructionsMaxLength = 20_000;

    private TaskTemplate()
    {
        Title = Instructions = string.Empty;
    }

    private TaskTemplate(Guid programmeId, int afterSession, int position)
        : this()
    {
        Id = Guid.NewGuid();
        ProgrammeId = programmeId;
        AfterSession = afterSession;
        Position = position;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    /// <summary>The session at whose end the task is given (1 to the session before the final one).</summary>
    public int AfterSession { get; private set; }

    /// <summary>Order within the session's tasks, from 1.</summary>
    public int Position { get; private set; }

    public string Title { get; private set; }

    /// <summary>Markdown.</summary>
    public string Instructions { get; private set; }

    /// <summary>Whether companies present the result at the next plenary session.</summary>
    public bool IsPresented { get; private set; }

    /// <summary>What engineers attach to their work besides text and files; copied into the task when it is given.</summary>
    public TaskAttachments Attachments { get; private set; }

    /// <summary>A new task; <c>sessionCount</c> is the programme's number of sessions (no tasks after the final one).</summary>
    public static TaskTemplate Create(Guid programmeId, int afterSession, int position, string? title, string? instructions, bool isPresented, int sessionCount, TaskAttachments attachments = TaskAttachments.None)
    {
        CheckSession(afterSession, sessionCount);
        var template = new TaskTemplate(programmeId, afterSession, position) { Attachments = attachments };
        template.Change(title, instructions, isPresented);
        return template;
    }

    /// <summary>The standard Norwegian-model tasks for a new programme, in the programme's language (English when not translated).</summary>
    public static IReadOnlyList<TaskTemplate> StandardSet(Guid programmeId, string language, int sessionCount) =>
        StandardHomeTasks.For(language)
            .Where(t => t.AfterSession < sessionCount)
            .Select(t => Create(programmeId, t.AfterSession, t.Position, t.Title, t.Instructions, t.IsPresented, sessionCount, t.Attachments))
            .ToList();

    public void Change(string? title, string? instructions, bool isPresented)
    {
        Title = Text.Required(title, "Title", TitleMaxLength);
        Instructions = Text.Optional(instructions, "Instructions", InstructionsMaxLength) ?? string.Empty;
        IsPresented = isPresented;
    }

    public void ChangeAttachments(TaskAttachments attachments) => Attachments = attachments;

    public void MoveTo(int position) => Position = position;

    internal static void CheckSession(int afterSession, int sessionCount)
    {
        if (afterSession < 1 || afterSession >= sessionCount)
        {
            throw new DomainException("AfterSession", "Home tasks are given after sessions 1 to {0}; the final session has no home tasks.", sessionCount - 1);
        }
    }
}
