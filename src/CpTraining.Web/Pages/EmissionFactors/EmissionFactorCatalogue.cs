using CpTraining.Domain.Balances;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.EmissionFactors;

/// <summary>
/// The emission factors in use: the built-in defaults (<see cref="EmissionFactorTable.Defaults"/>, keyed by ISO code)
/// re-keyed by the country names programmes and companies use ("Ukraine"), then the stored overrides on top (the last
/// factor for a country and carrier wins). A company's CO₂ is found with its <c>Country</c> as typed.
/// </summary>
public static class EmissionFactorCatalogue
{
    /// <summary>The names a country of the defaults goes by on this site (English and Ukrainian spelling).</summary>
    private static readonly Dictionary<string, string[]> CountryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["UA"] = ["Ukraine", "Україна"],
    };

    /// <summary>The defaults as shown and used: one row per default, its country by its (English) name.</summary>
    public static IReadOnlyList<EmissionFactor> Defaults { get; } =
        EmissionFactorTable.Defaults.Factors.Select(f => f with { Country = DisplayName(f.Country), IsEditable = false }).ToList().AsReadOnly();

    public static EmissionFactorTable Build(IEnumerable<StoredEmissionFactor> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var factors = new List<EmissionFactor>();
        foreach (var f in EmissionFactorTable.Defaults.Factors)
        {
            if (f.Country is null || !CountryNames.TryGetValue(f.Country, out var names))
            {
                factors.Add(f with { IsEditable = false });
                continue;
            }

            factors.AddRange(names.Select(name => f with { Country = name, IsEditable = false }));
        }

        // Overrides come last so that they win; an override stored under either spelling of a country counts for both.
        foreach (var s in stored.OrderBy(s => s.Country is null ? 0 : 1))
        {
            var f = s.ToFactor();
            factors.AddRange(Spellings(f.Country).Select(name => f with { Country = name }));
        }

        return new EmissionFactorTable(factors);
    }

    /// <summary>One query for the stored overrides.</summary>
    public static async Task<EmissionFactorTable> LoadAsync(AppDbContext db) =>
        Build(await db.EmissionFactors.AsNoTracking().ToListAsync());

    private static string? DisplayName(string? iso) =>
        iso is not null && CountryNames.TryGetValue(iso, out var names) ? names[0] : iso;

    private static IEnumerable<string?> Spellings(string? country)
    {
        if (country is null)
        {
            return [null];
        }

        var known = CountryNames.Values.FirstOrDefault(names => names.Contains(country.Trim(), StringComparer.OrdinalIgnoreCase));
        return known ?? [country];
    }
}
