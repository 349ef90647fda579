using System.Linq.Expressions;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;

namespace CpTraining.Web.Identity;

// Who may do what: the one place. Every page asks Standing.Can(operation, resource); every list filters with the
// Standing's query filters below, built from the same facts, so a list and a detail page never disagree. The README's
// access table is checked against these rules by AccessTableTests.

/// <summary>The things a person may be allowed to do, by the kind of thing they are done to.</summary>
public enum Operation
{
    // ---- The account (no resource) ----

    /// <summary>Administrators: every programme and company, accounts of any role, the outbox, corrections of held sessions.</summary>
    Administer,

    /// <summary>Administrators and coordinators (account role): new programmes, the company register, accounts, emission factors.</summary>
    CreateProgrammes,

    /// <summary>Administrators, coordinators and trainers (account role): the review queue in the menu.</summary>
    UseReviewQueue,

    // ---- A programme (ProgrammeResource) ----

    /// <summary>Its members: administrators, its coordinators and trainers, advisors in training, the people of its active companies.</summary>
    SeeProgramme,

    /// <summary>Administrators and its coordinators: details, schedule, agendas, enrolment, home tasks, groups, certificates.</summary>
    ManageProgramme,

    /// <summary>Those who see every company of it: administrators, its coordinators, its trainers (attendance, overviews, the programme report).</summary>
    SeeAllCompanies,

    /// <summary>Administrators and its coordinators: publish report versions.</summary>
    PublishReports,

    /// <summary>Administrators and its coordinators: share links for investors.</summary>
    ShareReports,

    // ---- A company in a programme (CompanyResource) ----

    /// <summary>Administrators, the programme's coordinators and trainers, the company's engineers and managers while it is active.</summary>
    SeeCompany,

    /// <summary>Whoever manages the company, and its engineers while it is active: worksheets, options, achieved results.</summary>
    WorkOnCompany,

    /// <summary>Administrators, the programme's coordinators, the company's assigned trainer while it is active: team, verification, attendance.</summary>
    ManageCompany,

    /// <summary>The company's managers while it is active: consent to sharing its financing needs.</summary>
    ConsentToSharing,

    /// <summary>Administrators, the programme's coordinators, the company's assigned trainer while it is active: mark a data-quality warning as reviewed.</summary>
    ReviewFindings,

    // ---- A piece of home-task work (WorkResource) ----

    /// <summary>Administrators, the programme's coordinators and trainers, the company's team (or the one person it was given to).</summary>
    SeeWork,

    /// <summary>The company's engineers while it is active (or the one person it was given to).</summary>
    DoWork,

    /// <summary>Administrators, the programme's coordinators, the company's assigned trainer (any trainer of the programme for work without a company).</summary>
    ReviewWork,
}

/// <summary>What an operation is done to.</summary>
public abstract record Resource;

/// <summary>A programme.</summary>
public sealed record ProgrammeResource(Guid ProgrammeId) : Resource;

/// <summary>A company enrolled in a programme.</summary>
public sealed record CompanyResource(Guid ProgrammeId, Guid CompanyId) : Resource;

/// <summary>
/// A piece of home-task work: a company's (<paramref name="PersonId"/> null) or one person's; <paramref name="IsActive"/> is
/// false when its company's enrolment is archived.
/// </summary>
public sealed record WorkResource(Guid ProgrammeId, Guid? CompanyId, string? PersonId, bool IsActive) : Resource;

/// <summary>One of the person's roles in a programme; <paramref name="IsActive"/>: no company, or the company's enrolment is not archived.</summary>
public sealed record Membership(Guid ProgrammeId, ProgrammeRole Role, Guid? CompanyId, bool IsActive);

/// <summary>An enrolment whose assigned trainer the person is; <paramref name="IsActive"/>: not archived.</summary>
public sealed record Coaching(Guid ProgrammeId, Guid CompanyId, bool IsActive);

