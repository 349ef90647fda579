using System.Security.Cryptography;
using System.Text;

namespace CpTraining.Domain.Reports;

/// <summary>What a share link opens.</summary>
public enum ShareScope
{
    /// <summary>The latest published programme report.</summary>
    ProgrammeReport,

    /// <summary>One company's financing needs from its latest published report, with its manager's consent.</summary>
    CompanyFinancing,

    /// <summary>One option's investment project sheet, with its company manager's consent.</summary>
    OptionSheet,
}

/// <summary>How a share link stands at a moment.</summary>
public enum ShareLinkState
{
    Active,
    Expired,
    Revoked,
}

/// <summary>
/// A read-only link for a person without an account (an investor, a bank): it opens one published report for a
/// limited time, can be revoked at any moment, and every use is logged. Only the SHA-256 hash of its secret token is
/// stored, so the link itself is shown once, when created, and a database reader cannot open reports with it.
/// </summary>
public sealed class ShareLink : RaisesEvents
{
    public const int RecipientMaxLength = 200;
    public const int MinDays = 1;
    public const int MaxDays = 90;

    private ShareLink()
    {
        TokenHash = Recipient = CreatedBy = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    /// <summary>The company whose financing needs are shared; null for the programme report.</summary>
    public Guid? CompanyId { get; private set; }

    public ShareScope Scope { get; private set; }

    /// <summary>The option whose investment project sheet is shared; null for the other scopes.</summary>
    public Guid? OptionId { get; private set; }

    /// <summary>True when the link shares something of one company, which needs its manager's consent.</summary>
    public bool NeedsConsent => Scope is ShareScope.CompanyFinancing or ShareScope.OptionSheet;

    /// <summary>Who the link is for, as the coordinator named them (e.g. "Green Fund — O. Petrenko").</summary>
    public string Recipient { get; private set; }

    public string TokenHash { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public string CreatedBy { get; private set; }

    public DateTimeOffset ExpiresAt { get; private set; }

    public DateTimeOffset? RevokedAt { get; private set; }

    public string? RevokedBy { get; private set; }

    /// <summary>The manager's consent this financing link rests on (null for the programme report).</summary>
    public Guid? ConsentId { get; private set; }

    public ShareLinkState StateAt(DateTimeOffset now) =>
        RevokedAt is not null ? ShareLinkState.Revoked
        : now >= ExpiresAt ? ShareLinkState.Expired
        : ShareLinkState.Active;

    /// <summary>
    /// Creates a link valid for <paramref name="days"/> days (1 to 90) and returns it with its secret token — the only
    /// time the token exists outside the recipient's hands. A company's financing needs are shared only with its
    /// manager's consent in force; so is one option's project sheet (<paramref name="optionId"/>, an option of that company).
    /// </summary>
    public static (ShareLink Link, string Token) Create(
        Guid programmeId,
        ShareScope scope,
        Guid? companyId,
        FinancingConsent? consent,
        string recipient,
        int days,
        string userId,
        DateTimeOffset now,
        Guid? optionId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var name = recipient?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            throw new DomainException("Recipient", "Say who the link is for.");
        }

        if (name.Length > RecipientMaxLength)
        {
            throw new DomainException("Recipient", "The recipient may be at most {0} characters long.", RecipientMaxLength);
        }

        if (days is < MinDays or > MaxDays)
        {
            throw new DomainException("Days", "A link is valid for {0} to {1} days.", MinDays, MaxDays);
        }

        if (scope == ShareScope.OptionSheet && optionId is null)
        {
            throw new DomainException("OptionId", "Choose the option whose project sheet is shared.");
        }

        if (scope != ShareScope.OptionSheet && optionId is not null)
        {
            throw new ArgumentException("Only a project sheet link names an option.", nameof(optionId));
        }

        if (scope is ShareScope.CompanyFinancing or ShareScope.OptionSheet)
        {
            if (companyId is null)
            {
                throw new DomainException("CompanyId", "Choose the company whose financing needs are shared.");
            }

            if (consent is null || consent.CompanyId != companyId || consent.ProgrammeId != programmeId || !consent.IsInForce)
            {
                throw new DomainException("CompanyId", "A company's financing needs are shared only with its manager's consent, and this company's manager has not given it.");
            }
        }
        else if (companyId is not null)
        {
            throw new ArgumentException("The programme report is not a company's.", nameof(companyId));
        }

        var token = NewToken();
        var link = new ShareLink
        {
            Id = Guid.NewGuid(),
            ProgrammeId = programmeId,
            CompanyId = scope is ShareScope.CompanyFinancing or ShareScope.OptionSheet ? companyId : null,
            Scope = scope,
            OptionId = optionId,
            Recipient = name,
            TokenHash = HashOf(token),
            CreatedAt = now,
            CreatedBy = userId,
            ExpiresAt = now.AddDays(days),
            ConsentId = scope is ShareScope.CompanyFinancing or ShareScope.OptionSheet ? consent!.Id : null,
        };
        link.Raise(new ShareLinkCreated(programmeId, name, scope, link.CompanyId, link.ExpiresAt));
        return (link, token);
    }

    /// <summary>Revokes the link; revoking a revoked link changes nothing.</summary>
    public void Revoke(string userId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        if (RevokedAt is null)
        {
            RevokedAt = now;
            RevokedBy = userId;
            Raise(new ShareLinkRevoked(ProgrammeId, Recipient));
        }
    }

    /// <summary>The stored form of a token: its SHA-256 in lower-case hex.</summary>
    public static string HashOf(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));

