using System.Globalization;
using CpTraining.Domain;
using CpTraining.Domain.Balances;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Balances.Transfer;

/// <summary>A stream the file adds, as the preview lists it.</summary>
public sealed record ImportedStream(int Line, string Name, string Material, string From, string To, string Quantity, decimal AnnualTonnes, string? OutputClass);

/// <summary>An energy carrier the file adds, as the preview lists it.</summary>
public sealed record ImportedEnergy(int Line, string Name, string Carrier, string Step, string Quantity, decimal AnnualMegawattHours);

/// <summary>
/// What the file would do to the worksheet: the streams and energy carriers it adds, the steps it creates, and every
/// row error.
/// </summary>
public sealed record StreamImportPlan(IReadOnlyList<ImportedStream> Streams, IReadOnlyList<string> NewSteps, IReadOnlyList<RowError> Errors)
{
    public IReadOnlyList<ImportedEnergy> Energy { get; init; } = [];

    public bool CanConfirm => Errors.Count == 0 && Streams.Count + Energy.Count > 0;
}

/// <summary>
/// Adds the file's streams to a worksheet through its own rules (<see cref="Worksheet.AddStream"/>), row by row,
/// collecting every row's errors with its line and column instead of stopping at the first. The caller saves only a
/// plan without errors (all or nothing); the preview applies it to an untracked copy and throws it away.
/// </summary>
public static class StreamImport
{
    /// <summary>The domain's field names → the file's columns, so that an error names the column to correct.</summary>
    private static readonly Dictionary<string, string> ColumnOfField = new(StringComparer.Ordinal)
    {
        ["Name"] = StreamCsv.Name,
        ["Material"] = StreamCsv.Material,
        ["FromStepId"] = StreamCsv.FromStep,
        ["ToStepId"] = StreamCsv.ToStep,
        ["Quantity"] = StreamCsv.Quantity,
        ["Unit"] = StreamCsv.Unit,
        ["Density"] = StreamCsv.Density,
        ["Obtained"] = StreamCsv.Obtained,
        ["OutputClass"] = StreamCsv.OutputClass,
        ["PurchasePrice"] = StreamCsv.Price,
        ["PriceUnit"] = StreamCsv.PriceUnit,
        ["DisposalFee"] = StreamCsv.Fee,
        ["FeeUnit"] = StreamCsv.FeeUnit,
        ["HazardousSubstance"] = StreamCsv.Substance,
        ["HazardousKilogramsPerYear"] = StreamCsv.SubstanceKilograms,
        ["Carrier"] = StreamCsv.Material,
        ["StepId"] = StreamCsv.ToStep,
        ["Price"] = StreamCsv.Price,
        ["CalorificValue"] = StreamCsv.CalorificValue,
        ["CalorificBasis"] = StreamCsv.CalorificBasis,
    };

    public static StreamImportPlan Apply(Worksheet sheet, ParsedStreams parsed, bool createMissingSteps, CultureInfo culture, IStringLocalizer t)
    {
        var errors = new List<RowError>(parsed.Errors);
        var streams = new List<ImportedStream>();
        var energy = new List<ImportedEnergy>();
        var carriers = Lookup<EnergyCarrier>(c => BalanceLabels.Of(c, t));
        var newSteps = new List<string>();
        var obtained = Lookup<HowObtained>(o => BalanceLabels.Of(o, t));
        var classes = Lookup<OutputClass>(c => BalanceLabels.Of(c, t));
        foreach (var row in parsed.Rows)
        {
            var rowErrors = new List<RowError>();
            var uncertaintyColumn = StreamCsv.Uncertainty;
            void Fail(string column, string message) => rowErrors.Add(new RowError(row.Line, column, message));

            T? Try<T>(Func<T> read, string column)
            {
                try
                {
                    return read();
                }
                catch (DomainException ex)
                {
                    var field = ex.Field == "Uncertainty" ? uncertaintyColumn : ex.Field is { } f && ColumnOfField.TryGetValue(f, out var c) ? c : column;
                    Fail(field, t[ex.MessageTemplate, [.. ex.Arguments]]);
                    return default;
                }
            }

            Guid? Step(string column)
            {
                var name = row[column];
                if (name.Length == 0)
                {
                    return null; // the system boundary
                }

                var step = sheet.Steps.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.CurrentCultureIgnoreCase));
                if (step is not null)
                {
                    return step.Id;
                }

                if (!createMissingSteps)
                {
                    Fail(column, t["There is no step “{0}” in this worksheet; add it first or tick “create missing steps”.", name]);
                    return null;
                }

                var added = Try(() => sheet.AddStep(name), column);
                if (added is not null)
                {
                    newSteps.Add(added.Name);
                }

                return added?.Id;
            }

