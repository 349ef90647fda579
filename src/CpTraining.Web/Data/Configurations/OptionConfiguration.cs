using CpTraining.Domain.Options;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Data.Configurations;

/// <summary>
/// Cleaner Production options. The evaluations (technical criteria, economic inputs, entered reductions, achieved
/// results) and the stream links are value objects read and written whole, so they are jsonb; what lists filter and
/// sort by (company, category, kind, status) are ordinary columns.
/// </summary>
internal sealed class OptionConfiguration : IEntityTypeConfiguration<CpOption>
{
    public void Configure(EntityTypeBuilder<CpOption> b)
    {
        b.ToTable("cp_options");
        b.HasKey(o => o.Id);
        b.Property(o => o.Id).ValueGeneratedNever();
        b.Property(o => o.Title).HasMaxLength(CpOption.TitleMaxLength).IsRequired();
        b.Property(o => o.Description).HasMaxLength(CpOption.DescriptionMaxLength);
        b.Property(o => o.ProblemsAddressed).HasMaxLength(CpOption.ProblemsMaxLength);
        b.Property(o => o.Risks).HasMaxLength(CpOption.RisksMaxLength);
        b.Property(o => o.Category).HasConversion<string>().HasMaxLength(30);
        b.Property(o => o.Kind).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.Status).HasConversion<string>().HasMaxLength(20);
        b.Property(o => o.RejectionReason).HasMaxLength(CpOption.ReasonMaxLength);
        b.Property(o => o.NextStep).HasMaxLength(CpOption.PlanMaxLength);
        b.Property(o => o.Responsible).HasMaxLength(CpOption.ResponsibleMaxLength);
        b.Property(o => o.VerifiedBy).HasMaxLength(450);
        b.Ignore(o => o.Links);
        b.Property<List<StreamLink>>("_links").HasColumnName("links").HasJsonConversion().IsRequired();
        b.Property(o => o.Technical).HasJsonConversion().IsRequired();
        b.Property(o => o.Economics).HasJsonConversion();
        b.Property(o => o.EnteredReductions).HasJsonConversion().IsRequired();
        b.Property(o => o.Achieved).HasJsonConversion();
        b.Ignore(o => o.EvidenceFileIds);
        b.Property<Guid[]>("_evidenceFileIds").HasColumnName("evidence_file_ids").IsRequired();
        b.Ignore(o => o.Group);
        b.Ignore(o => o.HasEconomics);

        // Two people editing one option: the second save is refused, nothing is overwritten.
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(o => new { o.ProgrammeId, o.CompanyId, o.Number }).IsUnique();
        b.HasOne<Domain.Programmes.Programme>().WithMany().HasForeignKey(o => o.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Companies.Company>().WithMany().HasForeignKey(o => o.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}
