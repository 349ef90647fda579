using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using CpTraining.Domain;

namespace CpTraining.Web.Infrastructure.Files;

/// <summary>A file that passed <see cref="FileInspector"/>: its clean name, the type we decided and its hash.</summary>
public sealed record InspectedFile(string FileName, string ContentType, long Length, string Sha256);

/// <summary>
/// Decides whether an uploaded file may be stored. The extension must be one we accept, and the content must be
/// what the extension says (magic bytes, and for Office/OpenDocument files the parts that make them one), so a
/// renamed program is refused. Office files are zip archives: they are unpacked as a stream, counting, and refused
/// when they would expand beyond the zip-bomb limits. Refusals are <see cref="DomainException"/>s for the "Files" field.
/// </summary>
public static class FileInspector
{
    /// <summary>20 MB per file.</summary>
    public const long MaxFileBytes = 20L * 1024 * 1024;

    public const int MaxFilesPerSubmission = Domain.HomeTasks.Submission.MaxFiles;

    /// <summary>Zip-bomb limits for Office files: total unpacked size, unpacked ÷ packed ratio, and number of entries.</summary>
    public const long MaxUnpackedBytes = 200L * 1024 * 1024;

    public const int MaxCompressionRatio = 100;

    public const int MaxZipEntries = 5_000;