/// <summary>
/// Where one signed-in person stands: account roles, roles in programmes, companies coached. Loaded once per request
/// by <see cref="AccessControl"/>; pure from then on.
/// </summary>
public sealed class Standing(string userId, IReadOnlySet<string> accountRoles, IReadOnlyList<Membership> memberships, IReadOnlyList<Coaching> coached)
{
    /// <summary>Nobody: refused everything.</summary>
    public static readonly Standing Anonymous = new(string.Empty, new HashSet<string>(), [], []);

    public string UserId { get; } = userId;

    public IReadOnlyList<Membership> Memberships { get; } = memberships;

    public IReadOnlyList<Coaching> Coached { get; } = coached;

    /// <summary>Unread notifications, for the header: read in the same command as the standing.</summary>
    public int UnreadNotifications { get; init; }

    public bool IsAdministrator => accountRoles.Contains(Roles.Administrator);

    /// <summary>An account-wide operation.</summary>
    public bool Can(Operation operation) => operation switch
    {
        Operation.Administer => IsAdministrator,
        Operation.CreateProgrammes => IsAdministrator || accountRoles.Contains(Roles.Coordinator),
        Operation.UseReviewQueue => IsAdministrator || accountRoles.Contains(Roles.Coordinator) || accountRoles.Contains(Roles.Trainer),
        _ => throw new ArgumentException($"{operation} needs a resource.", nameof(operation)),
    };

    public bool Can(Operation operation, Resource resource) => resource switch
    {
        ProgrammeResource p => operation switch
        {
            Operation.SeeProgramme => IsMember(p.ProgrammeId),
            Operation.ManageProgramme or Operation.PublishReports or Operation.ShareReports => Coordinates(p.ProgrammeId),
            Operation.SeeAllCompanies => Coordinates(p.ProgrammeId) || Trains(p.ProgrammeId),
            _ => Can(operation),
        },
        CompanyResource c => operation switch
        {
            Operation.SeeCompany => Coordinates(c.ProgrammeId) || Trains(c.ProgrammeId) || InTeam(c.ProgrammeId, c.CompanyId),
            Operation.ManageCompany or Operation.ReviewFindings => ManagesCompany(c.ProgrammeId, c.CompanyId),
            Operation.WorkOnCompany => ManagesCompany(c.ProgrammeId, c.CompanyId) || HasActiveRole(c.ProgrammeId, c.CompanyId, ProgrammeRole.Engineer),
            Operation.ConsentToSharing => HasActiveRole(c.ProgrammeId, c.CompanyId, ProgrammeRole.Manager),
            _ => Can(operation, new ProgrammeResource(c.ProgrammeId)),
        },
        WorkResource w => operation switch
        {
            Operation.SeeWork => Coordinates(w.ProgrammeId) || Trains(w.ProgrammeId)
                || (w.PersonId is null ? w.CompanyId is { } company && InTeam(w.ProgrammeId, company) : IsThePerson(w)),
            Operation.DoWork => w.PersonId is null
                ? w.CompanyId is { } company && HasActiveRole(w.ProgrammeId, company, ProgrammeRole.Engineer)
                : IsThePerson(w),
            Operation.ReviewWork => Coordinates(w.ProgrammeId)
                || (Trains(w.ProgrammeId) && w.IsActive && (w.CompanyId is not { } company || Coaches(w.ProgrammeId, company))),
            _ => w.CompanyId is { } company
                ? Can(operation, new CompanyResource(w.ProgrammeId, company))
                : Can(operation, new ProgrammeResource(w.ProgrammeId)),
        },
        _ => throw new ArgumentException($"Unknown resource {resource}.", nameof(resource)),
    };

    // ---- The facts the rules are made of ----

    /// <summary>Administrators, and members of the programme (engineers and managers only while their company is active).</summary>
    private bool IsMember(Guid programmeId) => IsAdministrator || Memberships.Any(m => m.ProgrammeId == programmeId && m.IsActive);

