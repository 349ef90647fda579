namespace CpTraining.Web.Pages.Reports;

/// <summary>An organiser's logo on a report cover, inlined as a data: URI (the print tab loads nothing from the app).</summary>
public sealed record ReportLogo(string Name, string DataUri);
