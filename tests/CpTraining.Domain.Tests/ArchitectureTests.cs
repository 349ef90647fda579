using CpTraining.Domain.Programmes;

namespace CpTraining.Domain.Tests;

public class ArchitectureTests
{
    [Fact]
    public void The_domain_references_only_framework_assemblies()
    {
        var referenced = typeof(Programme).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.NotEmpty(referenced);
        Assert.All(referenced, name => Assert.True(
            name.StartsWith("System.", StringComparison.Ordinal)
                || name is "System" or "netstandard" or "mscorlib",
            $"The domain references {name}; it may reference framework assemblies only."));
    }

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.Extensions")]
    public void The_domain_references_no_persistence_web_or_hosting_assembly(string prefix)
    {
        var referenced = typeof(Programme).Assembly.GetReferencedAssemblies().Select(a => a.Name!);

        Assert.DoesNotContain(referenced, name => name.StartsWith(prefix, StringComparison.Ordinal));
    }
}
