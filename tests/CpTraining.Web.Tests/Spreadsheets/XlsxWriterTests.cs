using CpTraining.Web.Infrastructure.Spreadsheets;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace CpTraining.Web.Tests.Spreadsheets;

public sealed class XlsxWriterTests
{
    private static MemoryStream Write(params XlsxSheet[] sheets)
    {
        var stream = new MemoryStream();
        XlsxWriter.Write(stream, sheets);
        stream.Position = 0;
        return stream;
    }

    private static XlsxSheet Streams() => new(
        "Streams",
        ["Stream", "Quantity (t/yr)", "Price (EUR/t)", "Measured on"],
        [
            [XlsxCell.Text("Water"), XlsxCell.Number(12500.5), XlsxCell.Number(0.85m), XlsxCell.Date(new DateOnly(2026, 3, 14))],
            [XlsxCell.Text("=1+1"), XlsxCell.Number(0.1m), XlsxCell.Empty, XlsxCell.Text("  spaced  ")],
            [XlsxCell.Text("=HYPERLINK(\"http://evil\",\"x\")"), XlsxCell.Number(-3.0), XlsxCell.Text("bell\u0007char"), XlsxCell.DateTime(new DateTime(2026, 3, 14, 9, 30, 0, DateTimeKind.Unspecified))],
        ]);

    private static Cell[] CellsOf(WorksheetPart part, int row) =>
        [.. part.Worksheet.Descendants<Row>().Single(r => r.RowIndex!.Value == row).Elements<Cell>()];

    private static string TextOf(Cell cell)
    {
        Assert.Equal(CellValues.InlineString, cell.DataType!.Value);
        Assert.Null(cell.CellFormula);
        return cell.InlineString!.InnerText;
    }

    [Fact]
    public void Numbers_are_numbers_dates_are_serial_dates_and_text_is_text()
    {
        using var stream = Write(Streams());
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().Single().Id!);

        var row = CellsOf(sheet, 2);
        Assert.Equal("Water", TextOf(row[0]));
        Assert.Null(row[1].DataType); // no type = number
        Assert.Equal("12500.5", row[1].CellValue!.Text);
        Assert.Equal("0.85", row[2].CellValue!.Text);
        Assert.Null(row[3].DataType);
        Assert.Equal(new DateTime(2026, 3, 14), DateTime.FromOADate(double.Parse(row[3].CellValue!.Text, System.Globalization.CultureInfo.InvariantCulture)));
        var dateFormat = (CellFormat)workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.ElementAt((int)row[3].StyleIndex!.Value);
        Assert.Equal(14u, dateFormat.NumberFormatId!.Value);

        var third = CellsOf(sheet, 4);
        Assert.Equal("-3", third[1].CellValue!.Text);
        Assert.Equal("bellchar", TextOf(third[2])); // a control character would make the file unreadable
        Assert.Equal("D4", third[3].CellReference!.Value);
    }

    [Fact]
    public void Text_that_looks_like_a_formula_stays_text()
    {
        using var stream = Write(Streams());
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single();

        Assert.Empty(sheet.Worksheet.Descendants<CellFormula>());
        Assert.Equal("=1+1", TextOf(CellsOf(sheet, 3)[0]));
        Assert.Equal("  spaced  ", TextOf(CellsOf(sheet, 3)[2]));
        Assert.Equal(2, CellsOf(sheet, 3).Length - 1); // the empty cell is left out, not written as ""
        Assert.StartsWith("=HYPERLINK", TextOf(CellsOf(sheet, 4)[0]), StringComparison.Ordinal);
    }

    [Fact]
    public void The_header_is_bold_and_frozen_and_columns_have_widths()
    {
        using var stream = Write(Streams());
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheet = workbook.WorksheetParts.Single();

        var header = CellsOf(sheet, 1);
        Assert.Equal(["Stream", "Quantity (t/yr)", "Price (EUR/t)", "Measured on"], header.Select(TextOf));
        var style = (CellFormat)workbook.WorkbookStylesPart!.Stylesheet.CellFormats!.ElementAt((int)header[0].StyleIndex!.Value);
        var font = (Font)workbook.WorkbookStylesPart.Stylesheet.Fonts!.ElementAt((int)style.FontId!.Value);
        Assert.NotNull(font.Bold);

        var pane = sheet.Worksheet.Descendants<Pane>().Single();
        Assert.Equal(PaneStateValues.Frozen, pane.State!.Value);
        Assert.Equal(1, pane.VerticalSplit!.Value);
        Assert.Equal("A2", pane.TopLeftCell!.Value);

        var widths = sheet.Worksheet.Descendants<Column>().Select(c => c.Width!.Value).ToList();
        Assert.Equal(4, widths.Count);
        Assert.All(widths, w => Assert.InRange(w, 8, 60));
        Assert.True(widths[2] > 8); // from the 34-character formula text in the sample
    }

    [Fact]
    public void Several_sheets_get_valid_unique_names_in_order()
    {
        using var stream = Write(
            new XlsxSheet("Balance [2026]: t/yr?", ["A"], []),
            new XlsxSheet("A very long worksheet name that Excel would refuse", ["A"], []),
            new XlsxSheet("balance _2026__ t_yr_", ["A"], []),
            new XlsxSheet("'History'", ["A"], []),
            new XlsxSheet("", ["A"], []));
        using var document = SpreadsheetDocument.Open(stream, false);

        var names = document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value!).ToList();

        Assert.Equal(["Balance _2026__ t_yr_", "A very long worksheet name that", "balance _2026__ t_yr_ (2)", "Sheet4", "Sheet5"], names);
        Assert.All(names, n => Assert.True(n.Length <= 31));
        Assert.Equal(5, document.WorkbookPart.WorksheetParts.Count());
    }

    [Fact]
    public void A_large_sheet_streams_through_and_reads_back_complete()
    {
        const int Rows = 50_000;
        var sheet = new XlsxSheet(
            "Big",
            ["No", "Name", "Value"],
            Enumerable.Range(1, Rows).Select(i => (IReadOnlyList<XlsxCell>)[XlsxCell.Number(i), XlsxCell.Text("Stream " + i), XlsxCell.Number(i * 0.5m)]));

        using var stream = Write(sheet);
        using var document = SpreadsheetDocument.Open(stream, false);
        using var reader = DocumentFormat.OpenXml.OpenXmlReader.Create(document.WorkbookPart!.WorksheetParts.Single());

        var count = 0;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(Row) && reader.IsStartElement)
            {
                count++;
            }
        }

        Assert.Equal(Rows + 1, count);
    }

    [Fact]
    public void The_output_stream_is_left_open_for_the_caller()
    {
        var stream = new MemoryStream();
        XlsxWriter.Write(stream, [Streams()]);

        Assert.True(stream.CanWrite);
        Assert.True(stream.Length > 0);
        Assert.Throws<ArgumentOutOfRangeException>(() => XlsxCell.Number(double.NaN));
        Assert.Equal("AB", XlsxWriter.ColumnName(27));
    }
}
