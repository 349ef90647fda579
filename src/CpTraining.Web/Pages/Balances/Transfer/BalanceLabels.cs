using CpTraining.Domain.Balances;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Balances.Transfer;

/// <summary>The words shown (and, in a file, written) for the balance enums, in the reader's language.</summary>
public static class BalanceLabels
{
    public static string Of(HowObtained obtained, IStringLocalizer t) => WorksheetText.Obtained(t, obtained);

    public static string Of(OutputClass outputClass, IStringLocalizer t) => WorksheetText.OutputClassName(t, outputClass);

    public static string Of(EnergyCarrier carrier, IStringLocalizer t) => WorksheetText.Carrier(t, carrier);

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
