using CpTraining.Domain.Programmes;

namespace CpTraining.Domain.Tests.Programmes;

/// <summary>
/// Agenda editing on session 1 (3 days), emptied and refilled with short topics:
/// day 1: A, B; day 2: C, D, E; day 3: F.
/// </summary>
public class AgendaTests
{
    private static readonly TimeOnly Nine = new(9, 0);
    private static readonly TimeOnly HalfPastTwelve = new(12, 30);

    private readonly PlenarySession _session;

    public AgendaTests()
    {
        _session = TestProgrammes.Dnipro2010().Session(1);
        foreach (var item in _session.Agenda)
        {
            _session.RemoveAgendaItem(item.Id);
        }

        Add(1, "A");
        Add(1, "B");
        Add(2, "C");
        Add(2, "D");
        Add(2, "E");
        Add(3, "F");
    }

    private AgendaItem Add(int day, string topic) => _session.AddAgendaItem(day, topic, null, null, null);

    private AgendaItem Item(string topic) => _session.Agenda.Single(i => i.Topic == topic);

    private void MoveUp(string topic) => _session.MoveAgendaItem(Item(topic).Id, -1);

    private void MoveDown(string topic) => _session.MoveAgendaItem(Item(topic).Id, +1);

    private void AssertAgenda(params string[] expected)
    {
        Assert.Equal(expected, TestProgrammes.DayAndTopic(_session));
        Assert.Equal(Enumerable.Range(1, expected.Length), _session.Agenda.Select(i => i.Position));
    }

    [Fact]
    public void The_starting_agenda_is_numbered_1_to_6_in_day_order()
    {
        AssertAgenda("1: A", "1: B", "2: C", "2: D", "2: E", "3: F");
    }

    [Fact]
    public void An_added_item_keeps_what_was_entered_trimmed()
    {
        var item = _session.AddAgendaItem(2, "  Mass and energy balances ", Nine, HalfPastTwelve, "  Ivan Petrenko  ");

        Assert.Equal(_session.Id, item.SessionId);
        Assert.Equal(2, item.Day);
        Assert.Equal("Mass and energy balances", item.Topic);
        Assert.Equal(Nine, item.Start);
        Assert.Equal(HalfPastTwelve, item.End);
        Assert.Equal("Ivan Petrenko", item.Presenter);
    }

    [Fact]
    public void An_empty_presenter_is_none()
    {
        Assert.Null(_session.AddAgendaItem(1, "G", null, null, "   ").Presenter);
    }

    [Fact]
    public void An_item_added_to_the_last_day_comes_last()
    {
        Add(3, "G");

        AssertAgenda("1: A", "1: B", "2: C", "2: D", "2: E", "3: F", "3: G");
    }

    [Fact]
    public void An_item_added_to_an_earlier_day_comes_last_on_that_day_and_positions_are_renumbered()
    {
        Add(1, "G");

        AssertAgenda("1: A", "1: B", "1: G", "2: C", "2: D", "2: E", "3: F");
    }

    [Fact]
    public void An_item_added_to_an_earlier_day_can_then_be_moved_down_to_the_start_of_the_next_day()
    {
        Add(1, "G");

        MoveDown("G");

        AssertAgenda("1: A", "1: B", "2: G", "2: C", "2: D", "2: E", "3: F");
    }

    [Fact]
    public void Moving_up_within_a_day_swaps_with_the_item_above()
    {
        MoveUp("D");

        AssertAgenda("1: A", "1: B", "2: D", "2: C", "2: E", "3: F");
    }

    [Fact]
    public void Moving_down_within_a_day_swaps_with_the_item_below()
    {
        MoveDown("C");

        AssertAgenda("1: A", "1: B", "2: D", "2: C", "2: E", "3: F");
    }

    [Fact]
    public void Moving_the_first_item_of_a_day_up_makes_it_the_last_item_of_the_day_before()
    {
        MoveUp("C");

        AssertAgenda("1: A", "1: B", "1: C", "2: D", "2: E", "3: F");

        // Once more: now it swaps with B within day 1.
        MoveUp("C");

        AssertAgenda("1: A", "1: C", "1: B", "2: D", "2: E", "3: F");
    }