            decimal? Number(string column) => Try(() => NumberParser.ParseOptional(row[column], culture, "Value"), column);

            // One standard deviation, in % or in the line's own unit; the number is kept as written.
            Uncertainty? Spread()
            {
                var relative = Number(StreamCsv.Uncertainty);
                var absolute = Number(StreamCsv.UncertaintyInUnit);
                if (relative is not null && absolute is not null)
                {
                    Fail(StreamCsv.UncertaintyInUnit, t["Give the uncertainty in % or in the stream's unit, not both."]);
                    return null;
                }

                uncertaintyColumn = absolute is null ? StreamCsv.Uncertainty : StreamCsv.UncertaintyInUnit;
                return (relative ?? absolute) is { } value
                    ? Try(() => new Uncertainty(row[uncertaintyColumn], value, absolute is null ? UncertaintyKind.Relative : UncertaintyKind.Absolute), uncertaintyColumn)
                    : null;
            }
            Unit? UnitOf(string column) => row[column].Length == 0 ? null : Try<Unit?>(() => Units.Parse(row[column], "Value"), column);

            var kind = StreamCsv.Key(row[StreamCsv.Kind]);
            if (kind is not ("" or StreamCsv.MaterialKind or StreamCsv.EnergyKind))
            {
                Fail(StreamCsv.Kind, t["Write “material” or “energy”."]);
                errors.AddRange(rowErrors);
                continue;
            }

            if (kind == StreamCsv.EnergyKind)
            {
                if (EnergyLine() is { } added)
                {
                    energy.Add(added);
                }

                errors.AddRange(rowErrors);
                continue;
            }

            ImportedEnergy? EnergyLine()
            {
                EnergyCarrier? carrier = carriers.TryGetValue(StreamCsv.Key(row[StreamCsv.Material]), out var c) ? c : null;
                if (carrier is null)
                {
                    Fail(StreamCsv.Material, t["Unknown energy carrier “{0}”; use one of {1}.", row[StreamCsv.Material], string.Join(", ", Enum.GetValues<EnergyCarrier>().Select(x => BalanceLabels.Of(x, t)))]);
                }

                if (row[StreamCsv.FromStep].Length > 0)
                {
                    Fail(StreamCsv.FromStep, t["Energy is used by a step: name it in “to step” and leave “from step” empty."]);
                }

                Guid? stepId = null;
                if (row[StreamCsv.ToStep].Length == 0)
                {
                    Fail(StreamCsv.ToStep, t["Name the step that uses this energy."]);
                }
                else
                {
                    stepId = Step(StreamCsv.ToStep);
                }

                var calorific = Number(StreamCsv.CalorificValue);
                CalorificBasis? basis = StreamCsv.Key(row[StreamCsv.CalorificBasis]) switch
                {
                    "" => null,
                    "mjkg" => CalorificBasis.PerKilogram,
                    "mjm3" or "mjm" => CalorificBasis.PerCubicMetre,
                    _ => null,
                };
                if (basis is null && row[StreamCsv.CalorificBasis].Length > 0)
                {
                    Fail(StreamCsv.CalorificBasis, t["Write “MJ/kg” or “MJ/m3”."]);
                }

                var amount = Try(() => Quantity.Parse(row[StreamCsv.Quantity], row[StreamCsv.Unit], culture, null, calorific, basis), StreamCsv.Quantity);
                var howObtained = HowObtained.Measured;
                if (row[StreamCsv.Obtained].Length > 0 && !obtained.TryGetValue(StreamCsv.Key(row[StreamCsv.Obtained]), out howObtained))
                {
                    Fail(StreamCsv.Obtained, t["Write “measured”, “calculated” or “estimated”."]);
                }

                var spread = Spread();
                var cost = Number(StreamCsv.Price);
                var per = UnitOf(StreamCsv.PriceUnit) ?? amount?.Unit;
                if (rowErrors.Count > 0 || amount is null || carrier is null || stepId is null)
                {
                    return null;
                }

                var spec = new EnergyStreamSpec(
                    row[StreamCsv.Name] is { Length: > 0 } n ? n : null, stepId.Value, carrier.Value, amount, howObtained, spread,
                    cost is { } p && per is { } u ? new UnitPrice(p, u) : null);
                var stream = Try(() => sheet.AddEnergyStream(spec), StreamCsv.Name);
                return stream is null
                    ? null
                    : new ImportedEnergy(row.Line, stream.Name ?? string.Empty, BalanceLabels.Of(stream.Carrier, t), sheet.Steps.Single(s => s.Id == stream.StepId).Name, stream.Quantity.ToString(), stream.AnnualMegawattHours);
            }

