using CsvHelper;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.Import;

/// <summary>One person's line of an enrolment file, as written (trimmed); <see cref="Line"/> is the line in the file.</summary>
public sealed record ImportRow(
    int Line,
    string Company,
    string Person,
    string Email,
    string Role,
    string? Position,
    string? Phone,
    string? Language,
    string? City,
    string? Country);

/// <summary>A problem with a line of the file (line 0: the file as a whole).</summary>
public sealed record LineError(int Line, string Message);

public sealed record ParsedFile(IReadOnlyList<ImportRow> Rows, IReadOnlyList<LineError> Errors);

/// <summary>
/// Reads an enrolment file: UTF-8 (with or without byte order mark), comma or semicolon separated, a header line
/// naming the columns company, person, e-mail, role, position (and optionally phone, language, city, country) in
/// any order. Only the shape is checked here; <see cref="EnrolmentImport"/> checks the content against the database.
/// </summary>
public static class EnrolmentCsv
{
    /// <summary>Largest file accepted: 1 MiB.</summary>
    public const int MaxFileBytes = 1024 * 1024;

    /// <summary>
    /// Largest request body of the import page: the file plus the form around it, or the preview's protected copy
    /// of the file posted back. Bigger bodies are cut off by the server before they are read.
    /// </summary>
    public const int MaxRequestBytes = 2 * MaxFileBytes;

    /// <summary>People per file; more would make a preview nobody reads and a very long transaction.</summary>
    public const int MaxRows = 1000;

    public static readonly IReadOnlyList<string> RequiredColumns = ["company", "person", "email", "role", "position"];

    public static ParsedFile Parse(string text, IStringLocalizer t)
    {
        var errors = new List<LineError>();
        var rows = new List<ImportRow>();
        var options = new CsvReaderOptions
        {
            Separator = DetectSeparator(text),
            HasHeader = true,
            TrimWhitespace = true,
            SkipEmptyLines = true,
            TrackLineNumbers = true,

            // "e-mail", "E-Mail" and "email" name the same column.
            NormalizeHeaderName = name => name.Replace("-", string.Empty, StringComparison.Ordinal).Replace("_", string.Empty, StringComparison.Ordinal).Replace(" ", string.Empty, StringComparison.Ordinal),
            OnMalformedRecord = record =>
            {
                if (record.Reason != CsvMalformedReason.FieldCountMismatch)
                {
                    errors.Add(new LineError((int)record.LineNumber, t["This line is not valid CSV: check its quotes."]));
                }
            },
        };

        using var reader = CsvReader.FromText(text, options);
        try
        {
            var headers = reader.Headers;
            if (headers.Count == 0 || headers.All(string.IsNullOrWhiteSpace))
            {
                return new ParsedFile([], [new LineError(0, t["The file is empty."])]);
            }

            var missing = RequiredColumns.Where(c => !reader.TryGetFieldIndex(c, out _)).ToList();
            if (missing.Count > 0)
            {
                return new ParsedFile([], [new LineError(1, t["The first line must name the columns company, person, e-mail, role and position; missing: {0}.", string.Join(", ", missing.Select(ColumnLabel))])]);
            }

            int? Index(string column) => reader.TryGetFieldIndex(column, out var i) ? i : null;
            var company = Index("company")!.Value;
            var person = Index("person")!.Value;
            var email = Index("email")!.Value;
            var role = Index("role")!.Value;
            var position = Index("position")!.Value;
            var phone = Index("phone");
            var language = Index("language");
            var city = Index("city");
            var country = Index("country");
            string Field(int? index) => index is { } i && i < reader.FieldCount ? (reader.GetString(i) ?? string.Empty).Trim() : string.Empty;
            string? Optional(int? index) => Field(index) is { Length: > 0 } value ? value : null;

            while (reader.Read())
            {
                var row = new ImportRow(
                    (int)reader.LineNumber,
                    Field(company),
                    Field(person),
                    Field(email),
                    Field(role),
                    Optional(position),
                    Optional(phone),
                    Optional(language),
                    Optional(city),
                    Optional(country));
                if (row is { Company.Length: 0, Person.Length: 0, Email.Length: 0, Role.Length: 0, Position: null })
                {
                    continue; // a line of empty fields (";;;;"), as spreadsheets write after the data
                }

                if (rows.Count == MaxRows)
                {
                    return new ParsedFile([], [new LineError(0, t["The file lists more than {0} people; split it into smaller files.", MaxRows])]);
                }

                rows.Add(row);
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new LineError((int)ex.LineNumber, t["This line is not valid CSV: check its quotes."]));
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new LineError(0, t["The file has no people to import: add a line per person under the header line."]));
        }

        return new ParsedFile(rows, errors);
    }

    /// <summary>Comma or semicolon (spreadsheets in Ukraine and much of Europe save CSV with semicolons): whichever the header line has more of.</summary>
    private static char DetectSeparator(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        var header = end < 0 ? text : text[..end];
        return header.Count(c => c == ';') > header.Count(c => c == ',') ? ';' : ',';
    }

    private static string ColumnLabel(string column) => column == "email" ? "e-mail" : column;
}
