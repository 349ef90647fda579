using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Infrastructure;

/// <summary>What an in-app notification (and its e-mail) is about.</summary>
public enum NotificationKind
{
    TaskAssigned,
    TaskDueSoon,
    TaskOverdue,
    TaskReturned,
    TaskAccepted,
    TaskSubmitted,
}

/// <summary>
/// A message in a person's in-app notification list. The text is rendered in the reader's language from the kind
/// and the subject (a task title) and detail (a company name, a date), so it is stored without language.
/// </summary>
public sealed class Notification
{
    public const int SubjectMaxLength = 300;

    private Notification()
    {
        UserId = Subject = Link = string.Empty;
    }

    public Notification(string userId, NotificationKind kind, string subject, string? detail, string link, DateTimeOffset createdAt)
    {
        Id = Guid.NewGuid();
        UserId = userId;
        Kind = kind;
        Subject = subject.Length > SubjectMaxLength ? subject[..SubjectMaxLength] : subject;
        Detail = detail is { Length: > SubjectMaxLength } ? detail[..SubjectMaxLength] : detail;
        Link = link;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string UserId { get; private set; }

    public NotificationKind Kind { get; private set; }

    /// <summary>What it is about, e.g. the task's title.</summary>
    public string Subject { get; private set; }

    /// <summary>More about it, e.g. the company's name or the due date, already formatted invariantly.</summary>
    public string? Detail { get; private set; }

    /// <summary>App-relative URL of the page to open.</summary>
    public string Link { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ReadAt { get; private set; }

    public void MarkRead(DateTimeOffset at) => ReadAt ??= at;
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.ToTable("notifications");
        b.HasKey(n => n.Id);
        b.Property(n => n.Id).ValueGeneratedNever();
        b.Property(n => n.UserId).HasMaxLength(450).IsRequired();
        b.Property(n => n.Kind).HasConversion<string>().HasMaxLength(30);
        b.Property(n => n.Subject).HasMaxLength(Notification.SubjectMaxLength).IsRequired();
        b.Property(n => n.Detail).HasMaxLength(Notification.SubjectMaxLength);
        b.Property(n => n.Link).HasMaxLength(500).IsRequired();
        b.HasIndex(n => new { n.UserId, n.CreatedAt });
        b.HasIndex(n => n.UserId).HasFilter("read_at IS NULL").HasDatabaseName("ix_notifications_unread");
        b.HasOne<Identity.AppUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