    [Fact]
    public void Moving_the_last_item_of_a_day_down_makes_it_the_first_item_of_the_next_day()
    {
        MoveDown("B");

        AssertAgenda("1: A", "2: B", "2: C", "2: D", "2: E", "3: F");

        MoveDown("E");

        AssertAgenda("1: A", "2: B", "2: C", "2: D", "3: E", "3: F");
    }

    [Fact]
    public void Moving_an_item_down_and_up_again_restores_the_agenda()
    {
        MoveDown("B");
        MoveUp("B");

        AssertAgenda("1: A", "1: B", "2: C", "2: D", "2: E", "3: F");
    }

    [Fact]
    public void Moving_the_first_item_up_or_the_last_item_of_the_last_day_down_changes_nothing()
    {
        MoveUp("A");
        MoveDown("F");

        AssertAgenda("1: A", "1: B", "2: C", "2: D", "2: E", "3: F");
    }

    [Fact]
    public void Moving_up_across_an_empty_day_goes_to_that_day_first()
    {
        foreach (var topic in new[] { "C", "D", "E" })
        {
            _session.RemoveAgendaItem(Item(topic).Id);
        }

        MoveUp("F");

        AssertAgenda("1: A", "1: B", "2: F");

        MoveUp("F");

        AssertAgenda("1: A", "1: B", "1: F");
    }

    [Fact]
    public void Moving_down_across_an_empty_day_goes_to_that_day_first()
    {
        foreach (var topic in new[] { "C", "D", "E" })
        {
            _session.RemoveAgendaItem(Item(topic).Id);
        }

        MoveDown("B");

        AssertAgenda("1: A", "2: B", "3: F");
    }

    [Fact]
    public void The_last_item_can_be_moved_down_to_a_later_empty_day_of_the_session()
    {
        _session.RemoveAgendaItem(Item("F").Id);

        MoveDown("E");

        AssertAgenda("1: A", "1: B", "2: C", "2: D", "3: E");
    }

    [Fact]
    public void The_first_item_can_be_moved_up_to_an_earlier_empty_day_of_the_session()
    {
        _session.RemoveAgendaItem(Item("A").Id);
        _session.RemoveAgendaItem(Item("B").Id);

        MoveUp("C");

        AssertAgenda("1: C", "2: D", "2: E", "3: F");
    }

    [Fact]
    public void Removing_an_item_renumbers_the_rest()
    {
        _session.RemoveAgendaItem(Item("C").Id);

        AssertAgenda("1: A", "1: B", "2: D", "2: E", "3: F");
    }

