namespace CpTraining.Web.Pages.Reports;

/// <summary>One numbered heading of a report: its anchor, its number (1, 2, 2.1 …), its title and its level (1 or 2).</summary>
public sealed record OutlineEntry(string Id, string Number, string Title, int Level)
{
    /// <summary>The heading's element id, which the contents link to (so the PDF has a destination for it).</summary>
    public string Anchor => "h-" + Id;
}

/// <summary>
/// A report's numbered sections, decided before the document is written: the contents list them, the headings take
/// their numbers from here, and a section with nothing to show is left out (its number goes to the next one) — the
/// draft names what is missing in one line, a published version says nothing.
/// </summary>
public sealed class ReportOutline
{
    private readonly List<OutlineEntry> _entries = [];
    private readonly List<string> _missing = [];
    private int _top;
    private int _sub;

    public IReadOnlyList<OutlineEntry> Entries => _entries;

    /// <summary>Sections left out because they have nothing to show, by title.</summary>
    public IReadOnlyList<string> Missing => _missing;

    /// <summary>Adds a numbered section when <paramref name="shown"/>; otherwise notes it as missing. Returns <paramref name="shown"/>.</summary>
    public bool Section(string id, string title, bool shown = true)
    {
        if (!shown)
        {
            _missing.Add(title);
            return false;
        }

        _top++;
        _sub = 0;
        _entries.Add(new OutlineEntry(id, _top.ToString(System.Globalization.CultureInfo.InvariantCulture), title, 1));
        return true;
    }

    /// <summary>Adds a subsection to the last section (2.1, 2.2 …).</summary>
    public void Subsection(string id, string title)
    {
        _sub++;
        _entries.Add(new OutlineEntry(id, string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{_top}.{_sub}"), title, 2));
    }

    public bool Has(string id) => _entries.Any(e => e.Id == id);

    public OutlineEntry this[string id] => _entries.First(e => e.Id == id);
}
