using System.Globalization;

namespace CpTraining.Domain.Balances;

/// <summary>What a calorific value is given per: MJ/kg (solid and liquid fuels) or MJ/m³ (gases).</summary>
public enum CalorificBasis
{
    PerKilogram,
    PerCubicMetre,
}

/// <summary>
/// An amount as the engineer entered it, per reporting period: the number exactly as typed (<see cref="Text"/>),
/// its value and unit, and what is needed to convert it: a density (kg/m³) for volumes, a calorific value
/// (MJ/kg or MJ/m³, net) for fuels entered by mass or volume. The value may be negative (an accumulation can be a
/// withdrawal from stock); streams refuse negatives themselves.
/// </summary>
public sealed record Quantity
{
    /// <summary>Osmium, the densest element, is 22 590 kg/m³; anything denser is a typo.</summary>
    public const decimal MaxDensity = 25_000m;

    /// <summary>MJ/kg; hydrogen, the highest of all fuels, is about 120 MJ/kg.</summary>
    public const decimal MaxCalorificValuePerKilogram = 150m;

    /// <summary>MJ/m³; a liquid fuel per m³ is about 40 000 MJ/m³.</summary>
    public const decimal MaxCalorificValuePerCubicMetre = 100_000m;

    public const int TextMaxLength = 50;

    /// <summary>Builds a quantity and checks the conversion data. <paramref name="text"/> is kept as typed.</summary>
    public Quantity(string text, decimal value, Unit unit, decimal? density = null, decimal? calorificValue = null, CalorificBasis? calorificBasis = null)
    {
        if (!Enum.IsDefined(unit))
        {
            throw new DomainException("Unit", "Unknown unit \"{0}\".", unit.ToString());
        }

        if (density is { } rho && (rho <= 0 || rho > MaxDensity))
        {
            throw rho <= 0
                ? new DomainException("Density", "The density must be greater than zero (kg/m³).")
                : new DomainException("Density", "A density above {0} kg/m³ is not plausible.", MaxDensity);
        }

        if (calorificValue is { } cv)
        {
            var max = calorificBasis == Balances.CalorificBasis.PerCubicMetre ? MaxCalorificValuePerCubicMetre : MaxCalorificValuePerKilogram;
            if (calorificBasis is null)
            {
                throw new DomainException("CalorificValue", "Say whether the calorific value is per kg or per m³.");
            }

            if (cv <= 0 || cv > max)
            {
                throw new DomainException("CalorificValue", "The calorific value must be greater than zero and at most {0}.", max);
            }
        }

        Text = Domain.Text.Optional(text, "Quantity", TextMaxLength) ?? value.ToString(CultureInfo.InvariantCulture);
        Value = value;
        Unit = unit;
        Density = density;
        CalorificValue = calorificValue;
        CalorificBasis = calorificValue is null ? null : calorificBasis;
    }

    /// <summary>The number exactly as typed, in the typist's culture (e.g. "1 234,5").</summary>
    public string Text { get; }

    public decimal Value { get; }

    public Unit Unit { get; }

    /// <summary>kg/m³.</summary>
    public decimal? Density { get; }

    /// <summary>MJ per kg or per m³, as <see cref="CalorificBasis"/> says; net (lower) calorific value.</summary>
    public decimal? CalorificValue { get; }

    public CalorificBasis? CalorificBasis { get; }

    public UnitKind Kind => Unit.Kind();

    /// <summary>A quantity from a number (its invariant text is kept as the entry).</summary>
    public static Quantity Of(decimal value, Unit unit, decimal? density = null, decimal? calorificValue = null, CalorificBasis? calorificBasis = null) =>
        new(value.ToString(CultureInfo.InvariantCulture), value, unit, density, calorificValue, calorificBasis);

    /// <summary>Reads the number in <paramref name="culture"/> (see <see cref="NumberParser"/>) and the unit symbol.</summary>
    public static Quantity Parse(string? text, string? unit, CultureInfo culture, decimal? density = null, decimal? calorificValue = null, CalorificBasis? calorificBasis = null)
    {
        var value = NumberParser.Parse(text, culture, "Quantity");
        return new Quantity(text!.Trim(), value, Units.Parse(unit), density, calorificValue, calorificBasis);
    }

    /// <summary>kg of this material in one <paramref name="unit"/> (a mass or volume unit).</summary>
    public decimal KilogramsPer(Unit unit) => unit.Kind() switch
    {
        UnitKind.Mass => unit.ToBase(),
        UnitKind.Volume => unit.ToBase() * (Density ?? throw NeedsDensity(unit)),
        _ => throw new DomainException("Unit", "A material stream is measured by mass or volume, not in {0}.", unit.Symbol()),
    };

    /// <summary>MJ in one <paramref name="unit"/> of this material or energy.</summary>
    public decimal MegajoulesPer(Unit unit) => unit.Kind() switch
    {
        UnitKind.Energy => unit.ToBase(),
        UnitKind.Mass => unit.ToBase() * MegajoulesPerKilogram(unit),
        _ => unit.ToBase() * MegajoulesPerCubicMetre(unit),
    };

    /// <summary>The mass, kg (per period).</summary>
    public decimal ToKilograms() => Value * KilogramsPer(Unit);

    /// <summary>The energy, MJ (per period).</summary>
    public decimal ToMegajoules() => Value * MegajoulesPer(Unit);

    public override string ToString() => $"{Text} {Unit.Symbol()}";

    private decimal MegajoulesPerKilogram(Unit unit) => (CalorificValue, CalorificBasis) switch
    {
        (null, _) => throw NeedsCalorificValue(unit),
        ({ } cv, Balances.CalorificBasis.PerKilogram) => cv,
        ({ } cv, _) => cv / (Density ?? throw NeedsDensity(unit)),
    };

    private decimal MegajoulesPerCubicMetre(Unit unit) => (CalorificValue, CalorificBasis) switch
    {
        (null, _) => throw NeedsCalorificValue(unit),
        ({ } cv, Balances.CalorificBasis.PerCubicMetre) => cv,
        ({ } cv, _) => cv * (Density ?? throw NeedsDensity(unit)),
    };

    private static DomainException NeedsDensity(Unit unit) =>
        new("Density", "Give the density (kg/m³) to convert {0} to mass.", unit.Symbol());

    private static DomainException NeedsCalorificValue(Unit unit) =>
        new("CalorificValue", "Give the calorific value to convert {0} to energy.", unit.Symbol());
}

/// <summary>A price or fee per unit (e.g. 1 200 UAH per t, 4.2 UAH per kWh), in the worksheet's currency.</summary>
public sealed record UnitPrice(decimal Amount, Unit PerUnit);