    /// <summary>Administrators, and the programme's coordinators who also hold the Coordinator account role.</summary>
    private bool Coordinates(Guid programmeId) =>
        IsAdministrator || (accountRoles.Contains(Roles.Coordinator) && HasRole(programmeId, ProgrammeRole.Coordinator));

    private bool Trains(Guid programmeId) => HasRole(programmeId, ProgrammeRole.Trainer);

    /// <summary>A trainer of the programme assigned to the company (archived or not).</summary>
    private bool Coaches(Guid programmeId, Guid companyId) =>
        Trains(programmeId) && Coached.Any(c => c.ProgrammeId == programmeId && c.CompanyId == companyId);

    private bool ManagesCompany(Guid programmeId, Guid companyId) =>
        Coordinates(programmeId) || (Coaches(programmeId, companyId) && Coached.Any(c => c.ProgrammeId == programmeId && c.CompanyId == companyId && c.IsActive));

    private bool InTeam(Guid programmeId, Guid companyId) =>
        Memberships.Any(m => m.ProgrammeId == programmeId && m.CompanyId == companyId && m.IsActive);

    private bool HasRole(Guid programmeId, ProgrammeRole role) => Memberships.Any(m => m.ProgrammeId == programmeId && m.Role == role);

    private bool HasActiveRole(Guid programmeId, Guid companyId, ProgrammeRole role) =>
        Memberships.Any(m => m.ProgrammeId == programmeId && m.CompanyId == companyId && m.Role == role && m.IsActive);

    /// <summary>Work given to this person, who is still an engineer or advisor in training of the programme.</summary>
    private bool IsThePerson(WorkResource work) =>
        work.PersonId == UserId && work.IsActive
        && Memberships.Any(m => m.ProgrammeId == work.ProgrammeId && m.Role is ProgrammeRole.Engineer or ProgrammeRole.AdvisorInTraining);

    // ---- Query filters for lists, from the same facts ----

    /// <summary>The programmes for which <see cref="Operation.SeeProgramme"/> holds.</summary>
    public IQueryable<Programme> VisibleProgrammes(IQueryable<Programme> programmes)
    {
        if (IsAdministrator)
        {
            return programmes;
        }

        var ids = Memberships.Where(m => m.IsActive).Select(m => m.ProgrammeId).Distinct().ToList();
        return programmes.Where(p => ids.Contains(p.Id));
    }

    /// <summary>The programme's enrolments for which <see cref="Operation.SeeCompany"/> holds.</summary>
    public IQueryable<Enrolment> VisibleCompanies(IQueryable<Enrolment> enrolments, Guid programmeId)
    {
        enrolments = enrolments.Where(e => e.ProgrammeId == programmeId);
        if (Can(Operation.SeeAllCompanies, new ProgrammeResource(programmeId)))
        {
            return enrolments;
        }

        var teams = Memberships.Where(m => m.ProgrammeId == programmeId && m.IsActive && m.CompanyId is not null).Select(m => m.CompanyId!.Value).Distinct().ToList();
        return enrolments.Where(e => teams.Contains(e.CompanyId));
    }

    /// <summary>The work for which <see cref="Operation.ReviewWork"/> holds.</summary>
    public IQueryable<Submission> ReviewableWork(IQueryable<Submission> work)
    {
        if (IsAdministrator)
        {
            return work;
        }

        var coordinated = Memberships.Where(m => Coordinates(m.ProgrammeId)).Select(m => m.ProgrammeId).Distinct().ToList();
        Expression<Func<Submission, bool>> all = s => coordinated.Contains(s.ProgrammeId);
        return work.Where(Or(all, CoachedWorkFilter()));
    }

    /// <summary>The part of <see cref="ReviewableWork"/> the person reviews as a trainer: their active companies' work, and work without a company in programmes they train in.</summary>
    public IQueryable<Submission> CoachedWork(IQueryable<Submission> work) => work.Where(CoachedWorkFilter());

