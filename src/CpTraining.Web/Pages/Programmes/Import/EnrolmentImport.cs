using System.ComponentModel.DataAnnotations;
using System.Net.Mail;
using CpTraining.Domain;
using CpTraining.Domain.Companies;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Programmes.Import;

/// <summary>A company of the file: registered already (<see cref="ExistingId"/>) or to be registered; <see cref="Enrol"/> when it is not yet enrolled.</summary>
public sealed record PlannedCompany(string Key, string Name, Guid? ExistingId, bool Enrol, string City, string Country, int People);

/// <summary>A person of the file: an existing account (<see cref="ExistingUserId"/>) or one to invite.</summary>
public sealed record PlannedPerson(
    int Line,
    string Name,
    string Email,
    ProgrammeRole Role,
    string CompanyKey,
    string CompanyName,
    string? ExistingUserId,
    string? Position,
    string? Phone,
    string Language,
    bool AlreadyInTeam);

/// <summary>What an import would do, and every line that prevents it.</summary>
public sealed record ImportPlan(IReadOnlyList<PlannedCompany> Companies, IReadOnlyList<PlannedPerson> People, IReadOnlyList<LineError> Errors)
{
    public IEnumerable<PlannedCompany> NewCompanies => Companies.Where(c => c.ExistingId is null);

    public IEnumerable<PlannedCompany> ExistingCompanies => Companies.Where(c => c.ExistingId is not null);

    public int CompaniesToEnrol => Companies.Count(c => c.Enrol);

    public int AccountsToInvite => People.Count(p => p.ExistingUserId is null);

    public int ExistingAccountsToAdd => People.Count(p => p.ExistingUserId is not null && !p.AlreadyInTeam);

    public int MembersToAdd => People.Count(p => !p.AlreadyInTeam);

    public bool HasWork => MembersToAdd > 0 || CompaniesToEnrol > 0;

    public bool CanConfirm => Errors.Count == 0 && HasWork;
}

/// <summary>The import refused at confirmation: the file no longer fits the programme (someone changed it since the preview).</summary>
public sealed class ImportRejectedException(ImportPlan plan) : Exception("The enrolment import was refused.")
{
    public ImportPlan Plan { get; } = plan;
}

/// <summary>
/// Checks an enrolment file against the programme and the register (the same checks at preview and again inside the
/// confirming transaction) and writes it. The rules are the domain's (<see cref="Programme.AddTeamMember"/>), checked
/// here for every line at once so that the preview can list them all with their line numbers.
/// </summary>
public static class EnrolmentImport
{
    private const int PhoneMaxLength = 50;
    private static readonly EmailAddressAttribute EmailFormat = new();

    /// <summary>Checks every line of the file against <paramref name="programme"/> (loaded with its members and enrolments) and the register.</summary>
    public static async Task<ImportPlan> PlanAsync(
        AppDbContext db,
        UserManager<AppUser> users,
        Programme programme,
        ParsedFile file,
        DateTimeOffset now,
        IStringLocalizer t,
        CancellationToken ct = default)
    {
        var errors = new List<LineError>(file.Errors);
        var rows = file.Rows;

        // What the database knows about the file's companies and people: three queries, however long the file.
        var keys = rows.Select(r => CompanyKey(r.Company)).Where(k => k.Length > 0).Distinct().ToList();
        var registered = (await db.Companies.AsNoTracking()
                .Where(c => keys.Contains(c.Name.ToLower()))
                .Select(c => new { c.Id, c.Name })
                .ToListAsync(ct))
            .Where(c => keys.Contains(CompanyKey(c.Name)))
            .ToLookup(c => CompanyKey(c.Name));
        var emails = rows.Select(r => users.NormalizeEmail(r.Email)).Where(e => !string.IsNullOrEmpty(e)).Distinct().ToList();
        var accounts = (await db.Users.AsNoTracking()
                .Where(u => emails.Contains(u.NormalizedEmail!))
                .Select(u => new { u.Id, u.NormalizedEmail })
                .ToListAsync(ct))
            .ToDictionary(u => u.NormalizedEmail!, u => u.Id, StringComparer.Ordinal);
        var enrolledIds = programme.Enrolments.Select(e => e.CompanyId).ToList();
        var enrolledNames = await db.Companies.AsNoTracking()
            .Where(c => enrolledIds.Contains(c.Id))
            .ToDictionaryAsync(c => c.Id, c => c.Name, ct);

        // Each company of the file, resolved once.
        var companies = new Dictionary<string, PlannedCompany>(StringComparer.Ordinal);
        var companyErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in rows.Where(r => r.Company.Length > 0).GroupBy(r => CompanyKey(r.Company)))
        {
            var first = group.First();
            var matches = registered[group.Key].ToList();
            var enrolment = programme.Enrolments
                .Where(e => matches.Exists(m => m.Id == e.CompanyId))
                .OrderBy(e => e.IsActive ? 0 : 1)
                .FirstOrDefault();
            if (enrolment is { IsActive: false })
            {
                companyErrors[group.Key] = t["{0} is archived in this programme; bring it back on its page before importing people into it.", enrolledNames[enrolment.CompanyId]];
            }
            else if (enrolment is not null)
            {
                companies[group.Key] = new PlannedCompany(group.Key, enrolledNames[enrolment.CompanyId], enrolment.CompanyId, Enrol: false, string.Empty, string.Empty, 0);
            }
            else if (matches.Count > 1)
            {
                companyErrors[group.Key] = t["Several registered companies are called {0}; enrol the right one by hand, then import its people.", first.Company];
            }
            else if (matches.Count == 1)
            {
                companies[group.Key] = new PlannedCompany(group.Key, matches[0].Name, matches[0].Id, Enrol: true, string.Empty, string.Empty, 0);
            }
            else
            {
                var city = group.Select(r => r.City).FirstOrDefault(c => c is not null) ?? programme.City;
                var country = group.Select(r => r.Country).FirstOrDefault(c => c is not null) ?? programme.Country;
                try
                {
                    // The register's own rules (lengths of name, city, country) for the company to be created.
                    _ = new Company(new CompanyDetails(first.Company, null, null, city, null, country, null, null, null, null), now);
                    companies[group.Key] = new PlannedCompany(group.Key, first.Company, null, Enrol: true, city, country, 0);
                }
                catch (DomainException ex)
                {
                    companyErrors[group.Key] = t["The company {0} cannot be registered: {1}", first.Company, t[ex.MessageTemplate, [.. ex.Arguments]]];
                }
            }
        }

