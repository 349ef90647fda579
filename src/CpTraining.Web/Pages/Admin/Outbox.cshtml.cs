using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Admin;

/// <summary>E-mails in the outbox: sent ones and, without an SMTP server, the ones waiting (so the demo works with no mail server).</summary>
[Authorize(Policy = Policies.Administration)]
public sealed class OutboxModel(AppDbContext db) : PageModel
{
    public IReadOnlyList<Row> Messages { get; private set; } = [];

    public async Task OnGetAsync() =>
        Messages = await db.OutboxMessages.AsNoTracking()
            .OrderByDescending(m => m.CreatedAt)
            .Take(200)
            .Select(m => new Row(m.CreatedAt, m.To, m.Subject, m.Body, m.SentAt, m.Attempts, m.LastError))
            .ToListAsync();

    public sealed record Row(DateTimeOffset CreatedAt, string To, string Subject, string Body, DateTimeOffset? SentAt, int Attempts, string? LastError);
}
