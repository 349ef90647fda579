using CpTraining.Domain.Companies;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Data;

public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Programme> Programmes => Set<Programme>();

    public DbSet<PlenarySession> Sessions => Set<PlenarySession>();

    public DbSet<AgendaItem> AgendaItems => Set<AgendaItem>();

    public DbSet<ProgrammeMember> ProgrammeMembers => Set<ProgrammeMember>();

    public DbSet<Company> Companies => Set<Company>();

    public DbSet<Enrolment> Enrolments => Set<Enrolment>();

    public DbSet<AttendanceMark> AttendanceMarks => Set<AttendanceMark>();

    public DbSet<WorkingGroup> WorkingGroups => Set<WorkingGroup>();

    public DbSet<TaskTemplate> TaskTemplates => Set<TaskTemplate>();

    public DbSet<HomeTask> HomeTasks => Set<HomeTask>();

    public DbSet<Submission> Submissions => Set<Submission>();

    public DbSet<SubmissionVersion> SubmissionVersions => Set<SubmissionVersion>();

    public DbSet<Review> Reviews => Set<Review>();

    public DbSet<Presentation> Presentations => Set<Presentation>();

    public DbSet<Domain.Balances.Worksheet> Worksheets => Set<Domain.Balances.Worksheet>();

    public DbSet<StoredEmissionFactor> EmissionFactors => Set<StoredEmissionFactor>();

    public DbSet<StreamComment> StreamComments => Set<StreamComment>();

    public DbSet<Domain.Options.CpOption> CpOptions => Set<Domain.Options.CpOption>();

    public DbSet<StoredFile> StoredFiles => Set<StoredFile>();

    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    public DbSet<Domain.Certificates.CompletionRule> CompletionRules => Set<Domain.Certificates.CompletionRule>();

    public DbSet<Domain.Certificates.Certificate> Certificates => Set<Domain.Certificates.Certificate>();

    public DbSet<Domain.Reports.PublishedReport> PublishedReports => Set<Domain.Reports.PublishedReport>();

    public DbSet<Domain.Reports.FinancingConsent> FinancingConsents => Set<Domain.Reports.FinancingConsent>();

    public DbSet<Domain.Reports.ShareLink> ShareLinks => Set<Domain.Reports.ShareLink>();

    public DbSet<Domain.Reports.ShareLinkAccess> ShareLinkAccesses => Set<Domain.Reports.ShareLinkAccess>();

    public DbSet<Domain.Checks.FindingReview> FindingReviews => Set<Domain.Checks.FindingReview>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    /// <summary>The Data Protection key ring (see Infrastructure/DataProtectionKeys).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
        IdentityTableNames.Apply(builder);
    }
}