        var people = new List<PlannedPerson>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var allowedCharacters = users.Options.User.AllowedUserNameCharacters;
        foreach (var row in rows)
        {
            var lineErrors = new List<string>();
            var key = CompanyKey(row.Company);
            if (row.Company.Length == 0)
            {
                lineErrors.Add(t["The company is missing."]);
            }
            else if (companyErrors.TryGetValue(key, out var companyError))
            {
                lineErrors.Add(companyError);
            }

            if (row.Person.Length == 0)
            {
                lineErrors.Add(t["The person's name is missing."]);
            }
            else if (row.Person.Length > AppUser.DisplayNameMaxLength)
            {
                lineErrors.Add(t["The person's name is longer than {0} characters.", AppUser.DisplayNameMaxLength]);
            }

            var normalized = users.NormalizeEmail(row.Email) ?? string.Empty;
            var emailValid = false;
            if (row.Email.Length == 0)
            {
                lineErrors.Add(t["The e-mail address is missing."]);
            }
            else if (!IsEmail(row.Email))
            {
                lineErrors.Add(t["“{0}” is not a valid e-mail address.", row.Email]);
            }
            else if (seen.TryGetValue(normalized, out var firstLine))
            {
                lineErrors.Add(t["{0} is already on line {1}; list each person once.", row.Email, firstLine]);
            }
            else
            {
                emailValid = true;
                seen[normalized] = row.Line;
            }

            var role = ParseRole(row.Role);
            if (role is null)
            {
                lineErrors.Add(row.Role.Length == 0
                    ? t["The role is missing: write engineer or manager."]
                    : t["Unknown role “{0}”: write engineer or manager (інженер or керівник).", row.Role]);
            }

            if (row.Position?.Length > AppUser.PositionMaxLength)
            {
                lineErrors.Add(t["The position is longer than {0} characters.", AppUser.PositionMaxLength]);
            }

            if (row.Phone?.Length > PhoneMaxLength)
            {
                lineErrors.Add(t["The phone number is longer than {0} characters.", PhoneMaxLength]);
            }

            var language = row.Language?.ToLowerInvariant();
            if (language is not null && !Cultures.Supported.Contains(language))
            {
                lineErrors.Add(t["Unknown language “{0}”: write en or uk.", row.Language!]);
            }

            var existingUserId = emailValid && accounts.TryGetValue(normalized, out var id) ? id : null;
            if (emailValid && existingUserId is null && !row.Email.All(allowedCharacters.Contains))
            {
                lineErrors.Add(t["{0} cannot be used for a new account: use only Latin letters, digits and . _ - + @.", row.Email]);
            }

            var alreadyInTeam = false;
            if (existingUserId is not null && companies.TryGetValue(key, out var target))
            {
                var membership = programme.Members.FirstOrDefault(m => m.UserId == existingUserId && m.CompanyId is not null);
                if (membership is not null && membership.CompanyId != target.ExistingId)
                {
                    lineErrors.Add(t["{0} is already in the CP team of {1} in this programme; a person belongs to one company per programme.", row.Email, enrolledNames.GetValueOrDefault(membership.CompanyId!.Value, "?")]);
                }
                else if (membership is not null && membership.Role != role)
                {
                    lineErrors.Add(t["{0} is already in the CP team of {1} as {2}.", row.Email, target.Name, t[membership.Role.ToString()]]);
                }
                else
                {
                    alreadyInTeam = membership is not null;
                }
            }

            if (lineErrors.Count > 0)
            {
                errors.AddRange(lineErrors.Select(message => new LineError(row.Line, message)));
                continue;
            }

            var company = companies[key];
            people.Add(new PlannedPerson(
                row.Line,
                row.Person,
                row.Email,
                role!.Value,
                key,
                company.Name,
                existingUserId,
                row.Position,
                row.Phone,
                language ?? (Cultures.Supported.Contains(programme.Language) ? programme.Language : "en"),
                alreadyInTeam));
        }

