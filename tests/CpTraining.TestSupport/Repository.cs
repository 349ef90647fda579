namespace CpTraining.TestSupport;

/// <summary>The source tree the tests run from, for tests that read the README or the code itself.</summary>
public static class Repository
{
    /// <summary>The folder holding CpTraining.sln, found upwards from the test binaries.</summary>
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "CpTraining.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("CpTraining.sln not found above " + AppContext.BaseDirectory);
    }
}
