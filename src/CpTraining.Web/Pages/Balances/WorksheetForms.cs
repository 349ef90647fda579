using System.ComponentModel.DataAnnotations;
using System.Globalization;
using CpTraining.Domain;
using CpTraining.Domain.Balances;
using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Balances;

/// <summary>
/// Reads the numbers of one form in the user's culture (decimal comma or point, see <see cref="NumberParser"/>):
/// every refusal goes next to its field, and the form is refused as a whole if any number could not be read.
/// </summary>
internal sealed class FormNumbers(ModelStateDictionary modelState, IStringLocalizer t, string prefix)
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

    public bool Failed { get; private set; }

    public decimal? Number(string? text, string field) => Try(() => NumberParser.ParseOptional(text, _culture, field));

    /// <summary>An uncertainty kept exactly as typed, or null when none was typed.</summary>
    public Uncertainty? Uncertainty(string? text, UncertaintyKind kind, string field = "Uncertainty")
    {
        var value = Number(text, field);
        return value is null ? null : Try(() => new Uncertainty(text!.Trim(), value.Value, kind));
    }

    public int? WholeNumber(string? text, string field)
    {
        var value = Number(text, field);
        if (value is null)
        {
            return null;
        }

        if (value != decimal.Truncate(value.Value) || value is < int.MinValue or > int.MaxValue)
        {
            Refuse(new DomainException(field, "Enter a whole number."));
            return null;
        }

        return (int)value.Value;
    }

    public Unit? UnitOf(string? text, string field) =>
        string.IsNullOrWhiteSpace(text) ? null : Try<Unit?>(() => Units.Parse(text, field));

    /// <summary>A price with its unit, or null when no amount was typed; the unit is then required.</summary>
    public UnitPrice? Price(string? amount, string? unit, string field)
    {
        var value = Number(amount, field);
        if (value is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(unit))
        {
            Refuse(new DomainException(field, "Choose the unit the price is per."));
            return null;
        }

        return UnitOf(unit, field) is { } u ? new UnitPrice(value.Value, u) : null;
    }

    /// <summary>A quantity as typed with its conversion data; null (with the field errors shown) when it cannot be read.</summary>
    public Quantity? Quantity(string? text, string? unit, decimal? density, decimal? calorificValue, CalorificBasis? basis, string field = "Quantity")
    {
        if (Failed)
        {
            // A density or calorific value that could not be read: the quantity is not checked on wrong data.
            return null;
        }

        return Try(() =>
        {
            var value = NumberParser.Parse(text, _culture, field);
            return new Quantity(text!.Trim(), value, Units.Parse(unit, "Unit"), density, calorificValue, calorificValue is null ? null : basis ?? CalorificBasis.PerKilogram);
        });
    }

    public void Refuse(DomainException ex)
    {
        Failed = true;
        modelState.AddDomainError(ex, t, Fields(prefix));
    }

    /// <summary>
    /// Where a worksheet form shows a domain refusal: a step's accumulation has its own unit and density fields,
    /// which the quantity's own refusals ("Unit", "Density") are about.
    /// </summary>
    public static FormFields Fields(string prefix) => new(prefix)
    {
        Rename = field => (prefix, field) switch
        {
            ("Step", "Density") => "AccumulationDensity",
            ("Step", "Unit") => "AccumulationUnit",
            ("Step", "CalorificValue") => "Accumulation",
            _ => field,
        },
    };

    private T? Try<T>(Func<T?> read)
    {
        try
        {
            return read();
        }
        catch (DomainException ex)
        {
            Refuse(ex);
            return default;
        }
    }
}

/// <summary>Numbers and names as the editor shows them, in the reader's culture.</summary>
public static class WorksheetText
{
    /// <summary>A figure for reading: grouped thousands, up to three decimals.</summary>
    public static string Figure(decimal value) => value.ToString("#,##0.###", CultureInfo.CurrentCulture);

    /// <summary>A number to put back into a form field: no grouping, as many decimals as it has.</summary>
    public static string Field(decimal? value) => value is { } v ? NumberParser.Write(v, CultureInfo.CurrentCulture) : string.Empty;

    public static string Period(IStringLocalizer t, ReportingPeriod period, int? batches, int? days) => period switch
    {
        ReportingPeriod.Batch => t["per batch, {0} batches a year", batches ?? 0],
        ReportingPeriod.Day => t["per day, {0} operating days a year", days ?? 0],
        ReportingPeriod.Month => t["per month"],
        _ => t["per year"],
    };

