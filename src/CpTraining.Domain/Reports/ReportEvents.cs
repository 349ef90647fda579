namespace CpTraining.Domain.Reports;

/// <summary>A new version of a company's (or the programme's, when <paramref name="CompanyId"/> is null) report was published.</summary>
public sealed record ReportPublished(Guid ProgrammeId, Guid? CompanyId, int Version) : IDomainEvent;

/// <summary>A share link was made for someone outside the programme.</summary>
public sealed record ShareLinkCreated(Guid ProgrammeId, string Recipient, ShareScope Scope, Guid? CompanyId, DateTimeOffset ExpiresAt) : IDomainEvent;

/// <summary>A share link stopped working (revoked by a coordinator, or with the consent it rested on).</summary>
public sealed record ShareLinkRevoked(Guid ProgrammeId, string Recipient) : IDomainEvent;

/// <summary>A company's manager consented to its financing needs being shown to investors.</summary>
public sealed record FinancingConsentGiven(Guid ProgrammeId, Guid CompanyId) : IDomainEvent;

/// <summary>The manager withdrew the consent.</summary>
public sealed record FinancingConsentWithdrawn(Guid ProgrammeId, Guid CompanyId) : IDomainEvent;
