using System.Globalization;
using System.Security.Claims;
using CpTraining.Domain;
using CpTraining.Domain.Certificates;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Domain.Reports;
using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Events;

/// <summary>
/// The programme's audit log of memberships, enrolments, home-task work, published reports, share links, financing
/// consent and revoked certificates: one entry per event, by the signed-in person whose request raised it. Entries that describe an edit in the editor's own words (what changed in a
/// worksheet or an option) are written by the page that knows the form, with <see cref="Audit.Record"/>.
/// </summary>
public sealed class AuditTrail(AppDbContext db, TimeProvider time, IHttpContextAccessor http) : IEventHandler
{
    public async Task HandleAsync(IDomainEvent domainEvent, CancellationToken ct)
    {
        switch (domainEvent)
        {
            case MemberAdded { CompanyId: { } companyId } e:
                Write(e.ProgrammeId, "member.added", await EmailAsync(e.UserId, ct), null, $"{e.Role} of {await CompanyAsync(companyId, ct)}");
                break;
            case MemberAdded { Role: ProgrammeRole.AdvisorInTraining } e:
                Write(e.ProgrammeId, "advisor.added", await EmailAsync(e.UserId, ct), null, "CP advisor in training");
                break;
            case MemberRemoved { CompanyId: { } companyId } e:
                Write(e.ProgrammeId, "member.removed", await EmailAsync(e.UserId, ct), $"{e.Role} of {await CompanyAsync(companyId, ct)}", null);
                break;
            case MemberRemoved { Role: ProgrammeRole.AdvisorInTraining } e:
                Write(e.ProgrammeId, "advisor.removed", await EmailAsync(e.UserId, ct), "CP advisor in training", null);
                break;
            case CompanyEnrolled e:
                Write(e.ProgrammeId, "company.enrolled", await CompanyAsync(e.CompanyId, ct), e.Returned ? "archived" : null, e.IsPilot ? "enrolled, pilot company" : "enrolled");
                break;
            case PilotChanged e:
                Write(e.ProgrammeId, "company.pilot", await CompanyAsync(e.CompanyId, ct), Pilot(!e.IsPilot), Pilot(e.IsPilot));
                break;
            case TrainerAssigned e:
                var people = await DescribeAsync([e.PreviousUserId, e.TrainerUserId], ct);
                Write(e.ProgrammeId, "company.trainer", await CompanyAsync(e.CompanyId, ct), Person(people, e.PreviousUserId), Person(people, e.TrainerUserId));
                break;
            case CompanyArchived e:
                Write(e.ProgrammeId, "company.archived", await CompanyAsync(e.CompanyId, ct), "active", "archived");
                break;
            case CompanyRemoved e:
                Write(e.ProgrammeId, "company.removed", await CompanyAsync(e.CompanyId, ct), "enrolled", null);
                break;
            case DraftSaved e:
                Write(e.ProgrammeId, "task.draft-saved", (await WorkName.LoadAsync(db, e.SubmissionId, ct)).Subject, null, $"{e.FileCount} file(s)");
                break;
            case WorkSubmitted e:
                Write(e.ProgrammeId, "task.submitted", (await WorkName.LoadAsync(db, e.SubmissionId, ct)).Subject, null, $"version {e.VersionNumber}, {e.FileCount} file(s)");
                break;
            case WorkReviewed e:
                Write(
                    e.ProgrammeId,
                    e.Decision == ReviewDecision.Returned ? "task.returned" : "task.accepted",
                    (await WorkName.LoadAsync(db, e.SubmissionId, ct)).Subject,
                    nameof(SubmissionStatus.Submitted),
                    $"{e.Status} (version {e.VersionNumber})");
                break;
            case StreamCommented e:
                Write(e.ProgrammeId, "task.stream-commented", (await WorkName.LoadAsync(db, e.SubmissionId, ct)).Subject, null, $"version {e.VersionNumber}, stream {e.StreamId}");
                break;
            case ReportPublished e:
                Write(
                    e.ProgrammeId,
                    e.CompanyId is null ? "programme-report.published" : "company-report.published",
                    e.CompanyId is { } company ? await CompanyAsync(company, ct) : await ProgrammeAsync(e.ProgrammeId, ct),
                    e.Version > 1 ? Number(e.Version - 1) : null,
                    Number(e.Version));
                break;
            case ShareLinkCreated e:
                Write(e.ProgrammeId, "share-link.created", e.Recipient, null, $"{e.Scope} {e.CompanyId} until {e.ExpiresAt:O}");
                break;
            case ShareLinkRevoked e:
                Write(e.ProgrammeId, "share-link.revoked", e.Recipient, null, null);
                break;
            case FinancingConsentGiven e:
                Write(e.ProgrammeId, "financing-consent.given", await CompanyAsync(e.CompanyId, ct), null, null);
                break;
            case FinancingConsentWithdrawn e:
                Write(e.ProgrammeId, "financing-consent.withdrawn", await CompanyAsync(e.CompanyId, ct), null, null);
                break;
            case CertificateRevoked e:
                Write(e.ProgrammeId, "certificate.revoked", e.PersonName, VerificationCode.Format(e.Code), e.Reason);
                break;
            case ExtensionGranted e:
                Write(e.ProgrammeId, "task.extended", (await WorkName.LoadAsync(db, e.SubmissionId, ct)).Subject, e.Before is { } b ? Iso(b) : null, $"{Iso(e.Until)}: {e.Reason}");
                break;
        }
    }

    private static string Pilot(bool isPilot) => isPilot ? "pilot company" : "not a pilot";

    private static string Person(Dictionary<string, string> people, string? userId) =>
        userId is null ? "(none)" : people.GetValueOrDefault(userId, userId);

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private void Write(Guid programmeId, string action, string subject, string? before, string? after)
    {
        var actor = http.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "system";
        db.Record(time, actor, programmeId, action, subject.Length <= 400 ? subject : subject[..399] + "…", before, after);
    }

    private async Task<string> EmailAsync(string userId, CancellationToken ct) =>
        await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleOrDefaultAsync(ct) ?? userId;

    private async Task<string> ProgrammeAsync(Guid programmeId, CancellationToken ct) =>
        await db.Programmes.Where(p => p.Id == programmeId).Select(p => p.Name).SingleOrDefaultAsync(ct) ?? programmeId.ToString();

    private async Task<string> CompanyAsync(Guid companyId, CancellationToken ct) =>
        db.Companies.Local.FirstOrDefault(c => c.Id == companyId)?.Name
        ?? await db.Companies.Where(c => c.Id == companyId).Select(c => c.Name).SingleOrDefaultAsync(ct)
        ?? companyId.ToString();

    /// <summary>"Name &lt;e-mail&gt;" of accounts.</summary>
    private async Task<Dictionary<string, string>> DescribeAsync(IEnumerable<string?> userIds, CancellationToken ct)
    {
        var ids = userIds.OfType<string>().Distinct().ToList();
        return await db.Users.AsNoTracking()
            .Where(u => ids.Contains(u.Id))
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName + " <" + u.Email + ">", ct);
    }
}
