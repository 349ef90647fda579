using CpTraining.Domain.Programmes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Data.Configurations;

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> b)
    {
        b.ToTable("programmes");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).ValueGeneratedNever();
        b.Property(p => p.Name).HasMaxLength(Programme.NameMaxLength).IsRequired();
        b.Property(p => p.Organisers).HasMaxLength(Programme.OrganisersMaxLength).IsRequired();
        b.Property(p => p.City).HasMaxLength(Programme.PlaceMaxLength).IsRequired();
        b.Property(p => p.Region).HasMaxLength(Programme.PlaceMaxLength);
        b.Property(p => p.Country).HasMaxLength(Programme.PlaceMaxLength).IsRequired();
        b.Property(p => p.Language).HasMaxLength(10).IsRequired();
        b.Property(p => p.Description).HasMaxLength(Programme.DescriptionMaxLength);
        b.Property(p => p.TimeZoneId).HasMaxLength(64).IsRequired();
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasMany(p => p.Sessions).WithOne().HasForeignKey(s => s.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Sessions).HasField("_sessions").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(p => p.Members).WithOne().HasForeignKey(m => m.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(p => p.Country);
    }
}

internal sealed class PlenarySessionConfiguration : IEntityTypeConfiguration<PlenarySession>
{
    public void Configure(EntityTypeBuilder<PlenarySession> b)
    {
        b.ToTable("sessions", t =>
        {
            t.HasCheckConstraint("ck_sessions_days", "days BETWEEN 1 AND 5");
            t.HasCheckConstraint("ck_sessions_number", "number >= 1");
        });
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.Property(s => s.Venue).HasMaxLength(PlenarySession.VenueMaxLength);
        b.Ignore(s => s.EndDate);

        // Optimistic concurrency: PostgreSQL's system column xmin changes on every update of the row.
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(s => new { s.ProgrammeId, s.Number }).IsUnique();
        b.HasMany(s => s.Agenda).WithOne().HasForeignKey(i => i.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Agenda).HasField("_agenda").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AgendaItemConfiguration : IEntityTypeConfiguration<AgendaItem>
{
    public void Configure(EntityTypeBuilder<AgendaItem> b)
    {
        b.ToTable("agenda_items");
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).ValueGeneratedNever();
        b.Property(i => i.Topic).HasMaxLength(AgendaItem.TopicMaxLength).IsRequired();
        b.Property(i => i.Presenter).HasMaxLength(AgendaItem.PresenterMaxLength);
        b.Property<uint>("Version").IsRowVersion().HasColumnName("xmin").HasColumnType("xid");
        b.HasIndex(i => new { i.SessionId, i.Day, i.Position });
    }
}

internal sealed class ProgrammeMemberConfiguration : IEntityTypeConfiguration<ProgrammeMember>
{
    public void Configure(EntityTypeBuilder<ProgrammeMember> b)
    {
        b.ToTable("programme_members");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.UserId).HasMaxLength(450).IsRequired();
        b.Property(m => m.Role).HasConversion<string>().HasMaxLength(20);
        b.HasIndex(m => new { m.ProgrammeId, m.UserId, m.Role }).IsUnique();
        b.HasIndex(m => m.UserId);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
