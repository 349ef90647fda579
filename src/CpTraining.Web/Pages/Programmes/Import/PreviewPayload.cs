using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace CpTraining.Web.Pages.Programmes.Import;

/// <summary>
/// The previewed file, carried by the preview page to the confirmation in a hidden field, so nothing is stored
/// between the two requests (any instance can confirm). Compressed, then encrypted and signed with Data Protection:
/// it cannot be read or changed in the browser, and it is valid only for the same programme and user and for
/// <see cref="Lifetime"/> (measured with the app's <see cref="TimeProvider"/>). The confirmation still checks the
/// file again against the database as it is then.
/// </summary>
public sealed class PreviewPayload(IDataProtectionProvider protection, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly IDataProtector _protector = protection.CreateProtector("CpTraining.Programmes.Import.Preview.v1");

    public string Protect(Guid programmeId, string userId, string fileName, string text)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var writer = new BinaryWriter(zip))
        {
            writer.Write(programmeId.ToByteArray());
            writer.Write(userId);
            writer.Write(time.GetUtcNow().ToUnixTimeMilliseconds());
            writer.Write(fileName);
            writer.Write(text);
        }

        return WebEncoders.Base64UrlEncode(_protector.Protect(buffer.ToArray()));
    }

    /// <summary>The file name and text, or null when the payload is forged, for another programme or user, or expired.</summary>
    public (string FileName, string Text)? Unprotect(string? payload, Guid programmeId, string userId)
    {
        if (string.IsNullOrEmpty(payload))
        {
            return null;
        }

        try
        {
            using var zip = new GZipStream(new MemoryStream(_protector.Unprotect(WebEncoders.Base64UrlDecode(payload))), CompressionMode.Decompress);
            using var reader = new BinaryReader(zip);
            var forProgramme = new Guid(reader.ReadBytes(16));
            var forUser = reader.ReadString();
            var createdAt = DateTimeOffset.FromUnixTimeMilliseconds(reader.ReadInt64());
            var fileName = reader.ReadString();
            var text = reader.ReadString();
            var age = time.GetUtcNow() - createdAt;
            return forProgramme == programmeId && forUser == userId && age >= TimeSpan.Zero && age <= Lifetime
                ? (fileName, text)
                : null;
        }
        catch (Exception ex) when (ex is CryptographicException or FormatException or EndOfStreamException or InvalidDataException)
        {
            return null;
        }
    }
}
