using System.Globalization;

namespace CpTraining.Web.Tests.Calendar;

/// <summary>
/// The instant an iCalendar DATE-TIME value names, read the way a calendar application does, with the machine's time zone
/// database and independently of the writer: a UTC value ("…Z"), or a local time in the zone its TZID parameter names.
/// RFC 5545 3.3.5: a local time skipped by a clock change is read with the offset before the gap, and a local time that
/// happens twice is its first occurrence.
/// </summary>
internal static class IcsTime
{
    public static DateTime ToUtc(string rawValue, string? tzId)
    {
        if (rawValue.EndsWith('Z'))
        {
            Assert.Null(tzId); // RFC 5545 3.3.5: TZID never goes with a UTC time
            return DateTime.SpecifyKind(DateTime.ParseExact(rawValue, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture), DateTimeKind.Utc);
        }

        Assert.NotNull(tzId); // a floating time would mean "whatever zone the reader is in"
        var zone = TimeZoneInfo.FindSystemTimeZoneById(tzId);
        var local = DateTime.ParseExact(rawValue, "yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);
        TimeSpan offset;
        if (zone.IsInvalidTime(local))
        {
            offset = zone.GetUtcOffset(local.AddDays(-1)); // clock changes are never a day apart
        }
        else if (zone.IsAmbiguousTime(local))
        {
            offset = zone.GetAmbiguousTimeOffsets(local).Max();
        }
        else
        {
            offset = zone.GetUtcOffset(local);
        }

        return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
    }

    public static DateTime Utc(int year, int month, int day, int hour, int minute) =>
        new(year, month, day, hour, minute, 0, DateTimeKind.Utc);
}
