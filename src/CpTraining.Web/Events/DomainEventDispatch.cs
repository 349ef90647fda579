using CpTraining.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CpTraining.Web.Events;

/// <summary>
/// Reacts to the events of a change before it is saved: adds audit entries, notifications and e-mails, ends sessions.
/// Whatever a handler adds to the context is saved in the same <c>SaveChanges</c> (and transaction) as the change.
/// A handler ignores the events it does not handle.
/// </summary>
public interface IEventHandler
{
    Task HandleAsync(IDomainEvent domainEvent, CancellationToken ct);
}

/// <summary>
/// Dispatches the events raised by the aggregates a request changed when the request saves them: every
/// <c>SaveChangesAsync</c> during a web request, whichever page or flow calls it, hands each event to every
/// <see cref="IEventHandler"/> first. Saves outside a request (demo seeding, tests arranging data, the reminder job,
/// which sends its own reminders) save what they were given and raise no consequences: side effects follow what people
/// do in the app.
/// </summary>
public sealed class DomainEventDispatch(IServiceProvider services, IHttpContextAccessor http) : SaveChangesInterceptor
{
    /// <summary>Handlers that raise further events are dispatched again, up to this depth.</summary>
    private const int MaxRounds = 5;

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && http.HttpContext is not null)
        {
            await DispatchAsync(db, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is { } db && http.HttpContext is not null && db.ChangeTracker.Entries<RaisesEvents>().Any(e => e.Entity.HasEvents))
        {
            throw new InvalidOperationException("A change that raised domain events must be saved with SaveChangesAsync, which dispatches them.");
        }

        return result;
    }

    private async Task DispatchAsync(DbContext db, CancellationToken ct)
    {
        var handlers = services.GetServices<IEventHandler>().ToList();
        for (var round = 0; round < MaxRounds; round++)
        {
            var events = db.ChangeTracker.Entries<RaisesEvents>().SelectMany(e => e.Entity.TakeEvents()).ToList();
            if (events.Count == 0)
            {
                return;
            }

            foreach (var domainEvent in events)
            {
                foreach (var handler in handlers)
                {
                    await handler.HandleAsync(domainEvent, ct);
                }
            }

            // Handlers change tracked rows (a security stamp) as well as adding new ones.
            db.ChangeTracker.DetectChanges();
        }

        throw new InvalidOperationException($"Domain event handlers kept raising events after {MaxRounds} rounds.");
    }
}
