using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CpTraining.Domain;
using CpTraining.Domain.Balances;
using CpTraining.Domain.Options;
using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Pages.Balances;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

/// <summary>Names of the option enums in the reader's language, and numbers for reading.</summary>
public static class OptionText
{
    public static string Number(int number) => "O" + number.ToString(CultureInfo.InvariantCulture);

    public static string Category(IStringLocalizer t, OptionCategory c) => c switch
    {
        OptionCategory.GoodHousekeeping => t["Good housekeeping"],
        OptionCategory.InputMaterialChange => t["Input material change"],
        OptionCategory.BetterProcessControl => t["Better process control"],
        OptionCategory.EquipmentModification => t["Equipment modification"],
        OptionCategory.TechnologyChange => t["Technology change"],
        OptionCategory.OnSiteRecovery => t["On-site recovery and reuse"],
        OptionCategory.UsefulByProduct => t["Production of a useful by-product"],
        _ => t["Product modification"],
    };

    public static string Kind(IStringLocalizer t, OptionKind k) =>
        k == OptionKind.LowCost ? t["No-cost / low-cost improvement"] : t["Investment project"];

    public static string Status(IStringLocalizer t, OptionStatus s) => s switch
    {
        OptionStatus.Identified => t["Identified"],
        OptionStatus.UnderStudy => t["Under study"],
        OptionStatus.Feasible => t["Feasible"],
        OptionStatus.NotFeasible => t["Not feasible"],
        OptionStatus.Selected => t["Selected"],
        OptionStatus.Implemented => t["Implemented"],
        OptionStatus.Verified => t["Verified"],
        _ => t["Rejected"],
    };

    public static string Group(IStringLocalizer t, DesireGroup g) => g switch
    {
        DesireGroup.ImplementNow => t["Implement now"],
        DesireGroup.FurtherStudy => t["Needs further study"],
        _ => t["Rejected options"],
    };

    /// <summary>What a DESIRE pile holds, in one line.</summary>
    public static string GroupExplained(IStringLocalizer t, DesireGroup g) => g switch
    {
        DesireGroup.ImplementNow => t["Feasible, selected, implemented or verified options: go ahead with them."],
        DesireGroup.FurtherStudy => t["Identified options and options under study: evaluate them before deciding."],
        _ => t["Options found not feasible or rejected, kept with the reason so that they are not proposed again."],
    };

    public static string Effect(IStringLocalizer t, ReductionEffect e) => e switch
    {
        ReductionEffect.Water => t["Water"],
        ReductionEffect.Wastewater => t["Wastewater"],
        ReductionEffect.SolidWaste => t["Solid waste"],
        ReductionEffect.HazardousWaste => t["Hazardous waste"],
        ReductionEffect.RawMaterial => t["Raw material"],
        ReductionEffect.Energy => t["Energy"],
        ReductionEffect.Co2 => t["CO₂"],
        _ => t["Not counted"],
    };

    /// <summary>A standard criterion's name in the reader's language; a criterion the user named stays as named.</summary>
    public static string Criterion(IStringLocalizer t, string name) => name switch
    {
        "Product quality" => t["Product quality"],
        "Production capacity" => t["Production capacity"],
        "Space required" => t["Space required"],
        "Downtime during installation" => t["Downtime during installation"],
        "Compatibility with existing operations" => t["Compatibility with existing operations"],
        "Operation and maintenance" => t["Operation and maintenance"],
        "Training needed" => t["Training needed"],
        "Health and safety" => t["Health and safety"],
        _ => name,
    };

    /// <summary>A figure for reading: grouped thousands, up to three decimals.</summary>
    public static string Figure(decimal? value) => value?.ToString("#,##0.###", CultureInfo.CurrentCulture) ?? "—";

    /// <summary>A number to put back into a form field: no grouping, as many decimals as it has.</summary>
    public static string Field(decimal? value) => value is { } v ? NumberParser.Write(v, CultureInfo.CurrentCulture) : string.Empty;

