using CpTraining.Domain.Checks;
using CpTraining.Domain.Companies;
using CpTraining.Domain.Programmes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Data.Configurations;

internal sealed class FindingReviewConfiguration : IEntityTypeConfiguration<FindingReview>
{
    public void Configure(EntityTypeBuilder<FindingReview> b)
    {
        b.ToTable("finding_reviews");
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).ValueGeneratedNever();
        b.Property(r => r.SubjectKey).HasMaxLength(FindingReview.SubjectMaxLength).IsRequired();
        b.Property(r => r.Rule).HasMaxLength(FindingReview.RuleMaxLength).IsRequired();
        b.Property(r => r.Comment).HasMaxLength(FindingReview.CommentMaxLength).IsRequired();
        b.Property(r => r.ReviewedBy).HasMaxLength(450).IsRequired();
        b.Property(r => r.ReviewedByName).HasMaxLength(FindingReview.NameMaxLength).IsRequired();
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(r => new { r.ProgrammeId, r.CompanyId, r.SubjectKey, r.Rule }).IsUnique();
        b.HasOne<Programme>().WithMany().HasForeignKey(r => r.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Company>().WithMany().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
