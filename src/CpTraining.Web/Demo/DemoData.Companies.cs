using CpTraining.Domain.Companies;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Identity;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Demo;

/// <summary>
/// The current demo programme's participants: four companies of the Kherson and Dnipro region with their CP
/// teams, two trainers, an advisor in training, and attendance for the session days already held.
/// Idempotent like the rest of the demo data: what exists (company, enrolment, account, team place, mark) is skipped.
/// </summary>
internal static partial class DemoData
{
    public const string SecondTrainerEmail = "larysa.honcharenko@demo.local";
    public const string AdvisorInTrainingEmail = "bohdan.zinchenko@demo.local";

    /// <summary>CP advisors who are not in a company: the second trainer and the advisor in training.</summary>
    public static readonly IReadOnlyList<DemoPerson> Advisors =
    [
        new(SecondTrainerEmail, "Larysa Honcharenko", "CP advisor, Kherson Cleaner Production Centre", ProgrammeRole.Trainer),
        new(AdvisorInTrainingEmail, "Bohdan Zinchenko", "Environmental engineer, advisor in training", ProgrammeRole.AdvisorInTraining),
    ];

    public static readonly IReadOnlyList<DemoCompany> CurrentCompanies =
    [
        new(
            new CompanyDetails(
                "Kherson Cotton Textile Mill", "C13.30", "Finishing of textiles", "Kherson", "Kherson oblast", "Ukraine", 420,
                "Beryslavske shose 1, Kherson", "Bleaching, dyeing and finishing of cotton fabric.",
                "Discharges dye-house wastewater with persistent organic pollutants to the municipal sewer, reaching the Dnipro."),
            IsPilot: true,
            TrainerEmail: "trainer@demo.local",
            People:
            [
                new("manager@demo.local", "Mykola Bondarenko", "Production director", ProgrammeRole.Manager),
                new("engineer@demo.local", "Oksana Shevchenko", "Chief process engineer", ProgrammeRole.Engineer),
                new("olena.koval@demo.local", "Olena Koval", "Dye-house technologist", ProgrammeRole.Engineer),
                new("serhii.marchenko@demo.local", "Serhii Marchenko", "Chief power engineer", ProgrammeRole.Engineer),
            ]),
        new(
            new CompanyDetails(
                "Tavria Vegetable Cannery", "C10.39", "Processing and preserving of fruit and vegetables", "Kherson", "Kherson oblast", "Ukraine", 260,
                "vul. Zalaegerseg 14, Kherson", "Tomato paste, canned vegetables and juices; seasonal production July to October with steam-heated retorts and evaporators.",
                "Washing, blanching and retort cooling water with a high organic load (BOD, suspended solids) goes to the municipal sewer; about a third of the boiler steam is lost through leaks and uninsulated pipes."),
            IsPilot: false,
            TrainerEmail: SecondTrainerEmail,
            People:
            [
                new("tetiana.kravchenko@demo.local", "Tetiana Kravchenko", "General director", ProgrammeRole.Manager),
                new("andrii.lysenko@demo.local", "Andrii Lysenko", "Chief engineer", ProgrammeRole.Engineer),
                new("iryna.tkachenko@demo.local", "Iryna Tkachenko", "Head of the laboratory", ProgrammeRole.Engineer),
                new("dmytro.savchenko@demo.local", "Dmytro Savchenko", "Boiler house foreman", ProgrammeRole.Engineer),
            ]),
        new(
            new CompanyDetails(
                "Kherson Ship Repair Yard", "C33.15", "Repair and maintenance of ships and boats", "Kherson", "Kherson oblast", "Ukraine", 540,
                "vul. Admirala Makarova 2, Kherson", "Dock repair of river and sea vessels: hull blasting and painting, machining, and an electroplating shop (chromium, nickel and zinc plating of shafts and fittings).",
                "Spent plating baths and rinse water with chromium(VI), nickel and zinc reach the Dnipro through the yard's storm drain; abrasive blasting dust and paint solvents are emitted in the open docks."),
            IsPilot: true,
            TrainerEmail: SecondTrainerEmail,
            People:
            [
                new("viktor.moroz@demo.local", "Viktor Moroz", "Technical director", ProgrammeRole.Manager),
                new("yurii.oliinyk@demo.local", "Yurii Oliinyk", "Head of the electroplating shop", ProgrammeRole.Engineer),
                new("halyna.rudenko@demo.local", "Halyna Rudenko", "Environmental engineer", ProgrammeRole.Engineer),
            ]),
        new(
            new CompanyDetails(
                "Dnipro Dairy Plant", "C10.51", "Operation of dairies and cheese making", "Dnipro", "Dnipropetrovsk oblast", "Ukraine", 310,
                "vul. Kharkivska 9, Dnipro", "Pasteurised milk, kefir, cottage cheese and hard cheese from about 120 t of raw milk a day; cleaning in place of tanks and lines.",
                "Whey and cleaning-in-place water with milk fat, lactose and caustic soda are discharged to the city sewer and overload the Dnipro wastewater works; the ammonia refrigeration plant runs with high energy losses."),
            IsPilot: false,
            TrainerEmail: "trainer@demo.local",
            People:
            [
                new("nataliia.pavlenko@demo.local", "Nataliia Pavlenko", "Director", ProgrammeRole.Manager),
                new("oleh.kovalchuk@demo.local", "Oleh Kovalchuk", "Chief power engineer", ProgrammeRole.Engineer),
                new("svitlana.melnyk@demo.local", "Svitlana Melnyk", "Quality manager", ProgrammeRole.Engineer),
                new("roman.tkachuk@demo.local", "Roman Tkachuk", "Head of production", ProgrammeRole.Engineer),
                new("maryna.boiko@demo.local", "Maryna Boiko", "Wastewater treatment operator", ProgrammeRole.Engineer),
            ]),
    ];

