using System.ComponentModel.DataAnnotations;
using CpTraining.Domain.Programmes;

namespace CpTraining.Web.Pages.Programmes;

/// <summary>The descriptive fields of a programme, shared by the create and edit forms.</summary>
public class ProgrammeForm
{
    /// <summary>Venue time zones offered on the form (those this machine knows; Kyiv is "Europe/Kiev" in older time zone data).</summary>
    public static readonly IReadOnlyList<string> TimeZoneOptions =
        new[] { "Europe/Kyiv", "Europe/Kiev", "Europe/Oslo", "Europe/Zagreb", "Europe/Warsaw", "Europe/Bucharest", "Europe/Chisinau", "Europe/Vienna", "Europe/Berlin", "Europe/London", "Asia/Tbilisi", "Asia/Almaty", "Asia/Tashkent", "Asia/Shanghai", "Africa/Nairobi", "UTC" }
            .Where(id => TimeZoneInfo.TryFindSystemTimeZoneById(id, out _))
            .ToList();

    public static string DefaultTimeZone => TimeZoneOptions[0];

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(Programme.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Programme name")]
    public string Name { get; set; } = string.Empty;

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(Programme.OrganisersMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Organisers")]
    public string Organisers { get; set; } = string.Empty;

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(Programme.PlaceMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "City")]
    public string City { get; set; } = string.Empty;

    [StringLength(Programme.PlaceMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Region")]
    public string? Region { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(Programme.PlaceMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Country")]
    public string Country { get; set; } = string.Empty;

    [Required(ErrorMessage = "This field is required.")]
    [Display(Name = "Language")]
    public string Language { get; set; } = "en";

    [StringLength(Programme.DescriptionMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Description")]
    public string? Description { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [Display(Name = "Time zone of the venue")]
    public string TimeZoneId { get; set; } = DefaultTimeZone;

    public ProgrammeDetails ToDetails() =>
        new(Name, Organisers, City, Region, Country, Language, Description, TimeZoneId);
}
