using System.Globalization;
using System.Text;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace CpTraining.Web.Pages.Programmes;

/// <summary>
/// One calendar entry. <see cref="DailyStart"/> and <see cref="DailyEnd"/> are local times in the
/// time zone passed to <see cref="ICalendarWriter.Write"/>; when both are null the entry is an
/// all-day event covering <see cref="Days"/> days starting at <see cref="FirstDay"/>.
/// </summary>
public sealed record CalendarEvent(
    string Uid,
    string Summary,
    string? Description,
    string? Location,
    DateOnly FirstDay,
    int Days,
    TimeOnly? DailyStart,
    TimeOnly? DailyEnd,
    DateTimeOffset LastModified);

/// <summary>
/// Writes an RFC 5545 iCalendar (text/calendar) document with Ical.Net. Sessions with daily times carry the venue's
/// time zone (<c>DTSTART;TZID=Europe/Kyiv:20261024T090000</c>) and the calendar a VTIMEZONE describing it, so a
/// session repeated daily keeps its local start time across a clock change. Where the venue is on UTC the times are
/// written as UTC. Content lines end with CRLF, TEXT values are escaped (RFC 5545 3.3.11) and lines longer than 75
/// octets are folded (RFC 5545 3.1) between characters, never inside a UTF-8 sequence or a surrogate pair.
/// </summary>
public static class ICalendarWriter
{
    private const int MaxLineOctets = 75;
    private const string Crlf = "\r\n";

    public static string Write(
        string calendarName,
        TimeZoneInfo timeZone,
        IEnumerable<CalendarEvent> events,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendarName);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(events);

        var calendar = new Ical.Net.Calendar
        {
            ProductId = "-//CpTraining//Programme schedule//EN",
            Scale = "GREGORIAN",
            Method = "PUBLISH",
        };
        calendar.AddProperty("X-WR-CALNAME", Text(calendarName));

        var zone = VenueZone.For(timeZone);
        var list = events.ToList();
        var vevents = list.Select(e => ToVEvent(e, zone, timeZone, now)).ToList();

        // The VTIMEZONE comes before the events that use it, and only when one does (all-day events are dates).
        if (zone.TzId is { } tzId && list.Any(e => e.DailyStart is not null))
        {
            calendar.AddTimeZone(DescribeZone(tzId, list, now));
        }

        foreach (var vevent in vevents)
        {
            calendar.Events.Add(vevent);
        }

