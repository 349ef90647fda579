using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.WebUtilities;

namespace CpTraining.Web.Infrastructure.Spreadsheets;

public enum XlsxCellKind
{
    Empty,
    Text,
    Number,
    Date,
    DateTime,
}

/// <summary>
/// One typed cell. Numbers and dates are stored as numbers so that the reader's Excel can sum, sort and chart them
/// and shows them in the reader's own locale; text is always stored as a string, never as a formula.
/// </summary>
public readonly record struct XlsxCell
{
    private XlsxCell(XlsxCellKind kind, string? text, double number, decimal? exact)
    {
        Kind = kind;
        TextValue = text;
        NumberValue = number;
        ExactValue = exact;
    }

    public XlsxCellKind Kind { get; }

    public string? TextValue { get; }

    /// <summary>The number, or for dates the Excel serial date (days since 1899-12-30).</summary>
    public double NumberValue { get; }

    /// <summary>A decimal as entered, written digit for digit (0.1 stays "0.1", not 0.1000000000000000055).</summary>
    public decimal? ExactValue { get; }

    public static XlsxCell Empty => default;

    public static XlsxCell Text(string? text) => text is null ? default : new(XlsxCellKind.Text, text, 0, null);

    public static XlsxCell Number(double value) =>
        double.IsFinite(value)
            ? new(XlsxCellKind.Number, null, value, null)
            : throw new ArgumentOutOfRangeException(nameof(value), value, "A spreadsheet cannot store NaN or infinity as a number.");

    public static XlsxCell Number(decimal value) => new(XlsxCellKind.Number, null, (double)value, value);

    /// <summary>Counts (participants, batches) without an ambiguous call between the double and decimal overloads.</summary>
    public static XlsxCell Number(long value) => new(XlsxCellKind.Number, null, value, value);

    public static XlsxCell Number(double? value) => value is { } v ? Number(v) : default;

    public static XlsxCell Number(decimal? value) => value is { } v ? Number(v) : default;

    public static XlsxCell Date(DateOnly date) => new(XlsxCellKind.Date, null, date.ToDateTime(TimeOnly.MinValue).ToOADate(), null);

    /// <summary>A date and time as the reader should see it (convert to the programme's time zone first: Excel has none).</summary>
    public static XlsxCell DateTime(DateTime value) => new(XlsxCellKind.DateTime, null, value.ToOADate(), null);
}

/// <summary>
/// A worksheet to write. <paramref name="Rows"/> is enumerated once, lazily, so a query can stream rows straight into
/// the file. <see cref="ColumnWidths"/> (in characters) overrides the widths guessed from the header and first rows.
/// </summary>
public sealed record XlsxSheet(string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<XlsxCell>> Rows)
{
    public IReadOnlyList<double>? ColumnWidths { get; init; }
}

