using System.Globalization;
using CpTraining.Domain;
using CpTraining.Domain.Balances;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Balances.Transfer;

/// <summary>A stream the file adds, as the preview lists it.</summary>
public sealed record ImportedStream(int Line, string Name, string Material, string From, string To, string Quantity, decimal AnnualTonnes, string? OutputClass);

/// <summary>What the file would do to the worksheet: the streams it adds, the steps it creates, and every row error.</summary>
public sealed record StreamImportPlan(IReadOnlyList<ImportedStream> Streams, IReadOnlyList<string> NewSteps, IReadOnlyList<RowError> Errors)
{
    public bool CanConfirm => Errors.Count == 0 && Streams.Count > 0;
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
        ["UncertaintyPercent"] = StreamCsv.Uncertainty,
        ["OutputClass"] = StreamCsv.OutputClass,
        ["PurchasePrice"] = StreamCsv.Price,
        ["PriceUnit"] = StreamCsv.PriceUnit,
        ["DisposalFee"] = StreamCsv.Fee,
        ["FeeUnit"] = StreamCsv.FeeUnit,
        ["HazardousSubstance"] = StreamCsv.Substance,
        ["HazardousKilogramsPerYear"] = StreamCsv.SubstanceKilograms,
    };

    public static StreamImportPlan Apply(Worksheet sheet, ParsedStreams parsed, bool createMissingSteps, CultureInfo culture, IStringLocalizer t)
    {
        var errors = new List<RowError>(parsed.Errors);
        var streams = new List<ImportedStream>();
        var newSteps = new List<string>();
        var obtained = Lookup<HowObtained>(o => BalanceLabels.Of(o, t));
        var classes = Lookup<OutputClass>(c => BalanceLabels.Of(c, t));
        foreach (var row in parsed.Rows)
        {
            var rowErrors = new List<RowError>();
            void Fail(string column, string message) => rowErrors.Add(new RowError(row.Line, column, message));

            T? Try<T>(Func<T> read, string column)
            {
                try
                {
                    return read();
                }
                catch (DomainException ex)
                {
                    Fail(ex.Field is { } f && ColumnOfField.TryGetValue(f, out var c) ? c : column, t[ex.MessageTemplate, [.. ex.Arguments]]);
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
            Unit? UnitOf(string column) => row[column].Length == 0 ? null : Try<Unit?>(() => Units.Parse(row[column], "Value"), column);

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

            var uncertainty = Number(StreamCsv.Uncertainty);
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

        return new StreamImportPlan(streams, newSteps, errors.OrderBy(e => e.Line).ToList());
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
