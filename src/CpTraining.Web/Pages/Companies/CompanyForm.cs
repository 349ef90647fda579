using System.ComponentModel.DataAnnotations;
using CpTraining.Domain.Companies;

namespace CpTraining.Web.Pages.Companies;

/// <summary>The fields of a company, shared by the register's create and edit forms and by create-and-enrol.</summary>
public class CompanyForm
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(Company.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Company name")]
    public string Name { get; set; } = string.Empty;

    [StringLength(Company.SectorCodeMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Sector code (NACE)")]
    public string? SectorCode { get; set; }

    [StringLength(Company.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Sector")]
    public string? SectorName { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(Company.PlaceMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "City")]
    public string City { get; set; } = string.Empty;

    [StringLength(Company.PlaceMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Region")]
    public string? Region { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(Company.PlaceMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Country")]
    public string Country { get; set; } = string.Empty;

    [Range(0, 1_000_000, ErrorMessage = "The number of employees must be between 0 and 1,000,000.")]
    [Display(Name = "Number of employees")]
    public int? Employees { get; set; }

    [StringLength(Company.AddressMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Address")]
    public string? Address { get; set; }

    [StringLength(Company.TextMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Production")]
    public string? ProductionDescription { get; set; }

    [StringLength(Company.TextMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Environmental problem")]
    public string? EnvironmentalProblem { get; set; }

    public CompanyDetails ToDetails() =>
        new(Name, SectorCode, SectorName, City, Region, Country, Employees, Address, ProductionDescription, EnvironmentalProblem);

    public void Fill(Company c) =>
        (Name, SectorCode, SectorName, City, Region, Country, Employees, Address, ProductionDescription, EnvironmentalProblem) =
        (c.Name, c.SectorCode, c.SectorName, c.City, c.Region, c.Country, c.Employees, c.Address, c.ProductionDescription, c.EnvironmentalProblem);
}
