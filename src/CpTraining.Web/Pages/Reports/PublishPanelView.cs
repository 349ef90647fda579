
namespace CpTraining.Web.Pages.Reports;

/// <summary>What the publish panel shows: the versions so far, whether the data changed, the final session's start, where to post.</summary>
public sealed record PublishPanelView(IReadOnlyList<ReportVersionSummary> Versions, bool ChangedSinceLatest, DateOnly Today, DateOnly? FinalSessionStart, string PostUrl);