        var planned = companies.Values
            .Where(c => people.Exists(p => p.CompanyKey == c.Key))
            .Select(c => c with { People = people.Count(p => p.CompanyKey == c.Key && !p.AlreadyInTeam) })
            .OrderBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        return new ImportPlan(planned, people, [.. errors.OrderBy(e => e.Line)]);
    }

    /// <summary>
    /// Writes the plan into the tracked <paramref name="programme"/> inside the caller's transaction: registers and
    /// enrols companies, invites new accounts (outbox), adds everyone to their company's CP team, and records each
    /// step in the audit log. Throws <see cref="ImportRejectedException"/> when a domain rule still refuses a line.
    /// </summary>
    public static async Task ApplyAsync(
        AppDbContext db,
        UserManager<AppUser> users,
        Programme programme,
        ImportPlan plan,
        string fileName,
        string actorUserId,
        TimeProvider time,
        Func<string, string, string> setPasswordLink,
        IStringLocalizer t)
    {
        var now = time.GetUtcNow();
        var companyIds = new Dictionary<string, Guid>(StringComparer.Ordinal);
        foreach (var planned in plan.Companies)
        {
            var companyId = planned.ExistingId ?? Guid.Empty;
            if (planned.ExistingId is null)
            {
                var company = new Company(new CompanyDetails(planned.Name, null, null, planned.City, null, planned.Country, null, null, null, null), now);
                db.Companies.Add(company);
                companyId = company.Id;
                db.Record(time, actorUserId, programme.Id, "company.registered", company.Name, null, $"{company.City}, {company.Country}");
            }

            if (planned.Enrol)
            {
                programme.EnrolCompany(companyId, isPilot: false, now);
            }

            companyIds[planned.Key] = companyId;
        }

        foreach (var person in plan.People.Where(p => !p.AlreadyInTeam))
        {
            var userId = person.ExistingUserId;
            if (userId is null)
            {
                var user = new AppUser
                {
                    UserName = person.Email,
                    Email = person.Email,
                    DisplayName = person.Name,
                    Position = person.Position,
                    PhoneNumber = person.Phone,
                    PreferredLanguage = person.Language,
                    CreatedAt = now,
                };
                var role = person.Role == ProgrammeRole.Manager ? Roles.Manager : Roles.Engineer;
                var result = await IdentitySetup.InviteInCurrentTransactionAsync(users, db, user, role, setPasswordLink, t, now);
                if (!result.Succeeded)
                {
                    throw new ImportRejectedException(plan with { Errors = [.. result.Errors.Select(e => new LineError(person.Line, e.Description))] });
                }

                userId = user.Id;
                db.Record(time, actorUserId, programme.Id, "account.invited", person.Email, null, role);
            }

            try
            {
                programme.AddTeamMember(companyIds[person.CompanyKey], userId, person.Role);
            }
            catch (DomainException ex)
            {
                throw new ImportRejectedException(plan with { Errors = [new LineError(person.Line, t[ex.MessageTemplate, [.. ex.Arguments]])] });
            }
        }

        db.Record(
            time,
            actorUserId,
            programme.Id,
            "import.completed",
            fileName.Length > 400 ? fileName[..400] : fileName,
            null,
            $"{plan.NewCompanies.Count()} companies registered, {plan.CompaniesToEnrol} enrolled, {plan.AccountsToInvite} accounts invited, {plan.MembersToAdd} people added to CP teams");
        await db.SaveChangesAsync();
    }

    /// <summary>engineer / manager in any case, or the Ukrainian інженер / керівник.</summary>
    public static ProgrammeRole? ParseRole(string text) => text.Trim().ToLowerInvariant() switch
    {
        "engineer" or "інженер" => ProgrammeRole.Engineer,
        "manager" or "керівник" => ProgrammeRole.Manager,
        _ => null,
    };

    /// <summary>Companies are matched by name without regard to case or surrounding spaces.</summary>
    private static string CompanyKey(string name) => name.Trim().ToLowerInvariant();

    private static bool IsEmail(string text) =>
        text.Length <= 256
        && EmailFormat.IsValid(text)
        && MailAddress.TryCreate(text, out var address)
        && address.Address == text
        && address.Host.Contains('.', StringComparison.Ordinal);
}
