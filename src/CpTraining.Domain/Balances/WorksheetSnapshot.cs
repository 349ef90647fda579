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
    decimal? UncertaintyPercent,
    OutputClass? OutputClass,
    UnitPrice? PurchasePrice,
    UnitPrice? DisposalFee,
    string? HazardousSubstance,
    decimal? HazardousKilogramsPerYear)
{
    public StreamDirection Direction => Directions.Of(FromStepId, ToStepId);
}

public sealed record EnergyStreamSnapshot(
    Guid Id,
    string? Name,
    Guid StepId,
    EnergyCarrier Carrier,
    Quantity Quantity,
    decimal AnnualMegajoules,
    HowObtained Obtained,
    decimal? UncertaintyPercent,
    UnitPrice? Price)
{
    /// <summary>MWh/yr.</summary>
    public decimal AnnualMegawattHours => AnnualMegajoules / 3_600m;
}
