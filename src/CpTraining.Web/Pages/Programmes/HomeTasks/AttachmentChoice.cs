using CpTraining.Domain.HomeTasks;

namespace CpTraining.Web.Pages.Programmes.HomeTasks;

/// <summary>The two checkboxes saying what engineers attach to a task (<see cref="TaskAttachments"/>), as the forms post them.</summary>
public sealed class AttachmentChoice
{
    public bool Worksheet { get; set; }

    public bool Options { get; set; }

    public static AttachmentChoice Of(TaskAttachments attachments) => new()
    {
        Worksheet = attachments.HasFlag(TaskAttachments.Worksheet),
        Options = attachments.HasFlag(TaskAttachments.Options),
    };

    public TaskAttachments ToFlags() =>
        (Worksheet ? TaskAttachments.Worksheet : TaskAttachments.None) | (Options ? TaskAttachments.Options : TaskAttachments.None);
}

/// <summary>What <c>_AttachmentCheckboxes</c> renders: the checkboxes' form name prefix and id prefix, and their state.</summary>
public sealed record AttachmentCheckboxes(string Name, string Id, AttachmentChoice Choice);
