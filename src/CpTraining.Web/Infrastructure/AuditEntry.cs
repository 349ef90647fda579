using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Infrastructure;

/// <summary>
/// One change to enrolments, teams or roles: who, when, what, and the values before and after. Written in
/// the same SaveChanges as the change; never updated or deleted.
/// </summary>
public sealed class AuditEntry
{
    private AuditEntry()
    {
        ActorUserId = Action = Subject = string.Empty;
    }

    public AuditEntry(DateTimeOffset at, string actorUserId, Guid? programmeId, string action, string subject, string? before, string? after)
    {
        Id = Guid.NewGuid();
        At = at;
        ActorUserId = actorUserId;
        ProgrammeId = programmeId;
        Action = action;
        Subject = subject;
        Before = before;
        After = after;
    }

    public Guid Id { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string ActorUserId { get; private set; }

    public Guid? ProgrammeId { get; private set; }

    /// <summary>What was done, e.g. "company.enrolled", "member.added", "role.removed".</summary>
    public string Action { get; private set; }

    /// <summary>What it was done to, readable (company name, person's e-mail).</summary>
    public string Subject { get; private set; }

    public string? Before { get; private set; }

    public string? After { get; private set; }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_entries");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).ValueGeneratedNever();
        b.Property(a => a.ActorUserId).HasMaxLength(450).IsRequired();
        b.Property(a => a.Action).HasMaxLength(100).IsRequired();
        b.Property(a => a.Subject).HasMaxLength(400).IsRequired();
        b.HasIndex(a => new { a.ProgrammeId, a.At });
    }
}

internal static class Audit
{
    /// <summary>Adds an audit entry to the unit of work; it is saved with the change it describes.</summary>
    public static void Record(this AppDbContext db, TimeProvider time, string actorUserId, Guid? programmeId, string action, string subject, string? before = null, string? after = null) =>
        db.AuditEntries.Add(new AuditEntry(time.GetUtcNow(), actorUserId, programmeId, action, subject, before, after));
}
