using CpTraining.Domain.HomeTasks;

namespace CpTraining.Domain.Tests.HomeTasks;

/// <summary>Ordering a session's presentations with up/down buttons: A, B, C at positions 1, 2, 3.</summary>
public class PresentationOrderTests
{
    private readonly List<Presentation> _list;

    public PresentationOrderTests()
        : this(1, 2, 3)
    {
    }

    private PresentationOrderTests(params int[] positions)
    {
        var programme = Guid.NewGuid();
        _list = positions.Select(position => new Presentation(programme, 2, Guid.NewGuid(), position)).ToList();
    }

    private Presentation P(string name) => _list["ABC".IndexOf(name, StringComparison.Ordinal)];

    private string Order() => string.Concat(_list.OrderBy(p => p.Position).Select(p => "ABC"[_list.IndexOf(p)]));

    [Fact]
    public void Moving_up_swaps_with_the_one_before()
    {
        PresentationOrder.Move(_list, P("C").Id, -1);

        Assert.Equal("ACB", Order());
        Assert.Equal(new[] { 1, 3, 2 }, _list.Select(p => p.Position));
    }

    [Fact]
    public void Moving_down_swaps_with_the_one_after()
    {
        PresentationOrder.Move(_list, P("A").Id, +1);

        Assert.Equal("BAC", Order());
    }

    [Fact]
    public void Moving_past_the_ends_changes_nothing()
    {
        PresentationOrder.Move(_list, P("A").Id, -1);
        PresentationOrder.Move(_list, P("C").Id, +1);

        Assert.Equal("ABC", Order());
        Assert.Equal(new[] { 1, 2, 3 }, _list.Select(p => p.Position));
    }

    [Fact]
    public void Gaps_are_closed_when_moving()
    {
        var gapped = new PresentationOrderTests(2, 5, 9);

        PresentationOrder.Move(gapped._list, gapped.P("B").Id, +1);

        Assert.Equal("ACB", gapped.Order());
        Assert.Equal(new[] { 1, 3, 2 }, gapped._list.Select(p => p.Position));
    }

    [Fact]
    public void An_unknown_presentation_is_refused()
    {
        var ex = Assert.Throws<DomainException>(() => PresentationOrder.Move(_list, Guid.NewGuid(), -1));

        Assert.Equal("This presentation is no longer on the agenda; someone may have changed it.", ex.MessageTemplate);
        Assert.Equal("ABC", Order());
    }
}
