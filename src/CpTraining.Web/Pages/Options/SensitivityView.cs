using System.Globalization;
using CpTraining.Domain.Options;
using CpTraining.Web.Infrastructure.Charts;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Pages.Options;

/// <summary>
/// The sensitivity section of the economics page in the reader's language: the analysis, its tornado chart, the
/// parameters' names and the break-even values in words.
/// </summary>
public sealed class SensitivityView
{
    private readonly EconomicInputs _inputs;
    private readonly CultureInfo _culture;
    private readonly IStringLocalizer _t;

    private SensitivityView(EconomicInputs inputs, SensitivityAnalysis analysis, CultureInfo culture, IStringLocalizer localizer)
    {
        _inputs = inputs;
        Analysis = analysis;
        _culture = culture;
        _t = localizer;
    }

    public SensitivityAnalysis Analysis { get; }

    public TornadoChart Tornado { get; private set; } = null!;

    public static SensitivityView Of(EconomicInputs inputs, EconomicResult result, string currency, CultureInfo culture, IStringLocalizer t)
    {
        var analysis = Sensitivity.Of(inputs, result);
        var view = new SensitivityView(inputs, analysis, culture, t);
        view.Tornado = new TornadoChart(
            t["Sensitivity of the NPV"],
            t["How far the NPV moves, in {0}, when one input is 10 % and 20 % lower (left colour) or higher (right colour) than entered, the others unchanged; the vertical line is the NPV as entered. The table below gives the same figures.", currency],
            (double)analysis.BaseNpv,
            analysis.Rows.Select(r => new TornadoBar(view.ParameterName(r.Parameter), [.. r.Points.Select(p => ((double)p.Change, (double)p.Npv))])))
        {
            ValueAxisTitle = t["NPV, {0}", currency],
            FallLabel = t["input 10 % / 20 % lower"],
            RiseLabel = t["input 10 % / 20 % higher"],
            BaseLabel = t["NPV as entered"],
        };
        return view;
    }

    private string PercentText(decimal fraction) => (fraction * 100).ToString("N2", _culture) + "\u00A0%";

    /// <summary>The words for a sensitivity parameter, in the reader's language.</summary>
    public string ParameterName(SensitivityParameter parameter) => parameter switch
    {
        SensitivityParameter.Investment => _t["Investment"],
        SensitivityParameter.Savings => _t["Savings"],
        SensitivityParameter.EnergyPrice => _t["Energy price"],
        SensitivityParameter.MaterialPrice => _t["Raw-material price"],
        SensitivityParameter.DiscountRate => _t["Discount rate"],
        _ => _t["Lifetime"],
    };

    /// <summary>The break-even value of one row in words ("stays profitable until savings fall by 37 %").</summary>
    public string BreakEvenText(SensitivityRow row)
    {
        var profitable = Analysis.BaseNpv >= 0;
        if (row.BreakEven is not { } change)
        {
            return profitable
                ? _t["{0}: stays profitable over any change tried.", ParameterName(row.Parameter)]
                : _t["{0}: no change within reason makes the option profitable.", ParameterName(row.Parameter)];
        }

        var percent = Math.Abs(change * 100).ToString("N0", _culture) + "\u00A0%";
        var e = _inputs;
        return row.Parameter switch
        {
            SensitivityParameter.DiscountRate => profitable
                ? _t["Stays profitable up to a discount rate of {0} (the IRR).", PercentText(e.DiscountRate * (1 + change))]
                : _t["Becomes profitable below a discount rate of {0} (the IRR).", PercentText(e.DiscountRate * (1 + change))],
            SensitivityParameter.Lifetime => profitable
                ? _t["Stays profitable with a lifetime down to {0} years.", Math.Round(e.LifetimeYears * (1 + change)).ToString("N0", _culture)]
                : _t["Becomes profitable with a lifetime of {0} years.", Math.Round(e.LifetimeYears * (1 + change)).ToString("N0", _culture)],
            SensitivityParameter.Investment => profitable
                ? _t["Stays profitable until the investment rises by {0}.", percent]
                : _t["Becomes profitable when the investment falls by {0}.", percent],
            SensitivityParameter.EnergyPrice => profitable
                ? _t["Stays profitable until the energy price falls by {0}.", percent]
                : _t["Becomes profitable when the energy price rises by {0}.", percent],
            SensitivityParameter.MaterialPrice => profitable
                ? _t["Stays profitable until the raw-material price falls by {0}.", percent]
                : _t["Becomes profitable when the raw-material price rises by {0}.", percent],
            _ => profitable
                ? _t["Stays profitable until the savings fall by {0}.", percent]
                : _t["Becomes profitable when the savings rise by {0}.", percent],
        };
    }
}
