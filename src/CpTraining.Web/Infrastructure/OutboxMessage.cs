using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Infrastructure;

/// <summary>
/// An e-mail waiting to be sent. Written in the same transaction as the change that causes it, so a
/// message is never sent for a change that was rolled back, nor lost for one that was committed.
/// </summary>
public sealed class OutboxMessage
{
    private OutboxMessage()
    {
        To = Subject = Body = string.Empty;
    }

    public OutboxMessage(string to, string subject, string body, DateTimeOffset createdAt)
    {
        Id = Guid.NewGuid();
        To = to;
        Subject = subject;
        Body = body;
        CreatedAt = createdAt;
    }

    public Guid Id { get; private set; }

    public string To { get; private set; }

    public string Subject { get; private set; }

    /// <summary>Plain text.</summary>
    public string Body { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public void MarkSent(DateTimeOffset at)
    {
        SentAt = at;
        Attempts++;
        LastError = null;
    }

    public void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("outbox_messages");
        b.HasKey(m => m.Id);
        b.Property(m => m.Id).ValueGeneratedNever();
        b.Property(m => m.To).HasMaxLength(320).IsRequired();
        b.Property(m => m.Subject).HasMaxLength(300).IsRequired();
        b.Property(m => m.Body).IsRequired();
        b.Property(m => m.LastError).HasMaxLength(2000);
        b.HasIndex(m => m.CreatedAt).HasFilter("sent_at IS NULL");
    }
}
