namespace CpTraining.Domain.Companies;

/// <summary>The descriptive part of a company, as entered on its form.</summary>
public sealed record CompanyDetails(
    string Name,
    string? SectorCode,
    string? SectorName,
    string City,
    string? Region,
    string Country,
    int? Employees,
    string? Address,
    string? ProductionDescription,
    string? EnvironmentalProblem);

/// <summary>
/// A participant company. It exists once and can take part in several programmes over the years
/// (see <see cref="Programmes.Enrolment"/>); its data are never copied per programme.
/// </summary>
public sealed class Company
{
    public const int NameMaxLength = 200;
    public const int SectorCodeMaxLength = 10;
    public const int PlaceMaxLength = 100;
    public const int AddressMaxLength = 300;
    public const int TextMaxLength = 4000;

    private Company()
    {
        Name = City = Country = string.Empty;
    }

    public Company(CompanyDetails details, DateTimeOffset createdAt)
        : this()
    {
        Id = Guid.NewGuid();
        CreatedAt = createdAt;
        Change(details);
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>NACE-style activity code, e.g. "C13.30" (finishing of textiles).</summary>
    public string? SectorCode { get; private set; }

    public string? SectorName { get; private set; }

    public string City { get; private set; }

    public string? Region { get; private set; }

    public string Country { get; private set; }

    public int? Employees { get; private set; }

    public string? Address { get; private set; }

    /// <summary>A short description of what the company produces and how.</summary>
    public string? ProductionDescription { get; private set; }

    /// <summary>The company's environmental problem statement, e.g. "discharges persistent organic pollutants to the municipal wastewater system".</summary>
    public string? EnvironmentalProblem { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public void Change(CompanyDetails details)
    {
        var name = Text.Required(details.Name, "Name", NameMaxLength);
        var code = Text.Optional(details.SectorCode, "SectorCode", SectorCodeMaxLength)?.ToUpperInvariant();
        if (code is not null && !IsNaceCode(code))
        {
            throw new DomainException("SectorCode", "Give a NACE code such as C13.30 (a letter, then two to four digits with an optional dot).");
        }

        var sectorName = Text.Optional(details.SectorName, "SectorName", NameMaxLength);
        var city = Text.Required(details.City, "City", PlaceMaxLength);
        var region = Text.Optional(details.Region, "Region", PlaceMaxLength);
        var country = Text.Required(details.Country, "Country", PlaceMaxLength);
        if (details.Employees is < 0 or > 1_000_000)
        {
            throw new DomainException("Employees", "The number of employees must be between 0 and 1,000,000.");
        }

        var address = Text.Optional(details.Address, "Address", AddressMaxLength);
        var production = Text.Optional(details.ProductionDescription, "ProductionDescription", TextMaxLength);
        var problem = Text.Optional(details.EnvironmentalProblem, "EnvironmentalProblem", TextMaxLength);
        (Name, SectorCode, SectorName, City, Region, Country, Employees, Address, ProductionDescription, EnvironmentalProblem) =
            (name, code, sectorName, city, region, country, details.Employees, address, production, problem);
    }

    // NACE Rev. 2: section letter A–U, then division (2 digits), optionally group/class ("13", "13.3", "13.30", "C1330").
    private static bool IsNaceCode(string code)
    {
        if (code.Length < 3 || code[0] < 'A' || code[0] > 'U')
        {
            return false;
        }

        var digits = code[1..].Replace(".", string.Empty, StringComparison.Ordinal);
        return digits.Length is >= 2 and <= 4 && digits.All(char.IsAsciiDigit) && code.Count(c => c == '.') <= 1;
    }
}
