using AngleSharp.Html.Dom;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Attendance;

/// <summary>
/// URLs and seeding for the attendance and group tests. Today is Monday 1 June 2026; the programmes start on
/// Tuesday 26 May 2026, so session 1 (26–28 May) has been held and session 2 (14–16 July) lies ahead.
/// </summary>
internal static class AttendanceSetup
{
    public static readonly DateOnly FirstSession = new(2026, 5, 26);

    public static string Grid(Guid id, int number, int day) => $"/programmes/{id}/sessions/{number}/attendance?day={day}";

    public static string Statistics(Guid id) => $"/programmes/{id}/attendance";

    public static string Mine(Guid id) => $"/programmes/{id}/my-attendance";

    public static string Groups(Guid id, int number) => $"/programmes/{id}/sessions/{number}/groups";

    /// <summary>An engineer of the company, with a readable name.</summary>
    public static async Task<AppUser> EngineerAsync(this CpTrainingFactory factory, Guid programmeId, Guid companyId, string name)
    {
        var user = await factory.PersonAsync(Roles.Engineer, name);
        await factory.AddMemberAsync(programmeId, user, ProgrammeRole.Engineer, companyId);
        return user;
    }

    public static async Task AssignTrainerAsync(this CpTrainingFactory factory, Guid programmeId, Guid companyId, AppUser trainer)
    {
        await using var db = factory.NewDbContext();
        var programme = await db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == programmeId);
        programme.AssignTrainer(companyId, trainer.Id);
        await db.SaveChangesAsync();
    }

    /// <summary>Records marks directly (for tests that are not about the grid).</summary>
    public static async Task MarkAsync(this CpTrainingFactory factory, Guid programmeId, int number, string recordedBy, params (AppUser Who, int Day, AttendanceStatus Status)[] marks)
    {
        await using var db = factory.NewDbContext();
        var session = await db.Sessions.Include(s => s.Attendance).SingleAsync(s => s.ProgrammeId == programmeId && s.Number == number);
        foreach (var (who, day, status) in marks)
        {
            session.MarkAttendance(who.Id, day, status, recordedBy, factory.Clock.Today, factory.Clock.GetUtcNow());
        }

        await db.SaveChangesAsync();
    }

    public static async Task<Dictionary<(string UserId, int Day), AttendanceStatus>> SavedMarksAsync(this CpTrainingFactory factory, Guid programmeId, int number)
    {
        await using var db = factory.NewDbContext();
        return await db.AttendanceMarks
            .Where(a => db.Sessions.Any(s => s.Id == a.SessionId && s.ProgrammeId == programmeId && s.Number == number))
            .ToDictionaryAsync(a => (a.UserId, a.Day), a => a.Status);
    }

    /// <summary>Sets the radio button of a person's row in the grid form values.</summary>
    public static void Choose(IHtmlDocument grid, Dictionary<string, string> form, AppUser who, AttendanceStatus status)
    {
        var radio = grid.QuerySelector($"li[data-user='{who.Id}'] input[type=radio][value={status}]")
            ?? throw new InvalidOperationException($"No {status} button for {who.DisplayName}");
        form[radio.GetAttribute("name")!] = status.ToString();
    }

    public static string? Rate(IHtmlDocument page, string rowSelector) =>
        page.QuerySelector(rowSelector + " .attendance-rate") is { } rate
            ? $"{rate.GetAttribute("data-present")}/{rate.GetAttribute("data-marked")}"
            : null;
}
