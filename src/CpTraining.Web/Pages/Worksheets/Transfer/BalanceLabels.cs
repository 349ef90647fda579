using CpTraining.Domain.Balances;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Worksheets.Transfer;

/// <summary>The words shown (and, in a file, written) for the balance enums, in the reader's language.</summary>
public static class BalanceLabels
{
    public static string Of(HowObtained obtained, IStringLocalizer t) => obtained switch
    {
        HowObtained.Measured => t["measured"],
        HowObtained.Calculated => t["calculated"],
        _ => t["estimated"],
    };

    public static string Of(OutputClass outputClass, IStringLocalizer t) => outputClass switch
    {
        OutputClass.Product => t["product"],
        OutputClass.ByProduct => t["by-product"],
        OutputClass.RecycledInternally => t["recycled internally"],
        OutputClass.Wastewater => t["wastewater"],
        OutputClass.AirEmission => t["air emission"],
        OutputClass.SolidWaste => t["solid waste"],
        OutputClass.HazardousWaste => t["hazardous waste"],
        _ => t["unaccounted loss"],
    };

    public static string Of(EnergyCarrier carrier, IStringLocalizer t) => carrier switch
    {
        EnergyCarrier.Electricity => t["electricity"],
        EnergyCarrier.NaturalGas => t["natural gas"],
        EnergyCarrier.SteamHeat => t["steam/heat"],
        EnergyCarrier.FuelOil => t["fuel oil"],
        EnergyCarrier.Coal => t["coal"],
        _ => t["other"],
    };

    public static string Of(StreamDirection direction, IStringLocalizer t) => direction switch
    {
        StreamDirection.Input => t["input"],
        StreamDirection.Output => t["output"],
        _ => t["internal"],
    };

    /// <summary>Ends of a stream for people: the step's name, or "(boundary)" for the outside.</summary>
    public static string StepName(Guid? stepId, IReadOnlyDictionary<Guid, string> names, IStringLocalizer t) =>
        stepId is { } id && names.TryGetValue(id, out var name) ? name : t["(boundary)"];
}
