namespace CpTraining.Domain.Options;

// Placeholder until the finance branch is merged.
public sealed record EconomicInputs;
