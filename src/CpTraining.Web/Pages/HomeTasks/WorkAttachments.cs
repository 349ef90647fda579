using CpTraining.Domain.Balances;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Options;
using CpTraining.Web.Data;
using CpTraining.Web.Pages.Options;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.HomeTasks;

/// <summary>
/// What the work page's attach and detach buttons do: attach one of the company's worksheets, or its options
/// register, to the work (or take it off) through <see cref="Submission"/>; and, when a version is submitted, what is
/// attached frozen as it is then.
/// </summary>
internal sealed record WorkAttachment(bool Options, bool Detach)
{
    /// <summary>
    /// Applies the change to the tracked <paramref name="submission"/> and records it (action, before, after); false,
    /// with the error at "WorksheetId", when the worksheet is not one of the company's in the programme.
    /// </summary>
    public async Task<bool> ApplyAsync(AppDbContext db, Submission submission, Guid? worksheetId, DateOnly today, ModelStateDictionary modelState, IStringLocalizer t, Action<string, string?> record)
    {
        if (Options)
        {
            submission.AttachOptions(!Detach, today);
            record(Detach ? "task.options-detached" : "task.options-attached", null);
            return true;
        }

        var sheet = Detach
            ? null
            : await db.Worksheets.AsNoTracking()
                .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
                .AsSplitQuery()
                .SingleOrDefaultAsync(w => w.Id == worksheetId);
        if (!Detach && sheet is null)
        {
            modelState.AddModelError("WorksheetId", t["Only a worksheet of this company in this programme can be attached."]);
            return false;
        }

        submission.AttachWorksheet(sheet?.Snapshot(), today);
        record(Detach ? "task.worksheet-detached" : "task.worksheet-attached", sheet?.Name);
        return true;
    }

    /// <summary>What the user is told after it was saved.</summary>
    public string Done(IStringLocalizer t) => (Options, Detach) switch
    {
        (true, true) => t["The options register has been detached."].Value,
        (true, false) => t["The options register has been attached; each version you submit freezes it as it is then."].Value,
        (false, true) => t["The worksheet has been detached."].Value,
        _ => t["The worksheet has been attached; each version you submit freezes it as it is then."].Value,
    };

    /// <summary>
    /// The attached worksheet and options register as they are now, read inside the submitting transaction with their
    /// rows share-locked so that an edit cannot land between the reads: the version freezes one consistent state.
    /// </summary>
    public static async Task<(WorksheetSnapshot? Worksheet, OptionsRegisterSnapshot? Options)> FreezeAsync(AppDbContext db, Submission submission, CancellationToken cancellationToken)
    {
        WorksheetSnapshot? worksheet = null;
        if (submission.WorksheetId is { } worksheetId)
        {
            _ = await db.Database.ExecuteSqlAsync($"SELECT 1 FROM worksheets WHERE id = {worksheetId} FOR SHARE", cancellationToken);
            worksheet = (await db.Worksheets.AsNoTracking()
                .Include(w => w.Steps).Include(w => w.Streams).Include(w => w.EnergyStreams)
                .AsSplitQuery()
                .SingleAsync(w => w.Id == worksheetId, cancellationToken)).Snapshot();
        }

        OptionsRegisterSnapshot? options = null;
        if (submission is { OptionsAttached: true, CompanyId: { } companyId })
        {
            _ = await db.Database.ExecuteSqlAsync($"SELECT 1 FROM cp_options WHERE programme_id = {submission.ProgrammeId} AND company_id = {companyId} FOR SHARE", cancellationToken);
            options = await OptionsRegister.SnapshotAsync(db, submission.ProgrammeId, companyId, cancellationToken);
        }

        return (worksheet, options);
    }
}
