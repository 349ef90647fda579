using System.Globalization;
using System.Text;
using CpTraining.Domain.Balances;
using CsvHelper;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Balances.Transfer;

/// <summary>One stream line of an import file, as written (trimmed); <see cref="Line"/> is its line in the file.</summary>
public sealed record StreamRow(int Line, IReadOnlyDictionary<string, string> Fields)
{
    public string this[string column] => Fields.GetValueOrDefault(column) ?? string.Empty;
}

/// <summary>A problem with a line (0: the file as a whole) and, when known, the column it is in.</summary>
public sealed record RowError(int Line, string? Column, string Message);

public sealed record ParsedStreams(IReadOnlyList<StreamRow> Rows, IReadOnlyList<RowError> Errors);

/// <summary>
/// The stream CSV of a worksheet: the columns of the import template, written by the CSV export and read by the
/// import. A line is a material stream, or an energy carrier a step uses when its <c>kind</c> is "energy" (the carrier
/// in <c>material</c>, the step in <c>to step</c>, a fuel's calorific value in its own columns); files without the
/// <c>kind</c> column hold material streams only. Column names are fixed English words (they are the file's keys, whatever the reader's language);
/// numbers are written with the invariant point and read in the uploader's culture (a decimal comma in Ukrainian,
/// and the point everywhere, see <see cref="NumberParser"/>). UTF-8 with a byte order mark so that Excel reads the
/// Cyrillic; cells that start like a formula are escaped so that a stream named "=HYPERLINK(…)" stays text.
/// </summary>
public static class StreamCsv
{
    /// <summary>Largest file accepted: 2 MiB.</summary>
    public const int MaxFileBytes = 2 * 1024 * 1024;

    /// <summary>The import page's largest request: the file, or the preview's protected copy of it, plus the form.</summary>
    public const int MaxRequestBytes = (2 * MaxFileBytes) + (64 * 1024);

    public const string Name = "name";
    public const string Material = "material";
    public const string FromStep = "from step";
    public const string ToStep = "to step";
    public const string Quantity = "quantity";
    public const string Unit = "unit";
    public const string Density = "density";
    public const string Obtained = "how obtained";
    /// <summary>One standard deviation in % of the quantity.</summary>
    public const string Uncertainty = "uncertainty %";

    /// <summary>One standard deviation in the line's own unit; a line gives this or <see cref="Uncertainty"/>, not both.</summary>
    public const string UncertaintyInUnit = "uncertainty in unit";
    public const string OutputClass = "output class";
    public const string Price = "price";
    public const string PriceUnit = "price unit";
    public const string Fee = "fee";
    public const string FeeUnit = "fee unit";
    public const string Substance = "substance";
    public const string SubstanceKilograms = "substance kg/yr";
    public const string Kind = "kind";
    public const string CalorificValue = "calorific value";
    public const string CalorificBasis = "calorific basis";

    /// <summary>The <see cref="Kind"/> of an energy line; a material line says "material" or nothing.</summary>
    public const string EnergyKind = "energy";
    public const string MaterialKind = "material";

    /// <summary>Written by the export after the template's columns; ignored by the import.</summary>
    public const string AnnualTonnes = "annual t/yr";

    /// <summary>Written by the export for energy lines; ignored by the import.</summary>
    public const string AnnualMegawattHours = "annual MWh/yr";

    public static readonly IReadOnlyList<string> Columns =
    [
        Name, Material, FromStep, ToStep, Quantity, Unit, Density, Obtained, Uncertainty, OutputClass, Price, PriceUnit, Fee, FeeUnit,
        Substance, SubstanceKilograms, Kind, CalorificValue, CalorificBasis, UncertaintyInUnit,
    ];

    public static readonly IReadOnlyList<string> RequiredColumns = [Name, Material, FromStep, ToStep, Quantity, Unit];

