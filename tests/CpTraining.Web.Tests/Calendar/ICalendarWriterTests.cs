using System.Globalization;
using System.Text;
using CpTraining.Web.Pages.Programmes;

namespace CpTraining.Web.Tests.Calendar;

/// <summary>
/// Checks <see cref="ICalendarWriter"/> against RFC 5545 by parsing its output back with the small,
/// independent parser at the bottom of this file. Expected values come from the RFC and from the
/// calendar/time-zone facts stated next to each test, not from the writer.
/// </summary>
public sealed class ICalendarWriterTests
{
    private static readonly DateTimeOffset Now = new(2010, 10, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [Fact]
    public void Write_Always_WritesCalendarHeader()
    {
        var raw = ICalendarWriter.Write("Programme", TimeZoneInfo.Utc, [], Now);
        var calendar = ICalendarParser.Parse(raw);

        Assert.Equal("VCALENDAR", calendar.Name);
        Assert.Equal("2.0", calendar.Single("VERSION").RawValue);
        Assert.Equal("-//CpTraining//Programme schedule//EN", calendar.Single("PRODID").RawValue);
        Assert.Equal("GREGORIAN", calendar.Single("CALSCALE").RawValue);
        Assert.Equal("PUBLISH", calendar.Single("METHOD").RawValue);
        Assert.Equal("Programme", calendar.Single("X-WR-CALNAME").Text);
        Assert.Empty(calendar.Children);
        Assert.StartsWith("BEGIN:VCALENDAR\r\n", raw, StringComparison.Ordinal);
        Assert.EndsWith("END:VCALENDAR\r\n", raw, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_TwoEvents_WritesTwoVevents()
    {
        var events = new[]
        {
            AllDay("a@cptraining", "First", new DateOnly(2010, 10, 5), 1),
            AllDay("b@cptraining", "Second", new DateOnly(2010, 10, 6), 2),
        };

        var raw = ICalendarWriter.Write("Programme", TimeZoneInfo.Utc, events, Now);
        var calendar = ICalendarParser.Parse(raw);

        Assert.Equal(2, calendar.Children.Count);
        Assert.All(calendar.Children, e => Assert.Equal("VEVENT", e.Name));
        Assert.Equal(["First", "Second"], calendar.Children.Select(e => e.Single("SUMMARY").Text));
    }

    [Fact]
    public void Write_AllDayEvent_UsesDateValuesWithExclusiveEnd()
    {
        // 5, 6 and 7 October 2010; RFC 5545 3.6.1: DTEND of a DATE event is exclusive => 8 October.
        var raw = ICalendarWriter.Write(
            "Programme", TimeZoneInfo.Utc, [AllDay("x@cptraining", "Course", new DateOnly(2010, 10, 5), 3)], Now);

        var vevent = Assert.Single(ICalendarParser.Parse(raw).Children);
        var start = vevent.Single("DTSTART");
        var end = vevent.Single("DTEND");
        Assert.Equal("DATE", start.Parameters["VALUE"]);
        Assert.Equal("20101005", start.RawValue);
        Assert.Equal("DATE", end.Parameters["VALUE"]);
        Assert.Equal("20101008", end.RawValue);
        Assert.Empty(vevent.All("RRULE"));
    }

    [Fact]
    public void Write_AllDayEventAcrossMonthEnd_EndsOnFirstOfNextMonth()
    {
        // 30 and 31 October 2010 => exclusive end 1 November 2010.
        var raw = ICalendarWriter.Write(
            "Programme", TimeZoneInfo.Utc, [AllDay("x@cptraining", "Course", new DateOnly(2010, 10, 30), 2)], Now);

        var vevent = Assert.Single(ICalendarParser.Parse(raw).Children);
        Assert.Equal("20101030", vevent.Single("DTSTART").RawValue);
        Assert.Equal("20101101", vevent.Single("DTEND").RawValue);
    }

    [Fact]
    public void Write_TimedEventInKyivSummer_WritesUtcTimesAndDailyRule()
    {
        // October 2010 before the 31st: Kyiv is on EEST = UTC+3, so 09:00 => 06:00Z and 17:00 => 14:00Z.
        // Written as Kyiv local time with its TZID (and a VTIMEZONE), which names the same instants.
        var raw = ICalendarWriter.Write(
            "Programme",
            Kyiv(),
            [Timed("t@cptraining", new DateOnly(2010, 10, 5), 3, new TimeOnly(9, 0), new TimeOnly(17, 0))],
            Now);

        var calendar = ICalendarParser.Parse(raw);
        var vevent = Assert.Single(calendar.Events);
        var start = vevent.Single("DTSTART");
        var end = vevent.Single("DTEND");
        calendar.AssertVenueTime(start, Kyiv().Id, "20101005T090000");
        Assert.Equal(IcsTime.Utc(2010, 10, 5, 6, 0), start.Utc);
        calendar.AssertVenueTime(end, Kyiv().Id, "20101005T170000");
        Assert.Equal(IcsTime.Utc(2010, 10, 5, 14, 0), end.Utc);
        Assert.Equal("FREQ=DAILY;COUNT=3", vevent.Single("RRULE").RawValue);
    }

    [Fact]
    public void Write_TimedEventInKyivWinter_UsesStandardOffset()
    {
        // January 2011: Kyiv is on EET = UTC+2, so 10:00 => 08:00Z and 12:30 => 10:30Z.
        var raw = ICalendarWriter.Write(
            "Programme",
            Kyiv(),
            [Timed("t@cptraining", new DateOnly(2011, 1, 17), 1, new TimeOnly(10, 0), new TimeOnly(12, 30))],
            Now);

        var calendar = ICalendarParser.Parse(raw);
        var vevent = Assert.Single(calendar.Events);
        calendar.AssertVenueTime(vevent.Single("DTSTART"), Kyiv().Id, "20110117T100000");
        Assert.Equal(IcsTime.Utc(2011, 1, 17, 8, 0), vevent.Single("DTSTART").Utc);
        Assert.Equal(IcsTime.Utc(2011, 1, 17, 10, 30), vevent.Single("DTEND").Utc);
        Assert.Empty(vevent.All("RRULE"));
    }

    [Fact]
    public void Write_TimedEventInSpringForwardGap_UsesOffsetBeforeTransition()
    {
        // 28 March 2010 (last Sunday of March): Kyiv jumps 03:00 EET -> 04:00 EEST, so 03:30 does not exist.
        // RFC 5545 3.3.5: interpret it with the offset before the transition (+2) => 01:30Z. 05:00 EEST => 02:00Z.
        var raw = ICalendarWriter.Write(
            "Programme",
            Kyiv(),
            [Timed("t@cptraining", new DateOnly(2010, 3, 28), 1, new TimeOnly(3, 30), new TimeOnly(5, 0))],
            Now);

        var calendar = ICalendarParser.Parse(raw);
        var vevent = Assert.Single(calendar.Events);
        calendar.AssertVenueTime(vevent.Single("DTSTART"), Kyiv().Id, "20100328T033000");
        Assert.Equal(IcsTime.Utc(2010, 3, 28, 1, 30), vevent.Single("DTSTART").Utc);
        Assert.Equal(IcsTime.Utc(2010, 3, 28, 2, 0), vevent.Single("DTEND").Utc);
    }

    [Fact]
    public void Write_TimedEventInFallBackOverlap_UsesFirstOccurrence()
    {
        // 31 October 2010 (last Sunday of October): Kyiv goes 04:00 EEST -> 03:00 EET, so 03:30 happens twice.
        // RFC 5545 3.3.5: the first occurrence (EEST, +3) => 00:30Z. 05:00 EET (+2) => 03:00Z.
        var raw = ICalendarWriter.Write(
            "Programme",
            Kyiv(),
            [Timed("t@cptraining", new DateOnly(2010, 10, 31), 1, new TimeOnly(3, 30), new TimeOnly(5, 0))],
            Now);

        var calendar = ICalendarParser.Parse(raw);
        var vevent = Assert.Single(calendar.Events);
        calendar.AssertVenueTime(vevent.Single("DTSTART"), Kyiv().Id, "20101031T033000");
        Assert.Equal(IcsTime.Utc(2010, 10, 31, 0, 30), vevent.Single("DTSTART").Utc);
        Assert.Equal(IcsTime.Utc(2010, 10, 31, 3, 0), vevent.Single("DTEND").Utc);
    }

    [Fact]
    public void Write_Event_WritesStampLastModifiedAndTransparencyInUtc()
    {
        var now = new DateTimeOffset(2010, 10, 1, 12, 0, 0, TimeSpan.FromHours(3));          // 09:00Z
        var modified = new DateTimeOffset(2010, 9, 30, 23, 15, 45, TimeSpan.FromHours(-5));  // 1 Oct 04:15:45Z
        var calendarEvent = AllDay("x@cptraining", "Course", new DateOnly(2010, 10, 5), 1) with { LastModified = modified };

        var raw = ICalendarWriter.Write("Programme", TimeZoneInfo.Utc, [calendarEvent], now);

        var vevent = Assert.Single(ICalendarParser.Parse(raw).Children);
        Assert.Equal("20101001T090000Z", vevent.Single("DTSTAMP").RawValue);
        Assert.Equal("20101001T041545Z", vevent.Single("LAST-MODIFIED").RawValue);
        Assert.Equal("OPAQUE", vevent.Single("TRANSP").RawValue);
    }

    [Fact]
    public void Write_OptionalTextsPresent_WritesDescriptionAndLocation()
    {
        var calendarEvent = AllDay("x@cptraining", "Course", new DateOnly(2010, 10, 5), 1) with
        {
            Description = "Bring a laptop",
            Location = "Room 4",
        };

        var raw = ICalendarWriter.Write("Programme", TimeZoneInfo.Utc, [calendarEvent], Now);

        var vevent = Assert.Single(ICalendarParser.Parse(raw).Children);
        Assert.Equal("Bring a laptop", vevent.Single("DESCRIPTION").Text);
        Assert.Equal("Room 4", vevent.Single("LOCATION").Text);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Write_OptionalTextsNullOrEmpty_OmitsDescriptionAndLocation(string? text)
    {
        var calendarEvent = AllDay("x@cptraining", "Course", new DateOnly(2010, 10, 5), 1) with
        {
            Description = text,
            Location = text,
        };

        var raw = ICalendarWriter.Write("Programme", TimeZoneInfo.Utc, [calendarEvent], Now);

        var vevent = Assert.Single(ICalendarParser.Parse(raw).Children);
        Assert.Empty(vevent.All("DESCRIPTION"));
        Assert.Empty(vevent.All("LOCATION"));
    }

    [Fact]
    public void Write_SpecialCharacters_EscapesAndRoundTrips()
    {
        const string summary = "Intro; part 1, basics \\ tools\nday two";
        const string description = "Line one\r\nLine two\rLine three\nC:\\temp; a,b";
        const string location = "Room 1, Building A; floor 2";
        const string calendarName = "Q4; CP, group \\ A";
        var calendarEvent = AllDay("x@cptraining", summary, new DateOnly(2010, 10, 5), 1) with
        {
            Description = description,
            Location = location,
        };

        var raw = ICalendarWriter.Write(calendarName, TimeZoneInfo.Utc, [calendarEvent], Now);

        // RFC 5545 3.3.11 escapes, visible in the unfolded text.
        var unfolded = ICalendarParser.Unfold(raw);
        Assert.Contains(@"SUMMARY:Intro\; part 1\, basics \\ tools\nday two" + "\r\n", unfolded, StringComparison.Ordinal);
        Assert.Contains(@"DESCRIPTION:Line one\nLine two\nLine three\nC:\\temp\; a\,b" + "\r\n", unfolded, StringComparison.Ordinal);
        Assert.Contains(@"X-WR-CALNAME:Q4\; CP\, group \\ A" + "\r\n", unfolded, StringComparison.Ordinal);

        var calendar = ICalendarParser.Parse(raw);
        var vevent = Assert.Single(calendar.Children);
        Assert.Equal(summary, vevent.Single("SUMMARY").Text);
        Assert.Equal("Line one\nLine two\nLine three\nC:\\temp; a,b", vevent.Single("DESCRIPTION").Text);
        Assert.Equal(location, vevent.Single("LOCATION").Text);
        Assert.Equal(calendarName, calendar.Single("X-WR-CALNAME").Text);
    }

    [Fact]
    public void Write_AnyOutput_EndsEveryLineWithCrlf()
    {
        var calendarEvent = Timed("x@cptraining", new DateOnly(2010, 10, 5), 3, new TimeOnly(9, 0), new TimeOnly(17, 0)) with
        {
            Summary = "Multi\nline\r\nsummary\r" + new string('x', 200),
            Description = LongUkrainian,
        };

        var raw = ICalendarWriter.Write("Programme", Kyiv(), [calendarEvent], Now);

        Assert.EndsWith("\r\n", raw, StringComparison.Ordinal);
        var withoutCrlf = raw.Replace("\r\n", string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', withoutCrlf);
        Assert.DoesNotContain('\r', withoutCrlf);
    }

    [Fact]
    public void Write_LongTexts_NoPhysicalLineExceeds75Octets()
    {
        var calendarEvent = AllDay("x@cptraining", new string('a', 500), new DateOnly(2010, 10, 5), 1) with
        {
            Description = LongUkrainian,
            Location = LongEmojiAndCjk,
        };

        var raw = ICalendarWriter.Write(new string('n', 300), TimeZoneInfo.Utc, [calendarEvent], Now);

        foreach (var line in PhysicalLines(raw))
        {
            Assert.True(StrictUtf8.GetByteCount(line) <= 75, $"Line has {StrictUtf8.GetByteCount(line)} octets: {line}");
        }
    }

    [Theory]
    [InlineData(67, 1)] // "SUMMARY:" (8) + 67 = 75 octets: fits exactly, no fold.
    [InlineData(68, 2)] // 76 octets: folded, continuation line is " a" (2 octets).
    public void Write_AsciiLineAtLimit_FoldsOnlyAbove75Octets(int summaryLength, int expectedPhysicalLines)
    {
        var summary = new string('a', summaryLength);

        var raw = ICalendarWriter.Write(
            "Programme", TimeZoneInfo.Utc, [AllDay("x@cptraining", summary, new DateOnly(2010, 10, 5), 1)], Now);

        var summaryLines = PhysicalLines(raw)
            .SkipWhile(l => !l.StartsWith("SUMMARY:", StringComparison.Ordinal))
            .TakeWhile((l, i) => i == 0 || l.StartsWith(' '))
            .ToList();
        Assert.Equal(expectedPhysicalLines, summaryLines.Count);
        Assert.Equal(75, Encoding.UTF8.GetByteCount(summaryLines[0]));
        if (expectedPhysicalLines == 2)
        {
            Assert.Equal(" a", summaryLines[1]);
        }

        Assert.Equal(summary, Assert.Single(ICalendarParser.Parse(raw).Children).Single("SUMMARY").Text);
    }

    [Fact]
    public void Write_LongUkrainianText_FoldsWithoutBreakingCharacters()
    {
        var calendarEvent = AllDay("x@cptraining", LongUkrainian, new DateOnly(2010, 10, 5), 1) with
        {
            Description = LongUkrainian,
        };

        var raw = ICalendarWriter.Write(LongUkrainian, TimeZoneInfo.Utc, [calendarEvent], Now);

        AssertFoldedCleanly(raw);
        var calendar = ICalendarParser.Parse(raw);
        var vevent = Assert.Single(calendar.Children);
        Assert.Equal(LongUkrainian, vevent.Single("SUMMARY").Text);
        Assert.Equal(LongUkrainian, vevent.Single("DESCRIPTION").Text);
        Assert.Equal(LongUkrainian, calendar.Single("X-WR-CALNAME").Text);
    }

    [Fact]
    public void Write_LongEmojiAndCjkText_FoldsWithoutBreakingCharacters()
    {
        var calendarEvent = AllDay("x@cptraining", LongEmojiAndCjk, new DateOnly(2010, 10, 5), 1) with
        {
            Location = LongEmojiAndCjk,
        };

        // Shift the fold positions by prefixing 0..3 ASCII characters, so that every alignment of the
        // 3- and 4-octet sequences against the 75-octet boundary is exercised.
        for (var shift = 0; shift < 4; shift++)
        {
            var shifted = calendarEvent with { Summary = new string('s', shift) + LongEmojiAndCjk };

            var raw = ICalendarWriter.Write("Programme", TimeZoneInfo.Utc, [shifted], Now);

            AssertFoldedCleanly(raw);
            var vevent = Assert.Single(ICalendarParser.Parse(raw).Children);
            Assert.Equal(shifted.Summary, vevent.Single("SUMMARY").Text);
            Assert.Equal(LongEmojiAndCjk, vevent.Single("LOCATION").Text);
        }
    }

    [Fact]
    public void Write_Uids_AppearUnchanged()
    {
        const string first = "3f2504e0-4f89-11d3-9a0c-0305e82c3301@cptraining";
        const string second = "7c9e6679-7425-40de-944b-e07fc1f90ae7@cptraining";
        var events = new[]
        {
            AllDay(first, "First", new DateOnly(2010, 10, 5), 1),
            Timed(second, new DateOnly(2010, 10, 6), 2, new TimeOnly(9, 0), new TimeOnly(10, 0)),
        };

        var raw = ICalendarWriter.Write("Programme", Kyiv(), events, Now);

        Assert.Contains("\r\nUID:" + first + "\r\n", raw, StringComparison.Ordinal);
        Assert.Contains("\r\nUID:" + second + "\r\n", raw, StringComparison.Ordinal);
        Assert.Equal([first, second], ICalendarParser.Parse(raw).Events.Select(e => e.Single("UID").Text));
    }

    [Fact]
    public void Write_NonInvariantCurrentCulture_StillUsesGregorianInvariantFormatting()
    {
        // th-TH formats with the Thai Buddhist calendar (2010 => 2553) if culture leaks into formatting.
        var original = CultureInfo.CurrentCulture;
        var originalUi = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("th-TH");

            var raw = ICalendarWriter.Write(
                "Programme",
                Kyiv(),
                [
                    AllDay("a@cptraining", "A", new DateOnly(2010, 10, 5), 3),
                    Timed("b@cptraining", new DateOnly(2010, 10, 5), 12, new TimeOnly(9, 0), new TimeOnly(17, 0)),
                ],
                Now);

            var events = ICalendarParser.Parse(raw).Events.ToList();
            Assert.Equal("20101005", events[0].Single("DTSTART").RawValue);
            Assert.Equal("20101008", events[0].Single("DTEND").RawValue);
            Assert.Equal("20101005T090000", events[1].Single("DTSTART").RawValue);
            Assert.Equal(IcsTime.Utc(2010, 10, 5, 6, 0), events[1].Single("DTSTART").Utc);
            Assert.Equal("FREQ=DAILY;COUNT=12", events[1].Single("RRULE").RawValue);
            Assert.Equal("20101001T120000Z", events[1].Single("DTSTAMP").RawValue);
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
            CultureInfo.CurrentUICulture = originalUi;
        }
    }

    [Fact]
    public void Write_ZeroDays_Throws()
    {
        var calendarEvent = AllDay("x@cptraining", "Course", new DateOnly(2010, 10, 5), 0);

        Assert.Throws<ArgumentOutOfRangeException>(
            () => ICalendarWriter.Write("Programme", TimeZoneInfo.Utc, [calendarEvent], Now));
    }

    [Fact]
    public void Write_OnlyOneDailyTime_Throws()
    {
        var calendarEvent = AllDay("x@cptraining", "Course", new DateOnly(2010, 10, 5), 1) with { DailyStart = new TimeOnly(9, 0) };

        Assert.Throws<ArgumentException>(
            () => ICalendarWriter.Write("Programme", TimeZoneInfo.Utc, [calendarEvent], Now));
    }

    // Ukrainian text: every Cyrillic letter is 2 octets in UTF-8 (the dash is 3).
    private const string LongUkrainian =
        "Інтенсивний курс підготовки до олімпіади з програмування: динамічне програмування, " +
        "графи, структури даних; розбір задач і щоденні тренування з наставниками — ґрунтовно, " +
        "з їжею та чаєм. Єдина програма для всіх учасників.";

    // CJK (3 octets), emoji outside the BMP (4 octets, surrogate pairs), ZWJ sequences and flags.
    private const string LongEmojiAndCjk =
        "竞赛编程训练营 🎓👩‍💻🧑🏽‍🏫 アルゴリズム講座 알고리즘 강의 🇺🇦🇯🇵 数据结构与图论 😀😃😄😁 " +
        "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𠜎𠜱𠝹 动态规划 🚀🚀🚀🚀🚀🚀 最后一行";

    private static CalendarEvent AllDay(string uid, string summary, DateOnly firstDay, int days) =>
        new(uid, summary, null, null, firstDay, days, null, null, new DateTimeOffset(2010, 9, 1, 0, 0, 0, TimeSpan.Zero));

    private static CalendarEvent Timed(string uid, DateOnly firstDay, int days, TimeOnly start, TimeOnly end) =>
        new(uid, "Session", null, null, firstDay, days, start, end, new DateTimeOffset(2010, 9, 1, 0, 0, 0, TimeSpan.Zero));

    private static TimeZoneInfo Kyiv()
    {
        // Older tzdata only knows the pre-2022 spelling.
        foreach (var id in new[] { "Europe/Kyiv", "Europe/Kiev", "FLE Standard Time" })
        {
            if (TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
            {
                return zone;
            }
        }

        throw new InvalidOperationException("Kyiv time zone is not available on this machine.");
    }

    private static IEnumerable<string> PhysicalLines(string raw)
    {
        Assert.EndsWith("\r\n", raw, StringComparison.Ordinal);
        return raw[..^2].Split("\r\n");
    }

    /// <summary>
    /// Every physical line must be valid UTF-8 on its own (no split multi-byte sequence, no lone
    /// surrogate), at most 75 octets, and every fold must be CRLF + exactly one space.
    /// </summary>
    private static void AssertFoldedCleanly(string raw)
    {
        var bytes = StrictUtf8.GetBytes(raw);
        var lines = SplitOnCrlf(bytes);
        Assert.Contains(lines, l => l.Length > 0 && l[0] == (byte)' ');
        foreach (var line in lines)
        {
            Assert.True(line.Length <= 75, $"Line has {line.Length} octets.");
            var text = StrictUtf8.GetString(line); // throws on a broken UTF-8 sequence
            Assert.False(text.Length > 0 && char.IsLowSurrogate(text[0]), "Line starts with a lone low surrogate.");
            Assert.False(text.Length > 0 && char.IsHighSurrogate(text[^1]), "Line ends with a lone high surrogate.");
            Assert.NotEqual(" ", text); // a fold always carries content
        }
    }

    private static List<byte[]> SplitOnCrlf(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == (byte)'\r' && bytes[i + 1] == (byte)'\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 2;
                i++;
            }
        }

        Assert.Equal(bytes.Length, start); // the output ends with CRLF
        return lines;
    }
}

/// <summary>A parsed content line: NAME;PARAM=VALUE:value (value still escaped).</summary>
file sealed record ICalendarProperty(string Name, IReadOnlyDictionary<string, string> Parameters, string RawValue)
{
    /// <summary>The value with RFC 5545 3.3.11 TEXT escapes removed.</summary>
    public string Text => ICalendarParser.UnescapeText(RawValue);

    /// <summary>The instant a DATE-TIME value names (UTC, or local time in its TZID).</summary>
    public DateTime Utc => IcsTime.ToUtc(RawValue, Parameters.TryGetValue("TZID", out var tzId) ? tzId : null);
}

file sealed record ICalendarComponent(string Name, List<ICalendarProperty> Properties, List<ICalendarComponent> Children)
{
    public IEnumerable<ICalendarProperty> All(string name) =>
        Properties.Where(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    public ICalendarProperty Single(string name) => Assert.Single(All(name));

    /// <summary>The VEVENT children (a calendar also has a VTIMEZONE where events carry a TZID).</summary>
    public IEnumerable<ICalendarComponent> Events => Children.Where(c => c.Name == "VEVENT");

    /// <summary>A time of day at the venue: local time with the venue's TZID, described by a VTIMEZONE of this calendar.</summary>
    public void AssertVenueTime(ICalendarProperty property, string tzId, string localTime)
    {
        Assert.Equal(tzId, Assert.Contains("TZID", property.Parameters));
        Assert.Equal(localTime, property.RawValue);
        Assert.Contains(Children, c => c.Name == "VTIMEZONE" && c.Single("TZID").RawValue == tzId);
    }
}

/// <summary>Minimal RFC 5545 reader used only to check the writer; deliberately independent of it.</summary>
file static class ICalendarParser
{
    public static string Unfold(string raw) =>
        raw.Replace("\r\n ", string.Empty, StringComparison.Ordinal)
           .Replace("\r\n\t", string.Empty, StringComparison.Ordinal);

    public static ICalendarComponent Parse(string raw)
    {
        var lines = Unfold(raw).Split("\r\n");
        Assert.Equal(string.Empty, lines[^1]); // the final line ends with CRLF too

        var stack = new Stack<ICalendarComponent>();
        ICalendarComponent? root = null;
        foreach (var line in lines[..^1])
        {
            var property = ParseLine(line);
            if (property.Name.Equals("BEGIN", StringComparison.OrdinalIgnoreCase))
            {
                var component = new ICalendarComponent(property.RawValue, [], []);
                if (stack.Count == 0)
                {
                    Assert.Null(root);
                    root = component;
                }
                else
                {
                    stack.Peek().Children.Add(component);
                }

                stack.Push(component);
            }
            else if (property.Name.Equals("END", StringComparison.OrdinalIgnoreCase))
            {
                Assert.Equal(stack.Pop().Name, property.RawValue);
            }
            else
            {
                Assert.NotEmpty(stack);
                stack.Peek().Properties.Add(property);
            }
        }

        Assert.Empty(stack);
        Assert.NotNull(root);
        return root;
    }

    private static ICalendarProperty ParseLine(string line)
    {
        // Split at ';' and ':' outside double-quoted parameter values.
        var segments = new List<string>();
        var current = new StringBuilder();
        var inQuotes = false;
        int index;
        for (index = 0; index < line.Length; index++)
        {
            var c = line[index];
            if (c == '"')
            {
                inQuotes = !inQuotes;
                current.Append(c);
            }
            else if (!inQuotes && c == ';')
            {
                segments.Add(current.ToString());
                current.Clear();
            }
            else if (!inQuotes && c == ':')
            {
                break;
            }
            else
            {
                current.Append(c);
            }
        }

        Assert.True(index < line.Length, $"No ':' in content line: {line}");
        segments.Add(current.ToString());

        var name = segments[0];
        Assert.Matches("^[A-Za-z0-9-]+$", name);
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in segments.Skip(1))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            Assert.True(equals > 0, $"Malformed parameter '{parameter}' in: {line}");
            parameters.Add(parameter[..equals], parameter[(equals + 1)..]);
        }

        return new ICalendarProperty(name, parameters, line[(index + 1)..]);
    }

    public static string UnescapeText(string value)
    {
        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c != '\\')
            {
                Assert.False(c is ';' or ',', $"Unescaped '{c}' in TEXT value: {value}");
                result.Append(c);
                continue;
            }

            Assert.True(i + 1 < value.Length, $"Dangling backslash in: {value}");
            var next = value[++i];
            result.Append(next switch
            {
                '\\' => '\\',
                ';' => ';',
                ',' => ',',
                'n' or 'N' => '\n',
                _ => throw new FormatException($"Invalid escape '\\{next}' in: {value}"),
            });
        }

        return result.ToString();
    }
}
