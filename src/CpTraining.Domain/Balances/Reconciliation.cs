namespace CpTraining.Domain.Balances;

/// <summary>A stream after reconciliation; kg/yr, σ one standard deviation.</summary>
/// <remarks>
/// <para><c>NormalisedAdjustment</c>: |x̂ − x| ÷ σ of the adjustment; the largest points at a gross error.</para>
/// <para><c>ReconciledAsEntered</c>: The reconciled value in the stream's own unit per reporting period.</para>
/// </remarks>
public sealed record ReconciledStream(
    Guid StreamId,
    string Name,
    bool IsExact,
    double Measured,
    double MeasuredSigma,
    double Reconciled,
    double ReconciledSigma,
    double Adjustment,
    double NormalisedAdjustment,
    double? ReconciledAsEntered);

/// <remarks>
/// <para><c>DegreesOfFreedom</c>: Independent balance constraints that involve an uncertain stream; 0: nothing to reconcile.</para>
/// <para><c>SuspectStreamId</c>: With a failed χ² test, the stream with the largest normalised adjustment.</para>
/// <para><c>EquallySuspectStreamIds</c>: Streams whose normalised adjustment equals the suspect's: the balance cannot tell them apart (they enter and leave the same steps), so any of them may hold the error.</para>
/// <para><c>StepsWithoutUncertainStreams</c>: Steps whose streams are all exact: their balance is checked, not reconciled.</para>
/// <para><c>ExactConflict</c>: kg/yr left over in balances of exact streams only (reconciliation cannot remove it).</para>
/// </remarks>
public sealed record ReconciliationResult(
    IReadOnlyList<ReconciledStream> Streams,
    double ChiSquare,
    int DegreesOfFreedom,
    double CriticalValue,
    bool GrossErrorSuspected,
    Guid? SuspectStreamId,
    IReadOnlyList<Guid> EquallySuspectStreamIds,
    IReadOnlyList<Guid> StepsWithoutUncertainStreams,
    double ExactConflict)
{
    public bool CanReconcile => DegreesOfFreedom > 0;
}

/// <summary>
/// The solution of a reconciliation in matrix form, x̂ = x − V·Aᵀ·(A·V·Aᵀ)⁻¹·(A·x − b), with the diagonal of
/// V̂ = V − V·Aᵀ·(A·V·Aᵀ)⁻¹·A·V and any other element on request (<see cref="Covariance"/>).
/// </summary>
public sealed class ReconciledSystem
{
    private readonly double[] _variance;
    private readonly int[] _column;
    private readonly double[,] _reduced;
    private readonly double[,] _w;

    internal ReconciledSystem(
        double[] reconciled, double[] variance, double[] reconciledVariance, double[] adjustmentVariance, double[] normalised,
        double chiSquare, int degreesOfFreedom, double exactConflict, int[] column, double[,] reduced, double[,] w)
    {
        Reconciled = reconciled;
        _variance = variance;
        ReconciledVariance = reconciledVariance;
        AdjustmentVariance = adjustmentVariance;
        NormalisedAdjustment = normalised;
        ChiSquare = chiSquare;
        DegreesOfFreedom = degreesOfFreedom;
        ExactConflict = exactConflict;
        (_column, _reduced, _w) = (column, reduced, w);
    }

    public IReadOnlyList<double> Reconciled { get; }

    /// <summary>The diagonal of V̂.</summary>
    public IReadOnlyList<double> ReconciledVariance { get; }

    /// <summary>The diagonal of V·Aᵀ·(A·V·Aᵀ)⁻¹·A·V, the variance of x̂ − x.</summary>
    public IReadOnlyList<double> AdjustmentVariance { get; }

    public IReadOnlyList<double> NormalisedAdjustment { get; }

    /// <summary>rᵀ·(A·V·Aᵀ)⁻¹·r with r = A·x − b.</summary>
    public double ChiSquare { get; }

    /// <summary>The number of independent constraints.</summary>
    public int DegreesOfFreedom { get; }

    public double ExactConflict { get; }

    public double CriticalValue => DegreesOfFreedom > 0 ? Balances.ChiSquare.Quantile95(DegreesOfFreedom) : 0;

