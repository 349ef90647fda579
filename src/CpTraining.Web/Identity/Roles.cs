namespace CpTraining.Web.Identity;

/// <summary>Account-wide roles. What a person may do in one programme is decided per programme (see <see cref="Standing"/>).</summary>
public static class Roles
{
    public const string Administrator = "Administrator";
    public const string Coordinator = "Coordinator";
    public const string Trainer = "Trainer";
    public const string Engineer = "Engineer";
    public const string Manager = "Manager";

    public static readonly IReadOnlyList<string> All = [Administrator, Coordinator, Trainer, Engineer, Manager];
}

/// <summary>Authorization policy names used by pages.</summary>
public static class Policies
{
    /// <summary>Administrators only: accounts, outbox, corrections of held sessions.</summary>
    public const string Administration = nameof(Administration);

    /// <summary>May create programmes and accounts: administrators and coordinators.</summary>
    public const string ManageProgrammes = nameof(ManageProgrammes);
}
