namespace CpTraining.Web.Pages.Reports;

/// <summary>What the contents partial renders: the outline, and whether the document is a draft (which names what is missing).</summary>
public sealed record ReportContentsView(ReportOutline Outline, bool IsDraft);
