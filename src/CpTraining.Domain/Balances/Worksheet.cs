using System.Text.RegularExpressions;

namespace CpTraining.Domain.Balances;

/// <summary>
/// A mass and energy balance of one focus process of a company in a programme: its steps, the material streams into,
/// between and out of them, the energy carriers they use, and the reporting period that turns the entered figures
/// into annual ones. Every figure is kept as typed and, beside it, normalised to SI units per year (kg/yr, MJ/yr).
/// </summary>
public sealed partial class Worksheet
{
    public const int NameMaxLength = 200;
    public const int NotesMaxLength = 4_000;
    public const int MaxSteps = 200;
    public const int MaxStreams = 2_000;
    public const decimal DefaultClosureTolerancePercent = 5m;
    public const decimal MinClosureTolerancePercent = 0.1m;
    public const decimal MaxClosureTolerancePercent = 50m;
    public const int MaxBatchesPerYear = 100_000;
    public const int MaxOperatingDaysPerYear = 366;

    /// <summary>t/yr; a single stream this large (world steel output is about 2·10⁹ t/yr) is a typo.</summary>
    public const decimal MaxAnnualTonnes = 1_000_000_000m;

    /// <summary>MWh/yr; more than a whole country's industry uses.</summary>
    public const decimal MaxAnnualMegawattHours = 1_000_000_000m;

    private readonly List<ProcessStep> _steps = [];
    private readonly List<MaterialStream> _streams = [];
    private readonly List<EnergyStream> _energyStreams = [];

    private Worksheet()
    {
        Name = Currency = string.Empty;
    }

