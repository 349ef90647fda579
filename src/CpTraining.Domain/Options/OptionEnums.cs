namespace CpTraining.Domain.Options;

/// <summary>The standard categories of Cleaner Production options (UNEP/UNIDO; the seeds' "source reduction" list).</summary>
public enum OptionCategory
{
    GoodHousekeeping,
    InputMaterialChange,
    BetterProcessControl,
    EquipmentModification,
    TechnologyChange,
    OnSiteRecovery,
    UsefulByProduct,
    ProductModification,
}

/// <summary>Seed 000: "low-cost environmental improvements" done at once versus investment ("pilot") projects.</summary>
public enum OptionKind
{
    LowCost,
    Investment,
}

/// <summary>
/// identified → under study → feasible / not feasible → selected → implemented → verified; rejected (with a reason)
/// from any state. See <see cref="OptionStatuses.CanMove"/> for every allowed move.
/// </summary>
public enum OptionStatus
{
    Identified,
    UnderStudy,
    Feasible,
    NotFeasible,
    Selected,
    Implemented,
    Verified,
    Rejected,
}

/// <summary>The DESIRE method's three piles.</summary>
public enum DesireGroup
{
    ImplementNow,
    FurtherStudy,
    Rejected,
}

public static class OptionStatuses
{
    /// <summary>
    /// The moves allowed from each status besides rejecting (allowed from any status but Rejected). A not-feasible
    /// option can be studied again; a rejected one can be reopened as identified.
    /// </summary>
    public static IReadOnlyList<OptionStatus> Next(this OptionStatus status) => status switch
    {
        OptionStatus.Identified => [OptionStatus.UnderStudy],
        OptionStatus.UnderStudy => [OptionStatus.Feasible, OptionStatus.NotFeasible],
        OptionStatus.Feasible => [OptionStatus.Selected, OptionStatus.UnderStudy],
        OptionStatus.NotFeasible => [OptionStatus.UnderStudy],
        OptionStatus.Selected => [OptionStatus.Implemented, OptionStatus.Feasible],
        OptionStatus.Implemented => [OptionStatus.Verified],
        OptionStatus.Verified => [],
        OptionStatus.Rejected => [OptionStatus.Identified],
        _ => [],
    };

    public static bool CanMove(this OptionStatus from, OptionStatus to) =>
        to == OptionStatus.Rejected ? from != OptionStatus.Rejected : from.Next().Contains(to);

    /// <summary>
    /// Implement now: feasible, selected, implemented or verified options. Needs further study: identified and under
    /// study. Rejected: not feasible or rejected.
    /// </summary>
    public static DesireGroup Group(this OptionStatus status) => status switch
    {
        OptionStatus.Identified or OptionStatus.UnderStudy => DesireGroup.FurtherStudy,
        OptionStatus.NotFeasible or OptionStatus.Rejected => DesireGroup.Rejected,
        _ => DesireGroup.ImplementNow,
    };

    /// <summary>Options whose planned figures count in "planned" totals: chosen for implementation or beyond.</summary>
    public static bool IsPlanned(this OptionStatus status) =>
        status is OptionStatus.Selected or OptionStatus.Implemented or OptionStatus.Verified;
}
