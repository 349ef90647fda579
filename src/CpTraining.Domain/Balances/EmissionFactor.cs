namespace CpTraining.Domain.Balances;

/// <summary>
/// t CO₂ emitted per <see cref="PerUnit"/> of energy of a carrier (per TJ of fuel for IPCC factors, per MWh of
/// grid electricity), for a country (ISO 3166 alpha-2, e.g. "UA") or for all countries when <see cref="Country"/>
/// is null. Every factor names its source; the defaults may be replaced by an organisation's own.
/// </summary>
public sealed record EmissionFactor(string? Country, EnergyCarrier Carrier, decimal TonnesCo2, Unit PerUnit, string Source, bool IsEditable = true)
{
    /// <summary>t CO₂ per MJ.</summary>
    public decimal TonnesPerMegajoule => TonnesCo2 / PerUnit.ToBase();

    /// <summary>t CO₂ per MWh (1 MWh = 0.0036 TJ).</summary>
    public decimal TonnesPerMegawattHour => TonnesCo2 * 3_600m / PerUnit.ToBase();

    /// <summary>t CO₂ for <paramref name="megajoules"/> MJ of the carrier.</summary>
    public decimal TonnesFor(decimal megajoules) => megajoules * TonnesCo2 / PerUnit.ToBase();
}

/// <summary>
/// The emission factors in use. A country's own factor wins over the international (IPCC) default for a carrier;
/// a carrier with neither has no CO₂ figure (shown as missing, never as zero).
/// </summary>
public sealed class EmissionFactorTable
{
    public const string Ipcc2006 =
        "IPCC 2006 Guidelines for National Greenhouse Gas Inventories, Vol. 2 Energy, Ch. 2 Stationary Combustion, Table 2.2 (default CO₂ emission factors)";

    public const string UkraineResolution156 =
        "Cabinet of Ministers of Ukraine, Resolution No. 156 of 5 February 2026, national weighted coefficients of greenhouse gas emissions from final energy consumption (CO₂-eq)";

    private readonly Dictionary<(string Country, EnergyCarrier Carrier), EmissionFactor> _byKey;

    public EmissionFactorTable(IEnumerable<EmissionFactor> factors)
    {
        ArgumentNullException.ThrowIfNull(factors);
        Factors = factors.ToList().AsReadOnly();
        _byKey = [];
        foreach (var f in Factors)
        {
            if (f.TonnesCo2 < 0)
            {
                throw new DomainException("TonnesCo2", "An emission factor cannot be negative.");
            }

            if (f.PerUnit.Kind() != UnitKind.Energy)
            {
                throw new DomainException("PerUnit", "An emission factor is per unit of energy (MWh, TJ, Gcal, ...).");
            }

            // The last factor given for a country and carrier wins, so an organisation's edits can follow the defaults.
            _byKey[(Key(f.Country), f.Carrier)] = f;
        }
    }

    /// <summary>
    /// The defaults: IPCC 2006 factors for the fuels (natural gas 56.1, residual fuel oil 77.4, other bituminous
    /// coal 94.6 t CO₂/TJ), and Ukraine's grid electricity (0.316 t CO₂-eq/MWh) and district heat
    /// (0.381 t CO₂-eq/Gcal). Steam/heat elsewhere and "other" have no default: the engineer adds one.
    /// </summary>
    public static EmissionFactorTable Defaults { get; } = new(
    [
        new(null, EnergyCarrier.NaturalGas, 56.1m, Unit.Terajoule, Ipcc2006 + ": natural gas"),
        new(null, EnergyCarrier.FuelOil, 77.4m, Unit.Terajoule, Ipcc2006 + ": residual fuel oil"),
        new(null, EnergyCarrier.Coal, 94.6m, Unit.Terajoule, Ipcc2006 + ": other bituminous coal"),
        new("UA", EnergyCarrier.Electricity, 0.316m, Unit.MegawattHour, UkraineResolution156 + ": electricity, 316 g/kWh"),
        new("UA", EnergyCarrier.SteamHeat, 0.381m, Unit.Gigacalorie, UkraineResolution156 + ": heat, 381 kg/Gcal"),
    ]);

    public IReadOnlyList<EmissionFactor> Factors { get; }

    /// <summary>A copy with <paramref name="factor"/> added or replacing the one for its country and carrier.</summary>
    public EmissionFactorTable With(EmissionFactor factor) => new(Factors.Append(factor));

    /// <summary>The country's factor for the carrier, else the international default, else null.</summary>
    public EmissionFactor? Find(string? country, EnergyCarrier carrier) =>
        (country is not null && _byKey.TryGetValue((Key(country), carrier), out var own)) ? own
            : _byKey.TryGetValue((string.Empty, carrier), out var general) ? general
            : null;

    private static string Key(string? country) => country?.Trim().ToUpperInvariant() ?? string.Empty;
}