    public static string OutputClassName(IStringLocalizer t, OutputClass c) => c switch
    {
        OutputClass.Product => t["Product"],
        OutputClass.ByProduct => t["By-product"],
        OutputClass.RecycledInternally => t["Recycled internally"],
        OutputClass.Wastewater => t["Wastewater"],
        OutputClass.AirEmission => t["Air emission"],
        OutputClass.SolidWaste => t["Solid waste"],
        OutputClass.HazardousWaste => t["Hazardous waste"],
        _ => t["Unaccounted loss"],
    };

    public static string Obtained(IStringLocalizer t, HowObtained h) => h switch
    {
        HowObtained.Measured => t["Measured"],
        HowObtained.Calculated => t["Calculated"],
        _ => t["Estimated"],
    };

    public static string Carrier(IStringLocalizer t, EnergyCarrier c) => c switch
    {
        EnergyCarrier.Electricity => t["Electricity"],
        EnergyCarrier.NaturalGas => t["Natural gas"],
        EnergyCarrier.SteamHeat => t["Steam / heat"],
        EnergyCarrier.FuelOil => t["Fuel oil"],
        EnergyCarrier.Coal => t["Coal"],
        _ => t["Other"],
    };

    /// <summary>A unit's symbol in the reader's language (Ukrainian writes т, кг, м³, кВт·год); the form posts the unit's name.</summary>
    public static string Symbol(IStringLocalizer t, Unit unit) => unit switch
    {
        Unit.Kilogram => t["kg"],
        Unit.Tonne => t["t"],
        Unit.Litre => t["L"],
        Unit.CubicMetre => t["m³"],
        Unit.KilowattHour => t["kWh"],
        Unit.MegawattHour => t["MWh"],
        Unit.Megajoule => t["MJ"],
        Unit.Gigajoule => t["GJ"],
        Unit.Terajoule => t["TJ"],
        Unit.Gigacalorie => t["Gcal"],
        _ => t["toe"],
    };

    public static string Basis(IStringLocalizer t, CalorificBasis? b) => b == CalorificBasis.PerCubicMetre ? t["MJ/m³"] : t["MJ/kg"];

    /// <summary>"96 m³ (998 kg/m³)": the entry as typed with what converts it.</summary>
    /// <summary>"± 5 %" or "± 0.3 t", the number as typed; one standard deviation.</summary>
    public static string Spread(IStringLocalizer t, Uncertainty? u, Quantity q) => u switch
    {
        null => string.Empty,
        { Kind: UncertaintyKind.Relative } => $"± {u.Text} %",
        _ => $"± {u.Text} {Symbol(t, q.Unit)}",
    };

    public static string Entry(IStringLocalizer t, Quantity q)
    {
        var text = $"{q.Text} {Symbol(t, q.Unit)}";
        var extras = new List<string>();
        if (q.Density is { } rho)
        {
            extras.Add($"{Figure(rho)} {t["kg/m³"]}");
        }

        if (q.CalorificValue is { } cv)
        {
            extras.Add($"{Figure(cv)} {Basis(t, q.CalorificBasis)}");
        }

        return extras.Count == 0 ? text : $"{text} ({string.Join("; ", extras)})";
    }
}

/// <summary>Worksheet changes in the programme's audit log; the subject is the worksheet id so the list can show the last change.</summary>
internal static class WorksheetAudit
{
    public static string Subject(Guid worksheetId) => "worksheet " + worksheetId.ToString("D");

    public static void Record(AppDbContext db, TimeProvider time, string actorId, Worksheet sheet, string action, string what) =>
        db.Record(time, actorId, sheet.ProgrammeId, action, Subject(sheet.Id), null, Truncate($"{sheet.Name}: {what}"));

    private static string Truncate(string s) => s.Length <= 1_000 ? s : s[..1_000];
}

