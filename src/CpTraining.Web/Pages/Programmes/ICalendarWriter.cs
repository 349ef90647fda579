using System.Globalization;
using System.Text;

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
/// Writes an RFC 5545 iCalendar (text/calendar) document: CRLF line endings, TEXT escaping
/// (RFC 5545 3.3.11) and folding of content lines longer than 75 octets (RFC 5545 3.1).
/// </summary>
public static class ICalendarWriter
{
    private const int MaxLineOctets = 75;
    private const string Crlf = "\r\n";
    private const string UtcDateTimeFormat = "yyyyMMdd'T'HHmmss'Z'";
    private const string DateFormat = "yyyyMMdd";

    public static string Write(
        string calendarName,
        TimeZoneInfo timeZone,
        IEnumerable<CalendarEvent> events,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendarName);
        ArgumentNullException.ThrowIfNull(timeZone);
        ArgumentNullException.ThrowIfNull(events);

        var output = new StringBuilder();
        var dtStamp = FormatUtc(now);

        AppendLine(output, "BEGIN:VCALENDAR");
        AppendLine(output, "VERSION:2.0");
        AppendLine(output, "PRODID:-//CpTraining//Programme schedule//EN");
        AppendLine(output, "CALSCALE:GREGORIAN");
        AppendLine(output, "METHOD:PUBLISH");
        AppendLine(output, "X-WR-CALNAME:" + EscapeText(calendarName));

        foreach (var calendarEvent in events)
        {
            WriteEvent(output, calendarEvent, timeZone, dtStamp);
        }

        AppendLine(output, "END:VCALENDAR");
        return output.ToString();
    }

    private static void WriteEvent(StringBuilder output, CalendarEvent calendarEvent, TimeZoneInfo timeZone, string dtStamp)
    {
        ArgumentNullException.ThrowIfNull(calendarEvent);
        ArgumentNullException.ThrowIfNull(calendarEvent.Uid);
        ArgumentOutOfRangeException.ThrowIfLessThan(calendarEvent.Days, 1, nameof(calendarEvent) + "." + nameof(CalendarEvent.Days));

        AppendLine(output, "BEGIN:VEVENT");
        AppendLine(output, "UID:" + EscapeText(calendarEvent.Uid));
        AppendLine(output, "DTSTAMP:" + dtStamp);

        switch (calendarEvent.DailyStart, calendarEvent.DailyEnd)
        {
            case (null, null):
                // All-day: DATE values, DTEND is exclusive (the day after the last day).
                var lastExclusive = calendarEvent.FirstDay.AddDays(calendarEvent.Days);
                AppendLine(output, "DTSTART;VALUE=DATE:" + calendarEvent.FirstDay.ToString(DateFormat, CultureInfo.InvariantCulture));
                AppendLine(output, "DTEND;VALUE=DATE:" + lastExclusive.ToString(DateFormat, CultureInfo.InvariantCulture));
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

                AppendLine(output, "DTSTART:" + FormatUtc(LocalToUtc(calendarEvent.FirstDay, dailyStart, timeZone)));
                AppendLine(output, "DTEND:" + FormatUtc(LocalToUtc(calendarEvent.FirstDay, dailyEnd, timeZone)));
                if (calendarEvent.Days > 1)
                {
                    AppendLine(output, "RRULE:FREQ=DAILY;COUNT=" + calendarEvent.Days.ToString(CultureInfo.InvariantCulture));
                }

                break;

            default:
                throw new ArgumentException(
                    $"Event '{calendarEvent.Uid}': DailyStart and DailyEnd must both be set or both be null.",
                    nameof(calendarEvent));
        }

        AppendLine(output, "SUMMARY:" + EscapeText(calendarEvent.Summary ?? string.Empty));
        if (!string.IsNullOrEmpty(calendarEvent.Description))
        {
            AppendLine(output, "DESCRIPTION:" + EscapeText(calendarEvent.Description));
        }

        if (!string.IsNullOrEmpty(calendarEvent.Location))
        {
            AppendLine(output, "LOCATION:" + EscapeText(calendarEvent.Location));
        }

        AppendLine(output, "LAST-MODIFIED:" + FormatUtc(calendarEvent.LastModified));
        AppendLine(output, "TRANSP:OPAQUE");
        AppendLine(output, "END:VEVENT");
    }

    /// <summary>
    /// Converts a wall-clock time in <paramref name="timeZone"/> to UTC. Local times skipped by a
    /// DST transition are interpreted with the offset in force before the transition, and repeated
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

    private static string FormatUtc(DateTimeOffset value) =>
        value.UtcDateTime.ToString(UtcDateTimeFormat, CultureInfo.InvariantCulture);

    private static string FormatUtc(DateTime utc) =>
        utc.ToString(UtcDateTimeFormat, CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping, RFC 5545 3.3.11.</summary>
    private static string EscapeText(string value)
    {
        var escaped = new StringBuilder(value.Length + 8);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\':
                    escaped.Append(@"\\");
                    break;
                case ';':
                    escaped.Append(@"\;");
                    break;
                case ',':
                    escaped.Append(@"\,");
                    break;
                case '\r':
                    escaped.Append(@"\n");
                    if (i + 1 < value.Length && value[i + 1] == '\n')
                    {
                        i++;
                    }

                    break;
                case '\n':
                    escaped.Append(@"\n");
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
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
