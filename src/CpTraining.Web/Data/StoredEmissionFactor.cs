using CpTraining.Domain.Balances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Data;

/// <summary>
/// An emission factor an administrator or coordinator has set for a country (by the name used for programmes and
/// companies, e.g. "Ukraine") or for all countries (null), overriding the built-in defaults
/// (<see cref="EmissionFactorTable.Defaults"/>). Each keeps its source, so every CO₂ figure can be traced.
/// </summary>
public sealed class StoredEmissionFactor
{
    public const int SourceMaxLength = 500;

    private StoredEmissionFactor()
    {
        Source = UpdatedBy = string.Empty;
    }

    public StoredEmissionFactor(string? country, EnergyCarrier carrier, decimal tonnesCo2, Unit perUnit, string source, string updatedBy, DateTimeOffset updatedAt)
        : this()
    {
        Id = Guid.NewGuid();
        Country = country;
        Carrier = carrier;
        Change(tonnesCo2, perUnit, source, updatedBy, updatedAt);
    }

    public Guid Id { get; private set; }

    public string? Country { get; private set; }

    public EnergyCarrier Carrier { get; private set; }

    /// <summary>t CO₂ per <see cref="PerUnit"/>.</summary>
    public decimal TonnesCo2 { get; private set; }

    public Unit PerUnit { get; private set; }

    public string Source { get; private set; }

    public string UpdatedBy { get; private set; }

    public DateTimeOffset UpdatedAt { get; private set; }

    public void Change(decimal tonnesCo2, Unit perUnit, string source, string updatedBy, DateTimeOffset updatedAt)
    {
        // The domain record validates (non-negative, per unit of energy, source required).
        _ = new EmissionFactorTable([new EmissionFactor(Country, Carrier, tonnesCo2, perUnit, source)]);
        (TonnesCo2, PerUnit, Source, UpdatedBy, UpdatedAt) = (tonnesCo2, perUnit, source, updatedBy, updatedAt);
    }

    public EmissionFactor ToFactor() => new(Country, Carrier, TonnesCo2, PerUnit, Source);
}

internal sealed class StoredEmissionFactorConfiguration : IEntityTypeConfiguration<StoredEmissionFactor>
{
    public void Configure(EntityTypeBuilder<StoredEmissionFactor> b)
    {
        b.ToTable("emission_factors");
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.Country).HasMaxLength(100);
        b.Property(f => f.Carrier).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.TonnesCo2).HasPrecision(18, 6);
        b.Property(f => f.PerUnit).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.Source).HasMaxLength(StoredEmissionFactor.SourceMaxLength).IsRequired();
        b.Property(f => f.UpdatedBy).HasMaxLength(450).IsRequired();
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(f => new { f.Country, f.Carrier }).IsUnique().AreNullsDistinct(false);
    }
}
