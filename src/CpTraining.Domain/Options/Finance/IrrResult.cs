namespace CpTraining.Domain.Options;

/// <summary>What the search for an internal rate of return found.</summary>
public enum IrrOutcome
{
    /// <summary>Exactly one rate above −100 % makes the NPV zero.</summary>
    Unique,

    /// <summary>Several rates make the NPV zero; <see cref="IrrResult.Rate"/> is the one picked by
    /// <see cref="IrrResult.SeveralRatesRule"/> and <see cref="IrrResult.AllRates"/> lists them all.</summary>
    Several,

    /// <summary>The cash flows never change sign (all receipts or all payments), so no rate can make the NPV zero.</summary>
    NoSignChange,

    /// <summary>The cash flows change sign, yet no rate above −100 % makes the NPV zero
    /// (e.g. −1, 3, −3: −1 + 3x − 3x² has no real root).</summary>
    NoSolution,
}

/// <summary>
/// The internal rate of return of a cash-flow series: <paramref name="Rate"/> is the one to show (null when there is
/// none), <paramref name="AllRates"/> every rate above −100 % at which the NPV is zero, in ascending order.
/// </summary>
public sealed record IrrResult(IrrOutcome Outcome, decimal? Rate, IReadOnlyList<decimal> AllRates)
{
    /// <summary>
    /// The rule that picks one rate when several solve NPV = 0, as the page states it: current numpy-financial's
    /// <c>_irr_default_selection</c> in <c>numpy_financial/_financial.py</c> — when the rates have mixed signs the
    /// negative ones are dropped, then the rate closest to zero is taken. (numpy-financial 1.0 took the rate closest
    /// to zero among all; the newer rule gives the published answers of its tests gh-39 and gh-44.)
    /// </summary>
    public const string SeveralRatesRule =
        "the non-negative rate closest to zero when there is one, else the rate closest to zero (numpy-financial's rule)";

    /// <summary>Why there is no rate when <see cref="IrrOutcome.NoSignChange"/>, as the page states it.</summary>
    public const string NoSignChangeReason =
        "The cash flows do not change sign, so no discount rate makes the NPV zero.";

    /// <summary>Why there is no rate when <see cref="IrrOutcome.NoSolution"/>, as the page states it.</summary>
    public const string NoSolutionReason =
        "No discount rate above −100 % makes the NPV of these cash flows zero.";
}
