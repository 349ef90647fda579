using CpTraining.Domain.HomeTasks;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.HomeTasks;

/// <summary>
/// The words and badge colours of a piece of work's status, shared by "My tasks" and the work page so that both say
/// the same thing in the same colour.
/// </summary>
public static class WorkStatus
{
    public static string Text(SubmissionStatus status, IStringLocalizer t) => status switch
    {
        SubmissionStatus.NotStarted => t["Not started"],
        SubmissionStatus.Draft => t["Draft"],
        SubmissionStatus.Submitted => t["Submitted"],
        SubmissionStatus.Returned => t["Returned for revision"],
        SubmissionStatus.Accepted => t["Accepted"],
        _ => status.ToString(),
    };

    /// <summary>Bootstrap badge classes; colours are never the only signal (the word is always written).</summary>
    public static string BadgeClass(SubmissionStatus status) => status switch
    {
        SubmissionStatus.NotStarted => "text-bg-light border",
        SubmissionStatus.Draft => "text-bg-secondary",
        SubmissionStatus.Submitted => "text-bg-primary",
        SubmissionStatus.Returned => "text-bg-warning",
        SubmissionStatus.Accepted => "text-bg-success",
        _ => "text-bg-light",
    };
}
