
namespace CpTraining.Web.Pages.Programmes.Companies;

/// <summary>One row of the programme's company list with what the row partial needs.</summary>
public sealed record CompanyRowView(Guid ProgrammeId, IndexModel.Row Row, bool CanManage, IReadOnlyList<TrainerOption> Trainers);
