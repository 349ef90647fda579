using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Infrastructure;

/// <summary>
/// The Data Protection key ring lives in PostgreSQL (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore), so every
/// instance of the app shares the keys and cookies stay valid behind a load balancer. The package's entity is mapped
/// onto the <c>data_protection_keys</c> table that the hand-made store used since the first migration: the same
/// columns (id, friendly_name, xml) holding the same values (the key's friendly name, and its XML element written
/// without formatting), so keys stored before keep working and no migration is needed.
/// </summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b)
    {
        b.ToTable("data_protection_keys");
        b.HasKey(k => k.Id);
        b.Property(k => k.FriendlyName).HasMaxLength(200).IsRequired();
        b.Property(k => k.Xml).IsRequired();
    }
}