        var serialized = new CalendarSerializer().SerializeToString(calendar)
            ?? throw new InvalidOperationException("Ical.Net wrote no calendar.");
        return Refold(serialized);
    }

    private static Ical.Net.CalendarComponents.CalendarEvent ToVEvent(CalendarEvent calendarEvent, VenueZone zone, TimeZoneInfo timeZone, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        ArgumentNullException.ThrowIfNull(calendarEvent.Uid);
        ArgumentOutOfRangeException.ThrowIfLessThan(calendarEvent.Days, 1, nameof(calendarEvent) + "." + nameof(CalendarEvent.Days));

        var vevent = new Ical.Net.CalendarComponents.CalendarEvent
        {
            Uid = calendarEvent.Uid,
            DtStamp = Utc(now),
            Summary = Text(calendarEvent.Summary ?? string.Empty),
            LastModified = Utc(calendarEvent.LastModified),
            Transparency = "OPAQUE",
        };

        switch (calendarEvent.DailyStart, calendarEvent.DailyEnd)
        {
            case (null, null):
                // All-day: DATE values, DTEND is exclusive (the day after the last day).
                vevent.DtStart = new CalDateTime(calendarEvent.FirstDay);
                vevent.DtEnd = new CalDateTime(calendarEvent.FirstDay.AddDays(calendarEvent.Days));
                break;

            case ({ } dailyStart, { } dailyEnd):
                if (dailyEnd <= dailyStart)
                {
                    throw new ArgumentException(
                        string.Create(
                            CultureInfo.InvariantCulture,
                            $"Event '{calendarEvent.Uid}': DailyEnd ({dailyEnd:HH:mm}) must be later than DailyStart ({dailyStart:HH:mm})."),
                        nameof(calendarEvent));
                }

                vevent.DtStart = zone.At(calendarEvent.FirstDay, dailyStart, timeZone);
                vevent.DtEnd = zone.At(calendarEvent.FirstDay, dailyEnd, timeZone);
                if (calendarEvent.Days > 1)
                {
                    // Repeats in the venue's local time (TZID), so every day starts at the same hour.
                    vevent.RecurrenceRule = new RecurrenceRule(FrequencyType.Daily) { Count = calendarEvent.Days };
                }

                break;

            default:
                throw new ArgumentException(
                    $"Event '{calendarEvent.Uid}': DailyStart and DailyEnd must both be set or both be null.",
                    nameof(calendarEvent));
        }

        if (!string.IsNullOrEmpty(calendarEvent.Description))
        {
            vevent.Description = Text(calendarEvent.Description);
        }

        if (!string.IsNullOrEmpty(calendarEvent.Location))
        {
            vevent.Location = Text(calendarEvent.Location);
        }

        return vevent;
    }

    /// <summary>
    /// A VTIMEZONE with the zone's rules from a year before the first timed event on (Ical.Net adds that year), with the
    /// older rules that applied then, so past programmes are described right too.
    /// </summary>
    private static VTimeZone DescribeZone(string tzId, List<CalendarEvent> events, DateTimeOffset now)
    {
        var firstDay = events.Where(e => e.DailyStart is not null).Min(e => e.FirstDay).ToDateTime(TimeOnly.MinValue);
        try
        {
            return VTimeZone.FromDateTimeZone(tzId, firstDay, includeHistoricalData: true);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Ical.Net reads the zone's transitions up to the machine's clock and refuses a start more than a year after
            // it (a programme planned far ahead): describe the zone from now on instead; its current rules cover the future.
            return VTimeZone.FromDateTimeZone(tzId, now.UtcDateTime, includeHistoricalData: true);
        }
    }

    private static CalDateTime Utc(DateTimeOffset value) => new(value.UtcDateTime);

    /// <summary>Line breaks as LF only (Ical.Net writes each as <c>\n</c>); a lone CR would otherwise survive.</summary>
    private static string Text(string value) =>
        value.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    /// <summary>Unfolds Ical.Net's output (it folds by UTF-16 unit and may split a surrogate pair) and folds it again by Unicode scalar.</summary>
    private static string Refold(string serialized)
    {
        var output = new StringBuilder(serialized.Length + 64);
        var unfolded = serialized.Replace("\r\n ", string.Empty, StringComparison.Ordinal).Replace("\r\n\t", string.Empty, StringComparison.Ordinal);
        foreach (var line in unfolded.Split(Crlf))
        {
            if (line.Length > 0)
            {
                AppendLine(output, line);
            }
        }

        return output.ToString();
    }

    /// <summary>How times of day at the venue are written: with the venue's TZID, or as UTC.</summary>
    private sealed record VenueZone(string? TzId)
    {
        public static VenueZone For(TimeZoneInfo timeZone)
        {
            // A zone that is always UTC: UTC times say the same, and need no VTIMEZONE.
            if (timeZone.BaseUtcOffset == TimeSpan.Zero && !timeZone.SupportsDaylightSavingTime)
            {
                return new VenueZone((string?)null);
            }

            var id = !timeZone.HasIanaId && TimeZoneInfo.TryConvertWindowsIdToIanaId(timeZone.Id, out var iana) ? iana : timeZone.Id;

            // Ical.Net describes the zone from its own tz database; a zone it does not know is written as UTC times.
            return new VenueZone(DefaultTimeZoneResolver.GetZone(id) is null ? null : id);
        }

        public CalDateTime At(DateOnly day, TimeOnly time, TimeZoneInfo timeZone) =>
            TzId is null ? new CalDateTime(LocalToUtc(day, time, timeZone)) : new CalDateTime(day, time, TzId);
    }

    /// <summary>
    /// Converts a wall-clock time in <paramref name="timeZone"/> to UTC (only for a zone Ical.Net cannot describe). Local
    /// times skipped by a DST transition are interpreted with the offset in force before the transition, and repeated
    /// local times resolve to their first occurrence (RFC 5545 3.3.5).
    /// </summary>
    private static DateTime LocalToUtc(DateOnly day, TimeOnly time, TimeZoneInfo timeZone)
    {
        var local = DateTime.SpecifyKind(day.ToDateTime(time), DateTimeKind.Unspecified);

        if (timeZone.IsInvalidTime(local))
        {
            // Offset before the spring-forward gap: transitions are never a day apart.
            var offsetBefore = timeZone.GetUtcOffset(local.AddDays(-1));
            return DateTime.SpecifyKind(local - offsetBefore, DateTimeKind.Utc);
        }

        if (timeZone.IsAmbiguousTime(local))
        {
            // First occurrence = the larger (pre-fall-back) offset.
            var offsetFirst = timeZone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offsetFirst, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, timeZone);
    }

    /// <summary>
    /// Appends one content line terminated by CRLF, folding it (CRLF + one space) so that no
    /// physical line exceeds 75 UTF-8 octets. Folds happen only between Unicode scalar values,
    /// so a multi-byte UTF-8 sequence or a UTF-16 surrogate pair is never split.
    /// </summary>
    private static void AppendLine(StringBuilder output, string line)
    {
        Span<char> buffer = stackalloc char[2];
        var octets = 0;
        foreach (var rune in line.EnumerateRunes())
        {
            var length = rune.Utf8SequenceLength;
            if (octets + length > MaxLineOctets)
            {
                output.Append(Crlf).Append(' ');
                octets = 1; // the leading space of the continuation line
            }

            var written = rune.EncodeToUtf16(buffer);
            output.Append(buffer[..written]);
            octets += length;
        }

        output.Append(Crlf);
    }
}