public sealed class DetailsInput
{
    [Required(ErrorMessage = "This field is required.")]
    [StringLength(Worksheet.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Name")]
    public string? Name { get; set; }

    [StringLength(Worksheet.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Focus process")]
    public string? FocusProcess { get; set; }

    [StringLength(Worksheet.NotesMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Data sources")]
    public string? DataSourceNotes { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [Display(Name = "Currency")]
    public string? Currency { get; set; }

    [Required(ErrorMessage = "Choose a reporting period.")]
    [Display(Name = "The figures are per")]
    public ReportingPeriod? Period { get; set; }

    [Display(Name = "Batches per year")]
    public string? BatchesPerYear { get; set; }

    [Display(Name = "Operating days per year")]
    public string? OperatingDaysPerYear { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [Display(Name = "Closure tolerance, %")]
    public string? ClosureTolerancePercent { get; set; }

    public uint Version { get; set; }

    public static DetailsInput From(Worksheet w, uint version) => new()
    {
        Name = w.Name,
        FocusProcess = w.FocusProcess,
        DataSourceNotes = w.DataSourceNotes,
        Currency = w.Currency,
        Period = w.Period,
        BatchesPerYear = w.BatchesPerYear?.ToString(CultureInfo.CurrentCulture),
        OperatingDaysPerYear = w.OperatingDaysPerYear?.ToString(CultureInfo.CurrentCulture),
        ClosureTolerancePercent = WorksheetText.Field(w.ClosureTolerancePercent),
        Version = version,
    };
}

public sealed class StepInput
{
    /// <summary>Null: a new step.</summary>
    public Guid? StepId { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(ProcessStep.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Step name")]
    public string? Name { get; set; }

    [Display(Name = "Accumulation per period (optional)")]
    public string? Accumulation { get; set; }

    [Display(Name = "Unit")]
    public string? AccumulationUnit { get; set; } = nameof(Unit.Tonne);

    [Display(Name = "Density, kg/m³")]
    public string? AccumulationDensity { get; set; }

    public int? Position { get; set; }

    public uint Version { get; set; }

    public static StepInput From(ProcessStep s, uint version) => new()
    {
        StepId = s.Id,
        Name = s.Name,
        Accumulation = s.Accumulation?.Text,
        AccumulationUnit = (s.Accumulation?.Unit ?? Unit.Tonne).ToString(),
        AccumulationDensity = WorksheetText.Field(s.Accumulation?.Density),
        Version = version,
    };
}

public sealed class StreamInput
{
    /// <summary>Null: a new stream.</summary>
    public Guid? StreamId { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(MaterialStream.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Stream name")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "This field is required.")]
    [StringLength(MaterialStream.MaterialMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Material")]
    public string? Material { get; set; }

    [Display(Name = "From")]
    public Guid? FromStepId { get; set; }

    [Display(Name = "To")]
    public Guid? ToStepId { get; set; }

    [Display(Name = "Quantity per period")]
    public string? Quantity { get; set; }

    [Display(Name = "Unit")]
    public string? Unit { get; set; } = nameof(Domain.Balances.Unit.Tonne);

    [Display(Name = "Density, kg/m³ (for volumes)")]
    public string? Density { get; set; }

    [Display(Name = "Calorific value (optional)")]
    public string? CalorificValue { get; set; }

    public CalorificBasis? CalorificBasis { get; set; }

    [Display(Name = "How obtained")]
    public HowObtained Obtained { get; set; } = HowObtained.Measured;

    [Display(Name = "Uncertainty, ± one standard deviation")]
    public string? Uncertainty { get; set; }

    [Display(Name = "Uncertainty given as")]
    public UncertaintyKind UncertaintyKind { get; set; } = UncertaintyKind.Relative;

    [Display(Name = "Output class (outputs)")]
    public OutputClass? OutputClass { get; set; }

    [Display(Name = "Purchase price (inputs)")]
    public string? PurchasePrice { get; set; }

    public string? PurchasePriceUnit { get; set; } = nameof(Domain.Balances.Unit.Tonne);

    [Display(Name = "Disposal fee (waste outputs)")]
    public string? DisposalFee { get; set; }

    public string? DisposalFeeUnit { get; set; } = nameof(Domain.Balances.Unit.Tonne);

    [StringLength(MaterialStream.SubstanceMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Hazardous substance (optional)")]
    public string? HazardousSubstance { get; set; }

    [Display(Name = "Hazardous substance, kg/yr")]
    public string? HazardousKilogramsPerYear { get; set; }

    public uint Version { get; set; }

    public static StreamInput From(MaterialStream s, uint version) => new()
    {
        StreamId = s.Id,
        Name = s.Name,
        Material = s.Material,
        FromStepId = s.FromStepId,
        ToStepId = s.ToStepId,
        Quantity = s.Quantity.Text,
        Unit = s.Quantity.Unit.ToString(),
        Density = WorksheetText.Field(s.Quantity.Density),
        CalorificValue = WorksheetText.Field(s.Quantity.CalorificValue),
        CalorificBasis = s.Quantity.CalorificBasis,
        Obtained = s.Obtained,
        Uncertainty = s.Uncertainty?.Text,
        UncertaintyKind = s.Uncertainty?.Kind ?? UncertaintyKind.Relative,
        OutputClass = s.OutputClass,
        PurchasePrice = WorksheetText.Field(s.PurchasePrice?.Amount),
        PurchasePriceUnit = (s.PurchasePrice?.PerUnit ?? Domain.Balances.Unit.Tonne).ToString(),
        DisposalFee = WorksheetText.Field(s.DisposalFee?.Amount),
        DisposalFeeUnit = (s.DisposalFee?.PerUnit ?? Domain.Balances.Unit.Tonne).ToString(),
        HazardousSubstance = s.HazardousSubstance,
        HazardousKilogramsPerYear = WorksheetText.Field(s.HazardousKilogramsPerYear),
        Version = version,
    };

    /// <summary>The domain's spec, or null when a number could not be read (the errors are then in the model state).</summary>
    internal StreamSpec? ToSpec(FormNumbers read)
    {
        var density = read.Number(Density, "Density");
        var calorific = read.Number(CalorificValue, "CalorificValue");
        var uncertainty = read.Uncertainty(Uncertainty, UncertaintyKind);
        var price = read.Price(PurchasePrice, PurchasePriceUnit, "PurchasePrice");
        var fee = read.Price(DisposalFee, DisposalFeeUnit, "DisposalFee");
        var hazardous = read.Number(HazardousKilogramsPerYear, "HazardousKilogramsPerYear");
        var quantity = read.Quantity(Quantity, Unit, density, calorific, CalorificBasis);
        return read.Failed || quantity is null
            ? null
            : new StreamSpec(Name, Material, FromStepId, ToStepId, quantity, Obtained, uncertainty, OutputClass, price, fee, HazardousSubstance, hazardous);
    }
}

public sealed class EnergyInput
{
    /// <summary>Null: a new energy stream.</summary>
    public Guid? EnergyStreamId { get; set; }

    [StringLength(EnergyStream.NameMaxLength, ErrorMessage = "Use at most {1} characters.")]
    [Display(Name = "Description (optional)")]
    public string? Name { get; set; }

    [Required(ErrorMessage = "Choose the step that uses the energy.")]
    [Display(Name = "Step")]
    public Guid? StepId { get; set; }

    [Display(Name = "Energy carrier")]
    public EnergyCarrier Carrier { get; set; } = EnergyCarrier.Electricity;

    [Display(Name = "Quantity per period")]
    public string? Quantity { get; set; }

    [Display(Name = "Unit")]
    public string? Unit { get; set; } = nameof(Domain.Balances.Unit.KilowattHour);

    [Display(Name = "Calorific value (fuels by mass or volume)")]
    public string? CalorificValue { get; set; }

    public CalorificBasis? CalorificBasis { get; set; }

    [Display(Name = "Density, kg/m³ (optional)")]
    public string? Density { get; set; }

    [Display(Name = "How obtained")]
    public HowObtained Obtained { get; set; } = HowObtained.Measured;

    [Display(Name = "Uncertainty, ± one standard deviation")]
    public string? Uncertainty { get; set; }

    [Display(Name = "Uncertainty given as")]
    public UncertaintyKind UncertaintyKind { get; set; } = UncertaintyKind.Relative;

    [Display(Name = "Price (optional)")]
    public string? Price { get; set; }

    public string? PriceUnit { get; set; } = nameof(Domain.Balances.Unit.KilowattHour);

    public uint Version { get; set; }

    public static EnergyInput From(EnergyStream e, uint version) => new()
    {
        EnergyStreamId = e.Id,
        Name = e.Name,
        StepId = e.StepId,
        Carrier = e.Carrier,
        Quantity = e.Quantity.Text,
        Unit = e.Quantity.Unit.ToString(),
        CalorificValue = WorksheetText.Field(e.Quantity.CalorificValue),
        CalorificBasis = e.Quantity.CalorificBasis,
        Density = WorksheetText.Field(e.Quantity.Density),
        Obtained = e.Obtained,
        Uncertainty = e.Uncertainty?.Text,
        UncertaintyKind = e.Uncertainty?.Kind ?? UncertaintyKind.Relative,
        Price = WorksheetText.Field(e.Price?.Amount),
        PriceUnit = (e.Price?.PerUnit ?? e.Quantity.Unit).ToString(),
        Version = version,
    };

    internal EnergyStreamSpec? ToSpec(FormNumbers read)
    {
        var density = read.Number(Density, "Density");
        var calorific = read.Number(CalorificValue, "CalorificValue");
        var uncertainty = read.Uncertainty(Uncertainty, UncertaintyKind);
        var price = read.Price(Price, PriceUnit, "Price");
        var quantity = read.Quantity(Quantity, Unit, density, calorific, CalorificBasis);
        return read.Failed || quantity is null || StepId is null
            ? null
            : new EnergyStreamSpec(Name, StepId.Value, Carrier, quantity, Obtained, uncertainty, price);
    }
}
