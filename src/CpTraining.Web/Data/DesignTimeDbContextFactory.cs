using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CpTraining.Web.Data;

/// <summary>
/// How <c>dotnet ef</c> makes the context, without starting the app (which would migrate the database and seed it).
/// <c>migrations add</c>, <c>migrations script</c> and <c>migrations has-pending-model-changes</c> need no database;
/// <c>database update</c> uses <c>ConnectionStrings__Default</c>.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Default") is { Length: > 0 } configured
            ? configured
            : "Host=localhost;Database=cptraining";
        return new AppDbContext(new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(connectionString).Options);
    }
}
