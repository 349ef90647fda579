using CpTraining.Domain.Reports;

namespace CpTraining.Web.Pages.Reports;

/// <summary>What the programme report document renders: the snapshot, its derived figures, and whether it is a draft.</summary>
public sealed record ProgrammeReportView(ProgrammeReportSnapshot Snapshot, ProgrammeReportFigures Figures, bool IsDraft);
