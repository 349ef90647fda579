using CpTraining.Web.Data;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Checks;

/// <summary>
/// What the findings block shows on a page: the findings about what the page shows, whether to say where each one is
/// (with a link to the page that fixes it), and the company's data-quality page where they are reviewed (null: none).
/// </summary>
public sealed record FindingsBlock(IReadOnlyList<CompanyFinding> Items, bool ShowWhere, string? ReviewUrl)
{
    public const string View = "/Pages/Checks/_Findings.cshtml";

    public static string FindingsUrl(Guid programmeId, Guid companyId) => $"/programmes/{programmeId}/companies/{companyId}/findings";

    /// <summary>The company's findings about one subject (and its parts), for the page that shows that subject.</summary>
    public static async Task<FindingsBlock> AboutAsync(AppDbContext db, Guid programmeId, Guid companyId, string subjectKey, IStringLocalizer t, CancellationToken cancellationToken) =>
        new([.. (await CompanyFindings.LoadAsync(db, programmeId, companyId, t, cancellationToken)).Where(f => f.IsAbout(subjectKey))], ShowWhere: false, FindingsUrl(programmeId, companyId));
}
