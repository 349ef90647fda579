using System.Net;
using System.Text;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using CpTraining.Web.Tests.Programmes;

namespace CpTraining.Web.Tests.Calendar;

/// <summary>
/// GET /programmes/{id}/calendar.ics as a calendar application would read it, parsed with the small RFC 5545 reader at
/// the bottom of this file. Today is 1 June 2026, 09:00 UTC. The template programme starts on Tuesday 1 September 2026,
/// sessions 7 weeks apart: 1–3 Sep, 20–22 Oct, 8–10 Dec 2026, final session 26–27 Jan 2027.
/// </summary>
public sealed class CalendarDownloadTests : IClassFixture<CpTrainingFactory>
{
    private static readonly DateOnly FirstSession = new(2026, 9, 1);
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly CpTrainingFactory _factory;

    public CalendarDownloadTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task Calendar_is_text_calendar_with_one_all_day_event_per_session()
    {
        var (client, coordinator) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await _factory.CreateProgrammeAsync(coordinator, FirstSession, "CPEE Kherson");

        var response = await client.GetAsync(ProgrammePages.Calendar(programme.Id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet, StringComparer.OrdinalIgnoreCase);
        var calendar = IcsReader.Parse(StrictUtf8.GetString(await response.Content.ReadAsByteArrayAsync()));
        Assert.Equal("VCALENDAR", calendar.Name);
        Assert.Equal("2.0", calendar.Single("VERSION").RawValue);
        Assert.Equal("CPEE Kherson", calendar.Single("X-WR-CALNAME").Text);
        Assert.Equal(4, calendar.Children.Count);
        Assert.All(calendar.Children, e => Assert.Equal("VEVENT", e.Name));

        // All-day DATE values; DTEND is the day after the last day (RFC 5545 3.6.1).
        (string Start, string End)[] expected = [("20260901", "20260904"), ("20261020", "20261023"), ("20261208", "20261211"), ("20270126", "20270128")];
        for (var n = 1; n <= 4; n++)
        {
            var vevent = calendar.Children[n - 1];
            var start = vevent.Single("DTSTART");
            var end = vevent.Single("DTEND");
            Assert.Equal(("DATE", expected[n - 1].Start), (start.Parameters["VALUE"], start.RawValue));
            Assert.Equal(("DATE", expected[n - 1].End), (end.Parameters["VALUE"], end.RawValue));
            Assert.Empty(vevent.All("RRULE"));
            Assert.Equal($"CPEE Kherson — session {n}", vevent.Single("SUMMARY").Text);
            Assert.Equal("Kherson, Ukraine", vevent.Single("LOCATION").Text);
            Assert.Equal("20260601T090000Z", vevent.Single("DTSTAMP").RawValue);
        }

        Assert.Equal(
            [
                "- Introduction to Cleaner Production",
                "- Introduction to the Norwegian Model",
                "- Formulation of the environmental problems",
                "- Planning and organization",
                "- Mass and energy balances",
                "- Norwegian pollution control",
                "- Tasks to be performed before second plenary session",
                "- Training session summary",
            ],
            calendar.Children[0].Single("DESCRIPTION").Text.Split('\n'));
        Assert.StartsWith(
            "Final session: management and potential investors are invited.\n- Welcome to company management and potential investors",
            calendar.Children[3].Single("DESCRIPTION").Text,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Name_with_semicolon_comma_and_cyrillic_round_trips_in_well_formed_lines()
    {
        const string name = "Чисте виробництво; енергоефективність, Дніпро";
        var (client, coordinator) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await _factory.CreateProgrammeAsync(coordinator, FirstSession, name, language: "uk");

        var response = await client.GetAsync(ProgrammePages.Calendar(programme.Id));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var raw = StrictUtf8.GetString(bytes);

        // Every line ends with CRLF: no bare CR or LF anywhere.
        Assert.EndsWith("\r\n", raw, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', raw.Replace("\r\n", string.Empty, StringComparison.Ordinal));
        Assert.DoesNotContain('\r', raw.Replace("\r\n", string.Empty, StringComparison.Ordinal));

        // No physical line is longer than 75 octets, and folding never splits a UTF-8 sequence.
        var physicalLines = SplitOnCrlf(bytes);
        Assert.All(physicalLines, line => Assert.True(line.Length <= 75, $"{line.Length} octets: {Encoding.UTF8.GetString(line)}"));
        Assert.All(physicalLines, line => StrictUtf8.GetString(line));
        Assert.Contains(physicalLines, line => line.Length > 0 && line[0] == (byte)' ');

        var calendar = IcsReader.Parse(raw);
        Assert.Equal(name, calendar.Single("X-WR-CALNAME").Text);
        Assert.Equal(
            Enumerable.Range(1, 4).Select(n => $"{name} — session {n}"),
            calendar.Children.Select(e => e.Single("SUMMARY").Text));
        Assert.Contains(@"Чисте виробництво\; енергоефективність\, Дніпро", raw.Replace("\r\n ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal("Вступ до чистого виробництва", calendar.Children[0].Single("DESCRIPTION").Text.Split('\n')[0][2..]);

        // The download is offered under the programme's name (letters kept, the rest reduced to single hyphens).
        Assert.Equal("Чисте-виробництво-енергоефективність-Дніпро.ics", response.Content.Headers.ContentDisposition!.FileNameStar);
    }

    [Fact]
    public async Task Uids_are_unique_and_stay_the_same_across_downloads_and_rescheduling()
    {
        var (client, coordinator) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await _factory.CreateProgrammeAsync(coordinator, FirstSession);

        var first = await DownloadAsync(client, programme.Id);
        var second = await DownloadAsync(client, programme.Id);
        var url = ProgrammePages.EditSession(programme.Id, 2);
        var form = await client.GetDocumentAsync(url);
        var fields = FormClient.FormValues(form);
        fields["Input.StartDate"] = "2026-10-27";
        ProgrammePages.RedirectTarget(await client.PostAsync(form, url, fields));
        var afterReschedule = await DownloadAsync(client, programme.Id);

        var uids = Uids(first);
        Assert.Equal(4, uids.Distinct(StringComparer.Ordinal).Count());
        Assert.All(uids, uid => Assert.False(string.IsNullOrWhiteSpace(uid)));
        Assert.Equal(uids, Uids(second));
        Assert.Equal(uids, Uids(afterReschedule));
        // The moved session keeps its UID but has the new dates: Tuesday 27 – Thursday 29 October, DTEND exclusive.
        Assert.Equal("20261027", afterReschedule.Children[1].Single("DTSTART").RawValue);
        Assert.Equal("20261030", afterReschedule.Children[1].Single("DTEND").RawValue);

        // Another programme's sessions have other UIDs.
        var other = await _factory.CreateProgrammeAsync(coordinator, FirstSession);
        Assert.Empty(Uids(await DownloadAsync(client, other.Id)).Intersect(uids));
    }

    [Fact]
    public async Task Sessions_with_daily_times_start_at_utc_times_and_repeat_daily_for_their_days()
    {
        var (client, _) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var created = await client.PostFormAsync("/programmes/create", new()
        {
            ["Input.Name"] = "Norwegian model in Oslo",
            ["Input.Organisers"] = "TEKNA",
            ["Input.City"] = "Oslo",
            ["Input.Country"] = "Norway",
            ["Input.Language"] = "nb",
            ["Input.TimeZoneId"] = "Europe/Oslo",
            ["Input.FirstSessionStart"] = "2026-09-01",
            ["Input.WeeksBetweenSessions"] = "7",
        });
        var id = Guid.Parse(ProgrammePages.RedirectTarget(created).Split('/')[^1]);
        await SetDailyTimesAsync(client, id, 1, "09:00", "17:00");
        await SetDailyTimesAsync(client, id, 3, "09:00", "16:30");

        var calendar = await DownloadAsync(client, id);
        var events = calendar.Children.Where(c => c.Name == "VEVENT").ToList();

        // Times are written as Oslo local time with TZID=Europe/Oslo, described by a VTIMEZONE; they name these instants.
        Assert.Contains(calendar.Children, c => c.Name == "VTIMEZONE" && c.Single("TZID").RawValue == "Europe/Oslo");

        // 1 September 2026 in Oslo is summer time (CEST, UTC+2): 09:00 → 07:00Z, 17:00 → 15:00Z; 3 days.
        var first = events[0];
        Assert.Equal(("Europe/Oslo", "20260901T090000"), (first.Single("DTSTART").Parameters["TZID"], first.Single("DTSTART").RawValue));
        Assert.Equal(IcsTime.Utc(2026, 9, 1, 7, 0), Utc(first.Single("DTSTART")));
        Assert.Equal(IcsTime.Utc(2026, 9, 1, 15, 0), Utc(first.Single("DTEND")));
        Assert.Equal("FREQ=DAILY;COUNT=3", first.Single("RRULE").RawValue);

        // Summer time ends on the last Sunday of October (25 Oct 2026); 8 December is CET, UTC+1.
        var third = events[2];
        Assert.Equal(IcsTime.Utc(2026, 12, 8, 8, 0), Utc(third.Single("DTSTART")));
        Assert.Equal(IcsTime.Utc(2026, 12, 8, 15, 30), Utc(third.Single("DTEND")));
        Assert.Equal("FREQ=DAILY;COUNT=3", third.Single("RRULE").RawValue);

        // Sessions without times stay all-day.
        Assert.Equal(("DATE", "20261020"), (events[1].Single("DTSTART").Parameters["VALUE"], events[1].Single("DTSTART").RawValue));
        Assert.Empty(events[1].All("RRULE"));
        Assert.Equal(("DATE", "20270128"), (events[3].Single("DTEND").Parameters["VALUE"], events[3].Single("DTEND").RawValue));
        Assert.Equal("Oslo, Norway", first.Single("LOCATION").Text);
    }

    [Fact]
    public async Task Session_across_the_clock_change_in_Kyiv_starts_at_the_same_local_time_every_day()
    {
        var (client, _) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var created = await client.PostFormAsync("/programmes/create", new()
        {
            ["Input.Name"] = "Cleaner Production in Kyiv",
            ["Input.Organisers"] = "TEKNA",
            ["Input.City"] = "Kyiv",
            ["Input.Country"] = "Ukraine",
            ["Input.Language"] = "en",
            ["Input.TimeZoneId"] = "Europe/Kyiv",
            ["Input.FirstSessionStart"] = "2026-10-24",
            ["Input.WeeksBetweenSessions"] = "7",
        });
        var id = Guid.Parse(ProgrammePages.RedirectTarget(created).Split('/')[^1]);
        await SetDailyTimesAsync(client, id, 1, "09:00", "17:00");

        var response = await client.GetAsync(ProgrammePages.Calendar(id));

        // Session 1 is 24–26 October 2026; Kyiv's clocks go back an hour on the 25th. Only session 1 has times.
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var raw = StrictUtf8.GetString(await response.Content.ReadAsByteArrayAsync());
        ClockChangeTests.AssertSameLocalTimeEveryDay(raw, "Europe/Kyiv", e => e.DtStart!.HasTime);
    }

    [Fact]
    public async Task Final_session_with_daily_times_repeats_for_its_two_days()
    {
        var (client, coordinator) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await _factory.CreateProgrammeAsync(coordinator, FirstSession);
        await SetDailyTimesAsync(client, programme.Id, 4, "10:00", "15:00");

        var final = (await DownloadAsync(client, programme.Id)).Children[3];

        // The factory's programmes are in UTC: local times are UTC times.
        Assert.Equal("20270126T100000Z", final.Single("DTSTART").RawValue);
        Assert.Equal("20270126T150000Z", final.Single("DTEND").RawValue);
        Assert.Equal("FREQ=DAILY;COUNT=2", final.Single("RRULE").RawValue);
    }

    [Fact]
    public async Task Members_may_download_and_everyone_else_is_refused()
    {
        var (_, coordinator) = await _factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await _factory.CreateProgrammeAsync(coordinator, FirstSession);
        var (engineer, engineerUser) = await _factory.SignedInClientAsync(Roles.Engineer);
        await _factory.AddMemberAsync(programme.Id, engineerUser, ProgrammeRole.Engineer);
        var (stranger, _) = await _factory.SignedInClientAsync(Roles.Coordinator);

        Assert.Equal(4, (await DownloadAsync(engineer, programme.Id)).Children.Count);
        ProgrammePages.AssertAccessDenied(await stranger.GetAsync(ProgrammePages.Calendar(programme.Id)));
        ProgrammePages.AssertSignInRequired(await _factory.NewClient().GetAsync(ProgrammePages.Calendar(programme.Id)));
        Assert.Equal(HttpStatusCode.NotFound, (await engineer.GetAsync(ProgrammePages.Calendar(Guid.NewGuid()))).StatusCode);
    }

    private static async Task<IcsComponent> DownloadAsync(HttpClient client, Guid programmeId)
    {
        var response = await client.GetAsync(ProgrammePages.Calendar(programmeId));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return IcsReader.Parse(StrictUtf8.GetString(await response.Content.ReadAsByteArrayAsync()));
    }

    private static List<string> Uids(IcsComponent calendar) => calendar.Children.Select(e => e.Single("UID").Text).ToList();

    private static DateTime Utc(IcsProperty property) =>
        IcsTime.ToUtc(property.RawValue, property.Parameters.TryGetValue("TZID", out var tzId) ? tzId : null);

    private static async Task SetDailyTimesAsync(HttpClient client, Guid programmeId, int number, string start, string end)
    {
        var url = ProgrammePages.EditSession(programmeId, number);
        var form = await client.GetDocumentAsync(url);
        var fields = FormClient.FormValues(form);
        fields["Input.DailyStart"] = start;
        fields["Input.DailyEnd"] = end;
        ProgrammePages.RedirectTarget(await client.PostAsync(form, url, fields));
    }

    private static List<byte[]> SplitOnCrlf(byte[] bytes)
    {
        var lines = new List<byte[]>();
        var start = 0;
        for (var i = 0; i + 1 < bytes.Length; i++)
        {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n')
            {
                lines.Add(bytes[start..i]);
                start = i + 2;
                i++;
            }
        }

        Assert.Equal(bytes.Length, start);
        return lines;
    }

    /// <summary>A content line: name, parameters and the raw (still escaped) value.</summary>
    private sealed record IcsProperty(string Name, IReadOnlyDictionary<string, string> Parameters, string RawValue)
    {
        /// <summary>The value read as TEXT (RFC 5545 3.3.11); an unescaped ';' or ',' is an error there.</summary>
        public string Text
        {
            get
            {
                var text = new StringBuilder();
                for (var i = 0; i < RawValue.Length; i++)
                {
                    var c = RawValue[i];
                    if (c is ';' or ',')
                    {
                        throw new FormatException($"Unescaped '{c}' in TEXT value of {Name}: {RawValue}");
                    }

                    if (c != '\\')
                    {
                        text.Append(c);
                        continue;
                    }

                    text.Append(RawValue[++i] switch
                    {
                        '\\' => '\\',
                        ';' => ';',
                        ',' => ',',
                        'n' or 'N' => '\n',
                        var other => throw new FormatException($"Invalid escape '\\{other}' in {Name}"),
                    });
                }

                return text.ToString();
            }
        }
    }

    private sealed class IcsComponent(string name)
    {
        public string Name { get; } = name;

        public List<IcsProperty> Properties { get; } = [];

        public List<IcsComponent> Children { get; } = [];

        public IEnumerable<IcsProperty> All(string property) => Properties.Where(p => p.Name == property);

        public IcsProperty Single(string property) => Assert.Single(All(property));
    }

    /// <summary>Unfolds (RFC 5545 3.1) and splits content lines into components; enough for what the app writes.</summary>
    private static class IcsReader
    {
        public static IcsComponent Parse(string raw)
        {
            var unfolded = new List<string>();
            foreach (var line in raw.Split("\r\n"))
            {
                if (line.Length > 0 && line[0] is ' ' or '\t')
                {
                    unfolded[^1] += line[1..];
                }
                else if (line.Length > 0)
                {
                    unfolded.Add(line);
                }
            }

            var stack = new Stack<IcsComponent>();
            IcsComponent? root = null;
            foreach (var line in unfolded)
            {
                var property = ParseLine(line);
                if (property.Name == "BEGIN")
                {
                    var component = new IcsComponent(property.RawValue);
                    if (stack.Count > 0)
                    {
                        stack.Peek().Children.Add(component);
                    }

                    root ??= component;
                    stack.Push(component);
                }
                else if (property.Name == "END")
                {
                    Assert.Equal(property.RawValue, stack.Pop().Name);
                }
                else
                {
                    stack.Peek().Properties.Add(property);
                }
            }

            Assert.Empty(stack);
            return root ?? throw new FormatException("No component");
        }

        private static IcsProperty ParseLine(string line)
        {
            var quoted = false;
            var colon = -1;
            for (var i = 0; i < line.Length && colon < 0; i++)
            {
                if (line[i] == '"')
                {
                    quoted = !quoted;
                }
                else if (line[i] == ':' && !quoted)
                {
                    colon = i;
                }
            }

            Assert.True(colon > 0, "No value in line: " + line);
            var head = line[..colon].Split(';');
            var parameters = head.Skip(1)
                .Select(p => p.Split('=', 2))
                .ToDictionary(p => p[0].ToUpperInvariant(), p => p[1].Trim('"'), StringComparer.Ordinal);
            return new IcsProperty(head[0].ToUpperInvariant(), parameters, line[(colon + 1)..]);
        }
    }
}
