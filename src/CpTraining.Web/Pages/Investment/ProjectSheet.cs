using CpTraining.Domain.Options;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Pages.Options;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Investment;

/// <summary>A person to contact about the project: the company's managers first, then its engineers.</summary>
public sealed record SheetContact(string Name, ProgrammeRole Role, string? Position, string? Email);

/// <summary>
/// How the investment is paid for at year 0: grants received at the start, the loan (debt share of the investment
/// less those grants) and the company's own money — the three add up to the investment. Grants paid in later years
/// are listed apart: they are cash flows of the project, not part of the money needed at the start.
/// </summary>
public sealed record SheetFinancing(decimal Investment, decimal GrantAtStart, decimal Loan, decimal Equity, decimal LaterGrants)
{
    public static SheetFinancing Of(EconomicInputs inputs, EconomicResult result)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(result);
        var investment = inputs.TotalInvestment;
        var loan = result.Equity?.Loan ?? 0m;
        var equity = result.Equity?.EquityInvestment ?? Math.Max(investment - result.GrantsAtStart, 0m);
        var allGrants = inputs.Grants.Sum(g => g.AmountPerYear * g.Years);
        return new SheetFinancing(investment, result.GrantsAtStart, loan, equity, allGrants - result.GrantsAtStart);
    }
}

/// <summary>
/// The one-page investment project sheet of one CP option (issue 15): what it is, what it costs and how that is
/// financed, what it saves and earns, what it spares the environment, its risks and whom to call. Computed from the
/// option as it is now, with the same evaluation as the option's economics page, so the figures are the same.
/// </summary>
public sealed record ProjectSheet(
    Guid ProgrammeId,
    Guid CompanyId,
    Guid OptionId,
    string ProgrammeName,
    string Organisers,
    string Language,
    string CompanyName,
    string? Sector,
    string Place,
    OptionSnapshot Option,
    string? Risks,
    string Currency,
    EconomicInputs? Inputs,
    EconomicResult? Result,
    string? ResultProblem,
    IReadOnlyList<SheetContact> Contacts,
    DateOnly Date)
{
    public Reductions Reductions => Option.EffectiveReductions;

    public SheetFinancing? Financing => Inputs is { } i && Result is { } r ? SheetFinancing.Of(i, r) : null;

    /// <summary>Net annual savings in year 1 in today's prices, as the economics page states them.</summary>
    public decimal? AnnualSavings => Result?.FirstYearNetSavings;

    /// <summary>The statuses an investment project sheet and the pipeline are made for: chosen to be done, or done.</summary>
    public static bool IsSelected(OptionStatus status) => status is OptionStatus.Selected or OptionStatus.Implemented or OptionStatus.Verified;

    /// <summary>The sheet of <paramref name="optionId"/>; null when there is no such option in the programme.</summary>
    public static async Task<ProjectSheet?> LoadAsync(AppDbContext db, Guid programmeId, Guid optionId, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var option = await db.CpOptions.AsNoTracking().SingleOrDefaultAsync(o => o.Id == optionId && o.ProgrammeId == programmeId, cancellationToken);
        if (option is null)
        {
            return null;
        }

        var assessed = (await OptionsRegister.AssessAsync(db, programmeId, [option], cancellationToken)).Single().Assessment;
        var head = await db.Companies.AsNoTracking()
            .Where(c => c.Id == option.CompanyId)
            .Select(c => new
            {
                c.Name,
                c.SectorCode,
                c.SectorName,
                c.City,
                c.Country,
                Programme = db.Programmes.Where(p => p.Id == programmeId).Select(p => new { p.Name, p.Organisers, p.Language, p.Country }).First(),
                Currency = db.Worksheets.Where(w => w.ProgrammeId == programmeId && w.CompanyId == c.Id).OrderBy(w => w.CreatedAt).Select(w => w.Currency).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);
        var contacts = await db.ProgrammeMembers.AsNoTracking()
            .Where(m => m.ProgrammeId == programmeId && m.CompanyId == option.CompanyId && (m.Role == ProgrammeRole.Manager || m.Role == ProgrammeRole.Engineer))
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new SheetContact(u.DisplayName, m.Role, u.Position, u.Email))
            .ToListAsync(cancellationToken);
        var sector = string.Join(" ", new[] { head.SectorCode, head.SectorName }.Where(x => !string.IsNullOrWhiteSpace(x)));
        return new ProjectSheet(
            programmeId,
            option.CompanyId,
            option.Id,
            head.Programme.Name,
            head.Programme.Organisers,
            head.Programme.Language,
            head.Name,
            sector.Length == 0 ? null : sector,
            string.Join(", ", new[] { head.City, head.Country }.Where(x => !string.IsNullOrWhiteSpace(x))),
            assessed.Option,
            option.Risks,
            head.Currency ?? Currencies.DefaultFor(head.Programme.Country),
            assessed.Option.Economics,
            assessed.Economics,
            assessed.EconomicsProblem,
            [.. contacts.OrderBy(c => c.Role == ProgrammeRole.Manager ? 0 : 1).ThenBy(c => c.Name, StringComparer.CurrentCulture)],
            today);
    }
}
