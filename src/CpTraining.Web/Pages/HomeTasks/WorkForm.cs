using System.ComponentModel.DataAnnotations;
using CpTraining.Domain.HomeTasks;

namespace CpTraining.Web.Pages.HomeTasks;

/// <summary>The work page's answer form: the Markdown text, the files to take off, and what makes a save safe to repeat.</summary>
public sealed class WorkForm
{
    [StringLength(Submission.TextMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Your answer")]
    public string? Text { get; set; }

    /// <summary>The row version (xmin) the form was opened with.</summary>
    public uint Version { get; set; }

    /// <summary>Made when the form is opened and kept on re-render: the same form submitted twice makes one version.</summary>
    public Guid IdempotencyKey { get; set; }

    /// <summary>Draft files ticked "remove".</summary>
    public List<Guid> RemoveFileIds { get; set; } = [];
}