    [Fact]
    public void Removing_an_unknown_item_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => _session.RemoveAgendaItem(Guid.NewGuid()));

        Assert.Contains("no longer exists", ex.Message, StringComparison.Ordinal);
        Assert.Equal(6, _session.Agenda.Count);
    }

    [Fact]
    public void Removing_an_item_twice_is_refused_the_second_time()
    {
        var id = Item("C").Id;
        _session.RemoveAgendaItem(id);

        Assert.Throws<DomainException>(() => _session.RemoveAgendaItem(id));
    }

    [Fact]
    public void Changing_or_moving_an_unknown_item_is_refused()
    {
        Assert.Throws<DomainException>(() => _session.ChangeAgendaItem(Guid.NewGuid(), 1, "X", null, null, null));
        Assert.Throws<DomainException>(() => _session.MoveAgendaItem(Guid.NewGuid(), -1));
    }

    [Fact]
    public void Changing_an_item_replaces_its_topic_times_and_presenter()
    {
        var id = Item("D").Id;

        _session.ChangeAgendaItem(id, 2, " Planning and organization ", new TimeOnly(13, 30), new TimeOnly(15, 0), "Trainer");

        var item = _session.Agenda.Single(i => i.Id == id);
        Assert.Equal("Planning and organization", item.Topic);
        Assert.Equal(new TimeOnly(13, 30), item.Start);
        Assert.Equal(new TimeOnly(15, 0), item.End);
        Assert.Equal("Trainer", item.Presenter);
        Assert.Equal(4, item.Position);
    }

    [Fact]
    public void Changing_an_items_day_moves_it_to_the_edge_of_that_day_nearest_where_it_was()
    {
        // Later day: first item of that day, as if moved down step by step.
        _session.ChangeAgendaItem(Item("A").Id, 3, "A", null, null, null);

        AssertAgenda("1: B", "2: C", "2: D", "2: E", "3: A", "3: F");

        // Earlier day: last item of that day.
        _session.ChangeAgendaItem(Item("F").Id, 1, "F", null, null, null);

        AssertAgenda("1: B", "1: F", "2: C", "2: D", "2: E", "3: A");
    }

    [Fact]
    public void An_item_moved_to_another_day_by_editing_moves_up_and_down_correctly_afterwards()
    {
        _session.ChangeAgendaItem(Item("A").Id, 3, "A", null, null, null);
        _session.ChangeAgendaItem(Item("C").Id, 1, "C", null, null, null);

        // The first item of day 3 moves up to become the last item of day 2, and back.
        MoveUp("A");

        AssertAgenda("1: B", "1: C", "2: D", "2: E", "2: A", "3: F");

        MoveDown("A");
        MoveDown("A");

        AssertAgenda("1: B", "1: C", "2: D", "2: E", "3: F", "3: A");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void A_day_outside_the_session_is_refused(int day)
    {
        var ex = Assert.Throws<DomainException>(() => _session.AddAgendaItem(day, "G", null, null, null));

        Assert.Equal("Day", ex.Field);
        Assert.Equal("The day must be between 1 and 3, the length of this session.", ex.Message);
        Assert.Equal(6, _session.Agenda.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void An_empty_topic_is_refused(string? topic)
    {
        var ex = Assert.Throws<DomainException>(() => _session.AddAgendaItem(1, topic!, null, null, null));

        Assert.Equal("Topic", ex.Field);
    }

    [Fact]
    public void A_topic_of_more_than_300_characters_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => _session.AddAgendaItem(1, new string('t', 301), null, null, null));

        Assert.Equal("Topic", ex.Field);
        Assert.Equal(300, _session.AddAgendaItem(1, new string('t', 300), null, null, null).Topic.Length);
    }

    [Fact]
    public void A_presenter_of_more_than_200_characters_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => _session.AddAgendaItem(1, "G", null, null, new string('p', 201)));

        Assert.Equal("Presenter", ex.Field);
    }

    [Theory]
    [InlineData(12, 30, 9, 0)]
    [InlineData(9, 0, 9, 0)]
    public void An_end_time_not_after_the_start_is_refused(int startHour, int startMinute, int endHour, int endMinute)
    {
        var ex = Assert.Throws<DomainException>(() => _session.AddAgendaItem(
            1, "G", new TimeOnly(startHour, startMinute), new TimeOnly(endHour, endMinute), null));

        Assert.Equal("End", ex.Field);
    }

    [Fact]
    public void An_end_time_without_a_start_time_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => _session.AddAgendaItem(1, "G", null, HalfPastTwelve, null));

        Assert.Equal("Start", ex.Field);
    }

    [Fact]
    public void A_start_time_alone_or_no_times_at_all_are_accepted()
    {
        var startOnly = _session.AddAgendaItem(1, "G", Nine, null, null);

        Assert.Equal(Nine, startOnly.Start);
        Assert.Null(startOnly.End);
        Assert.Null(Item("A").Start);
    }

    [Fact]
    public void Changing_an_item_is_checked_like_adding_one_and_a_refused_change_leaves_it_as_it_was()
    {
        var id = Item("D").Id;

        Assert.Equal("Day", Assert.Throws<DomainException>(() => _session.ChangeAgendaItem(id, 4, "D", null, null, null)).Field);
        Assert.Equal("Topic", Assert.Throws<DomainException>(() => _session.ChangeAgendaItem(id, 2, " ", null, null, null)).Field);
        Assert.Equal("End", Assert.Throws<DomainException>(() => _session.ChangeAgendaItem(id, 2, "D", HalfPastTwelve, Nine, null)).Field);
        Assert.Equal("Start", Assert.Throws<DomainException>(() => _session.ChangeAgendaItem(id, 2, "D", null, Nine, null)).Field);

        AssertAgenda("1: A", "1: B", "2: C", "2: D", "2: E", "3: F");
    }
}
