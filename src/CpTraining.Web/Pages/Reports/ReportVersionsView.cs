
namespace CpTraining.Web.Pages.Reports;

/// <summary>The version list of one report: its versions, the report's base URL, and the version shown (null: the draft).</summary>
public sealed record ReportVersionsView(IReadOnlyList<ReportVersionSummary> Versions, string BaseUrl, int? Current);
