using System.Text.Json.Serialization;

namespace CpTraining.Domain.Balances;

/// <summary>
/// A worksheet frozen as data: what a home-task submission keeps, and what <see cref="BalanceEvaluation"/> and
/// <see cref="Reconciliation"/> compute from. Annual figures are kg/yr and MJ/yr.
/// </summary>
public sealed record WorksheetSnapshot(
    Guid WorksheetId,
    Guid ProgrammeId,
    Guid CompanyId,
    string Name,
    string? FocusProcess,
    string? DataSourceNotes,
    string Currency,
    ReportingPeriod Period,
    int? BatchesPerYear,
    int? OperatingDaysPerYear,
    decimal PeriodsPerYear,
    decimal ClosureTolerancePercent,
    IReadOnlyList<StepSnapshot> Steps,
    IReadOnlyList<StreamSnapshot> Streams,
    IReadOnlyList<EnergyStreamSnapshot> EnergyStreams);

public sealed record StepSnapshot(Guid Id, string Name, int Position, Quantity? Accumulation, decimal AnnualAccumulationKilograms);

public sealed record StreamSnapshot(
    Guid Id,
    string Name,
    string Material,
    Guid? FromStepId,
    Guid? ToStepId,
    Quantity Quantity,
    decimal AnnualKilograms,
    HowObtained Obtained,
    Uncertainty? Uncertainty,
    OutputClass? OutputClass,
    UnitPrice? PurchasePrice,
    UnitPrice? DisposalFee,
    string? HazardousSubstance,
    decimal? HazardousKilogramsPerYear)
{
    public StreamDirection Direction => Directions.Of(FromStepId, ToStepId);

    /// <summary>Snapshots frozen before uncertainties could be absolute kept a percentage under this name.</summary>
    [JsonPropertyName("UncertaintyPercent")]
    [JsonInclude]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? FrozenUncertaintyPercent
    {
        get => null;
        init => Uncertainty ??= value is { } percent ? Uncertainty.Percent(percent) : null;
    }
}

public sealed record EnergyStreamSnapshot(
    Guid Id,
    string? Name,
    Guid StepId,
    EnergyCarrier Carrier,
    Quantity Quantity,
    decimal AnnualMegajoules,
    HowObtained Obtained,
    Uncertainty? Uncertainty,
    UnitPrice? Price)
{
    /// <summary>Snapshots frozen before uncertainties could be absolute kept a percentage under this name.</summary>
    [JsonPropertyName("UncertaintyPercent")]
    [JsonInclude]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? FrozenUncertaintyPercent
    {
        get => null;
        init => Uncertainty ??= value is { } percent ? Uncertainty.Percent(percent) : null;
    }

    /// <summary>MWh/yr.</summary>
    public decimal AnnualMegawattHours => AnnualMegajoules / 3_600m;
}
