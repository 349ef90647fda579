using CpTraining.Domain.Programmes;

namespace CpTraining.Domain.Tests.Programmes;

public class NorwegianModelTemplateTests
{
    [Fact]
    public void Template_gives_four_sessions_numbered_1_to_4_of_3_3_3_and_2_days()
    {
        var programme = TestProgrammes.Dnipro2010();

        Assert.Equal([1, 2, 3, 4], programme.Sessions.Select(s => s.Number));
        Assert.Equal([3, 3, 3, 2], programme.Sessions.Select(s => s.Days));
    }

    [Fact]
    public void Seven_weeks_apart_from_Tuesday_5_October_2010_gives_Tuesdays_23_November_11_January_and_1_March()
    {
        var programme = TestProgrammes.Dnipro2010();

        Assert.Equal(
            [new DateOnly(2010, 10, 5), new DateOnly(2010, 11, 23), new DateOnly(2011, 1, 11), new DateOnly(2011, 3, 1)],
            programme.Sessions.Select(s => s.StartDate));
        Assert.Equal(
            [new DateOnly(2010, 10, 7), new DateOnly(2010, 11, 25), new DateOnly(2011, 1, 13), new DateOnly(2011, 3, 2)],
            programme.Sessions.Select(s => s.EndDate));
        Assert.All(programme.Sessions, s => Assert.Equal(DayOfWeek.Tuesday, s.StartDate.DayOfWeek));
    }

    [Theory]
    [InlineData(6, "2010-11-16", "2010-12-28", "2011-02-08")]
    [InlineData(7, "2010-11-23", "2011-01-11", "2011-03-01")]
    [InlineData(8, "2010-11-30", "2011-01-25", "2011-03-22")]
    public void Sessions_start_the_chosen_number_of_weeks_apart(int weeks, string second, string third, string fourth)
    {
        var programme = Programme.CreateFromTemplate(
            TestProgrammes.Details(), TestProgrammes.FirstSessionStart, weeks, TestProgrammes.CoordinatorId, TestProgrammes.CreatedAt);

        Assert.Equal(
            [TestProgrammes.FirstSessionStart, DateOnly.Parse(second, null), DateOnly.Parse(third, null), DateOnly.Parse(fourth, null)],
            programme.Sessions.Select(s => s.StartDate));
    }

