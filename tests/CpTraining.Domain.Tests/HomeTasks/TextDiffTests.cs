using CpTraining.Domain.HomeTasks;

namespace CpTraining.Domain.Tests.HomeTasks;

/// <summary>Line diffs worked out by hand ("=" unchanged, "-" removed, "+" added).</summary>
public class TextDiffTests
{
    [Fact]
    public void Identical_texts_are_all_unchanged()
    {
        Assert.Equal(["=a", "=b"], Show(TextDiff.Lines("a\nb", "a\nb")));
    }

    [Fact]
    public void A_changed_middle_line_is_removed_then_added()
    {
        Assert.Equal(["=a", "-b", "+x", "=c"], Show(TextDiff.Lines("a\nb\nc", "a\nx\nc")));
    }

    [Fact]
    public void An_inserted_line()
    {
        Assert.Equal(["=a", "+b", "=c"], Show(TextDiff.Lines("a\nc", "a\nb\nc")));
    }

    [Fact]
    public void A_deleted_line()
    {
        Assert.Equal(["=a", "-b", "=c"], Show(TextDiff.Lines("a\nb\nc", "a\nc")));
    }

    [Fact]
    public void The_longest_common_subsequence_is_kept()
    {
        // Head: nothing in common ("1" vs "2"); tail: "4". Middle [1,2,3] vs [2,3,5]: LCS is "2,3",
        // so 1 is removed before it and 5 added after it.
        Assert.Equal(["-1", "=2", "=3", "+5", "=4"], Show(TextDiff.Lines("1\n2\n3\n4", "2\n3\n5\n4")));
    }

    [Fact]
    public void Swapped_lines_keep_one_and_move_the_other()
    {
        // [a,b] vs [b,a]: both LCS have length 1; ties remove from the old text first, so "b" is kept.
        Assert.Equal(["-a", "=b", "+a"], Show(TextDiff.Lines("a\nb", "b\na")));
    }

    [Fact]
    public void Empty_and_missing_texts_have_no_lines()
    {
        Assert.Equal(["+x", "+y"], Show(TextDiff.Lines(null, "x\ny")));
        Assert.Equal(["-x"], Show(TextDiff.Lines("x", string.Empty)));
        Assert.Empty(TextDiff.Lines(null, null));
    }

    [Fact]
    public void Windows_line_ends_are_the_same_lines()
    {
        Assert.Equal(["=a", "=b", "+c"], Show(TextDiff.Lines("a\r\nb", "a\nb\nc")));
    }

    [Fact]
    public void A_revision_of_a_realistic_answer()
    {
        var before = "## Problems\n- Wastewater: 120 m3/day\n- Steam leaks\n\nSource: estimate";
        var after = "## Problems\n- Wastewater: 120 m3/day (measured)\n- Steam leaks\n- Dye losses: 2 t/yr\n\nSource: estimate";

        Assert.Equal(
            ["=## Problems", "-- Wastewater: 120 m3/day", "+- Wastewater: 120 m3/day (measured)", "=- Steam leaks", "+- Dye losses: 2 t/yr", "=", "=Source: estimate"],
            Show(TextDiff.Lines(before, after)));
    }

    [Fact]
    public void Two_long_wholly_different_texts_are_shown_removed_then_added_without_a_huge_table()
    {
        // 3,000 × 3,000 changed lines = 9 million cells, over the limit: still a correct diff, in linear memory.
        var before = string.Join("\n", Enumerable.Range(0, 3000).Select(i => "old " + i));
        var after = string.Join("\n", Enumerable.Range(0, 3000).Select(i => "new " + i));

        var diff = TextDiff.Lines("same\n" + before, "same\n" + after);

        Assert.Equal(6001, diff.Count);
        Assert.Equal(new DiffLine(DiffKind.Unchanged, "same"), diff[0]);
        Assert.All(diff.Skip(1).Take(3000), l => Assert.Equal(DiffKind.Removed, l.Kind));
        Assert.All(diff.Skip(3001), l => Assert.Equal(DiffKind.Added, l.Kind));
        Assert.Equal("old 0", diff[1].Text);
        Assert.Equal("new 2999", diff[^1].Text);
    }

    [Fact]
    public void Applying_the_diff_gives_back_both_texts()
    {
        var before = "a\nb\nc\nd\ne\nf";
        var after = "a\nc\nd\nx\nf\ng";

        var diff = TextDiff.Lines(before, after);

        Assert.Equal(before, string.Join("\n", diff.Where(l => l.Kind != DiffKind.Added).Select(l => l.Text)));
        Assert.Equal(after, string.Join("\n", diff.Where(l => l.Kind != DiffKind.Removed).Select(l => l.Text)));
        Assert.Equal(4, diff.Count(l => l.Kind == DiffKind.Unchanged)); // a, c, d, f
    }

    private static string[] Show(IEnumerable<DiffLine> lines) =>
        lines.Select(l => (l.Kind switch { DiffKind.Added => "+", DiffKind.Removed => "-", _ => "=" }) + l.Text).ToArray();
}