    private Worksheet(Guid programmeId, Guid companyId, DateTimeOffset createdAt)
        : this()
    {
        Id = Guid.NewGuid();
        ProgrammeId = programmeId;
        CompanyId = companyId;
        CreatedAt = createdAt;
        Period = ReportingPeriod.Year;
        ClosureTolerancePercent = DefaultClosureTolerancePercent;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public Guid CompanyId { get; private set; }

    public string Name { get; private set; }

    /// <summary>The focus process the balance describes ("reactive dyeing of cotton knitwear").</summary>
    public string? FocusProcess { get; private set; }

    /// <summary>Where the figures come from (meters, invoices, estimates); free text.</summary>
    public string? DataSourceNotes { get; private set; }

    /// <summary>ISO 4217 code of prices and fees ("UAH", "EUR").</summary>
    public string Currency { get; private set; }

    public ReportingPeriod Period { get; private set; }

    public int? BatchesPerYear { get; private set; }

    public int? OperatingDaysPerYear { get; private set; }

    /// <summary>A step or the whole process is flagged when its closure is further than this from 100 %.</summary>
    public decimal ClosureTolerancePercent { get; private set; }

    /// <summary>The worksheet this one was copied from as the start of a new period.</summary>
    public Guid? CopiedFromId { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public IReadOnlyList<ProcessStep> Steps => _steps.OrderBy(s => s.Position).ToList();

    public IReadOnlyList<MaterialStream> Streams => _streams;

    public IReadOnlyList<EnergyStream> EnergyStreams => _energyStreams;

    /// <summary>How many reporting periods make a year: batches or operating days per year, 12 months, or 1.</summary>
    public decimal PeriodsPerYear => PeriodFactor(Period, BatchesPerYear, OperatingDaysPerYear);

    public static Worksheet Create(
        Guid programmeId, Guid companyId, string? name, string? focusProcess, string? currency, DateTimeOffset createdAt)
    {
        var sheet = new Worksheet(programmeId, companyId, createdAt);
        sheet.ChangeDetails(name, focusProcess, null, currency);
        return sheet;
    }

    public void ChangeDetails(string? name, string? focusProcess, string? dataSourceNotes, string? currency)
    {
        var cleanCurrency = Text.Required(currency, "Currency", 3).ToUpperInvariant();
        if (!CurrencyCode().IsMatch(cleanCurrency))
        {
            throw new DomainException("Currency", "Use a three-letter currency code such as UAH or EUR.");
        }

        (Name, FocusProcess, DataSourceNotes, Currency) = (
            Text.Required(name, "Name", NameMaxLength),
            Text.Optional(focusProcess, "FocusProcess", NameMaxLength),
            Text.Optional(dataSourceNotes, "DataSourceNotes", NotesMaxLength),
            cleanCurrency);
    }

    public void ChangeClosureTolerance(decimal percent)
    {
        if (percent < MinClosureTolerancePercent || percent > MaxClosureTolerancePercent)
        {
            throw new DomainException(
                "ClosureTolerancePercent", "The tolerance is from {0} % to {1} %.", MinClosureTolerancePercent, MaxClosureTolerancePercent);
        }

        ClosureTolerancePercent = percent;
    }

    /// <summary>
    /// Changes what the entered figures are per and recomputes every annual figure. Refused, changing nothing, when
    /// a stream would become implausibly large.
    /// </summary>
    public void ChangePeriod(ReportingPeriod period, int? batchesPerYear, int? operatingDaysPerYear)
    {
        if (!Enum.IsDefined(period))
        {
            throw new DomainException("Period", "Choose a reporting period.");
        }

        if (batchesPerYear is { } b && (b < 1 || b > MaxBatchesPerYear))
        {
            throw new DomainException("BatchesPerYear", "Enter from 1 to {0} batches per year.", MaxBatchesPerYear);
        }

        if (operatingDaysPerYear is { } d && (d < 1 || d > MaxOperatingDaysPerYear))
        {
            throw new DomainException("OperatingDaysPerYear", "Enter from 1 to {0} operating days per year.", MaxOperatingDaysPerYear);
        }

        if (period == ReportingPeriod.Batch && batchesPerYear is null)
        {
            throw new DomainException("BatchesPerYear", "Give the number of batches per year to convert per-batch figures to annual ones.");
        }

        if (period == ReportingPeriod.Day && operatingDaysPerYear is null)
        {
            throw new DomainException("OperatingDaysPerYear", "Give the operating days per year to convert daily figures to annual ones.");
        }

        var factor = PeriodFactor(period, batchesPerYear, operatingDaysPerYear);
        var streams = _streams.Select(s => (s, kg: AnnualMass(s.Quantity, factor, "Period"))).ToList();
        var energy = _energyStreams.Select(e => (e, mj: AnnualEnergy(e.Quantity, factor, "Period"))).ToList();
        var steps = _steps.Select(s => (s, kg: s.Accumulation is null ? 0m : AnnualMass(s.Accumulation, factor, "Period", allowNegative: true))).ToList();

        (Period, BatchesPerYear, OperatingDaysPerYear) = (period, batchesPerYear, operatingDaysPerYear);
        streams.ForEach(x => x.s.Reannualise(x.kg));
        energy.ForEach(x => x.e.Reannualise(x.mj));
        steps.ForEach(x => x.s.AnnualAccumulationKilograms = x.kg);
    }

    public ProcessStep AddStep(string? name)
    {
        if (_steps.Count >= MaxSteps)
        {
            throw new DomainException("Name", "A worksheet has at most {0} steps.", MaxSteps);
        }

        var step = new ProcessStep(Id, CheckStepName(name, null), _steps.Count + 1);
        _steps.Add(step);
        return step;
    }

    public void RenameStep(Guid stepId, string? name)
    {
        var step = FindStep(stepId, "StepId");
        step.Name = CheckStepName(name, step);
    }

    /// <summary>Moves a step to <paramref name="position"/> (1-based); the steps in between shift by one.</summary>
    public void MoveStep(Guid stepId, int position)
    {
        var step = FindStep(stepId, "StepId");
        if (position < 1 || position > _steps.Count)
        {
            throw new DomainException("Position", "Choose a position from 1 to {0}.", _steps.Count);
        }

        var ordered = _steps.OrderBy(s => s.Position).Where(s => s != step).ToList();
        ordered.Insert(position - 1, step);
        for (var i = 0; i < ordered.Count; i++)
        {
            ordered[i].Position = i + 1;
        }
    }

    /// <summary>Removes a step no stream or energy carrier uses any more.</summary>
    public void RemoveStep(Guid stepId)
    {
        var step = FindStep(stepId, "StepId");
        var used = _streams.Count(s => s.FromStepId == stepId || s.ToStepId == stepId) + _energyStreams.Count(e => e.StepId == stepId);
        if (used > 0)
        {
            throw new DomainException("StepId", "\"{0}\" still has {1} streams; remove or reconnect them first.", step.Name, used);
        }

        _steps.Remove(step);
        var position = 1;
        foreach (var s in _steps.OrderBy(s => s.Position))
        {
            s.Position = position++;
        }
    }

    /// <summary>Sets (or with null clears) the material a step stores per period; negative: drawn from stock.</summary>
    public void SetAccumulation(Guid stepId, Quantity? accumulation)
    {
        var step = FindStep(stepId, "StepId");
        var kg = accumulation is null ? 0m : AnnualMass(accumulation, PeriodsPerYear, "Accumulation", allowNegative: true);
        (step.Accumulation, step.AnnualAccumulationKilograms) = (accumulation, kg);
    }

    public MaterialStream AddStream(StreamSpec spec)
    {
        if (_streams.Count >= MaxStreams)
        {
            throw new DomainException("Name", "A worksheet has at most {0} streams.", MaxStreams);
        }

        var stream = new MaterialStream(Id);
        SetStream(stream, spec);
        _streams.Add(stream);
        return stream;
    }

    public void ChangeStream(Guid streamId, StreamSpec spec) => SetStream(FindStream(streamId), spec);

    public void RemoveStream(Guid streamId) => _streams.Remove(FindStream(streamId));

    public EnergyStream AddEnergyStream(EnergyStreamSpec spec)
    {
        if (_energyStreams.Count >= MaxStreams)
        {
            throw new DomainException("Name", "A worksheet has at most {0} energy streams.", MaxStreams);
        }

        var stream = new EnergyStream(Id);
        SetEnergyStream(stream, spec);
        _energyStreams.Add(stream);
        return stream;
    }

    public void ChangeEnergyStream(Guid energyStreamId, EnergyStreamSpec spec) => SetEnergyStream(FindEnergyStream(energyStreamId), spec);

    public void RemoveEnergyStream(Guid energyStreamId) => _energyStreams.Remove(FindEnergyStream(energyStreamId));

    /// <summary>
    /// A new worksheet for the next period with the same details, steps, streams and energy carriers (new ids, the
    /// figures as they were, to be updated), remembering where it came from.
    /// </summary>
    public Worksheet CopyForNewPeriod(string? name, DateTimeOffset createdAt)
    {
        var copy = new Worksheet(ProgrammeId, CompanyId, createdAt)
        {
            FocusProcess = FocusProcess,
            DataSourceNotes = DataSourceNotes,
            Currency = Currency,
            Period = Period,
            BatchesPerYear = BatchesPerYear,
            OperatingDaysPerYear = OperatingDaysPerYear,
            ClosureTolerancePercent = ClosureTolerancePercent,
            CopiedFromId = Id,
            Name = Text.Required(name, "Name", NameMaxLength),
        };
        var stepIds = new Dictionary<Guid, Guid>();
        foreach (var step in _steps.OrderBy(s => s.Position))
        {
            var added = copy.AddStep(step.Name);
            (added.Accumulation, added.AnnualAccumulationKilograms) = (step.Accumulation, step.AnnualAccumulationKilograms);
            stepIds[step.Id] = added.Id;
        }

        Guid? Map(Guid? id) => id is { } i ? stepIds[i] : null;
        foreach (var s in _streams)
        {
            copy.AddStream(s.ToSpec() with { FromStepId = Map(s.FromStepId), ToStepId = Map(s.ToStepId) });
        }

        foreach (var e in _energyStreams)
        {
            copy.AddEnergyStream(e.ToSpec() with { StepId = stepIds[e.StepId] });
        }

        return copy;
    }

    /// <summary>Everything in the worksheet as an immutable record, e.g. to freeze with a home-task submission.</summary>
    public WorksheetSnapshot Snapshot() => new(
        Id,
        ProgrammeId,
        CompanyId,
        Name,
        FocusProcess,
        DataSourceNotes,
        Currency,
        Period,
        BatchesPerYear,
        OperatingDaysPerYear,
        PeriodsPerYear,
        ClosureTolerancePercent,
        _steps.OrderBy(s => s.Position)
            .Select(s => new StepSnapshot(s.Id, s.Name, s.Position, s.Accumulation, s.AnnualAccumulationKilograms))
            .ToList().AsReadOnly(),
        _streams.Select(s => new StreamSnapshot(
                s.Id, s.Name, s.Material, s.FromStepId, s.ToStepId, s.Quantity, s.AnnualKilograms, s.Obtained, s.Uncertainty,
                s.OutputClass, s.PurchasePrice, s.DisposalFee, s.HazardousSubstance, s.HazardousKilogramsPerYear))
            .ToList().AsReadOnly(),
        _energyStreams.Select(e => new EnergyStreamSnapshot(
                e.Id, e.Name, e.StepId, e.Carrier, e.Quantity, e.AnnualMegajoules, e.Obtained, e.Uncertainty, e.Price))
            .ToList().AsReadOnly());

    private static decimal PeriodFactor(ReportingPeriod period, int? batchesPerYear, int? operatingDaysPerYear) => period switch
    {
        ReportingPeriod.Batch => batchesPerYear ?? 1,
        ReportingPeriod.Day => operatingDaysPerYear ?? 1,
        ReportingPeriod.Month => 12m,
        _ => 1m,
    };

    /// <summary>kg/yr of a mass or volume quantity; refuses negatives (unless allowed) and implausible magnitudes.</summary>
    private static decimal AnnualMass(Quantity quantity, decimal periodsPerYear, string field, bool allowNegative = false)
    {
        if (quantity.Value < 0 && !allowNegative)
        {
            throw new DomainException(field, "A quantity cannot be negative.");
        }

        decimal kg;
        try
        {
            kg = quantity.ToKilograms() * periodsPerYear;
        }
        catch (OverflowException)
        {
            kg = decimal.MaxValue;
        }

        return Math.Abs(kg) < MaxAnnualTonnes * 1_000m
            ? kg
            : throw new DomainException(
                field, "{0} is over {1} t per year, which is not plausible for one stream; check for a typo.", quantity.ToString(), MaxAnnualTonnes);
    }

    /// <summary>MJ/yr of an energy (or fuel) quantity; refuses negatives and implausible magnitudes.</summary>
    private static decimal AnnualEnergy(Quantity quantity, decimal periodsPerYear, string field)
    {
        if (quantity.Value < 0)
        {
            throw new DomainException(field, "A quantity cannot be negative.");
        }

        decimal mj;
        try
        {
            mj = quantity.ToMegajoules() * periodsPerYear;
        }
        catch (OverflowException)
        {
            mj = decimal.MaxValue;
        }

        return mj < MaxAnnualMegawattHours * 3_600m
            ? mj
            : throw new DomainException(
                field, "{0} is over {1} MWh per year, which is not plausible for one carrier; check for a typo.", quantity.ToString(), MaxAnnualMegawattHours);
    }

    private void SetStream(MaterialStream stream, StreamSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = Text.Required(spec.Name, "Name", MaterialStream.NameMaxLength);
        if (_streams.Exists(s => s != stream && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException("Name", "Another stream is already called \"{0}\".", name);
        }

        var material = Text.Required(spec.Material, "Material", MaterialStream.MaterialMaxLength);
        CheckEnds(spec.FromStepId, spec.ToStepId);
        if (spec.Quantity is null)
        {
            throw new DomainException("Quantity", "This field is required.");
        }

        if (!Enum.IsDefined(spec.Obtained))
        {
            throw new DomainException("Obtained", "Say whether the quantity was measured, calculated or estimated.");
        }

        var kg = AnnualMass(spec.Quantity, PeriodsPerYear, "Quantity");
        CheckUncertainty(spec.Uncertainty, spec.Quantity);

        var direction = Directions.Of(spec.FromStepId, spec.ToStepId);
        if (spec.OutputClass is { } oc && !Enum.IsDefined(oc))
        {
            throw new DomainException("OutputClass", "Choose where the output goes.");
        }

        if (direction == StreamDirection.Output && spec.OutputClass is null)
        {
            throw new DomainException("OutputClass", "Say where the output goes: product, by-product, waste, emission or loss.");
        }

        if (direction == StreamDirection.Input && spec.OutputClass is not null)
        {
            throw new DomainException("OutputClass", "Only outputs and internal streams have an output class.");
        }

        if (spec.PurchasePrice is { } price)
        {
            if (direction != StreamDirection.Input)
            {
                throw new DomainException("PurchasePrice", "Only inputs have a purchase price.");
            }

            CheckMassPrice(price, spec.Quantity, "PurchasePrice");
        }

        if (spec.DisposalFee is { } fee)
        {
            if (direction != StreamDirection.Output || spec.OutputClass?.IsLoss() != true)
            {
                throw new DomainException("DisposalFee", "Only waste and loss outputs have a disposal fee.");
            }

            CheckMassPrice(fee, spec.Quantity, "DisposalFee");
        }

        var substance = Text.Optional(spec.HazardousSubstance, "HazardousSubstance", MaterialStream.SubstanceMaxLength);
        if (substance is not null && spec.HazardousKilogramsPerYear is null)
        {
            throw new DomainException("HazardousKilogramsPerYear", "Give the kg per year of {0} in the stream.", substance);
        }

        if (spec.HazardousKilogramsPerYear is { } hkg)
        {
            if (substance is null)
            {
                throw new DomainException("HazardousSubstance", "Name the hazardous substance.");
            }

            if (hkg < 0 || hkg > kg)
            {
                throw new DomainException("HazardousKilogramsPerYear", "The substance content is from 0 to the stream's own {0} kg per year.", kg);
            }
        }

        stream.Set(spec, name, material, substance, kg);
    }

    private void SetEnergyStream(EnergyStream stream, EnergyStreamSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var name = Text.Optional(spec.Name, "Name", EnergyStream.NameMaxLength);
        FindStep(spec.StepId, "StepId");
        if (!Enum.IsDefined(spec.Carrier))
        {
            throw new DomainException("Carrier", "Choose an energy carrier.");
        }

        if (spec.Quantity is null)
        {
            throw new DomainException("Quantity", "This field is required.");
        }

        var mj = AnnualEnergy(spec.Quantity, PeriodsPerYear, "Quantity");
        CheckUncertainty(spec.Uncertainty, spec.Quantity);
        if (spec.Price is { } price)
        {
            if (price.Amount < 0)
            {
                throw new DomainException("Price", "A price cannot be negative.");
            }

            spec.Quantity.MegajoulesPer(price.PerUnit);
        }

        stream.Set(spec, name, mj);
    }

    private static void CheckMassPrice(UnitPrice price, Quantity quantity, string field)
    {
        if (price.Amount < 0)
        {
            throw new DomainException(field, "A price cannot be negative.");
        }

        if (!Enum.IsDefined(price.PerUnit) || price.PerUnit.Kind() == UnitKind.Energy)
        {
            throw new DomainException(field, "Give the price per unit of mass or volume.");
        }

        if (price.PerUnit.Kind() == UnitKind.Volume && quantity.Density is null)
        {
            throw new DomainException(field, "The price is per {0}; give the stream's density to convert it.", price.PerUnit.Symbol());
        }
    }

    /// <summary>
    /// An absolute uncertainty larger than the quantity itself is more than 100 % of it: as one standard deviation that is
    /// not a measurement but a typo or a wrong unit. A zero quantity may carry any absolute uncertainty (0 ± 2 t).
    /// </summary>
    private static void CheckUncertainty(Uncertainty? uncertainty, Quantity quantity)
    {
        if (uncertainty is { Kind: UncertaintyKind.Absolute } u && quantity.Value > 0 && u.Value > quantity.Value)
        {
            throw new DomainException(
                "Uncertainty", "± {0} {1} is more than the quantity itself ({2} {1}); check the unit, or give the uncertainty in %.",
                u.Text, quantity.Unit.Symbol(), quantity.Text);
        }
    }

    private void CheckEnds(Guid? from, Guid? to)
    {
        if (from is null && to is null)
        {
            throw new DomainException("ToStepId", "A stream enters or leaves a process step; choose at least one.");
        }

        if (from is { } f && !_steps.Exists(s => s.Id == f))
        {
            throw new DomainException("FromStepId", "That step is not part of this worksheet.");
        }

        if (to is { } t && !_steps.Exists(s => s.Id == t))
        {
            throw new DomainException("ToStepId", "That step is not part of this worksheet.");
        }

        if (from == to)
        {
            throw new DomainException("ToStepId", "A stream cannot leave and re-enter the same step.");
        }
    }

    private string CheckStepName(string? name, ProcessStep? self)
    {
        var clean = Text.Required(name, "Name", ProcessStep.NameMaxLength);
        if (_steps.Exists(s => s != self && string.Equals(s.Name, clean, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException("Name", "Another step is already called \"{0}\".", clean);
        }

        return clean;
    }

    private ProcessStep FindStep(Guid stepId, string field) =>
        _steps.Find(s => s.Id == stepId) ?? throw new DomainException(field, "That step is not part of this worksheet.");

    private MaterialStream FindStream(Guid streamId) =>
        _streams.Find(s => s.Id == streamId) ?? throw new DomainException("StreamId", "That stream is not part of this worksheet.");

    private EnergyStream FindEnergyStream(Guid id) =>
        _energyStreams.Find(s => s.Id == id) ?? throw new DomainException("EnergyStreamId", "That energy stream is not part of this worksheet.");

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();
}