    [Theory]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(0)]
    [InlineData(-7)]
    public void Weeks_between_sessions_outside_6_to_8_are_refused(int weeks)
    {
        var ex = Assert.Throws<DomainException>(() => Programme.CreateFromTemplate(
            TestProgrammes.Details(), TestProgrammes.FirstSessionStart, weeks, TestProgrammes.CoordinatorId, TestProgrammes.CreatedAt));

        Assert.Equal("WeeksBetweenSessions", ex.Field);
        Assert.Contains("6 to 8 weeks", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_session_4_is_the_final_session()
    {
        var programme = TestProgrammes.Dnipro2010();

        Assert.Equal([false, false, false, true], programme.Sessions.Select(s => s.IsFinal));
    }

    [Fact]
    public void The_creator_is_the_programmes_only_member_and_its_coordinator()
    {
        var programme = TestProgrammes.Dnipro2010();

        var member = Assert.Single(programme.Members);
        Assert.Equal(TestProgrammes.CoordinatorId, member.UserId);
        Assert.Equal(ProgrammeRole.Coordinator, member.Role);
        Assert.Equal(programme.Id, member.ProgrammeId);
        Assert.True(programme.IsCoordinatedBy(TestProgrammes.CoordinatorId));
        Assert.False(programme.IsCoordinatedBy("someone-else"));
    }

    [Fact]
    public void A_historical_programme_with_past_dates_can_be_entered()
    {
        // Created "now" (2025) for sessions held in 2010–2011.
        var programme = Programme.CreateFromTemplate(
            TestProgrammes.Details(),
            new DateOnly(2010, 10, 5),
            7,
            TestProgrammes.CoordinatorId,
            new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero));

        Assert.Equal(4, programme.Sessions.Count);
        Assert.Equal(SessionStatus.Completed, programme.StatusOn(new DateOnly(2025, 6, 1)));
    }

    [Fact]
    public void The_details_and_creation_time_are_kept()
    {
        var programme = TestProgrammes.Dnipro2010();

        Assert.Equal("2nd CPEE programme Dnipropetrovsk", programme.Name);
        Assert.Equal("TEKNA; UNDP-GEF Dnipro Basin Environment Programme", programme.Organisers);
        Assert.Equal("Dnipropetrovsk", programme.City);
        Assert.Equal("Dnipropetrovsk oblast", programme.Region);
        Assert.Equal("Ukraine", programme.Country);
        Assert.Equal("en", programme.Language);
        Assert.Null(programme.Description);
        Assert.Equal("Europe/Kyiv", programme.TimeZoneId);
        Assert.Equal(TestProgrammes.CreatedAt, programme.CreatedAt);
        Assert.All(programme.Sessions, s => Assert.Equal(programme.Id, s.ProgrammeId));
    }

    [Fact]
    public void Session_1_agenda_in_English_is_the_eight_topics_of_the_Dnipropetrovsk_programme_in_order()
    {
        var session1 = TestProgrammes.Dnipro2010().Session(1);

        Assert.Equal(
            [
                "Introduction to Cleaner Production",
                "Introduction to the Norwegian Model",
                "Formulation of the environmental problems",
                "Planning and organization",
                "Mass and energy balances",
                "Norwegian pollution control",
                "Tasks to be performed before second plenary session",
                "Training session summary",
            ],
            session1.Agenda.Select(i => i.Topic));
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], session1.Agenda.Select(i => i.Position));
    }

    [Fact]
    public void A_Ukrainian_programme_gets_Ukrainian_topics()
    {
        var session1 = TestProgrammes.Dnipro2010("uk").Session(1);

        Assert.Equal(8, session1.Agenda.Count);
        Assert.Equal("Вступ до чистого виробництва", session1.Agenda[0].Topic);
        Assert.Equal("Підсумки навчальної сесії", session1.Agenda[^1].Topic);
        // No English topic leaks into a Ukrainian programme, in any session.
        var programme = TestProgrammes.Dnipro2010("uk");
        Assert.All(
            programme.Sessions.SelectMany(s => s.Agenda),
            i => Assert.DoesNotMatch("[A-Za-z]", i.Topic));
    }

    [Fact]
    public void Every_template_agenda_item_lies_within_its_session_and_ends_after_it_starts()
    {
        foreach (var language in new[] { "en", "uk" })
        {
            var programme = TestProgrammes.Dnipro2010(language);
            Assert.All(programme.Sessions, session => Assert.All(session.Agenda, item =>
            {
                Assert.InRange(item.Day, 1, session.Days);
                Assert.NotNull(item.Start);
                Assert.NotNull(item.End);
                Assert.True(item.End > item.Start, $"{item.Topic}: {item.Start}–{item.End}");
                Assert.Equal(session.Id, item.SessionId);
            }));
        }
    }

    [Fact]
    public void Every_session_has_an_agenda_item_on_each_of_its_days()
    {
        var programme = TestProgrammes.Dnipro2010();

        Assert.All(programme.Sessions, s =>
            Assert.Equal(Enumerable.Range(1, s.Days), s.Agenda.Select(i => i.Day).Distinct()));
    }

    [Fact]
    public void Sessions_2_to_4_have_agendas_and_the_final_session_is_for_management_and_investors()
    {
        var programme = TestProgrammes.Dnipro2010();

        Assert.All(programme.Sessions.Skip(1), s => Assert.NotEmpty(s.Agenda));
        var finalTopics = programme.Session(4).Agenda.Select(i => i.Topic).ToList();
        Assert.Contains(finalTopics, t => t.Contains("management", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(finalTopics, t => t.Contains("investors", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Template_agendas_exist_for_sessions_1_to_4_only()
    {
        Assert.Empty(NorwegianModelTemplate.AgendaFor(0, "en"));
        Assert.Empty(NorwegianModelTemplate.AgendaFor(5, "en"));
    }

    [Fact]
    public void Items_within_a_template_day_do_not_overlap()
    {
        var programme = TestProgrammes.Dnipro2010();

        Assert.All(programme.Sessions, s =>
        {
            foreach (var day in s.Agenda.GroupBy(i => i.Day))
            {
                var items = day.ToList();
                for (var k = 1; k < items.Count; k++)
                {
                    Assert.True(items[k].Start >= items[k - 1].End, $"Session {s.Number} day {day.Key}: {items[k].Topic}");
                }
            }
        });
    }
}
