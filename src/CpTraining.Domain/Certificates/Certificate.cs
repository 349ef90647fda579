using System.Security.Cryptography;

namespace CpTraining.Domain.Certificates;

/// <summary>
/// A participant's certificate of completing a programme. What it certifies is copied at issue (the name as issued,
/// the programme's name, organisers and language, the completion date), so the certificate stays as printed when
/// the programme or the account changes later. One per person and programme; revoked, never deleted.
/// </summary>
public sealed class Certificate : RaisesEvents
{
    public const int PersonNameMaxLength = 200;
    public const int ReasonMaxLength = 1000;

    private Certificate()
    {
        UserId = PersonName = ProgrammeName = Organisers = Language = Code = IssuedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public string UserId { get; private set; }

    public string PersonName { get; private set; }

    public string ProgrammeName { get; private set; }

    public string Organisers { get; private set; }

    /// <summary>The programme's language when issued (ISO 639-1): the certificate is printed in it.</summary>
    public string Language { get; private set; }

    /// <summary>The last session day held when the certificate was issued.</summary>
    public DateOnly CompletionDate { get; private set; }

    /// <summary>The verification code, normalised (see <see cref="VerificationCode"/>).</summary>
    public string Code { get; private set; }

    public string IssuedBy { get; private set; }

    public DateTimeOffset IssuedAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    public string? RevocationReason { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>Issues a certificate to a participant who meets the programme's completion rule (and to nobody else).</summary>
    public static Certificate Issue(
        Guid programmeId,
        string userId,
        string personName,
        string programmeName,
        string organisers,
        string language,
        DateOnly completionDate,
        CompletionResult result,
        string code,
        string issuedBy,
        DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!result.Met)
        {
            throw new DomainException(null, "{0} does not meet the programme's completion rule: {1}", personName, result.ToString());
        }

        return new Certificate
        {
            Id = Guid.NewGuid(),
            ProgrammeId = programmeId,
            UserId = userId,
            PersonName = personName.Trim().Length > PersonNameMaxLength ? personName.Trim()[..PersonNameMaxLength] : personName.Trim(),
            ProgrammeName = programmeName,
            Organisers = organisers,
            Language = language,
            CompletionDate = completionDate,
            Code = VerificationCode.Normalise(code) ?? throw new ArgumentException("Not a verification code.", nameof(code)),
            IssuedBy = issuedBy,
            IssuedAt = at,
        };
    }

    public void Revoke(string? reason, string by, DateTimeOffset at)
    {
        if (IsRevoked)
        {
            throw new DomainException("This certificate has already been revoked.");
        }

        RevocationReason = Text.Required(reason, "Reason", ReasonMaxLength);
        RevokedBy = by;
        RevokedAt = at;
        Raise(new CertificateRevoked(ProgrammeId, PersonName, Code, RevocationReason));
    }
}

/// <summary>
/// Verification codes: 12 characters drawn by a cryptographic generator from 31 letters and digits that cannot be
/// mistaken for one another (no 0/O, 1/I/L), about 59 bits — unguessable, yet easy to read aloud and type. Shown in
/// groups of four ("7KQM-3XPA-H9TD"); typed in any case, with or without spaces and dashes.
/// </summary>
public static class VerificationCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    public const int Length = 12;

    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The code as stored (upper case, no separators), or null when the input cannot be a code.</summary>
    public static string? Normalise(string? input)
    {
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40)
        {
            return null;
        }

        var chars = new List<char>(Length);
        foreach (var c in input)
        {
            if (char.IsWhiteSpace(c) || c is '-' or '‐' or '–' or '—')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            chars.Add(upper);
        }

        return chars.Count == Length ? new string([.. chars]) : null;
    }

    /// <summary>The code in groups of four, as printed.</summary>
    public static string Format(string code) =>
        code.Length == Length ? $"{code[..4]}-{code[4..8]}-{code[8..]}" : code;
}

/// <summary>A certificate was revoked: <c>/verify</c> now says so, with the reason.</summary>
public sealed record CertificateRevoked(Guid ProgrammeId, string PersonName, string Code, string Reason) : IDomainEvent;
