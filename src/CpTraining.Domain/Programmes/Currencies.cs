namespace CpTraining.Domain.Programmes;

/// <summary>The currency figures of a programme start in.</summary>
public static class Currencies
{
    /// <summary>Hryvnia (UAH) for a programme in Ukraine, else euro (EUR); worksheets may change it.</summary>
    public static string DefaultFor(string? country) =>
        string.Equals(country?.Trim(), "Ukraine", StringComparison.OrdinalIgnoreCase)
        || string.Equals(country?.Trim(), "Україна", StringComparison.OrdinalIgnoreCase) ? "UAH" : "EUR";
}
