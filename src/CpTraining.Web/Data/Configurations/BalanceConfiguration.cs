using System.Text.Json;
using CpTraining.Domain.Balances;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CpTraining.Web.Data.Configurations;

/// <summary>
/// Value objects of the balance worksheet (a quantity as typed with its unit, density and calorific value; a price per
/// unit; a frozen worksheet) are stored as jsonb: they are read and written whole and never queried inside, while
/// the normalised annual figures the pages sum and sort by are ordinary numeric columns.
/// </summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
        where T : class?
    {
        var converter = new ValueConverter<T, string>(
            v => JsonSerializer.Serialize(v, Options),
            v => JsonSerializer.Deserialize<T>(v, Options)!);
        var comparer = new ValueComparer<T>(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(StringComparison.Ordinal),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!);
        return property.HasConversion(converter, comparer).HasColumnType("jsonb");
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}

internal sealed class WorksheetConfiguration : IEntityTypeConfiguration<Worksheet>
{
    public void Configure(EntityTypeBuilder<Worksheet> b)
    {
        b.ToTable("worksheets");
        b.HasKey(w => w.Id);
        b.Property(w => w.Id).ValueGeneratedNever();
        b.Property(w => w.Name).HasMaxLength(Worksheet.NameMaxLength).IsRequired();
        b.Property(w => w.FocusProcess).HasMaxLength(Worksheet.NameMaxLength);
        b.Property(w => w.DataSourceNotes).HasMaxLength(Worksheet.NotesMaxLength);
        b.Property(w => w.Currency).HasMaxLength(3).IsRequired();
        b.Property(w => w.Period).HasConversion<string>().HasMaxLength(10);
        b.Property(w => w.ClosureTolerancePercent).HasPrecision(5, 2);
        b.Ignore(w => w.PeriodsPerYear);

        // Concurrent edits of one worksheet (two engineers, two tabs): the second save is refused, nothing is overwritten.
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(w => new { w.ProgrammeId, w.CompanyId });
        b.HasOne<Domain.Programmes.Programme>().WithMany().HasForeignKey(w => w.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Domain.Companies.Company>().WithMany().HasForeignKey(w => w.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Worksheet>().WithMany().HasForeignKey(w => w.CopiedFromId).OnDelete(DeleteBehavior.SetNull);
        b.HasMany(w => w.Steps).WithOne().HasForeignKey(s => s.WorksheetId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.Steps).HasField("_steps").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(w => w.Streams).WithOne().HasForeignKey(s => s.WorksheetId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.Streams).HasField("_streams").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(w => w.EnergyStreams).WithOne().HasForeignKey(s => s.WorksheetId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(w => w.EnergyStreams).HasField("_energyStreams").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class ProcessStepConfiguration : IEntityTypeConfiguration<ProcessStep>
{
    public void Configure(EntityTypeBuilder<ProcessStep> b)
    {
        b.ToTable("process_steps");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(ProcessStep.NameMaxLength).IsRequired();
        b.Property(s => s.Accumulation).HasJsonConversion();
        b.Property(s => s.AnnualAccumulationKilograms).HasPrecision(28, 6);
        b.HasIndex(s => new { s.WorksheetId, s.Position });
    }
}

internal sealed class MaterialStreamConfiguration : IEntityTypeConfiguration<MaterialStream>
{
    public void Configure(EntityTypeBuilder<MaterialStream> b)
    {
        b.ToTable("material_streams");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(MaterialStream.NameMaxLength).IsRequired();
        b.Property(s => s.Material).HasMaxLength(MaterialStream.MaterialMaxLength).IsRequired();
        b.Ignore(s => s.Direction);
        b.Property(s => s.Quantity).HasJsonConversion().IsRequired();
        b.Property(s => s.AnnualKilograms).HasPrecision(28, 6);
        b.Property(s => s.Obtained).HasConversion<string>().HasMaxLength(12);
        b.Property(s => s.Uncertainty).HasJsonConversion();
        b.Property(s => s.OutputClass).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.PurchasePrice).HasJsonConversion();
        b.Property(s => s.DisposalFee).HasJsonConversion();
        b.Property(s => s.HazardousSubstance).HasMaxLength(MaterialStream.SubstanceMaxLength);
        b.Property(s => s.HazardousKilogramsPerYear).HasPrecision(28, 6);
        b.HasIndex(s => s.WorksheetId);

        // A stream's steps belong to its worksheet (the domain checks it; the keys make it impossible to store otherwise).
        b.HasOne<ProcessStep>().WithMany().HasForeignKey(s => s.FromStepId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<ProcessStep>().WithMany().HasForeignKey(s => s.ToStepId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnergyStreamConfiguration : IEntityTypeConfiguration<EnergyStream>
{
    public void Configure(EntityTypeBuilder<EnergyStream> b)
    {
        b.ToTable("energy_streams");
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Name).HasMaxLength(EnergyStream.NameMaxLength);
        b.Property(s => s.Carrier).HasConversion<string>().HasMaxLength(20);
        b.Property(s => s.Quantity).HasJsonConversion().IsRequired();
        b.Property(s => s.AnnualMegajoules).HasPrecision(28, 6);
        b.Ignore(s => s.AnnualMegawattHours);
        b.Property(s => s.Obtained).HasConversion<string>().HasMaxLength(12);
        b.Property(s => s.Uncertainty).HasJsonConversion();
        b.Property(s => s.Price).HasJsonConversion();
        b.HasIndex(s => s.WorksheetId);
        b.HasOne<ProcessStep>().WithMany().HasForeignKey(s => s.StepId).OnDelete(DeleteBehavior.Restrict);
    }
}
