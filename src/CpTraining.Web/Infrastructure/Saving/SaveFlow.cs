using CpTraining.Domain;
using CpTraining.Web.Data;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Infrastructure.Saving;

/// <summary>How a save ended; the page turns it into a redirect or its page again.</summary>
public enum SaveResult
{
    /// <summary>The change was saved (or there was nothing to save and nothing was refused).</summary>
    Saved,

    /// <summary>A broken rule or a field the page refused: the errors are in the model state, nothing was saved.</summary>
    Refused,

    /// <summary>Someone else changed the row since the form was opened: nothing was saved.</summary>
    Conflict,
}

/// <summary>
/// The one flow of every editing save. The page has checked who may do it and read its form; then the save runs the
/// page's change — load what it edits, <see cref="Expect{T}"/> the row version (xmin) the form was opened with, call
/// the domain, record the audit entry — and saves it in one <c>SaveChanges</c>, or in one transaction. A broken rule
/// (<see cref="DomainException"/>) becomes a field error in the reader's language (placed by the page's
/// <see cref="FormFields"/>); a form opened on an older version, or a save that loses the race for the row, is a
/// conflict. Either way nothing is saved and the tracked changes are dropped, so the page reloads what it shows and
/// renders its form with the user's input kept (<see cref="FormErrors.AddConflict"/> for the message).
/// </summary>
/// <remarks>
/// The change returns false when it has nothing to save, or when it refused the form itself (with errors it added to
/// the model state); nothing is saved then, and errors it added make the result <see cref="SaveResult.Refused"/>.
/// Errors already in the model state (of another form on the page, say) are the page's to judge before it saves.
/// This class is the one place that catches <see cref="DbUpdateConcurrencyException"/>.
/// </remarks>
public sealed class SaveFlow(AppDbContext db, IStringLocalizer<SharedResource> t)
{
    /// <summary>
    /// The row version the form was opened with must still be the entity's: otherwise (or when the entity has been
    /// removed meanwhile) the save is a conflict. It is also set as the original value, so the UPDATE checks it again
    /// and a save landing between this read and the write is a conflict too.
    /// </summary>
    public T Expect<T>(T? entity, uint shown)
        where T : class
    {
        if (entity is null)
        {
            throw new StaleFormException();
        }

        var version = db.Entry(entity).Property<uint>("Version");
        if (version.CurrentValue != shown)
        {
            throw new StaleFormException();
        }

        version.OriginalValue = shown;
        return entity;
    }

    /// <summary>Runs the change and saves it in one <c>SaveChanges</c>.</summary>
    public Task<SaveResult> SaveAsync(PageModel page, Func<Task<bool>> change, FormFields? fields = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        return RunAsync(page.ModelState, fields, change, async accepted =>
        {
            if (await accepted())
            {
                await db.SaveChangesAsync(page.HttpContext.RequestAborted);
            }
        });
    }

    /// <summary>
    /// Runs the change in one transaction (retried as a whole on a transient failure, so the change loads what it
    /// needs itself), for a change that writes in steps, such as uploaded files after the row they belong to.
    /// </summary>
    public Task<SaveResult> SaveInTransactionAsync(PageModel page, Func<Task<bool>> change, FormFields? fields = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var aborted = page.HttpContext.RequestAborted;
        return RunAsync(page.ModelState, fields, change, accepted => db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(aborted);
            if (await accepted())
            {
                await db.SaveChangesAsync(aborted);
                await transaction.CommitAsync(aborted);
            }
        }));
    }

    /// <summary>Runs the change in one transaction holding the programme's or session's row lock (<see cref="RowLocks"/>).</summary>
    internal Task<SaveResult> SaveLockedAsync(PageModel page, LockedRow row, Guid id, Func<Task<bool>> change, FormFields? fields = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        return RunAsync(page.ModelState, fields, change, accepted => db.InLockedTransactionAsync(row, id, accepted));
    }

    /// <summary>
    /// Runs <paramref name="save"/>, which saves when the change it is given accepts: the change returned true and
    /// added no error to the form.
    /// </summary>
    private async Task<SaveResult> RunAsync(ModelStateDictionary form, FormFields? fields, Func<Task<bool>> change, Func<Func<Task<bool>>, Task> save)
    {
        var errors = form.ErrorCount;
        try
        {
            await save(async () => await change() && form.ErrorCount == errors);
        }
        catch (DomainException ex)
        {
            db.ChangeTracker.Clear();
            form.AddDomainError(ex, t, fields ?? new FormFields());
            return SaveResult.Refused;
        }
        catch (Exception ex) when (ex is StaleFormException or DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return SaveResult.Conflict;
        }

        if (form.ErrorCount > errors)
        {
            db.ChangeTracker.Clear();
            return SaveResult.Refused;
        }

        return SaveResult.Saved;
    }
}

/// <summary>
/// The form was opened on a version that is no longer the saved one (or on a row removed since): thrown by
/// <see cref="SaveFlow.Expect{T}"/>, or by a change that finds the form stale in a way of its own, and turned into
/// <see cref="SaveResult.Conflict"/> by the save.
/// </summary>
public sealed class StaleFormException : Exception
{
    public StaleFormException()
        : base("The form was opened on an older version of what it changes.")
    {
    }

    public StaleFormException(string message)
        : base(message)
    {
    }

    public StaleFormException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