/// <summary>
/// Writes .xlsx workbooks. The worksheets are streamed with the Open XML SDK's <see cref="OpenXmlWriter"/> straight
/// into a zip archive in create mode, so each sheet is compressed as it is written and memory stays flat however
/// many rows there are. The SDK's own package API is not used for writing: in version 2.20 it insists on a
/// read-write package, and a read-write zip keeps every part uncompressed in memory until it is closed. The five
/// small fixed parts (content types, relationships, workbook, styles) are written beside the sheets; tests read the
/// result back with <c>SpreadsheetDocument.Open</c>. Text goes into inline strings: a name typed as "=HYPERLINK(…)"
/// is shown as that text and never evaluated.
/// </summary>
public static class XlsxWriter
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Excel's limit for the characters in one cell.</summary>
    public const int MaxCellText = 32767;

    private const int WidthSampleRows = 200;

    private const string RelationshipsNamespace = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private const string PackageRelationships =
        """<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdBook" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""";

    // Cell formats in the stylesheet below, by index.
    private const uint StyleHeader = 1;
    private const uint StyleDate = 2;
    private const uint StyleDateTime = 3;

    /// <summary>
    /// Writes the sheets to <paramref name="output"/>, which is left open. Writes synchronously: for a response body
    /// use <see cref="WriteAsync"/>.
    /// </summary>
    public static void Write(Stream output, IEnumerable<XlsxSheet> sheets)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(sheets);

        // Create mode writes (and deflates) each entry as it goes, also to a stream that cannot seek.
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new List<string>();
        foreach (var sheet in sheets)
        {
            var number = names.Count + 1;
            names.Add(SanitiseSheetName(sheet.Name, taken, (uint)number));
            var entry = zip.CreateEntry(string.Create(CultureInfo.InvariantCulture, $"xl/worksheets/sheet{number}.xml"), CompressionLevel.Fastest);
            using var stream = entry.Open();
            WriteSheet(stream, sheet, first: number == 1);
        }

        if (names.Count == 0)
        {
            throw new ArgumentException("A workbook needs at least one sheet.", nameof(sheets));
        }

        var workbook = new Workbook(new Sheets(names.Select((name, i) => new Sheet
        {
            Name = name,
            SheetId = (uint)(i + 1),
            Id = string.Create(CultureInfo.InvariantCulture, $"rIdSheet{i + 1}"),
        })));
        workbook.AddNamespaceDeclaration("r", RelationshipsNamespace);
        SaveEntry(zip, "xl/workbook.xml", workbook.Save);
        SaveEntry(zip, "xl/styles.xml", Stylesheet().Save);
        WriteText(zip, "xl/_rels/workbook.xml.rels", WorkbookRelationships(names.Count));
        WriteText(zip, "_rels/.rels", PackageRelationships);
        WriteText(zip, "[Content_Types].xml", ContentTypes(names.Count));
    }

    /// <summary>
    /// For a response body, where ASP.NET Core refuses synchronous writes: the workbook is written to a buffer that
    /// spills to a temporary file beyond 32 KB (memory stays bounded) and then copied out asynchronously.
    /// </summary>
    public static async Task WriteAsync(Stream output, IEnumerable<XlsxSheet> sheets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        await using var buffer = new FileBufferingWriteStream();
        Write(buffer, sheets);
        await buffer.DrainBufferAsync(output, cancellationToken);
    }

    /// <summary>
    /// Excel refuses names over 31 characters, with any of <c>[]:*?/\</c>, starting or ending with an apostrophe, or
    /// equal (ignoring case) to another sheet's; such names are repaired rather than refused, because they come
    /// from what users typed (a company called "A/S Nordic: Dairy").
    /// </summary>
    public static string SanitiseSheetName(string? name, ISet<string> taken, uint position)
    {
        ArgumentNullException.ThrowIfNull(taken);
        var builder = new StringBuilder();
        foreach (var c in name ?? string.Empty)
        {
            builder.Append(c is '[' or ']' or ':' or '*' or '?' or '/' or '\\' || char.IsControl(c) ? '_' : c);
        }

        var clean = builder.ToString().Trim().Trim('\'').Trim();
        if (clean.Length == 0 || clean.Equals("History", StringComparison.OrdinalIgnoreCase))
        {
            // "History" is reserved by Excel for change tracking.
            clean = string.Create(CultureInfo.InvariantCulture, $"Sheet{position}");
        }

        clean = Cut(clean, 31);
        var candidate = clean;
        for (var n = 2; taken.Contains(candidate); n++)
        {
            var suffix = string.Create(CultureInfo.InvariantCulture, $" ({n})");
            candidate = Cut(clean, 31 - suffix.Length).TrimEnd() + suffix;
        }

        taken.Add(candidate);
        return candidate;
    }

    private static string Cut(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        // Do not split a surrogate pair (a CJK extension character or an emoji).
        var end = char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
        return text[..end];
    }

    private static void WriteSheet(Stream stream, XlsxSheet sheet, bool first)
    {
        ArgumentNullException.ThrowIfNull(sheet.Header);
        ArgumentNullException.ThrowIfNull(sheet.Rows);

        // Column widths are guessed from the header and the first rows, which are buffered; the rest stream through.
        using var rows = sheet.Rows.GetEnumerator();
        var sample = new List<IReadOnlyList<XlsxCell>>();
        while (sample.Count < WidthSampleRows && rows.MoveNext())
        {
            sample.Add(rows.Current);
        }

        var widths = sheet.ColumnWidths ?? GuessWidths(sheet.Header, sample);

        using var writer = OpenXmlWriter.Create(stream);
        writer.WriteStartDocument();
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(new SheetView(
            new Pane
            {
                VerticalSplit = 1,
                TopLeftCell = "A2",
                ActivePane = PaneValues.BottomLeft,
                State = PaneStateValues.Frozen,
            },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } })
        {
            WorkbookViewId = 0,
            TabSelected = first,
        }));

        if (widths.Count > 0)
        {
            var columns = new Columns();
            for (var i = 0; i < widths.Count; i++)
            {
                columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
            }

            writer.WriteElement(columns);
        }

        writer.WriteStartElement(new SheetData());
        uint rowIndex = 1;
        WriteRow(writer, rowIndex++, sheet.Header.Select(XlsxCell.Text).ToList(), header: true);
        foreach (var row in sample)
        {
            WriteRow(writer, rowIndex++, row, header: false);
        }

        while (rows.MoveNext())
        {
            WriteRow(writer, rowIndex++, rows.Current, header: false);
        }

        writer.WriteEndElement(); // sheetData
        writer.WriteEndElement(); // worksheet
    }

    private static void WriteRow(OpenXmlWriter writer, uint rowIndex, IReadOnlyList<XlsxCell> cells, bool header)
    {
        writer.WriteStartElement(new Row { RowIndex = rowIndex });
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (cell.Kind == XlsxCellKind.Empty)
            {
                continue;
            }

            var reference = ColumnName(i) + rowIndex.ToString(CultureInfo.InvariantCulture);
            writer.WriteElement(cell.Kind switch
            {
                XlsxCellKind.Text => new Cell(new InlineString(new Text(CleanText(cell.TextValue!)) { Space = SpaceProcessingModeValues.Preserve }))
                {
                    CellReference = reference,
                    DataType = CellValues.InlineString,
                    StyleIndex = header ? StyleHeader : null,
                },
                XlsxCellKind.Number => new Cell(new CellValue(cell.ExactValue is { } exact
                    ? exact.ToString(CultureInfo.InvariantCulture)
                    : cell.NumberValue.ToString("R", CultureInfo.InvariantCulture)))
                {
                    CellReference = reference,
                    StyleIndex = header ? StyleHeader : null,
                },
                _ => new Cell(new CellValue(cell.NumberValue.ToString("R", CultureInfo.InvariantCulture)))
                {
                    CellReference = reference,
                    StyleIndex = cell.Kind == XlsxCellKind.Date ? StyleDate : StyleDateTime,
                },
            });
        }

        writer.WriteEndElement();
    }

    private static string WorkbookRelationships(int sheets)
    {
        var builder = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
            .Append("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">")
            .Append("<Relationship Id=\"rIdStyles\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
        for (var i = 1; i <= sheets; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"<Relationship Id=\"rIdSheet{i}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i}.xml\"/>");
        }

        return builder.Append("</Relationships>").ToString();
    }

    private static string ContentTypes(int sheets)
    {
        var builder = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>")
            .Append("<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">")
            .Append("<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>")
            .Append("<Default Extension=\"xml\" ContentType=\"application/xml\"/>")
            .Append("<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>")
            .Append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
        for (var i = 1; i <= sheets; i++)
        {
            builder.Append(CultureInfo.InvariantCulture, $"<Override PartName=\"/xl/worksheets/sheet{i}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
        }

        return builder.Append("</Types>").ToString();
    }

    private static void SaveEntry(ZipArchive zip, string name, Action<Stream> save)
    {
        using var stream = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
        save(stream);
    }

    private static void WriteText(ZipArchive zip, string name, string text) =>
        SaveEntry(zip, name, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)));

    /// <summary>"A", "Z", "AA", … for a zero-based column index.</summary>
    public static string ColumnName(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>
    /// Characters that XML 1.0 cannot carry (control characters pasted from old systems) would make the whole file
    /// unreadable, so they are dropped; text beyond Excel's cell limit is cut.
    /// </summary>
    private static string CleanText(string text)
    {
        if (text.Length > MaxCellText)
        {
            text = Cut(text, MaxCellText);
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (!XmlConvert.IsXmlChar(text[i]) && !(i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i])))
            {
                return RemoveInvalid(text);
            }

            if (char.IsHighSurrogate(text[i]))
            {
                i++;
            }
        }

        return text;
    }

    private static string RemoveInvalid(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                builder.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                builder.Append(text[i]).Append(text[i + 1]);
                i++;
            }
        }

        return builder.ToString();
    }

    private static List<double> GuessWidths(IReadOnlyList<string> header, List<IReadOnlyList<XlsxCell>> sample)
    {
        var count = Math.Max(header.Count, sample.Select(r => r.Count).DefaultIfEmpty(0).Max());
        var widths = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            // Bold header characters are a little wider; 2 characters of margin; between 8 and 60 characters.
            var longest = i < header.Count ? (header[i]?.Length ?? 0) * 1.1 : 0;
            foreach (var row in sample)
            {
                if (i >= row.Count)
                {
                    continue;
                }

                var cell = row[i];
                longest = Math.Max(longest, cell.Kind switch
                {
                    XlsxCellKind.Text => cell.TextValue!.Split('\n').Max(line => line.Length),
                    XlsxCellKind.Number => Math.Min(cell.NumberValue.ToString("#,##0.##", CultureInfo.InvariantCulture).Length, 16),
                    XlsxCellKind.Date => 10,
                    XlsxCellKind.DateTime => 16,
                    _ => 0,
                });
            }

            widths.Add(Math.Round(Math.Clamp(longest + 2, 8, 60), 1));
        }

        return widths;
    }

    private static Stylesheet Stylesheet() => new(
        new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "yyyy-mm-dd hh:mm" }) { Count = 1 },
        new Fonts(
            new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
            new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }))
        { Count = 2 },
        new Fills(
            new Fill(new PatternFill { PatternType = PatternValues.None }),
            new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
            new Fill(new PatternFill(new ForegroundColor { Rgb = "FFF1F3F5" }) { PatternType = PatternValues.Solid }))
        { Count = 3 },
        new Borders(
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()),
            new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(new Color { Rgb = "FF868E96" }) { Style = BorderStyleValues.Thin }, new DiagonalBorder()))
        { Count = 2 },
        new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
        new CellFormats(
            new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0 },
            new CellFormat { NumberFormatId = 0, FontId = 1, FillId = 2, BorderId = 1, FormatId = 0, ApplyFont = true, ApplyFill = true, ApplyBorder = true },
            // 14 is Excel's built-in short date, shown in the reader's own locale (14.03.2026 in Kyiv, 3/14/2026 in Ohio).
            new CellFormat { NumberFormatId = 14, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true },
            new CellFormat { NumberFormatId = 164, FontId = 0, FillId = 0, BorderId = 0, FormatId = 0, ApplyNumberFormat = true })
        { Count = 4 },
        new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 });
}