            var from = Step(StreamCsv.FromStep);
            var to = Step(StreamCsv.ToStep);
            var density = Number(StreamCsv.Density);
            var quantity = Try(() => Quantity.Parse(row[StreamCsv.Quantity], row[StreamCsv.Unit], culture, density), StreamCsv.Quantity);
            var how = HowObtained.Measured;
            if (row[StreamCsv.Obtained].Length > 0 && !obtained.TryGetValue(StreamCsv.Key(row[StreamCsv.Obtained]), out how))
            {
                Fail(StreamCsv.Obtained, t["Write “measured”, “calculated” or “estimated”."]);
            }

            OutputClass? outputClass = null;
            if (row[StreamCsv.OutputClass].Length > 0)
            {
                if (classes.TryGetValue(StreamCsv.Key(row[StreamCsv.OutputClass]), out var oc))
                {
                    outputClass = oc;
                }
                else
                {
                    Fail(StreamCsv.OutputClass, t["Unknown output class “{0}”; use one of {1}.", row[StreamCsv.OutputClass], string.Join(", ", Enum.GetValues<OutputClass>().Select(c => BalanceLabels.Of(c, t)))]);
                }
            }

            var uncertainty = Spread();
            var price = Price(StreamCsv.Price, StreamCsv.PriceUnit);
            var fee = Price(StreamCsv.Fee, StreamCsv.FeeUnit);
            var substanceKilograms = Number(StreamCsv.SubstanceKilograms);

            UnitPrice? Price(string amountColumn, string unitColumn)
            {
                var amount = Number(amountColumn);
                var unit = UnitOf(unitColumn);
                if (amount is null)
                {
                    if (unit is not null)
                    {
                        Fail(amountColumn, t["Give the amount per {0}, or leave the unit empty.", row[unitColumn]]);
                    }

                    return null;
                }

                // Without a unit the price is per the quantity's own unit.
                var per = unit ?? quantity?.Unit;
                return per is { } u ? new UnitPrice(amount.Value, u) : null;
            }

            if (rowErrors.Count == 0 && quantity is not null)
            {
                var spec = new StreamSpec(
                    row[StreamCsv.Name], row[StreamCsv.Material], from, to, quantity, how, uncertainty, outputClass, price, fee,
                    row[StreamCsv.Substance] is { Length: > 0 } s ? s : null, substanceKilograms);
                var added = Try(() => sheet.AddStream(spec), StreamCsv.Name);
                if (added is not null)
                {
                    var names = sheet.Steps.ToDictionary(x => x.Id, x => x.Name);
                    streams.Add(new ImportedStream(
                        row.Line,
                        added.Name,
                        added.Material,
                        BalanceLabels.StepName(added.FromStepId, names, t),
                        BalanceLabels.StepName(added.ToStepId, names, t),
                        added.Quantity.ToString(),
                        added.AnnualKilograms / 1_000m,
                        added.OutputClass is { } c ? BalanceLabels.Of(c, t) : null));
                }
            }

            errors.AddRange(rowErrors);
        }

        return new StreamImportPlan(streams, newSteps, errors.OrderBy(e => e.Line).ToList()) { Energy = energy };
    }

    /// <summary>Enum names ("ByProduct"), the file's words ("by-product") and the reader's labels, keyed like columns.</summary>
    private static Dictionary<string, T> Lookup<T>(Func<T, string> label)
        where T : struct, Enum
    {
        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var value in Enum.GetValues<T>())
        {
            map.TryAdd(StreamCsv.Key(value.ToString()), value);
            map.TryAdd(StreamCsv.Key(label(value)), value);
        }

        return map;
    }
}
