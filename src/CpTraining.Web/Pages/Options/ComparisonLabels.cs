using CpTraining.Domain.Options;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

/// <summary>Names of the option enums in the reader's language, for the comparison and economics pages.</summary>
public static class ComparisonLabels
{
    public static string Category(IStringLocalizer t, OptionCategory c) => c switch
    {
        OptionCategory.GoodHousekeeping => t["Good housekeeping"],
        OptionCategory.InputMaterialChange => t["Input material change"],
        OptionCategory.BetterProcessControl => t["Better process control"],
        OptionCategory.EquipmentModification => t["Equipment modification"],
        OptionCategory.TechnologyChange => t["Technology change"],
        OptionCategory.OnSiteRecovery => t["On-site recovery and reuse"],
        OptionCategory.UsefulByProduct => t["Production of a useful by-product"],
        OptionCategory.ProductModification => t["Product modification"],
        _ => c.ToString(),
    };

    public static string Kind(IStringLocalizer t, OptionKind k) => k switch
    {
        OptionKind.LowCost => t["No-cost or low-cost improvement"],
        OptionKind.Investment => t["Investment project"],
        _ => k.ToString(),
    };

    public static string Status(IStringLocalizer t, OptionStatus s) => s switch
    {
        OptionStatus.Identified => t["Identified"],
        OptionStatus.UnderStudy => t["Under study"],
        OptionStatus.Feasible => t["Feasible"],
        OptionStatus.NotFeasible => t["Not feasible"],
        OptionStatus.Selected => t["Selected"],
        OptionStatus.Implemented => t["Implemented"],
        OptionStatus.Verified => t["Verified"],
        OptionStatus.Rejected => t["Rejected"],
        _ => s.ToString(),
    };
}
