using System.Data.Common;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CpTraining.TestSupport;

/// <summary>The app with an EF interceptor that counts the commands sent while serving one chosen URL.</summary>
public sealed class QueryCountingFactory : CpTrainingFactory
{
    public CommandCounter Counter { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.AddHttpContextAccessor();
            services.AddSingleton(Counter);
            services.ConfigureDbContext<AppDbContext>((provider, options) =>
            {
                Counter.Http = provider.GetRequiredService<IHttpContextAccessor>();
                options.AddInterceptors(Counter);
            });
        });
    }
}

/// <summary>
/// Counts commands executed for requests to one path and query (not the background outbox sender, nor other
/// requests): the request is recognised through the HTTP context the command runs in.
/// </summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private string? _url;
    private int _count;

    public IHttpContextAccessor? Http { get; set; }

    public void Start(string url)
    {
        _count = 0;
        _url = url;
    }

    public int Stop()
    {
        _url = null;
        return _count;
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Count();
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Count();
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Count();
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Count();
        return ValueTask.FromResult(result);
    }

    private void Count()
    {
        var request = Http?.HttpContext?.Request;
        if (_url is not null && request is not null && request.Path + request.QueryString == _url)
        {
            Interlocked.Increment(ref _count);
        }
    }
}