    /// <summary>The active enrolments the person coaches as a trainer of the programme (<see cref="Operation.ManageCompany"/> as their trainer).</summary>
    public IQueryable<Enrolment> CoachedCompanies(IQueryable<Enrolment> enrolments) =>
        enrolments.Where(AnyOf<Enrolment>(
            Coached.Where(c => c.IsActive && Trains(c.ProgrammeId)).Select(c => (c.ProgrammeId, c.CompanyId)),
            (programmeId, companyId) => e => e.ProgrammeId == programmeId && e.CompanyId == companyId));

    /// <summary>
    /// The work the person sees as one of its people (not as staff): their active companies' work, and work given to
    /// them (<see cref="Operation.SeeWork"/> without the staff's part) — "My tasks".
    /// </summary>
    public IQueryable<Submission> OwnWork(IQueryable<Submission> work, IQueryable<Enrolment> enrolments) =>
        work.Where(Or(
            TeamWork(Memberships.Where(m => m.IsActive && m.CompanyId is not null)),
            GivenToThePerson(enrolments)));

    /// <summary>The work for which <see cref="Operation.DoWork"/> holds.</summary>
    public IQueryable<Submission> WorkToDo(IQueryable<Submission> work, IQueryable<Enrolment> enrolments) =>
        work.Where(Or(
            TeamWork(Memberships.Where(m => m.IsActive && m.CompanyId is not null && m.Role == ProgrammeRole.Engineer)),
            GivenToThePerson(enrolments)));

    private Expression<Func<Submission, bool>> CoachedWorkFilter()
    {
        var trained = Memberships.Where(m => m.Role == ProgrammeRole.Trainer).Select(m => m.ProgrammeId).Distinct().ToList();
        Expression<Func<Submission, bool>> withoutCompany = s => trained.Contains(s.ProgrammeId) && s.CompanyId == null;
        return Or(withoutCompany, AnyOf<Submission>(
            Coached.Where(c => c.IsActive && trained.Contains(c.ProgrammeId)).Select(c => (c.ProgrammeId, c.CompanyId)),
            (programmeId, companyId) => s => s.ProgrammeId == programmeId && s.CompanyId == companyId));
    }

    private static Expression<Func<Submission, bool>> TeamWork(IEnumerable<Membership> teams) => AnyOf<Submission>(
        teams.Select(m => (m.ProgrammeId, m.CompanyId!.Value)).Distinct(),
        (programmeId, companyId) => s => s.UserId == null && s.ProgrammeId == programmeId && s.CompanyId == companyId);

    /// <summary>Work given to the person while an engineer or advisor in training of its programme, its company (if any) active.</summary>
    private Expression<Func<Submission, bool>> GivenToThePerson(IQueryable<Enrolment> enrolments)
    {
        var userId = UserId;
        var programmes = Memberships.Where(m => m.Role is ProgrammeRole.Engineer or ProgrammeRole.AdvisorInTraining).Select(m => m.ProgrammeId).Distinct().ToList();
        return s => s.UserId == userId && programmes.Contains(s.ProgrammeId)
            && (s.CompanyId == null || enrolments.Any(e => e.ProgrammeId == s.ProgrammeId && e.CompanyId == s.CompanyId && e.ArchivedAt == null));
    }

    /// <summary>One OR of the condition over (programme, company) pairs: a company may be coached in one programme and not another.</summary>
    private static Expression<Func<T, bool>> AnyOf<T>(IEnumerable<(Guid ProgrammeId, Guid CompanyId)> pairs, Func<Guid, Guid, Expression<Func<T, bool>>> condition)
    {
        Expression<Func<T, bool>> any = _ => false;
        foreach (var (programmeId, companyId) in pairs)
        {
            any = Or(any, condition(programmeId, companyId));
        }

        return any;
    }

    private static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> left, Expression<Func<T, bool>> right)
    {
        var parameter = left.Parameters[0];
        var body = new ReplaceParameter(right.Parameters[0], parameter).Visit(right.Body);
        return Expression.Lambda<Func<T, bool>>(Expression.OrElse(left.Body, body), parameter);
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
