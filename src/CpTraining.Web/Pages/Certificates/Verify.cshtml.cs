using CpTraining.Domain.Certificates;
using CpTraining.Web.Data;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Certificates;

/// <summary>
/// Public verification of a certificate code, without signing in. A valid code shows only the person's name as
/// issued, the programme and the completion date — nothing about their company or account; a revoked one says so;
/// anything else gets the same "no certificate with this code" (the same single lookup runs whatever was typed, and
/// nothing hints at near matches). Codes are read in any case, with or without spaces and dashes. Every check is
/// logged with its outcome.
/// </summary>
[AllowAnonymous]
public sealed partial class VerifyModel(AppDbContext db, ILogger<VerifyModel> logger) : PageModel
{
    public enum Outcome
    {
        Valid,
        Revoked,
        Unknown,
    }

    /// <summary>What was typed (shown back in the form).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public Outcome? Result { get; private set; }

    public string? PersonName { get; private set; }

    public string? ProgrammeName { get; private set; }

    public DateOnly? CompletionDate { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return Page();
        }

        // A malformed code still runs the one lookup (with a value no code can have), so every answer takes the same path.
        var normalised = VerificationCode.Normalise(Code);
        var lookup = normalised ?? "-";
        var found = await db.Certificates.AsNoTracking()
            .Where(c => c.Code == lookup)
            .Select(c => new { c.PersonName, c.ProgrammeName, c.CompletionDate, c.RevokedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            Result = Outcome.Unknown;
        }
        else if (found.RevokedAt is not null)
        {
            Result = Outcome.Revoked;
        }
        else
        {
            Result = Outcome.Valid;
            (PersonName, ProgrammeName, CompletionDate) = (found.PersonName, found.ProgrammeName, found.CompletionDate);
        }

        LogVerification(logger, Result.Value, normalised ?? "(malformed)", HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return Page();
    }

    [LoggerMessage(EventId = 7601, Level = LogLevel.Information, Message = "Certificate verification: {Outcome} for code {Code} from {RemoteIp}")]
    private static partial void LogVerification(ILogger logger, Outcome outcome, string code, string remoteIp);
}
