using System.Net.Mail;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Infrastructure;

public sealed class SmtpOptions
{
    /// <summary>SMTP server; when empty, messages stay in the outbox (visible to administrators).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    public bool EnableSsl { get; set; }

    public string? UserName { get; set; }

    public string? Password { get; set; }

    public string From { get; set; } = "cptraining@localhost";
}

/// <summary>
/// Delivers outbox messages over SMTP when SMTP is configured. Rows are claimed with FOR UPDATE SKIP LOCKED,
/// so several instances of the app can run side by side without sending a message twice.
/// </summary>
internal sealed partial class OutboxSender(
    IServiceScopeFactory scopes,
    Microsoft.Extensions.Options.IOptions<SmtpOptions> options,
    TimeProvider time,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private const int MaxAttempts = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Host))
        {
            LogNoSmtp(logger);
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10), time);
        do
        {
            try
            {
                await SendBatchAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogBatchFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task SendBatchAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Database.CreateExecutionStrategy().ExecuteAsync(() => SendBatchAsync(db, ct));
    }

    private async Task SendBatchAsync(AppDbContext db, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var batch = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND attempts < {MaxAttempts} ORDER BY created_at LIMIT 20 FOR UPDATE SKIP LOCKED")
            .ToListAsync(ct);
        if (batch.Count == 0)
        {
            return;
        }

        var smtp = options.Value;
        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new System.Net.NetworkCredential(smtp.UserName, smtp.Password);
        }

        foreach (var message in batch)
        {
            try
            {
                using var mail = new MailMessage(smtp.From, message.To, message.Subject, message.Body);
                await client.SendMailAsync(mail, ct);
                message.MarkSent(time.GetUtcNow());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.MarkFailed(ex.Message);
                LogSendFailed(logger, message.Id, ex.Message);
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP server configured (Smtp:Host); e-mails stay in the outbox page for administrators")]
    private static partial void LogNoSmtp(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox batch failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send outbox message {MessageId}: {Error}")]
    private static partial void LogSendFailed(ILogger logger, Guid messageId, string error);
}
