using CpTraining.Domain.Companies;
using CpTraining.Domain.Programmes;
using CpTraining.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Data.Configurations;

internal sealed class PublishedReportConfiguration : IEntityTypeConfiguration<PublishedReport>
{
    public void Configure(EntityTypeBuilder<PublishedReport> b)
    {
        b.ToTable("published_reports");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(r => r.PublishedBy).HasMaxLength(450).IsRequired();
        b.Property(r => r.PublishedByName).HasMaxLength(PublishedReport.NameMaxLength).IsRequired();
        b.Property(r => r.SnapshotJson).HasColumnType("jsonb").IsRequired();
        b.Property(r => r.ContentHash).HasMaxLength(64).IsRequired();

        // Version numbers are unique per report (a null company is the programme report: nulls not distinct).
        b.HasIndex(r => new { r.ProgrammeId, r.CompanyId, r.Kind, r.Version }).IsUnique().AreNullsDistinct(false);
        b.HasIndex(r => r.CompanyId);
        b.HasOne<Programme>().WithMany().HasForeignKey(r => r.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FinancingConsentConfiguration : IEntityTypeConfiguration<FinancingConsent>
{
    public void Configure(EntityTypeBuilder<FinancingConsent> b)
    {
        b.ToTable("financing_consents");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.GivenBy).HasMaxLength(450).IsRequired();
        b.Property(c => c.GivenByName).HasMaxLength(PublishedReport.NameMaxLength).IsRequired();
        b.Ignore(c => c.IsInForce);
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(c => new { c.ProgrammeId, c.CompanyId });
        b.HasOne<Programme>().WithMany().HasForeignKey(c => c.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Company>().WithMany().HasForeignKey(c => c.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ShareLinkConfiguration : IEntityTypeConfiguration<ShareLink>
{
    public void Configure(EntityTypeBuilder<ShareLink> b)
    {
        b.ToTable("share_links");
        b.HasKey(l => l.Id);
        b.Property(l => l.Id).ValueGeneratedNever();
        b.Property(l => l.Scope).HasConversion<string>().HasMaxLength(20);
        b.Property(l => l.Recipient).HasMaxLength(ShareLink.RecipientMaxLength).IsRequired();
        b.Property(l => l.TokenHash).HasMaxLength(64).IsFixedLength().IsRequired();
        b.Property(l => l.CreatedBy).HasMaxLength(450).IsRequired();
        b.Property(l => l.RevokedBy).HasMaxLength(450);
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(l => l.TokenHash).IsUnique();
        b.HasIndex(l => l.ProgrammeId);
        b.HasIndex(l => l.CompanyId);
        b.HasIndex(l => l.ConsentId);
        b.HasIndex(l => l.OptionId);
        b.Ignore(l => l.NeedsConsent);
        b.HasOne<Domain.Options.CpOption>().WithMany().HasForeignKey(l => l.OptionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Programme>().WithMany().HasForeignKey(l => l.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Company>().WithMany().HasForeignKey(l => l.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<FinancingConsent>().WithMany().HasForeignKey(l => l.ConsentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ShareLinkAccessConfiguration : IEntityTypeConfiguration<ShareLinkAccess>
{
    public void Configure(EntityTypeBuilder<ShareLinkAccess> b)
    {
        b.ToTable("share_link_accesses");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.Outcome).HasConversion<string>().HasMaxLength(30);
        b.Property(a => a.IpAddress).HasMaxLength(64);
        b.Property(a => a.UserAgent).HasMaxLength(ShareLinkAccess.UserAgentMaxLength);
        b.HasIndex(a => new { a.ShareLinkId, a.At });
        b.HasOne<ShareLink>().WithMany().HasForeignKey(a => a.ShareLinkId).OnDelete(DeleteBehavior.Cascade);
    }
}