    private static CsvWriterOptions WriterOptions => new()
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
    };

    /// <summary>The template: the header line and two example lines (an input and a waste output of a step "Dyeing").</summary>
    public static byte[] Template()
    {
        var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, WriterOptions, leaveOpen: true))
        {
            csv.WriteHeader([.. Columns]);
            csv.WriteRecord(["Cotton fabric", "cotton", string.Empty, "Dyeing", "1200.5", "kg", string.Empty, "measured", "2", string.Empty, "95", "kg", string.Empty, string.Empty, string.Empty, string.Empty, MaterialKind, string.Empty, string.Empty, string.Empty]);
            csv.WriteRecord(["Dye bath effluent", "water", "Dyeing", string.Empty, "96", "m3", "998", "estimated", string.Empty, "wastewater", string.Empty, string.Empty, "18", "m3", "reactive dye", "0.5", MaterialKind, string.Empty, string.Empty, "9.6"]);
        }

        return stream.ToArray();
    }

    /// <summary>
    /// The worksheet's material streams and then its energy carriers, in the template's columns (plus the annual tonnes
    /// or MWh), ready to import again.
    /// </summary>
    public static byte[] Write(WorksheetSnapshot sheet)
    {
        var steps = sheet.Steps.ToDictionary(s => s.Id, s => s.Name);
        string Step(Guid? id) => id is { } i ? steps.GetValueOrDefault(i) ?? string.Empty : string.Empty;
        static string Number(decimal? value) => value is { } v ? NumberParser.Write(v, CultureInfo.InvariantCulture) : string.Empty;
        static string Relative(Uncertainty? u) => u is { Kind: UncertaintyKind.Relative } ? Number(u.Value) : string.Empty;
        static string Absolute(Uncertainty? u) => u is { Kind: UncertaintyKind.Absolute } ? Number(u.Value) : string.Empty;
        var stream = new MemoryStream();
        using (var csv = CsvWriter.Create(stream, WriterOptions, leaveOpen: true))
        {
            csv.WriteHeader([.. Columns, AnnualTonnes, AnnualMegawattHours]);
            foreach (var s in sheet.Streams.OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase))
            {
                csv.WriteRecord(
                [
                    s.Name,
                    s.Material,
                    Step(s.FromStepId),
                    Step(s.ToStepId),
                    s.Quantity.Text,
                    s.Quantity.Unit.Symbol(),
                    Number(s.Quantity.Density),
                    Token(s.Obtained.ToString()),
                    Relative(s.Uncertainty),
                    s.OutputClass is { } oc ? Token(oc.ToString()) : string.Empty,
                    Number(s.PurchasePrice?.Amount),
                    s.PurchasePrice?.PerUnit.Symbol() ?? string.Empty,
                    Number(s.DisposalFee?.Amount),
                    s.DisposalFee?.PerUnit.Symbol() ?? string.Empty,
                    s.HazardousSubstance ?? string.Empty,
                    Number(s.HazardousKilogramsPerYear),
                    MaterialKind,
                    string.Empty,
                    string.Empty,
                    Absolute(s.Uncertainty),
                    Number(Math.Round(s.AnnualKilograms / 1_000m, 6)),
                    string.Empty,
                ]);
            }

            foreach (var e in sheet.EnergyStreams.OrderBy(e => Step(e.StepId), StringComparer.CurrentCultureIgnoreCase).ThenBy(e => e.Carrier))
            {
                csv.WriteRecord(
                [
                    e.Name ?? string.Empty,
                    Token(e.Carrier.ToString()),
                    string.Empty,
                    Step(e.StepId),
                    e.Quantity.Text,
                    e.Quantity.Unit.Symbol(),
                    string.Empty,
                    Token(e.Obtained.ToString()),
                    Relative(e.Uncertainty),
                    string.Empty,
                    Number(e.Price?.Amount),
                    e.Price?.PerUnit.Symbol() ?? string.Empty,
                    string.Empty,
                    string.Empty,
                    string.Empty,
                    string.Empty,
                    EnergyKind,
                    Number(e.Quantity.CalorificValue),
                    e.Quantity.CalorificBasis switch { Domain.Balances.CalorificBasis.PerCubicMetre => "MJ/m3", Domain.Balances.CalorificBasis.PerKilogram => "MJ/kg", _ => string.Empty },
                    Absolute(e.Uncertainty),
                    string.Empty,
                    Number(Math.Round(e.AnnualMegawattHours, 6)),
                ]);
            }
        }

        return stream.ToArray();
    }

    /// <summary>Reads the lines; only the shape is checked here (<see cref="StreamImport"/> checks the content).</summary>
    public static ParsedStreams Parse(string text, IStringLocalizer t)
    {
        var errors = new List<RowError>();
        var rows = new List<StreamRow>();
        var options = new CsvReaderOptions
        {
            Separator = DetectSeparator(text),
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,
            NormalizeHeaderName = Key,
            OnMalformedRecord = record =>
            {
                if (record.Reason != CsvMalformedReason.FieldCountMismatch)
                {
                    errors.Add(new RowError((int)record.LineNumber, null, t["This line is not valid CSV: check its quotes."]));
                }
            },
        };

        using var reader = CsvReader.FromText(text, options);
        try
        {
            var headers = reader.Headers;
            if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            {
                return new ParsedStreams([], [new RowError(0, null, t["The file is empty."])]);
            }

            var missing = RequiredColumns.Where(c => !reader.TryGetFieldIndex(Key(c), out _)).ToList();
            if (missing.Count > 0)
            {
                return new ParsedStreams([], [new RowError(1, null, t["The first line must name the columns of the template; missing: {0}.", string.Join(", ", missing)])]);
            }

            var indexes = Columns
                .Select(c => (Column: c, Found: reader.TryGetFieldIndex(Key(c), out var i), Index: i))
                .Where(x => x.Found)
                .ToList();
            while (reader.Read())
            {
                var fields = new Dictionary<string, string>();
                foreach (var (column, _, index) in indexes)
                {
                    var value = index < reader.FieldCount ? (reader.GetString(index) ?? string.Empty).Trim() : string.Empty;
                    if (value.Length > 0)
                    {
                        fields[column] = value;
                    }
                }

                if (fields.Count == 0)
                {
                    continue; // a line of empty fields (",,,,"), as spreadsheets write after the data
                }

                if (rows.Count == Worksheet.MaxStreams)
                {
                    return new ParsedStreams([], [new RowError(0, null, t["The file has more than {0} streams, more than a worksheet holds.", Worksheet.MaxStreams])]);
                }

                rows.Add(new StreamRow((int)reader.LineNumber, fields));
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new RowError((int)ex.LineNumber, null, t["This line is not valid CSV: check its quotes."]));
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new RowError(0, null, t["The file has no streams to import: add a line per stream under the header line."]));
        }

        return new ParsedStreams(rows, errors);
    }

    /// <summary>"How obtained" → "howobtained", "Uncertainty %" → "uncertainty": letters and digits, lower case.</summary>
    public static string Key(string name) =>
        new(name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    /// <summary>"ByProduct" → "by product"… as written in the file: lower-case words.</summary>
    private static string Token(string enumName)
    {
        var words = new StringBuilder();
        foreach (var c in enumName)
        {
            if (char.IsUpper(c) && words.Length > 0)
            {
                words.Append(' ');
            }

            words.Append(char.ToLowerInvariant(c));
        }

        return words.ToString() == "by product" ? "by-product" : words.ToString();
    }

    private static char DetectSeparator(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }
}
