using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Programmes.Companies;

/// <summary>
/// The changes the company page makes to one enrolment, each through the programme aggregate, for the page to run in
/// its save (<see cref="Infrastructure.Saving.SaveFlow"/>): each returns whether there is anything to save. What
/// follows from them (audit entries, the end of removed people's sessions) follows from the aggregate's events.
/// </summary>
internal sealed class EnrolmentChanges(AppDbContext db, TimeProvider time, Guid programmeId, Guid companyId)
{
    public Task<Programme> ProgrammeAsync() =>
        db.Programmes.Include(p => p.Members).Include(p => p.Enrolments).SingleAsync(p => p.Id == programmeId);

    public async Task<bool> RemovePersonAsync(Guid memberId)
    {
        (await ProgrammeAsync()).RemoveMember(memberId);
        return true;
    }

    public async Task<bool> SetPilotAsync(bool isPilot)
    {
        var programme = await ProgrammeAsync();
        var before = programme.Enrolments.Single(e => e.CompanyId == companyId).IsPilot;
        programme.SetPilot(companyId, isPilot);
        return before != isPilot;
    }

    public async Task<bool> AssignTrainerAsync(string? trainerUserId)
    {
        var programme = await ProgrammeAsync();
        var previous = programme.Enrolments.Single(e => e.CompanyId == companyId).TrainerUserId;
        programme.AssignTrainer(companyId, trainerUserId);
        return previous != trainerUserId;
    }

    public async Task<bool> ArchiveAsync()
    {
        (await ProgrammeAsync()).ArchiveCompany(companyId, time.GetUtcNow());
        return true;
    }

    /// <summary>Takes the company out of the programme with its team (refused once the team has attendance records).</summary>
    public async Task<bool> RemoveAsync()
    {
        var programme = await ProgrammeAsync();
        var ids = programme.Members.Where(m => m.CompanyId == companyId).Select(m => m.UserId).ToList();
        var hasRecords = await db.AttendanceMarks.AnyAsync(a => ids.Contains(a.UserId) && db.Sessions.Any(s => s.Id == a.SessionId && s.ProgrammeId == programmeId));
        programme.RemoveCompany(companyId, hasRecords);
        return true;
    }
}