    public bool GrossErrorSuspected => DegreesOfFreedom > 0 && ChiSquare > CriticalValue;

    /// <summary>Element (i, j) of the reconciled covariance V̂. O(constraints).</summary>
    public double Covariance(int i, int j)
    {
        int ci = _column[i], cj = _column[j];
        if (ci < 0 || cj < 0)
        {
            return 0;
        }

        var sum = 0.0;
        for (var p = 0; p < DegreesOfFreedom; p++)
        {
            sum += _reduced[p, ci] * _w[p, cj];
        }

        return (i == j ? _variance[i] : 0) - (_variance[i] * _variance[j] * sum);
    }
}

/// <summary>
/// Data reconciliation as STAN does it: weighted least squares under the linear balance constraints of the steps
/// (Σ inputs − Σ outputs = accumulation), weights the inverse variances. A stream's σ is its value × uncertainty % ÷
/// 100; a stream without an uncertainty (or with 0 %) is exact: it is a constant that is never adjusted. Balances that
/// involve exact streams only cannot be reconciled; what they leave over is reported as <see cref="ReconciledSystem.ExactConflict"/>.
/// Redundant constraints are removed by Gaussian elimination, so the degrees of freedom are the independent ones.
/// Cost for m steps, n streams: O(m²·n) — about a million operations for 40 steps and 400 streams.
/// </summary>
public static class Reconciliation
{
    private const double PivotTolerance = 1e-9;

    public static ReconciliationResult Run(WorksheetSnapshot sheet)
    {
        ArgumentNullException.ThrowIfNull(sheet);
        var streams = sheet.Streams;
        int n = streams.Count, m = sheet.Steps.Count;
        var row = new Dictionary<Guid, int>(m);
        for (var k = 0; k < m; k++)
        {
            row[sheet.Steps[k].Id] = k;
        }

        var a = new double[m, n];
        var x = new double[n];
        var variance = new double[n];
        var hasUncertain = new bool[m];
        for (var i = 0; i < n; i++)
        {
            var s = streams[i];
            x[i] = (double)s.AnnualKilograms;
            var sigma = x[i] * (double)(s.UncertaintyPercent ?? 0) / 100;
            variance[i] = sigma * sigma;
            if (s.ToStepId is { } to)
            {
                a[row[to], i] += 1;
                hasUncertain[row[to]] |= variance[i] > 0;
            }

            if (s.FromStepId is { } from)
            {
                a[row[from], i] -= 1;
                hasUncertain[row[from]] |= variance[i] > 0;
            }
        }

        var b = sheet.Steps.Select(s => (double)s.AnnualAccumulationKilograms).ToArray();
        var system = Solve(a, x, variance, b);

        var result = new List<ReconciledStream>(n);
        for (var i = 0; i < n; i++)
        {
            var s = streams[i];
            var perEntered = s.AnnualKilograms > 0 ? (double)s.Quantity.Value / x[i] : (double?)null;
            result.Add(new ReconciledStream(
                s.Id,
                s.Name,
                variance[i] == 0,
                x[i],
                Math.Sqrt(variance[i]),
                system.Reconciled[i],
                Math.Sqrt(Math.Max(0, system.ReconciledVariance[i])),
                system.Reconciled[i] - x[i],
                system.NormalisedAdjustment[i],
                system.Reconciled[i] * perEntered));
        }

        Guid? suspect = null;
        var equally = new List<Guid>();
        if (system.GrossErrorSuspected)
        {
            var max = system.NormalisedAdjustment.Max();
            suspect = streams[system.NormalisedAdjustment.ToList().IndexOf(max)].Id;
            equally.AddRange(Enumerable.Range(0, n)
                .Where(i => streams[i].Id != suspect && Math.Abs(system.NormalisedAdjustment[i] - max) <= 1e-9 * max)
                .Select(i => streams[i].Id));
        }

        return new ReconciliationResult(
            result.AsReadOnly(),
            system.ChiSquare,
            system.DegreesOfFreedom,
            system.CriticalValue,
            system.GrossErrorSuspected,
            suspect,
            equally.AsReadOnly(),
            sheet.Steps.Where((_, k) => !hasUncertain[k]).Select(s => s.Id).ToList().AsReadOnly(),
            system.ExactConflict);
    }

