using CpTraining.Domain.Reports;

namespace CpTraining.Web.Pages.Reports;

/// <summary>
/// What the programme report document renders: the snapshot, its derived figures, and whether it is the live draft or
/// a published version (its number); the organisers' logos for the cover (none when null).
/// </summary>
public sealed record ProgrammeReportView(ProgrammeReportSnapshot Snapshot, ProgrammeReportFigures Figures, bool IsDraft, int? Version = null, IReadOnlyList<ReportLogo>? Logos = null);