    /// <summary>
    /// Enrols a programme's demo companies (created when missing) with their trainers and CP teams, adds the advisors
    /// who are not in a company, and marks attendance for the session days held. <paramref name="enrolledAt"/>: when
    /// the companies joined (now for the current programme, before session 1 for a past one).
    /// </summary>
    private static async Task SeedCompaniesAsync(
        AppDbContext db,
        UserManager<AppUser> users,
        TimeProvider time,
        string password,
        string programmeName,
        IReadOnlyList<DemoPerson> advisors,
        IReadOnlyList<DemoCompany> specs,
        DateTimeOffset enrolledAt)
    {
        var programme = await db.Programmes
            .Include(p => p.Members)
            .Include(p => p.Enrolments)
            .Include(p => p.Sessions).ThenInclude(s => s.Attendance)
            .AsSplitQuery()
            .SingleAsync(p => p.Name == programmeName);
        var now = time.GetUtcNow();
        var today = time.TodayIn(programme.TimeZoneId);

        foreach (var advisor in advisors)
        {
            var id = await EnsureAccountAsync(users, time, advisor.Email, advisor.Name, advisor.Position, Roles.Trainer, password);
            programme.AddMember(id, advisor.Role);
        }

        var names = specs.Select(c => c.Details.Name).ToList();
        var companies = await db.Companies.Where(c => names.Contains(c.Name)).ToListAsync();
        var byUser = new Dictionary<string, DemoPerson>();
        foreach (var spec in specs)
        {
            var company = companies.Find(c => c.Name == spec.Details.Name);
            if (company is null)
            {
                company = new Company(spec.Details, enrolledAt);
                db.Companies.Add(company);
            }

            if (!programme.Enrolments.Any(e => e.CompanyId == company.Id))
            {
                programme.EnrolCompany(company.Id, spec.IsPilot, enrolledAt);
                var trainer = await users.FindByEmailAsync(spec.TrainerEmail)
                    ?? throw new InvalidOperationException($"Demo trainer {spec.TrainerEmail} is missing.");
                programme.AssignTrainer(company.Id, trainer.Id);
            }

            if (!programme.Enrolments.Any(e => e.CompanyId == company.Id && e.IsActive))
            {
                continue;
            }

            foreach (var person in spec.People)
            {
                var accountRole = person.Role == ProgrammeRole.Manager ? Roles.Manager : Roles.Engineer;
                var id = await EnsureAccountAsync(users, time, person.Email, person.Name, person.Position, accountRole, password);
                if (!programme.Members.Any(m => m.UserId == id && m.CompanyId is not null))
                {
                    programme.AddTeamMember(company.Id, id, person.Role);
                }

                byUser[id] = person;
            }
        }

        MarkHeldDays(programme, await users.FindByEmailAsync("coordinator@demo.local"), today, now, byUser);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Attendance of every engineer of an active company for every session day that has begun, where not marked
    /// yet: mostly present, some absent or excused, the same in every database for the demo people (decided by their
    /// email, <paramref name="demoPeople"/> by user id); excused on every day of a session a demo person missed as a whole.
    /// </summary>
    private static void MarkHeldDays(Programme programme, AppUser? coordinator, DateOnly today, DateTimeOffset now, Dictionary<string, DemoPerson> demoPeople)
    {
        var recordedBy = coordinator?.Id ?? string.Empty;
        var active = programme.Enrolments.Where(e => e.IsActive).Select(e => e.CompanyId).ToHashSet();
        var participants = programme.Members
            .Where(m => m.Role == ProgrammeRole.Engineer && m.CompanyId is { } c && active.Contains(c))
            .Select(m => m.UserId)
            .ToList();
        foreach (var session in programme.Sessions.Where(s => s.HasBegunBy(today)))
        {
            for (var day = 1; day <= session.Days && session.StartDate.AddDays(day - 1) <= today; day++)
            {
                foreach (var userId in participants.Where(u => !session.Attendance.Any(a => a.UserId == u && a.Day == day)))
                {
                    var person = demoPeople.GetValueOrDefault(userId);
                    var status = person?.MissedSession == session.Number ? AttendanceStatus.Excused : DemoStatus(person?.Email ?? userId, session.Number, day);
                    var markedAt = At(session.StartDate.AddDays(day - 1), 15);
                    session.MarkAttendance(userId, day, status, recordedBy, today, markedAt < now ? markedAt : now);
                }
            }
        }
    }

    /// <summary>About 84 % present, 8 % absent, 8 % excused, decided by a stable hash so that runs agree.</summary>
    private static AttendanceStatus DemoStatus(string key, int session, int day)
    {
        var hash = 2166136261u;
        foreach (var ch in $"{key}/{session}/{day}")
        {
            hash = (hash ^ ch) * 16777619u;
        }

        return (hash % 25) switch
        {
            0 or 1 => AttendanceStatus.Absent,
            2 or 3 => AttendanceStatus.Excused,
            _ => AttendanceStatus.Present,
        };
    }

    private static async Task<string> EnsureAccountAsync(
        UserManager<AppUser> users, TimeProvider time, string email, string name, string? position, string role, string password)
    {
        var user = await users.FindByEmailAsync(email);
        if (user is not null)
        {
            return user.Id;
        }

        user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, Position = position, CreatedAt = time.GetUtcNow(),
        };
        var result = await users.CreateAsync(user, password);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo account {email} could not be created: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }

        await users.AddToRoleAsync(user, role);
        return user.Id;
    }

    /// <summary>A demo person; <paramref name="MissedSession"/>: a session they missed as a whole (on sick leave).</summary>
    public sealed record DemoPerson(string Email, string Name, string Position, ProgrammeRole Role, int? MissedSession = null);

    public sealed record DemoCompany(CompanyDetails Details, bool IsPilot, string TrainerEmail, IReadOnlyList<DemoPerson> People);
}