    /// <summary>The enum value named exactly as posted, or null (an unknown or numeric value is no value).</summary>
    public static T? Parse<T>(string? posted)
        where T : struct, Enum =>
        posted is not null && Enum.GetNames<T>().Contains(posted, StringComparer.Ordinal) ? Enum.Parse<T>(posted) : null;

    /// <summary>
    /// Where an option form shows a domain refusal: next to its field, with status names in the reader's language
    /// (“An option that is under study cannot become verified.”).
    /// </summary>
    public static FormFields Fields(IStringLocalizer t, string prefix) =>
        new(prefix) { Argument = a => a is OptionStatus s ? Status(t, s).ToLower(CultureInfo.CurrentCulture) : a };
}

/// <summary>Option changes in the programme's audit log, the subject being the option.</summary>
internal static class OptionAudit
{
    public static string Subject(Guid optionId) => "option " + optionId.ToString("D");

    public static void Record(AppDbContext db, TimeProvider time, string actorId, CpOption option, string action, string what)
    {
        var text = $"{OptionText.Number(option.Number)} {option.Title}: {what}";
        db.Record(time, actorId, option.ProgrammeId, action, Subject(option.Id), null, text.Length <= 1_000 ? text : text[..1_000]);
    }
}

/// <summary>Title, description, problems, category and kind: the register's create form and the option page's details form.</summary>
public sealed class OptionDetailsInput
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(CpOption.TitleMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Title")]
    public string? Title { get; set; }

    [StringLength(CpOption.DescriptionMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Description")]
    public string? Description { get; set; }

    [StringLength(CpOption.ProblemsMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Problems addressed")]
    public string? ProblemsAddressed { get; set; }

    [StringLength(CpOption.RisksMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Risks")]
    public string? Risks { get; set; }

    [Required(ErrorMessage = "Choose one of the categories.")]
    [Display(Name = "Category")]
    public string? Category { get; set; }

    [Required(ErrorMessage = "Choose low-cost improvement or investment project.")]
    [Display(Name = "Kind")]
    public string? Kind { get; set; }

    public uint Version { get; set; }

    public static OptionDetailsInput From(CpOption o, uint version) => new()
    {
        Title = o.Title,
        Description = o.Description,
        ProblemsAddressed = o.ProblemsAddressed,
        Risks = o.Risks,
        Category = o.Category.ToString(),
        Kind = o.Kind.ToString(),
        Version = version,
    };

    /// <summary>The category and kind as posted; a value that is not one of them is a field error (prefix.Category / prefix.Kind).</summary>
    public (OptionCategory Category, OptionKind Kind)? Read(ModelStateDictionary modelState, IStringLocalizer t, string prefix)
    {
        var category = OptionText.Parse<OptionCategory>(Category);
        var kind = OptionText.Parse<OptionKind>(Kind);
        if (category is null && !string.IsNullOrEmpty(Category))
        {
            modelState.AddModelError($"{prefix}.Category", t["Choose one of the categories."]);
        }

        if (kind is null && !string.IsNullOrEmpty(Kind))
        {
            modelState.AddModelError($"{prefix}.Kind", t["Choose low-cost improvement or investment project."]);
        }

        return category is { } c && kind is { } k ? (c, k) : null;
    }
}

public sealed class PlanInput
{
    [StringLength(CpOption.PlanMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Next step")]
    public string? NextStep { get; set; }

    [StringLength(CpOption.ResponsibleMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Responsible")]
    public string? Responsible { get; set; }

    [DataType(DataType.Date)]
    [Display(Name = "Due date")]
    public DateOnly? Due { get; set; }

    public uint Version { get; set; }

    public static PlanInput From(CpOption o, uint version) =>
        new() { NextStep = o.NextStep, Responsible = o.Responsible, Due = o.NextStepDue, Version = version };
}

/// <summary>One stream of the company's worksheets, ticked when the option addresses it.</summary>
public sealed class LinkRow
{
    public Guid WorksheetId { get; set; }

    public Guid StreamId { get; set; }

    public bool IsEnergy { get; set; }

    public bool Selected { get; set; }

    /// <summary>Expected reduction, % of the stream (blank = addressed without a figure).</summary>
    public string? Percent { get; set; }
}

public sealed class LinksInput
{
    public List<LinkRow> Rows { get; set; } = [];

    public uint Version { get; set; }

    /// <summary>Every stream of the company's worksheets, the linked ones ticked with their expected reduction.</summary>
    public static LinksInput From(CpOption option, IReadOnlyList<StreamChoice> choices, uint version) => new()
    {
        Rows = choices.Select(c => option.Links.FirstOrDefault(l => l.WorksheetId == c.WorksheetId && l.StreamId == c.StreamId && l.IsEnergy == c.IsEnergy) is { } link
            ? new LinkRow { WorksheetId = c.WorksheetId, StreamId = c.StreamId, IsEnergy = c.IsEnergy, Selected = true, Percent = OptionText.Field(link.ReductionPercent) }
            : new LinkRow { WorksheetId = c.WorksheetId, StreamId = c.StreamId, IsEnergy = c.IsEnergy }).ToList(),
        Version = version,
    };

    /// <summary>
    /// The ticked streams as links, or null with the errors in the model state: a stream that is not one of the
    /// company's <paramref name="worksheets"/> (a forged id) is refused, and so is a percentage that cannot be read.
    /// </summary>
    internal List<StreamLink>? Read(ModelStateDictionary modelState, IStringLocalizer t, string prefix, IReadOnlyList<WorksheetSnapshot> worksheets)
    {
        var read = new FormNumbers(modelState, t, prefix);
        var chosen = new List<StreamLink>();
        for (var i = 0; i < Rows.Count; i++)
        {
            var row = Rows[i];
            if (!row.Selected)
            {
                continue;
            }

            var percent = read.Number(row.Percent, $"Rows[{i}].Percent");
            var sheet = worksheets.FirstOrDefault(w => w.WorksheetId == row.WorksheetId);
            var known = sheet is not null && (row.IsEnergy
                ? sheet.EnergyStreams.Any(e => e.Id == row.StreamId)
                : sheet.Streams.Any(s => s.Id == row.StreamId));
            if (!known)
            {
                modelState.AddModelError($"{prefix}.Rows", t["Only streams of this company's worksheets in this programme can be linked."]);
                continue;
            }

            try
            {
                chosen.Add(StreamLink.Create(row.WorksheetId, row.StreamId, row.IsEnergy, percent ?? 0m, i));
            }
            catch (DomainException ex)
            {
                modelState.AddModelError($"{prefix}.Rows[{i}].Percent", t.Text(ex));
            }
        }

        return read.Failed || !modelState.IsValid ? null : chosen;
    }
}

public sealed class SubstanceRow
{
    public string? Name { get; set; }

    public string? Kilograms { get; set; }
}

/// <summary>Reductions typed in; each one given overrides the figure computed from the linked streams.</summary>
public sealed class ReductionsInput
{
    [Display(Name = "Water, m³/yr")]
    public string? Water { get; set; }

    [Display(Name = "Energy, MWh/yr")]
    public string? Energy { get; set; }

    [Display(Name = "CO₂, t/yr")]
    public string? Co2 { get; set; }

    [Display(Name = "Solid waste, t/yr")]
    public string? SolidWaste { get; set; }

    [Display(Name = "Hazardous waste, t/yr")]
    public string? HazardousWaste { get; set; }

    [Display(Name = "Wastewater, m³/yr")]
    public string? Wastewater { get; set; }

    [Display(Name = "Raw material, t/yr")]
    public string? RawMaterial { get; set; }

    public List<SubstanceRow> Substances { get; set; } = [];

    public uint Version { get; set; }

    /// <summary>Blank rows for new substances below the entered ones.</summary>
    public const int BlankRows = 2;

    /// <summary>
    /// The entered reductions, or null when a number could not be read (the errors are in the model state). The
    /// record's own refusals are thrown, to be shown at the form's fields (<see cref="FieldOf"/>).
    /// </summary>
    internal Reductions? Read(FormNumbers read)
    {
        var water = read.Number(Water, nameof(Water));
        var energy = read.Number(Energy, nameof(Energy));
        var co2 = read.Number(Co2, nameof(Co2));
        var solid = read.Number(SolidWaste, nameof(SolidWaste));
        var hazardous = read.Number(HazardousWaste, nameof(HazardousWaste));
        var wastewater = read.Number(Wastewater, nameof(Wastewater));
        var raw = read.Number(RawMaterial, nameof(RawMaterial));
        var substances = Substances
            .Select((s, i) => new SubstanceReduction(s.Name ?? string.Empty, string.IsNullOrWhiteSpace(s.Name) ? 0 : read.Number(s.Kilograms, $"Substances[{i}].Kilograms") ?? 0))
            .ToList();
        return read.Failed ? null : Reductions.Create(water, energy, co2, solid, hazardous, wastewater, raw, substances);
    }

    /// <summary>The form's field a refusal of <see cref="Reductions"/> is about: the record names the figures with their units (WaterCubicMetres).</summary>
    public static string FieldOf(string field) => field switch
    {
        nameof(Reductions.WaterCubicMetres) => nameof(Water),
        nameof(Reductions.EnergyMegawattHours) => nameof(Energy),
        nameof(Reductions.TonnesCo2) => nameof(Co2),
        nameof(Reductions.SolidWasteTonnes) => nameof(SolidWaste),
        nameof(Reductions.HazardousWasteTonnes) => nameof(HazardousWaste),
        nameof(Reductions.WastewaterCubicMetres) => nameof(Wastewater),
        nameof(Reductions.RawMaterialTonnes) => nameof(RawMaterial),
        _ => field.Replace("KilogramsPerYear", "Kilograms", StringComparison.Ordinal),
    };

    public static ReductionsInput From(Reductions r, uint version) => new()
    {
        Water = OptionText.Field(r.WaterCubicMetres),
        Energy = OptionText.Field(r.EnergyMegawattHours),
        Co2 = OptionText.Field(r.TonnesCo2),
        SolidWaste = OptionText.Field(r.SolidWasteTonnes),
        HazardousWaste = OptionText.Field(r.HazardousWasteTonnes),
        Wastewater = OptionText.Field(r.WastewaterCubicMetres),
        RawMaterial = OptionText.Field(r.RawMaterialTonnes),
        Substances = [.. r.Substances.Select(s => new SubstanceRow { Name = s.Name, Kilograms = OptionText.Field(s.KilogramsPerYear) }), .. Enumerable.Range(0, BlankRows).Select(_ => new SubstanceRow())],
        Version = version,
    };
}

public sealed class CriterionRow
{
    public string? Name { get; set; }

    public string? Weight { get; set; }

    public string? Score { get; set; }
}

public sealed class TechnicalInput
{
    public List<CriterionRow> Criteria { get; set; } = [];

    /// <summary>"true" feasible, "false" infeasible, empty not yet judged.</summary>
    [Display(Name = "Verdict")]
    public string? IsFeasible { get; set; }

    [StringLength(TechnicalEvaluation.NotesMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Notes")]
    public string? Notes { get; set; }

    public uint Version { get; set; }

    public const int BlankRows = 2;

    /// <summary>
    /// The evaluation, or null when a weight or score could not be read (the errors are in the model state); a blank
    /// row is no criterion but keeps the row numbers. The evaluation's own refusals are thrown.
    /// </summary>
    internal TechnicalEvaluation? Read(FormNumbers read)
    {
        var criteria = new List<TechnicalCriterion>();
        for (var i = 0; i < Criteria.Count; i++)
        {
            var row = Criteria[i];
            if (string.IsNullOrWhiteSpace(row.Name))
            {
                criteria.Add(new TechnicalCriterion(string.Empty, 1m, null));
                continue;
            }

            var weight = read.Number(row.Weight, $"Criteria[{i}].Weight");
            if (weight is null && string.IsNullOrWhiteSpace(row.Weight))
            {
                read.Refuse(new DomainException($"Criteria[{i}].Weight", "A weight is more than 0 and at most 100."));
            }

            var score = read.WholeNumber(row.Score, $"Criteria[{i}].Score");
            criteria.Add(new TechnicalCriterion(row.Name, weight ?? 0m, score));
        }

        bool? feasible = IsFeasible switch { "true" => true, "false" => false, _ => null };
        return read.Failed ? null : TechnicalEvaluation.Create(criteria, feasible, Notes);
    }

    /// <summary>The evaluation as a form; standard criteria named in the reader's language (saved so when the form is saved).</summary>
    public static TechnicalInput From(TechnicalEvaluation e, uint version, IStringLocalizer t) => new()
    {
        Criteria = [.. e.Criteria.Select(c => new CriterionRow
        {
            Name = OptionText.Criterion(t, c.Name),
            Weight = OptionText.Field(c.Weight),
            Score = c.Score?.ToString(CultureInfo.InvariantCulture),
        }), .. Enumerable.Range(0, BlankRows).Select(_ => new CriterionRow())],
        IsFeasible = e.IsFeasible switch { true => "true", false => "false", null => string.Empty },
        Notes = e.Notes,
        Version = version,
    };
}

public sealed class MoveInput
{
    /// <summary>The status to move to (its name).</summary>
    public string? To { get; set; }

    /// <summary>Required when rejecting.</summary>
    [StringLength(CpOption.ReasonMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Reason for rejecting")]
    public string? Reason { get; set; }

    public uint Version { get; set; }
}

/// <summary>A material or energy stream of the company's worksheets that an option can address, with its annual flow.</summary>
public sealed record StreamChoice(
    Guid WorksheetId, string WorksheetName, Guid StreamId, bool IsEnergy, string Name, string Kind, ReductionEffect Effect, decimal AnnualFlow, string FlowUnit)
{
    /// <summary>Every material and energy stream of the worksheets, in worksheet order.</summary>
    public static IReadOnlyList<StreamChoice> Of(IEnumerable<WorksheetSnapshot> worksheets, IStringLocalizer t) =>
        worksheets.SelectMany(w =>
                w.Streams.Select(s => new StreamChoice(w.WorksheetId, w.Name, s.Id, false, s.Name, KindOf(s, t), EnvironmentalEvaluation.EffectOf(s),
                        EnvironmentalEvaluation.EffectOf(s) is ReductionEffect.Water or ReductionEffect.Wastewater ? s.AnnualKilograms / (s.Quantity.Density ?? EnvironmentalEvaluation.WaterDensity) : s.AnnualKilograms / 1_000m,
                        EnvironmentalEvaluation.EffectOf(s) is ReductionEffect.Water or ReductionEffect.Wastewater ? t["m³/yr"] : t["t/yr"]))
                    .Concat(w.EnergyStreams.Select(e => new StreamChoice(w.WorksheetId, w.Name, e.Id, true, e.Name ?? WorksheetText.Carrier(t, e.Carrier), WorksheetText.Carrier(t, e.Carrier), ReductionEffect.Energy, e.AnnualMegawattHours, t["MWh/yr"]))))
            .ToList();

    private static string KindOf(StreamSnapshot s, IStringLocalizer t) => s.Direction switch
    {
        StreamDirection.Input => Capitalised(t["input"]),
        StreamDirection.Output => s.OutputClass is { } c ? WorksheetText.OutputClassName(t, c) : Capitalised(t["output"]),
        _ => Capitalised(t["internal"]),
    };

    private static string Capitalised(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.CurrentCulture) + text[1..];
}
