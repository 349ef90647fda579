using CpTraining.Domain.Certificates;
using CpTraining.Domain.Programmes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Data.Configurations;

internal sealed class CompletionRuleConfiguration : IEntityTypeConfiguration<CompletionRule>
{
    public void Configure(EntityTypeBuilder<CompletionRule> b)
    {
        // One row per programme, made when its coordinators first change the rule (until then the default applies).
        b.ToTable("completion_rules", t =>
        {
            t.HasCheckConstraint("ck_completion_rules_attendance", "minimum_attendance_percent BETWEEN 0 AND 100");
            t.HasCheckConstraint("ck_completion_rules_tasks", "minimum_accepted_tasks IS NULL OR minimum_accepted_tasks >= 0");
        });
        b.HasKey(r => r.ProgrammeId);
        b.Property(r => r.ProgrammeId).ValueGeneratedNever();
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasOne<Programme>().WithOne().HasForeignKey<CompletionRule>(r => r.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> b)
    {
        b.ToTable("certificates");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.UserId).HasMaxLength(450).IsRequired();
        b.Property(c => c.PersonName).HasMaxLength(Certificate.PersonNameMaxLength).IsRequired();
        b.Property(c => c.ProgrammeName).HasMaxLength(Programme.NameMaxLength).IsRequired();
        b.Property(c => c.Organisers).HasMaxLength(Programme.OrganisersMaxLength).IsRequired();
        b.Property(c => c.Language).HasMaxLength(10).IsRequired();
        b.Property(c => c.Code).HasMaxLength(VerificationCode.Length).IsFixedLength().IsRequired();
        b.Property(c => c.IssuedBy).HasMaxLength(450).IsRequired();
        b.Property(c => c.RevokedBy).HasMaxLength(450);
        b.Property(c => c.RevocationReason).HasMaxLength(Certificate.ReasonMaxLength);
        b.Ignore(c => c.IsRevoked);
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");

        // Never two certificates for one person and programme, however many times "issue" is pressed at once.
        b.HasIndex(c => new { c.ProgrammeId, c.UserId }).IsUnique();
        b.HasIndex(c => c.Code).IsUnique();
        b.HasIndex(c => c.UserId);
        b.HasOne<Programme>().WithMany().HasForeignKey(c => c.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
