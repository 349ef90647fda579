using CpTraining.Domain.Reports;

namespace CpTraining.Web.Pages.Reports;

/// <summary>What the report document renders: the snapshot, its derived figures, and whether it is a draft.</summary>
public sealed record CompanyReportView(CompanyReportSnapshot Snapshot, CompanyReportFigures Figures, bool IsDraft);
