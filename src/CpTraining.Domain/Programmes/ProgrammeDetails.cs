namespace CpTraining.Domain.Programmes;

/// <summary>The descriptive part of a programme, as entered on its form.</summary>
public sealed record ProgrammeDetails(
    string Name,
    string Organisers,
    string City,
    string? Region,
    string Country,
    string Language,
    string? Description,
    string TimeZoneId);
