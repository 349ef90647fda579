using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.Companies;

/// <summary>
/// The changes the company page makes to one enrolment, each through the programme aggregate and audited, for the
/// page to run in its save (<see cref="Infrastructure.Saving.SaveFlow"/>): each returns whether there is anything to save.
/// </summary>
internal sealed class EnrolmentChanges(AppDbContext db, TimeProvider time, string actorId, Guid programmeId, Guid companyId, string companyName)
{
    /// <summary>The people of the company's team whose sessions end after it was archived or removed.</summary>
    public IReadOnlyList<string> Team { get; private set; } = [];

    public Task<Programme> ProgrammeAsync() =>
        db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == programmeId);

    public async Task<bool> RemovePersonAsync(Guid memberId, ProgrammeRole role, string who)
    {
        (await ProgrammeAsync()).RemoveMember(memberId);
        db.Record(time, actorId, programmeId, "member.removed", who, $"{role} of {companyName}", null);
        return true;
    }

    public async Task<bool> SetPilotAsync(bool isPilot)
    {
        var programme = await ProgrammeAsync();
        var before = programme.Enrolments.Single(e => e.CompanyId == companyId).IsPilot;
        programme.SetPilot(companyId, isPilot);
        db.Record(time, actorId, programmeId, "company.pilot", companyName, before ? "pilot company" : "not a pilot", isPilot ? "pilot company" : "not a pilot");
        return before != isPilot;
    }

    public async Task<bool> AssignTrainerAsync(string? trainerUserId)
    {
        var programme = await ProgrammeAsync();
        var previous = programme.Enrolments.Single(e => e.CompanyId == companyId).TrainerUserId;
        programme.AssignTrainer(companyId, trainerUserId);
        if (previous == trainerUserId)
        {
            return false;
        }

        var people = await CompanyAccess.DescribePeopleAsync(db, [previous, trainerUserId]);
        db.Record(time, actorId, programmeId, "company.trainer", companyName,
            previous is null ? "(none)" : people.GetValueOrDefault(previous, previous),
            trainerUserId is null ? "(none)" : people.GetValueOrDefault(trainerUserId, trainerUserId));
        return true;
    }

    public async Task<bool> ArchiveAsync()
    {
        var programme = await ProgrammeAsync();
        programme.ArchiveCompany(companyId, time.GetUtcNow());
        db.Record(time, actorId, programmeId, "company.archived", companyName, "active", "archived");
        Team = programme.Members.Where(m => m.CompanyId == companyId).Select(m => m.UserId).ToList();
        return true;
    }

    /// <summary>Takes the company out of the programme with its team (refused once the team has attendance records).</summary>
    public async Task<bool> RemoveAsync()
    {
        var programme = await ProgrammeAsync();
        var team = programme.Members.Where(m => m.CompanyId == companyId).ToList();
        var ids = team.Select(m => m.UserId).ToList();
        Team = ids;
        var hasRecords = await db.AttendanceMarks.AnyAsync(a => ids.Contains(a.UserId) && db.Sessions.Any(s => s.Id == a.SessionId && s.ProgrammeId == programmeId));
        programme.RemoveCompany(companyId, hasRecords);
        var people = await CompanyAccess.DescribePeopleAsync(db, ids);
        foreach (var member in team)
        {
            db.Record(time, actorId, programmeId, "member.removed", people.GetValueOrDefault(member.UserId, member.UserId), $"{member.Role} of {companyName}", null);
        }

        db.Record(time, actorId, programmeId, "company.removed", companyName, "enrolled", null);
        return true;
    }
}
