using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Domain.Reports;

namespace CpTraining.Web.Pages.Reports;

/// <summary>The economic assumptions of one evaluated option, as the appendix lists them.</summary>
/// <remarks><c>PriceYear</c>: the year whose prices the option's amounts are in; null when the engineer did not state it.</remarks>
public sealed record OptionAssumption(string? Company, string Option, decimal DiscountRate, decimal Escalation, int LifetimeYears, string Currency, int? PriceYear = null);

/// <summary>
/// The assumptions appendix of a report: each evaluated option's discount rate, escalation and lifetime, the currency
/// and price basis, the emission factors in force for the companies' countries with their sources, and the
/// calculation conventions (stated by the partial, from the same texts the economics and balance pages show).
/// </summary>
public sealed record ReportAssumptions(OutlineEntry Heading, IReadOnlyList<OptionAssumption> Options, IReadOnlyList<EmissionFactor> Factors, DateOnly ReportDate)
{
    public static ReportAssumptions Of(OutlineEntry heading, IEnumerable<(CompanyReportSnapshot Snapshot, CompanyReportFigures Figures)> companies, bool withCompany, DateOnly reportDate)
    {
        ArgumentNullException.ThrowIfNull(companies);
        var list = companies.ToList();
        var options = list
            .SelectMany(c => c.Figures.Options
                .Where(a => a.Option.Economics is not null && (a.Option.Status.IsPlanned() || a.Option.Status == OptionStatus.Feasible))
                .Select(a => new OptionAssumption(
                    withCompany ? c.Snapshot.CompanyName : null,
                    CpTraining.Web.Pages.Options.OptionText.Number(a.Option.Number) + " " + a.Option.Title,
                    a.Option.Economics!.DiscountRate,
                    a.Option.Economics.Escalation,
                    a.Option.Economics.LifetimeYears,
                    c.Snapshot.Options.Currency,
                    a.Option.Economics.PriceYear)))
            .ToList();

        // The factor each company's balance uses for a carrier: its country's own, else the international default.
        var factors = list
            .SelectMany(c =>
            {
                var table = new EmissionFactorTable(c.Snapshot.EmissionFactors);
                return Enum.GetValues<EnergyCarrier>().Select(carrier => table.Find(c.Snapshot.CompanyCountry, carrier)).OfType<EmissionFactor>();
            })
            .Distinct()
            .OrderBy(f => f.Carrier).ThenBy(f => f.Country)
            .ToList();
        return new ReportAssumptions(heading, options, factors, reportDate);
    }
}