    /// <summary>Accepted extensions and the content type we serve them with.</summary>
    public static readonly IReadOnlyDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = "application/pdf",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text",
        [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".csv"] = "text/csv",
    };

    /// <summary>For the file input's accept attribute and the help text.</summary>
    public static string AcceptAttribute => string.Join(",", ContentTypes.Keys);

    public const string AllowedTypesText = "PDF, DOCX, XLSX, PPTX, ODT, ODS, PNG, JPG, CSV";

    /// <summary>Checks the file and returns what to store. The stream must be seekable; it is left at position 0.</summary>
    public static InspectedFile Inspect(string? clientFileName, Stream content)
    {
        var name = SanitiseFileName(clientFileName);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (!ContentTypes.TryGetValue(extension, out var contentType))
        {
            throw new DomainException("Files", "“{0}” was refused: only {1} files can be attached.", name, AllowedTypesText);
        }

        if (content.Length == 0)
        {
            throw new DomainException("Files", "“{0}” was refused: the file is empty.", name);
        }

        if (content.Length > MaxFileBytes)
        {
            throw new DomainException("Files", "“{0}” was refused: a file may be at most {1} MB.", name, MaxFileBytes / 1024 / 1024);
        }

        content.Position = 0;
        var head = new byte[8];
        var read = content.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        content.Position = 0;
        if (IsProgram(head.AsSpan(0, read)))
        {
            throw new DomainException("Files", "“{0}” was refused: it is a program, not a document.", name);
        }

        if (!ContentMatches(extension, head.AsSpan(0, read), content))
        {
            throw new DomainException("Files", "“{0}” was refused: its content is not a {1} file, whatever its name says.", name, extension.TrimStart('.').ToUpperInvariant());
        }

        content.Position = 0;
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        content.Position = 0;
        return new InspectedFile(name, contentType, content.Length, hash);
    }

    /// <summary>
    /// A name safe to store and to put in a Content-Disposition header: no directories, no control or quote
    /// characters, at most <see cref="StoredFile.FileNameMaxLength"/> characters with the extension kept.
    /// </summary>
    public static string SanitiseFileName(string? clientFileName)
    {
        var name = Path.GetFileName((clientFileName ?? string.Empty).Replace('\\', '/'));
        var clean = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            clean.Append(char.IsControl(c) || c is '"' or '/' or '\\' or ':' or '*' or '?' or '<' or '>' or '|' or ';' ? '_' : c);
        }

        var result = clean.ToString().Trim().Trim('.');
        if (result.Length == 0)
        {
            result = "file";
        }

        if (result.Length > StoredFile.FileNameMaxLength)
        {
            var extension = Path.GetExtension(result);
            extension = extension.Length > 10 ? string.Empty : extension;
            result = result[..(StoredFile.FileNameMaxLength - extension.Length)] + extension;
        }

        return result;
    }

    private static bool ContentMatches(string extension, ReadOnlySpan<byte> head, Stream content) => extension switch
    {
        ".pdf" => head.StartsWith("%PDF-"u8),
        ".png" => head.StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }),
        ".jpg" or ".jpeg" => head.StartsWith(new byte[] { 0xFF, 0xD8, 0xFF }),
        ".docx" => IsZip(head) && OfficePackageHas(content, "word/document.xml", null),
        ".xlsx" => IsZip(head) && OfficePackageHas(content, "xl/workbook.xml", null),
        ".pptx" => IsZip(head) && OfficePackageHas(content, "ppt/presentation.xml", null),
        ".odt" => IsZip(head) && OfficePackageHas(content, "mimetype", "application/vnd.oasis.opendocument.text"),
        ".ods" => IsZip(head) && OfficePackageHas(content, "mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ".csv" => IsText(content),
        _ => false,
    };

    private static bool IsZip(ReadOnlySpan<byte> head) => head.StartsWith("PK\x03\x04"u8);

    /// <summary>Whether the zip holds the part (with the given text, for OpenDocument's mimetype); refuses zip bombs.</summary>
    private static bool OfficePackageHas(Stream content, string part, string? expectedText)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
        }
        catch (InvalidDataException)
        {
            return false;
        }

        using (archive)
        {
            if (archive.Entries.Count > MaxZipEntries)
            {
                throw new DomainException("Files", "The file was refused: it holds more than {0} parts, which is not a normal document (zip bomb limit).", MaxZipEntries);
            }

            var found = false;
            long unpacked = 0;
            var buffer = new byte[81920];
            foreach (var entry in archive.Entries)
            {
                // The sizes in the zip directory can lie, so the entries are really unpacked and counted.
                long entryBytes = 0;
                var text = new MemoryStream();
                try
                {
                    using var stream = entry.Open();
                    int n;
                    while ((n = stream.Read(buffer, 0, buffer.Length)) > 0)
                    {
                        entryBytes += n;
                        unpacked += n;
                        if (unpacked > MaxUnpackedBytes || entryBytes > Math.Max(1024 * 1024, entry.CompressedLength * MaxCompressionRatio))
                        {
                            throw new DomainException("Files", "The file was refused: it would unpack to far more than its size (more than {0}× or {1} MB), as a zip bomb does.", MaxCompressionRatio, MaxUnpackedBytes / 1024 / 1024);
                        }

                        if (expectedText is not null && entry.FullName == part && text.Length < 200)
                        {
                            text.Write(buffer, 0, n);
                        }
                    }
                }
                catch (InvalidDataException)
                {
                    return false;
                }

                if (entry.FullName == part)
                {
                    found = expectedText is null || Encoding.ASCII.GetString(text.ToArray()).Trim() == expectedText;
                }
            }

            return found;
        }
    }

    /// <summary>CSV must be text: valid UTF-8 (or a single-byte code page) without NUL bytes.</summary>
    private static bool IsText(Stream content)
    {
        var buffer = new byte[81920];
        int n;
        var decoder = new UTF8Encoding(false, true).GetDecoder();
        var chars = new char[buffer.Length];
        var utf8 = true;
        while ((n = content.Read(buffer, 0, buffer.Length)) > 0)
        {
            if (buffer.AsSpan(0, n).Contains((byte)0))
            {
                return false;
            }

            if (utf8)
            {
                try
                {
                    decoder.GetChars(buffer, 0, n, chars, 0, flush: false);
                }
                catch (DecoderFallbackException)
                {
                    // Windows-1251 or -1252 exports from spreadsheets are still text.
                    utf8 = false;
                }
            }
        }

        return true;
    }

    private static bool IsProgram(ReadOnlySpan<byte> head) =>
        head.StartsWith("MZ"u8) || head.StartsWith(new byte[] { 0x7F, 0x45, 0x4C, 0x46 }) || head.StartsWith("#!"u8)
        || head.StartsWith(new byte[] { 0xCF, 0xFA, 0xED, 0xFE });
}