    /// <summary>A token is 32 random bytes in URL-safe Base64 (43 characters): not guessable.</summary>
    public static bool LooksLikeToken(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string NewToken() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>What happened when a share link was used.</summary>
public enum ShareAccessOutcome
{
    Viewed,
    PdfDownloaded,
    RefusedExpired,
    RefusedRevoked,
    RefusedNothingPublished,
}

/// <summary>One use of a share link, logged whether it was served or refused.</summary>
public sealed class ShareLinkAccess
{
    public const int UserAgentMaxLength = 300;

    private ShareLinkAccess()
    {
    }

    public Guid Id { get; private set; }

    public Guid ShareLinkId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public ShareAccessOutcome Outcome { get; private set; }

    public string? IpAddress { get; private set; }

    public string? UserAgent { get; private set; }

    public static ShareLinkAccess Log(Guid shareLinkId, ShareAccessOutcome outcome, string? ipAddress, string? userAgent, DateTimeOffset now) => new()
    {
        Id = Guid.NewGuid(),
        ShareLinkId = shareLinkId,
        At = now,
        Outcome = outcome,
        IpAddress = ipAddress is { Length: > 0 } ip ? ip[..Math.Min(ip.Length, 64)] : null,
        UserAgent = userAgent is { Length: > 0 } ua ? ua[..Math.Min(ua.Length, UserAgentMaxLength)] : null,
    };
}

/// <summary>
/// A company manager's consent to show the company's financing needs to investors through share links. Withdrawing
/// it ends every financing link of the company (the page revokes them in the same change).
/// </summary>
public sealed class FinancingConsent : RaisesEvents
{
    private FinancingConsent()
    {
        GivenBy = GivenByName = string.Empty;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public Guid CompanyId { get; private set; }

    public string GivenBy { get; private set; }

    public string GivenByName { get; private set; }

    public DateTimeOffset GivenAt { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public bool IsInForce => WithdrawnAt is null;

    public static FinancingConsent Give(Guid programmeId, Guid companyId, string userId, string userName, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        var consent = new FinancingConsent
        {
            Id = Guid.NewGuid(),
            ProgrammeId = programmeId,
            CompanyId = companyId,
            GivenBy = userId,
            GivenByName = string.IsNullOrWhiteSpace(userName) ? userId : userName.Trim()[..Math.Min(userName.Trim().Length, PublishedReport.NameMaxLength)],
            GivenAt = now,
        };
        consent.Raise(new FinancingConsentGiven(programmeId, companyId));
        return consent;
    }

    public void Withdraw(DateTimeOffset now)
    {
        if (WithdrawnAt is null)
        {
            WithdrawnAt = now;
            Raise(new FinancingConsentWithdrawn(ProgrammeId, CompanyId));
        }
    }
}
