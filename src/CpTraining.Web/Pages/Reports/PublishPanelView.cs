
namespace CpTraining.Web.Pages.Reports;

/// <summary>
/// What the publish panel shows: the versions so far, whether the data changed, the final session's start, where to
/// post, and the open data-quality warnings the coordinator must confirm to publish (where, message).
/// </summary>
public sealed record PublishPanelView(
    IReadOnlyList<ReportVersionSummary> Versions,
    bool ChangedSinceLatest,
    DateOnly Today,
    DateOnly? FinalSessionStart,
    string PostUrl,
    IReadOnlyList<(string Where, string Message)>? OpenFindings = null);
