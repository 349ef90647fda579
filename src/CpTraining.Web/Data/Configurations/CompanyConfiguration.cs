using CpTraining.Domain.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Data.Configurations;

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> b)
    {
        b.ToTable("companies");
        b.HasKey(c => c.Id);
        b.Property(c => c.Id).ValueGeneratedNever();
        b.Property(c => c.Name).HasMaxLength(Company.NameMaxLength).IsRequired();
        b.Property(c => c.SectorCode).HasMaxLength(Company.SectorCodeMaxLength);
        b.Property(c => c.SectorName).HasMaxLength(Company.NameMaxLength);
        b.Property(c => c.City).HasMaxLength(Company.PlaceMaxLength).IsRequired();
        b.Property(c => c.Region).HasMaxLength(Company.PlaceMaxLength);
        b.Property(c => c.Country).HasMaxLength(Company.PlaceMaxLength).IsRequired();
        b.Property(c => c.Address).HasMaxLength(Company.AddressMaxLength);
        b.Property(c => c.ProductionDescription).HasMaxLength(Company.TextMaxLength);
        b.Property(c => c.EnvironmentalProblem).HasMaxLength(Company.TextMaxLength);
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(c => c.Name);
    }
}
