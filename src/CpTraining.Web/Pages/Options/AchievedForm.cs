using System.Globalization;
using CpTraining.Domain;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Pages.Balances;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// The achieved-results form: numbers as typed (read in the reader's culture by <see cref="Read"/>), so that a refused
/// entry is shown as typed; the option's row version; the evidence files ticked for removal.
/// </summary>
public sealed class AchievedForm
{
    public DateOnly? ImplementedOn { get; set; }

    public string? ActualInvestment { get; set; }

    public string? AnnualSavings { get; set; }

    public string? WaterCubicMetres { get; set; }

    public string? EnergyMegawattHours { get; set; }

    public string? TonnesCo2 { get; set; }

    public string? SolidWasteTonnes { get; set; }

    public string? HazardousWasteTonnes { get; set; }

    public string? WastewaterCubicMetres { get; set; }

    public string? RawMaterialTonnes { get; set; }

    public List<SubstanceInput> Substances { get; set; } = [];

    public string? Notes { get; set; }

    /// <summary>Why the results differ from the plan (see <see cref="Domain.Checks.AchievedChecks"/>).</summary>
    public string? Explanation { get; set; }

    /// <summary>The option's row version (xmin) the form was opened with.</summary>
    public uint Version { get; set; }

    public List<Guid> RemoveFileIds { get; set; } = [];

    public static AchievedForm From(CpOption option, uint version, CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(option);
        string? N(decimal? v) => v is { } x ? NumberParser.Write(x, culture) : null;
        var a = option.Achieved;
        var r = a?.Reductions ?? Reductions.None;
        return new AchievedForm
        {
            ImplementedOn = a?.ImplementedOn,
            ActualInvestment = N(a?.ActualInvestment),
            AnnualSavings = N(a?.AnnualSavings),
            WaterCubicMetres = N(r.WaterCubicMetres),
            EnergyMegawattHours = N(r.EnergyMegawattHours),
            TonnesCo2 = N(r.TonnesCo2),
            SolidWasteTonnes = N(r.SolidWasteTonnes),
            HazardousWasteTonnes = N(r.HazardousWasteTonnes),
            WastewaterCubicMetres = N(r.WastewaterCubicMetres),
            RawMaterialTonnes = N(r.RawMaterialTonnes),
            Substances = r.Substances.Select(s => new SubstanceInput { Name = s.Name, KilogramsPerYear = N(s.KilogramsPerYear) }).ToList(),
            Notes = a?.Notes,
            Explanation = a?.Explanation,
            Version = version,
        };
    }

    /// <summary>
    /// The results as typed, or null with every unreadable or refused figure as an error next to its field (placed by
    /// <paramref name="fields"/>). The results' own rules are checked even when some field could not be read, so that
    /// every error shows at once; the option's rules (its status, the date, the evidence) when it records them.
    /// </summary>
    public AchievedResults? Read(ModelStateDictionary modelState, IStringLocalizer t, FormFields fields)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(t);
        T? Checked<T>(Func<T> read)
        {
            try
            {
                return read();
            }
            catch (DomainException ex)
            {
                modelState.AddDomainError(ex, t, fields);
                return default;
            }
        }

        var read = new FormNumbers(modelState, t, "Input");
        decimal? Number(string? text, string field) => read.Number(text, field);

        var investment = Number(ActualInvestment, nameof(ActualInvestment));
        var savings = Number(AnnualSavings, nameof(AnnualSavings));
        var water = Number(WaterCubicMetres, nameof(WaterCubicMetres));
        var energy = Number(EnergyMegawattHours, nameof(EnergyMegawattHours));
        var co2 = Number(TonnesCo2, nameof(TonnesCo2));
        var solid = Number(SolidWasteTonnes, nameof(SolidWasteTonnes));
        var hazardous = Number(HazardousWasteTonnes, nameof(HazardousWasteTonnes));
        var wastewater = Number(WastewaterCubicMetres, nameof(WastewaterCubicMetres));
        var raw = Number(RawMaterialTonnes, nameof(RawMaterialTonnes));

        // One entry per row, blank rows included (the aggregate skips them), so that a refusal names its own row.
        var substances = new List<SubstanceReduction>();
        for (var i = 0; i < Substances.Count; i++)
        {
            var row = Substances[i];
            var field = $"Substances[{i}].KilogramsPerYear";
            if (string.IsNullOrWhiteSpace(row.Name) && string.IsNullOrWhiteSpace(row.KilogramsPerYear))
            {
                substances.Add(new SubstanceReduction(string.Empty, 0));
            }
            else if (string.IsNullOrWhiteSpace(row.Name))
            {
                modelState.AddModelError($"Input.Substances[{i}].Name", t["Name the substance."]);
            }
            else if (string.IsNullOrWhiteSpace(row.KilogramsPerYear))
            {
                modelState.AddModelError($"Input.{field}", t["Enter the kilograms a year."]);
            }
            else if (Number(row.KilogramsPerYear, field) is { } kg)
            {
                substances.Add(new SubstanceReduction(row.Name, kg));
            }
        }

        if (ImplementedOn is null)
        {
            modelState.AddModelError("Input.ImplementedOn", t["Enter the date the option was implemented."]);
        }

        var reductions = Checked(() => Reductions.Create(water, energy, co2, solid, hazardous, wastewater, raw, substances)) ?? Reductions.None;
        var results = Checked(() => AchievedResults.Create(ImplementedOn ?? DateOnly.MinValue, investment, savings, reductions, Notes, Explanation));
        return modelState.IsValid ? results : null;
    }

    public sealed class SubstanceInput
    {
        public string? Name { get; set; }

        public string? KilogramsPerYear { get; set; }
    }
}
