namespace CpTraining.Web.Infrastructure;

internal static class Clock
{
    /// <summary>Today's date where the programme takes place (statuses and "cannot move into the past" use the venue's date).</summary>
    public static DateOnly TodayIn(this TimeProvider time, string timeZoneId)
    {
        var zone = TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out var found) ? found : TimeZoneInfo.Utc;
        return DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), zone).DateTime);
    }
}
