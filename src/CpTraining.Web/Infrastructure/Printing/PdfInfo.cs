using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace CpTraining.Web.Infrastructure.Printing;

/// <summary>
/// Sets a PDF's document information (title, author, producer, dates) by an incremental update — a new Info object,
/// a one-entry cross-reference section and a trailer pointing back at the old one (PDF 1.7, §7.5.6) — because
/// Chromium writes only the title. Text is UTF-16BE with a byte-order mark, so Cyrillic and Chinese titles survive.
/// A PDF whose trailer cannot be read (e.g. a cross-reference stream) is returned unchanged.
/// </summary>
public static partial class PdfInfo
{
    public static byte[] Set(byte[] pdf, string title, string author, string? language)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var tail = Encoding.Latin1.GetString(pdf, Math.Max(0, pdf.Length - 4_096), Math.Min(4_096, pdf.Length));
        var trailerAt = tail.LastIndexOf("trailer", StringComparison.Ordinal);
        var startAt = tail.LastIndexOf("startxref", StringComparison.Ordinal);
        if (trailerAt < 0 || startAt < trailerAt)
        {
            return pdf;
        }

        var trailer = tail[trailerAt..startAt];
        var size = SizePattern().Match(trailer);
        var root = RootPattern().Match(trailer);
        var previous = NumberPattern().Match(tail[(startAt + "startxref".Length)..]);
        if (!size.Success || !root.Success || !previous.Success)
        {
            return pdf;
        }

        var number = int.Parse(size.Groups[1].Value, CultureInfo.InvariantCulture);
        var now = DateTimeOffset.UtcNow.ToString("'D:'yyyyMMddHHmmss'Z'", CultureInfo.InvariantCulture);
        var objectAt = pdf.Length + 1;
        var info = new StringBuilder()
            .Append('\n')
            .Append(CultureInfo.InvariantCulture, $"{number} 0 obj\n<< /Title {Text(title)} /Author {Text(author)} /Creator (CpTraining) /Producer (CpTraining with Chromium) /CreationDate ({now}) /ModDate ({now})")
            .Append(language is null ? string.Empty : " /Lang " + Text(language))
            .Append(" >>\nendobj\n");
        var infoBytes = Encoding.Latin1.GetBytes(info.ToString());
        var xrefAt = pdf.Length + infoBytes.Length;
        var id = IdPattern().Match(trailer);
        var xref = string.Create(
            CultureInfo.InvariantCulture,
            $"xref\n{number} 1\n{objectAt:D10} 00000 n \ntrailer\n<< /Size {number + 1} /Root {root.Groups[1].Value} /Info {number} 0 R{(id.Success ? " " + id.Value : string.Empty)} /Prev {previous.Groups[1].Value} >>\nstartxref\n{xrefAt}\n%%EOF\n");
        var result = new byte[pdf.Length + infoBytes.Length + xref.Length];
        pdf.CopyTo(result, 0);
        infoBytes.CopyTo(result, pdf.Length);
        Encoding.Latin1.GetBytes(xref).CopyTo(result, pdf.Length + infoBytes.Length);
        return result;
    }

    /// <summary>A PDF text string in hex: FEFF then UTF-16BE.</summary>
    private static string Text(string value) =>
        "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(value)) + ">";

    [GeneratedRegex(@"/Size\s+(\d+)")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"/Root\s+(\d+\s+\d+\s+R)")]
    private static partial Regex RootPattern();

    [GeneratedRegex(@"/ID\s*\[[^\]]*\]")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"(\d+)")]
    private static partial Regex NumberPattern();
}
