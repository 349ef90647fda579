using System.Globalization;

namespace CpTraining.Domain.Balances;

/// <summary>How an uncertainty is given: relative to the value (± %) or absolute, in the stream's own unit.</summary>
public enum UncertaintyKind
{
    /// <summary>± % of the value (STAN's convention).</summary>
    Relative,

    /// <summary>± in the unit the stream's quantity is entered in (e.g. ± 0.3 t per month).</summary>
    Absolute,
}

/// <summary>
/// A stream's uncertainty: one standard deviation (1σ), given relative to the value (± %) or absolute in the stream's own
/// unit and reporting period. The number is kept exactly as typed (<see cref="Text"/>) and exactly as read
/// (<see cref="Value"/>): nothing is rounded. Zero means exact: reconciliation never adjusts the stream.
/// </summary>
public sealed record Uncertainty
{
    /// <summary>A relative uncertainty above 100 % (1σ) is not a measurement.</summary>
    public const decimal MaxPercent = 100m;

    public const int TextMaxLength = 50;

    public Uncertainty(string? text, decimal value, UncertaintyKind kind)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("UncertaintyKind", "Say whether the uncertainty is in % or in the stream's unit.");
        }

        if (value < 0 || (kind == UncertaintyKind.Relative && value > MaxPercent))
        {
            throw kind == UncertaintyKind.Relative
                ? new DomainException("Uncertainty", "The uncertainty is a percentage from 0 to {0}.", MaxPercent)
                : new DomainException("Uncertainty", "An uncertainty cannot be negative.");
        }

        Text = Domain.Text.Optional(text, "Uncertainty", TextMaxLength) ?? value.ToString("0.############################", CultureInfo.InvariantCulture);
        Value = value;
        Kind = kind;
    }

    /// <summary>The number exactly as typed, in the typist's culture (e.g. "0,234375").</summary>
    public string Text { get; }

    public decimal Value { get; }

    public UncertaintyKind Kind { get; }

    /// <summary>± <paramref name="percent"/> % of the value.</summary>
    public static Uncertainty Percent(decimal percent) => new(null, percent, UncertaintyKind.Relative);

    /// <summary>± <paramref name="amount"/> in the stream's unit.</summary>
    public static Uncertainty InStreamUnit(decimal amount) => new(null, amount, UncertaintyKind.Absolute);

    /// <summary>
    /// One standard deviation per year, in the unit of <paramref name="annual"/> (kg/yr or MJ/yr): relative, that
    /// figure × value ÷ 100; absolute, the value × <paramref name="annualPerEnteredUnit"/> (what one unit as entered
    /// amounts to per year, e.g. 12 000 kg/yr for "t per month").
    /// </summary>
    public decimal AnnualStandardDeviation(decimal annual, decimal annualPerEnteredUnit) => Kind == UncertaintyKind.Relative
        ? Math.Abs(annual) * Value / 100m
        : Value * annualPerEnteredUnit;

    /// <summary>The uncertainty as a fraction of the value (e.g. 0.05), when the value is not zero.</summary>
    public decimal? RelativeTo(Quantity quantity)
    {
        ArgumentNullException.ThrowIfNull(quantity);
        return Kind == UncertaintyKind.Relative ? Value / 100m
            : quantity.Value == 0 ? null
            : Value / Math.Abs(quantity.Value);
    }
}