    /// <summary>
    /// Reconciles measurements <paramref name="x"/> with variances <paramref name="variance"/> (0: exact) under
    /// <paramref name="a"/>·x = <paramref name="b"/>. The arguments are not changed.
    /// </summary>
    public static ReconciledSystem Solve(double[,] a, double[] x, double[] variance, double[] b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(variance);
        ArgumentNullException.ThrowIfNull(b);
        int m = a.GetLength(0), n = a.GetLength(1);
        if (x.Length != n || variance.Length != n || b.Length != m)
        {
            throw new ArgumentException("A is m×n, x and the variances have n elements, b has m.");
        }

        // r = A·x − b, over all streams; the exact ones are constants from here on.
        var r = new double[m];
        for (var k = 0; k < m; k++)
        {
            var sum = -b[k];
            for (var i = 0; i < n; i++)
            {
                sum += a[k, i] * x[i];
            }

            r[k] = sum;
        }

        // Columns of the uncertain streams only, reduced to independent rows (same operations on r).
        var column = new int[n];
        var uncertain = new List<int>(n);
        for (var i = 0; i < n; i++)
        {
            column[i] = variance[i] > 0 ? uncertain.Count : -1;
            if (variance[i] > 0)
            {
                uncertain.Add(i);
            }
        }

        var nu = uncertain.Count;
        var au = new double[m, nu];
        for (var k = 0; k < m; k++)
        {
            for (var c = 0; c < nu; c++)
            {
                au[k, c] = a[k, uncertain[c]];
            }
        }

        var rank = DenseLinearAlgebra.RowEchelon(au, r, PivotTolerance);
        var exactConflict = 0.0;
        for (var k = rank; k < m; k++)
        {
            exactConflict = Math.Max(exactConflict, Math.Abs(r[k]));
        }

        var v = uncertain.Select(i => variance[i]).ToArray();

        // S = A'·V·A'ᵀ (rank × rank), symmetric positive definite because A' has full row rank and V > 0.
        var s = new double[rank, rank];
        for (var p = 0; p < rank; p++)
        {
            for (var q = 0; q <= p; q++)
            {
                var sum = 0.0;
                for (var c = 0; c < nu; c++)
                {
                    sum += au[p, c] * v[c] * au[q, c];
                }

                s[p, q] = s[q, p] = sum;
            }
        }

        var l = DenseLinearAlgebra.Cholesky(s);
        var lambda = r.Take(rank).ToArray();
        DenseLinearAlgebra.CholeskySolve(l, lambda);
        var chiSquare = 0.0;
        for (var p = 0; p < rank; p++)
        {
            chiSquare += r[p] * lambda[p];
        }

        // W = S⁻¹·A' (rank × nu): one solve per uncertain stream.
        var w = new double[rank, nu];
        var col = new double[rank];
        for (var c = 0; c < nu; c++)
        {
            for (var p = 0; p < rank; p++)
            {
                col[p] = au[p, c];
            }

            DenseLinearAlgebra.CholeskySolve(l, col);
            for (var p = 0; p < rank; p++)
            {
                w[p, c] = col[p];
            }
        }

        var reconciled = (double[])x.Clone();
        var reconciledVariance = (double[])variance.Clone();
        var adjustmentVariance = new double[n];
        var normalised = new double[n];
        for (var c = 0; c < nu; c++)
        {
            var i = uncertain[c];
            double step = 0, quad = 0;
            for (var p = 0; p < rank; p++)
            {
                step += au[p, c] * lambda[p];
                quad += au[p, c] * w[p, c];
            }

            reconciled[i] = x[i] - (v[c] * step);
            adjustmentVariance[i] = v[c] * v[c] * quad;
            reconciledVariance[i] = v[c] - adjustmentVariance[i];
            normalised[i] = adjustmentVariance[i] > 1e-12 * v[c] ? Math.Abs(reconciled[i] - x[i]) / Math.Sqrt(adjustmentVariance[i]) : 0;
        }

        return new ReconciledSystem(
            reconciled, (double[])variance.Clone(), reconciledVariance, adjustmentVariance, normalised, chiSquare, rank, exactConflict, column, au, w);
    }
}
