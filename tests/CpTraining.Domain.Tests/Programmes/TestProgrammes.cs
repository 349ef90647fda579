using CpTraining.Domain.Programmes;

namespace CpTraining.Domain.Tests.Programmes;

/// <summary>
/// The 2nd CPEE programme in Dnipropetrovsk as a worked example: first session Tuesday 5 October 2010,
/// sessions 7 weeks apart. Worked out by hand from the calendar (Oct 31, Nov 30, Dec 31, Jan 31, Feb 28 days):
/// session 1 5–7 Oct 2010, session 2 23–25 Nov 2010, session 3 11–13 Jan 2011, session 4 (final) 1–2 Mar 2011.
/// </summary>
internal static class TestProgrammes
{
    public const string CoordinatorId = "user-coordinator-1";

    public static readonly DateOnly FirstSessionStart = new(2010, 10, 5);

    public static readonly DateTimeOffset CreatedAt = new(2010, 9, 1, 10, 0, 0, TimeSpan.FromHours(3));

    public static ProgrammeDetails Details(string language = "en") => new(
        Name: "2nd CPEE programme Dnipropetrovsk",
        Organisers: "TEKNA; UNDP-GEF Dnipro Basin Environment Programme",
        City: "Dnipropetrovsk",
        Region: "Dnipropetrovsk oblast",
        Country: "Ukraine",
        Language: language,
        Description: null,
        TimeZoneId: "Europe/Kyiv");

    public static Programme Dnipro2010(string language = "en") =>
        Programme.CreateFromTemplate(Details(language), FirstSessionStart, 7, CoordinatorId, CreatedAt);

    /// <summary>Topics of a session's agenda in display order, each prefixed with its day ("2: Planning").</summary>
    public static IReadOnlyList<string> DayAndTopic(PlenarySession session) =>
        session.Agenda.Select(i => $"{i.Day}: {i.Topic}").ToList();
}
