using System.ComponentModel.DataAnnotations;
using CpTraining.Domain.HomeTasks;

namespace CpTraining.Web.Pages.Programmes.HomeTasks;

/// <summary>The assign form: the session's templates ticked, a task of one's own, the dates, and the audience.</summary>
public sealed class AssignForm
{
    public sealed class TemplateChoice
    {
        public Guid TemplateId { get; set; }

        public bool Selected { get; set; }

        public bool Presented { get; set; }

        public AttachmentChoice Attach { get; set; } = new();
    }

    public List<TemplateChoice> Templates { get; set; } = [];

    /// <summary>A task of one's own besides the templates (optional).</summary>
    [StringLength(TaskTemplate.TitleMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Title")]
    public string? Title { get; set; }

    [StringLength(TaskTemplate.InstructionsMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Instructions (Markdown)")]
    public string? Instructions { get; set; }

    [Display(Name = "Presented at the next session")]
    public bool IsPresented { get; set; }

    /// <summary>What engineers attach to the task of one's own.</summary>
    public AttachmentChoice Attach { get; set; } = new();

    [Required(ErrorMessage = "Enter a date.")]
    [Display(Name = "Due date")]
    public DateOnly? DueDate { get; set; }

    [Display(Name = "Cut-off (optional)")]
    public DateOnly? CutOff { get; set; }

    [Display(Name = "Give the tasks to")]
    public AssignModel.Audience Audience { get; set; }

    public List<Guid> CompanyIds { get; set; } = [];

    public List<string> UserIds { get; set; } = [];

    public Guid? GroupId { get; set; }

    /// <summary>The form as first opened: the templates not given yet ticked, due the day before the next session, to everyone.</summary>
    public static AssignForm Opened(AssignChoices choices, DateOnly nextSessionStart)
    {
        ArgumentNullException.ThrowIfNull(choices);
        return new()
        {
            Templates = choices.Templates.Select(x => new TemplateChoice { TemplateId = x.Id, Selected = x.AssignedTo == 0, Presented = x.IsPresented, Attach = AttachmentChoice.Of(x.Attachments) }).ToList(),
            DueDate = HomeTask.DefaultDueDate(nextSessionStart),
            IsPresented = true,
            Audience = AssignModel.Audience.All,
        };
    }
}
