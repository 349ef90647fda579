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
        b.HasMany(p => p.Enrolments).WithOne().HasForeignKey(e => e.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(p => p.Enrolments).HasField("_enrolments").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasIndex(p => p.Country);
        b.Ignore(p => p.LogoFileIds);
        b.Property<Guid[]>("_logoFileIds").HasColumnName("logo_file_ids").IsRequired();
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
        b.HasMany(s => s.Attendance).WithOne().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Attendance).HasField("_attendance").UsePropertyAccessMode(PropertyAccessMode.Field);
        b.HasMany(s => s.Groups).WithOne().HasForeignKey(g => g.SessionId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(s => s.Groups).HasField("_groups").UsePropertyAccessMode(PropertyAccessMode.Field);
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
        b.HasIndex(m => new { m.ProgrammeId, m.CompanyId });
        b.HasOne<Domain.Companies.Company>().WithMany().HasForeignKey(m => m.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EnrolmentConfiguration : IEntityTypeConfiguration<Enrolment>
{
    public void Configure(EntityTypeBuilder<Enrolment> b)
    {
        b.ToTable("enrolments");
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).ValueGeneratedNever();
        b.Property(e => e.TrainerUserId).HasMaxLength(450);
        b.Ignore(e => e.IsActive);
        b.HasIndex(e => new { e.ProgrammeId, e.CompanyId }).IsUnique();
        b.HasIndex(e => e.CompanyId);
        b.HasIndex(e => e.TrainerUserId);
        b.HasOne<Domain.Companies.Company>().WithMany().HasForeignKey(e => e.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(e => e.TrainerUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AttendanceMarkConfiguration : IEntityTypeConfiguration<AttendanceMark>
{
    public void Configure(EntityTypeBuilder<AttendanceMark> b)
    {
        b.ToTable("attendance_marks");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.UserId).HasMaxLength(450).IsRequired();
        b.Property(a => a.RecordedBy).HasMaxLength(450).IsRequired();
        b.Property(a => a.Status).HasConversion<string>().HasMaxLength(10);
        b.HasIndex(a => new { a.SessionId, a.UserId, a.Day }).IsUnique();
        b.HasIndex(a => a.UserId);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(a => a.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class WorkingGroupConfiguration : IEntityTypeConfiguration<WorkingGroup>
{
    public void Configure(EntityTypeBuilder<WorkingGroup> b)
    {
        b.ToTable("working_groups");
        b.HasKey(g => g.Id);
        b.Property(g => g.Id).ValueGeneratedNever();
        b.Property(g => g.Name).HasMaxLength(WorkingGroup.NameMaxLength).IsRequired();
        b.HasIndex(g => g.SessionId);
        b.HasMany(g => g.Members).WithOne().HasForeignKey(m => m.GroupId).OnDelete(DeleteBehavior.Cascade);
        b.Navigation(g => g.Members).HasField("_members").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class WorkingGroupMemberConfiguration : IEntityTypeConfiguration<WorkingGroupMember>
{
    public void Configure(EntityTypeBuilder<WorkingGroupMember> b)
    {
        b.ToTable("working_group_members");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.UserId).HasMaxLength(450).IsRequired();
        b.HasIndex(m => new { m.GroupId, m.UserId }).IsUnique();
        b.HasIndex(m => m.UserId);
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
