using CpTraining.Web.Identity;

namespace CpTraining.Web.Checks;

/// <summary>
/// What the findings block shows on a page: the findings about what the page shows, whether to say where each one is
/// (with a link to the page that fixes it), and the company's data-quality page (null: no link). The link invites
/// the reader to review the findings when they may (<see cref="Operation.ReviewFindings"/>), else only to read them.
/// </summary>
public sealed record FindingsBlock(IReadOnlyList<CompanyFinding> Items, bool ShowWhere, string? ReviewUrl, bool MayReview = false)
{
    public const string View = "/Pages/Checks/_Findings.cshtml";

    /// <summary>No findings (a page before it has loaded them).</summary>
    public static FindingsBlock None { get; } = new([], false, null);

    /// <summary>The element id of the block: <c>checks</c>, unless a page shows several blocks.</summary>
    public string Id { get; init; } = "checks";

    public static string FindingsUrl(Guid programmeId, Guid companyId) => $"/programmes/{programmeId}/companies/{companyId}/findings";

    /// <summary>A company's findings as the person reading the page may act on them: a review link for those who may review.</summary>
    public static FindingsBlock For(IEnumerable<CompanyFinding> items, bool showWhere, Standing reader, Guid programmeId, Guid companyId)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return new([.. items], showWhere, FindingsUrl(programmeId, companyId), reader.Can(Operation.ReviewFindings, new CompanyResource(programmeId, companyId)));
    }

    /// <summary>The same for the company a page has checked access to.</summary>
    public static FindingsBlock For(IEnumerable<CompanyFinding> items, bool showWhere, EnrolledCompany company)
    {
        ArgumentNullException.ThrowIfNull(company);
        return For(items, showWhere, company.Standing, company.ProgrammeId, company.CompanyId);
    }
}
