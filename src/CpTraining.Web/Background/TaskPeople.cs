using CpTraining.Domain.Programmes;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Background;

/// <summary>Who to tell about a piece of work: the people who write it, and the trainer who reviews it.</summary>
internal static class TaskPeople
{
    /// <summary>Engineers of the companies (active enrolments), or the person for individual work.</summary>
    public static async Task<List<string>> WritersAsync(AppDbContext db, Guid programmeId, Guid? companyId, string? individualUserId)
    {
        if (individualUserId is not null)
        {
            return [individualUserId];
        }

        return await db.ProgrammeMembers.AsNoTracking()
            .Where(m => m.ProgrammeId == programmeId && m.CompanyId == companyId && m.Role == ProgrammeRole.Engineer)
            .Where(m => db.Enrolments.Any(e => e.ProgrammeId == programmeId && e.CompanyId == companyId && e.ArchivedAt == null))
            .Select(m => m.UserId)
            .Distinct()
            .ToListAsync();
    }

    /// <summary>The company's assigned trainer, if any.</summary>
    public static async Task<string?> ReviewerAsync(AppDbContext db, Guid programmeId, Guid? companyId) =>
        companyId is null
            ? null
            : await db.Enrolments.AsNoTracking()
                .Where(e => e.ProgrammeId == programmeId && e.CompanyId == companyId)
                .Select(e => e.TrainerUserId)
                .SingleOrDefaultAsync();

    /// <summary>"Company" for company work, "Person (Company)" for an individual's; for lists and messages.</summary>
    public static string Describe(string? companyName, string? personName) =>
        personName is null ? companyName ?? string.Empty : companyName is null ? personName : $"{personName} ({companyName})";
}
