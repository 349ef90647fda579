namespace CpTraining.Web.Pages.Options;

/// <summary>Planned against achieved figures side by side.</summary>
public static class PlannedAndAchieved
{
    /// <summary>Achieved minus planned; null unless both are known.</summary>
    public static decimal? Difference(decimal? planned, decimal? achieved) =>
        planned is { } p && achieved is { } a ? a - p : null;
}
