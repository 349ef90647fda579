using CpTraining.Web.Data;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CpTraining.Web.Background;

/// <summary>The "Smtp" configuration section: where the outbox is delivered.</summary>
public sealed class SmtpOptions
{
    /// <summary>SMTP server; when empty, messages stay in the outbox (visible to administrators).</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 25;

    /// <summary>
    /// TLS: <c>None</c>, <c>StartTls</c> (upgrade the connection, required), <c>StartTlsWhenAvailable</c>,
    /// <c>SslOnConnect</c> (TLS from the start, usually port 465) or <c>Auto</c> (SslOnConnect on 465, else
    /// StartTlsWhenAvailable). When not set, <see cref="EnableSsl"/> decides: StartTls when true, None when false.
    /// </summary>
    public SecureSocketOptions? Security { get; set; }

    /// <summary>Older switch, kept so existing settings mean what they meant: true = StartTls.</summary>
    public bool EnableSsl { get; set; }

    /// <summary>Signs in to the server when set.</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Sender address, optionally with a name: <c>CpTraining &lt;cp@example.org&gt;</c>.</summary>
    public string From { get; set; } = "cptraining@localhost";

    public SecureSocketOptions EffectiveSecurity => Security ?? (EnableSsl ? SecureSocketOptions.StartTls : SecureSocketOptions.None);
}

/// <summary>
/// Delivers outbox messages over SMTP (MailKit) when SMTP is configured. Rows are claimed with FOR UPDATE SKIP LOCKED,
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

        // A server that cannot be reached or refuses the sign-in fails the whole batch (rolled back, tried again at the
        // next tick): that is no fault of the messages, so it does not count as an attempt.
        var smtp = options.Value;
        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host!, smtp.Port, smtp.EffectiveSecurity, ct); // not empty: checked at start
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? string.Empty, ct);
        }

        var from = MailboxAddress.Parse(smtp.From);
        foreach (var message in batch)
        {
            try
            {
                using var mail = new MimeMessage([from], [MailboxAddress.Parse(message.To)], message.Subject, new TextPart("plain") { Text = message.Body });
                await client.SendAsync(mail, ct);
                message.MarkSent(time.GetUtcNow());
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A refused recipient or message counts against that message; after MaxAttempts it is left alone.
                message.MarkFailed(ex.Message);
                LogSendFailed(logger, message.Id, ex.Message);
                if (!client.IsConnected)
                {
                    break; // the connection is gone: the rest of the batch waits for the next tick
                }
            }
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (client.IsConnected)
        {
            await client.DisconnectAsync(quit: true, ct);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "No SMTP server configured (Smtp:Host); e-mails stay in the outbox page for administrators")]
    private static partial void LogNoSmtp(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbox batch failed")]
    private static partial void LogBatchFailed(ILogger logger, Exception ex);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send outbox message {MessageId}: {Error}")]
    private static partial void LogSendFailed(ILogger logger, Guid messageId, string error);
}
