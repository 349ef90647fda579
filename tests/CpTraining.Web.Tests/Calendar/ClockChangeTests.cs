using CpTraining.Web.Pages.Programmes;

namespace CpTraining.Web.Tests.Calendar;

/// <summary>
/// A session repeated daily across a clock change keeps its local start time every day. Kyiv leaves summer time (EEST,
/// UTC+3) for EET (UTC+2) at 04:00 on Sunday 25 October 2026, in the middle of a session held 24–26 October. The
/// calendar is read back with Ical.Net, as a calendar application would expand it.
/// </summary>
public sealed class ClockChangeTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Session_of_24_to_26_October_2026_in_Kyiv_starts_at_the_same_local_time_every_day()
    {
        var session = new CalendarEvent(
            "s1@cptraining", "Session 1", null, "Kyiv, Ukraine", new DateOnly(2026, 10, 24), 3, new TimeOnly(9, 0), new TimeOnly(17, 0), Now);

        var raw = ICalendarWriter.Write("Programme", Kyiv(), [session], Now);

        AssertSameLocalTimeEveryDay(raw, Kyiv().Id);
    }

    /// <summary>
    /// Reads <paramref name="raw"/> with Ical.Net: the one event that <paramref name="session"/> picks (default: the only
    /// event) is held on 24, 25 and 26 October 2026, 09:00–17:00 at the venue each day.
    /// </summary>
    internal static void AssertSameLocalTimeEveryDay(string raw, string tzId, Func<Ical.Net.CalendarComponents.CalendarEvent, bool>? session = null)
    {
        var calendar = Ical.Net.Calendar.Load(raw) ?? throw new InvalidOperationException("Ical.Net read no calendar");
        var picked = calendar.Events.Where(session ?? (_ => true)).ToList();
        var vevent = Assert.Single(picked);
        Assert.Equal(tzId, vevent.DtStart!.TzId);
        Assert.Contains(calendar.TimeZones, z => z.TzId == tzId);

        var days = vevent.GetOccurrences().ToList();

        Assert.Equal([new DateOnly(2026, 10, 24), new DateOnly(2026, 10, 25), new DateOnly(2026, 10, 26)], days.Select(o => o.Period.StartTime.Date));
        Assert.All(days, day =>
        {
            Assert.Equal(tzId, day.Period.StartTime.TzId);
            Assert.Equal(new TimeOnly(9, 0), day.Period.StartTime.Time);
            Assert.Equal(new TimeOnly(17, 0), day.Period.EffectiveEndTime!.Time);
        });

        // The same local hour is a different UTC hour after the change: 06:00Z on Saturday, 07:00Z on Sunday and Monday.
        Assert.Equal(
            [IcsTime.Utc(2026, 10, 24, 6, 0), IcsTime.Utc(2026, 10, 25, 7, 0), IcsTime.Utc(2026, 10, 26, 7, 0)],
            days.Select(o => o.Period.StartTime.AsUtc));

        // The VTIMEZONE itself says so too, for applications that read it instead of their own time zone database:
        // summer time UTC+3 ends on the last Sunday of October (back to UTC+2) and starts on the last Sunday of March.
        var unfolded = raw.Replace("\r\n ", string.Empty, StringComparison.Ordinal);
        var standard = Between(unfolded, "BEGIN:STANDARD\r\n", "END:STANDARD\r\n");
        Assert.Contains("TZOFFSETFROM:+0300\r\n", standard, StringComparison.Ordinal);
        Assert.Contains("TZOFFSETTO:+0200\r\n", standard, StringComparison.Ordinal);
        Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10\r\n", standard, StringComparison.Ordinal);
        var daylight = Between(unfolded, "BEGIN:DAYLIGHT\r\n", "END:DAYLIGHT\r\n");
        Assert.Contains("TZOFFSETTO:+0300\r\n", daylight, StringComparison.Ordinal);
        Assert.Contains("RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3\r\n", daylight, StringComparison.Ordinal);
    }

    private static string Between(string text, string begin, string end)
    {
        var start = text.IndexOf(begin, StringComparison.Ordinal);
        Assert.True(start >= 0, "No " + begin.Trim());
        var stop = text.IndexOf(end, start, StringComparison.Ordinal);
        Assert.True(stop > start, "No " + end.Trim());
        return text[start..stop];
    }

    private static TimeZoneInfo Kyiv()
    {
        // Older tzdata only knows the pre-2022 spelling.
        foreach (var id in new[] { "Europe/Kyiv", "Europe/Kiev" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }

        throw new InvalidOperationException("Kyiv time zone is not available on this machine.");
    }
}
