using CpTraining.Web.Infrastructure;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace CpTraining.Web.Tests.Email;

/// <summary>
/// With an SMTP server configured (Smtp:Host …), the outbox is delivered over SMTP by MailKit: subjects and bodies in
/// any language, the configured sender, a sign-in when a user name is set. The messages are written before the app
/// starts, so its first delivery round picks them up.
/// </summary>
public sealed class OutboxDeliveryTests(OutboxDeliveryTests.SmtpFactory factory) : IClassFixture<OutboxDeliveryTests.SmtpFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Outbox_messages_are_sent_over_smtp_and_marked_sent()
    {
        var ids = new List<Guid>();
        await using (var db = factory.NewDbContext())
        {
            var ukrainian = new OutboxMessage("olena.koval@example.org", "Домашнє завдання «Баланс» прийнято", "Вітаємо!\nЗавдання прийнято.", factory.Clock.GetUtcNow());
            var english = new OutboxMessage("anna@example.org", "Home task assigned", "Hello Anna,\nsee the task.", factory.Clock.GetUtcNow());
            db.OutboxMessages.AddRange(ukrainian, english);
            await db.SaveChangesAsync();
            ids.AddRange([ukrainian.Id, english.Id]);
        }

        _ = factory.Services; // starts the app, and with it the outbox sender

        var sent = await WaitUntilSentAsync(ids);
        Assert.All(sent, m => Assert.Equal((factory.Clock.GetUtcNow(), 1, (string?)null), (m.SentAt!.Value, m.Attempts, m.LastError)));

        var received = factory.Smtp.Messages.ToList();
        Assert.Equal(2, received.Count);
        var mail = MimeMessage.Load(new MemoryStream(Assert.Single(received, r => r.To.Contains("<olena.koval@example.org>")).Data));
        Assert.Equal("Домашнє завдання «Баланс» прийнято", mail.Subject);
        Assert.Equal("Вітаємо!\nЗавдання прийнято.", (mail.TextBody ?? string.Empty).ReplaceLineEndings("\n").TrimEnd('\n'));
        var sender = Assert.Single(mail.From.Mailboxes);
        Assert.Equal(("CpTraining", "cp@example.org"), (sender.Name, sender.Address));
        Assert.Equal("olena.koval@example.org", Assert.Single(mail.To.Mailboxes).Address);
        Assert.All(received, r => Assert.Equal("<cp@example.org>", r.From));

        // Signed in with the configured account.
        Assert.Contains("mailer:s3cret", factory.Smtp.Logins);
    }

    private async Task<List<OutboxMessage>> WaitUntilSentAsync(List<Guid> ids)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (true)
        {
            await using var db = factory.NewDbContext();
            var messages = await db.OutboxMessages.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync();
            if (messages.All(m => m.SentAt is not null) || DateTime.UtcNow > deadline)
            {
                Assert.All(messages, m => Assert.True(m.SentAt is not null, $"Not sent: {m.Subject} ({m.Attempts} attempts, {m.LastError})"));
                return messages;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>The app with Smtp:* pointing at a fake SMTP server on this machine.</summary>
    public sealed class SmtpFactory : CpTrainingFactory
    {
        public FakeSmtpServer Smtp { get; } = new();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Smtp.DisposeAsync();
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Smtp:Host", "127.0.0.1");
            builder.UseSetting("Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Smtp:Security", "None");
            builder.UseSetting("Smtp:UserName", "mailer");
            builder.UseSetting("Smtp:Password", "s3cret");
            builder.UseSetting("Smtp:From", "CpTraining <cp@example.org>");
        }
    }
}

/// <summary>Without Smtp:Host nothing is sent: messages wait on the administrators' Outbox page, as before.</summary>
public sealed class OutboxWithoutSmtpTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task Without_an_smtp_host_messages_stay_in_the_outbox()
    {
        OutboxMessage message;
        await using (var db = factory.NewDbContext())
        {
            message = new OutboxMessage("nobody@example.org", "Waiting", "Body", factory.Clock.GetUtcNow());
            db.OutboxMessages.Add(message);
            await db.SaveChangesAsync();
        }

        _ = factory.Services;
        await Task.Delay(TimeSpan.FromSeconds(1));

        await using (var db = factory.NewDbContext())
        {
            var stored = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == message.Id);
            Assert.Equal(((DateTimeOffset?)null, 0), (stored.SentAt, stored.Attempts));
        }

        Assert.Contains(factory.Logs.Events, e => e.MessageTemplate.Text.StartsWith("No SMTP server configured", StringComparison.Ordinal));
    }
}
