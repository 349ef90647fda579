namespace CpTraining.Domain.HomeTasks;

/// <summary>Whether a line of a diff is in both texts, only the old one or only the new one.</summary>
public enum DiffKind
{
    Unchanged,
    Removed,
    Added,
}

public sealed record DiffLine(DiffKind Kind, string Text);

/// <summary>
/// A line-by-line difference between two versions of a text (a longest-common-subsequence diff, like `diff`),
/// so a trainer sees what changed between submissions. Common head and tail lines are trimmed before the
/// quadratic part, which keeps the usual "small revision of a long text" fast.
/// </summary>
public static class TextDiff
{
    /// <summary>
    /// Largest changed middle (old lines × new lines) compared line by line: 4 million cells are 16 MB of the table.
    /// Beyond it (two long, wholly different texts) the diff shows the old middle removed and the new one added, which is
    /// still correct, so a submission of 50,000 one-character lines cannot make a reader's request take gigabytes.
    /// </summary>
    public const long MaxComparedCells = 4_000_000;

    public static IReadOnlyList<DiffLine> Lines(string? before, string? after)
    {
        var a = Split(before);
        var b = Split(after);
        var head = 0;
        while (head < a.Length && head < b.Length && a[head] == b[head])
        {
            head++;
        }

        var tail = 0;
        while (tail < a.Length - head && tail < b.Length - head && a[a.Length - 1 - tail] == b[b.Length - 1 - tail])
        {
            tail++;
        }

        var result = new List<DiffLine>(a.Length + b.Length);
        result.AddRange(a.Take(head).Select(l => new DiffLine(DiffKind.Unchanged, l)));
        result.AddRange(Middle(a[head..(a.Length - tail)], b[head..(b.Length - tail)]));
        result.AddRange(a.Skip(a.Length - tail).Select(l => new DiffLine(DiffKind.Unchanged, l)));
        return result;
    }

    private static List<DiffLine> Middle(string[] a, string[] b)
    {
        if ((long)a.Length * b.Length > MaxComparedCells)
        {
            return [.. a.Select(l => new DiffLine(DiffKind.Removed, l)), .. b.Select(l => new DiffLine(DiffKind.Added, l))];
        }

        // lcs[i, j] = length of the longest common subsequence of a[i..] and b[j..].
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var lines = new List<DiffLine>();
        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                lines.Add(new DiffLine(DiffKind.Unchanged, a[x++]));
                y++;
            }
            else if (lcs[x + 1, y] >= lcs[x, y + 1])
            {
                lines.Add(new DiffLine(DiffKind.Removed, a[x++]));
            }
            else
            {
                lines.Add(new DiffLine(DiffKind.Added, b[y++]));
            }
        }

        while (x < a.Length)
        {
            lines.Add(new DiffLine(DiffKind.Removed, a[x++]));
        }

        while (y < b.Length)
        {
            lines.Add(new DiffLine(DiffKind.Added, b[y++]));
        }

        return lines;
    }

    private static string[] Split(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
}
