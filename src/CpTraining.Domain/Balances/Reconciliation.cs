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
    private readonly (int Row, double Value)[][] _columns;
    private readonly double[,] _sInverse;

    internal ReconciledSystem(
        double[] reconciled, double[] variance, double[] reconciledVariance, double[] adjustmentVariance, double[] normalised,
        double chiSquare, int degreesOfFreedom, double exactConflict, (int Row, double Value)[][] columns, double[,] sInverse)
    {
        Reconciled = reconciled;
        _variance = variance;
        ReconciledVariance = reconciledVariance;
        AdjustmentVariance = adjustmentVariance;
        NormalisedAdjustment = normalised;
        ChiSquare = chiSquare;
        DegreesOfFreedom = degreesOfFreedom;
        ExactConflict = exactConflict;
        (_columns, _sInverse) = (columns, sInverse);
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

    /// <summary>Element (i, j) of the reconciled covariance V̂.</summary>
    public double Covariance(int i, int j)
    {
        if (_variance[i] == 0 || _variance[j] == 0)
        {
            return 0;
        }

        var sum = 0.0;
        foreach (var (p, ap) in _columns[i])
        {
            foreach (var (q, aq) in _columns[j])
            {
                sum += ap * _sInverse[p, q] * aq;
            }
        }

        return (i == j ? _variance[i] : 0) - (_variance[i] * _variance[j] * sum);
    }
}

/// <summary>
/// Data reconciliation as STAN does it: weighted least squares under the linear balance constraints of the steps
/// (Σ inputs − Σ outputs = accumulation), weights the inverse variances. A stream's σ is its value × uncertainty % ÷
/// 100, or its absolute uncertainty converted like its quantity; a stream without an uncertainty (or with 0) is exact: it is a constant that is never adjusted. Balances that
/// involve exact streams only cannot be reconciled; what they leave over is reported as <see cref="ReconciledSystem.ExactConflict"/>.
/// Redundant constraints are found by a Cholesky factorisation with pivoting of A·V·Aᵀ and left out, so the degrees of
/// freedom are the independent ones. Cost for m steps and n streams: O(m·n) to read A, O(n) for A·V·Aᵀ (a stream
/// touches at most two balances), O(m³) to factor and invert it — about 100 000 operations for 40 steps and 400 streams.
/// </summary>
public static class Reconciliation
{
    /// <summary>A balance whose uncertain part is within this fraction (in variance) of the others' span is dependent.</summary>
    private const double DependenceTolerance = 1e-10;

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
            var sigma = (double)(s.Uncertainty?.AnnualStandardDeviation(s.AnnualKilograms, s.Quantity.KilogramsPer(s.Quantity.Unit) * sheet.PeriodsPerYear) ?? 0);
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

        // r = A·x − b over all streams (the exact ones are constants from here on), and the non-zeros of each
        // column of A (a stream touches at most two balances, so S = A·V·Aᵀ costs O(n), not O(m²·n)).
        var r = (double[])b.Clone();
        var nonZeros = new List<(int Row, double Value)>[n];
        for (var i = 0; i < n; i++)
        {
            nonZeros[i] = [];
        }

        for (var k = 0; k < m; k++)
        {
            r[k] = -b[k];
            for (var i = 0; i < n; i++)
            {
                if (a[k, i] != 0)
                {
                    r[k] += a[k, i] * x[i];
                    nonZeros[i].Add((k, a[k, i]));
                }
            }
        }

        var s = new double[m, m];
        for (var i = 0; i < n; i++)
        {
            if (variance[i] > 0)
            {
                foreach (var (p, ap) in nonZeros[i])
                {
                    foreach (var (q, aq) in nonZeros[i])
                    {
                        s[p, q] += ap * variance[i] * aq;
                    }
                }
            }
        }

        // The independent balances (rows of A restricted to uncertain streams) and the factor of their S block.
        var (chosen, l) = DenseLinearAlgebra.PivotedCholesky(s, DependenceTolerance);
        var rank = chosen.Length;
        var y = DenseLinearAlgebra.ForwardSolve(l, chosen, chosen.Select(k => r[k]).ToArray());
        var chiSquare = y.Sum(v => v * v);

        // A dependent balance q is the combination L[q,·]·L_c⁻¹ of the chosen ones on the uncertain streams; what its
        // residual differs from that combination's residual lies in exact streams only and cannot be reconciled.
        var isChosen = new int[m];
        Array.Fill(isChosen, -1);
        for (var c = 0; c < rank; c++)
        {
            isChosen[chosen[c]] = c;
        }

        var exactConflict = 0.0;
        for (var q = 0; q < m; q++)
        {
            if (isChosen[q] < 0)
            {
                var explained = 0.0;
                for (var c = 0; c < rank; c++)
                {
                    explained += l[q, c] * y[c];
                }

                exactConflict = Math.Max(exactConflict, Math.Abs(r[q] - explained));
            }
        }

        var sInverse = DenseLinearAlgebra.InverseFromCholesky(l, chosen);
        var lambda = new double[rank]; // S_cc⁻¹·r_c
        for (var p = 0; p < rank; p++)
        {
            for (var c = 0; c < rank; c++)
            {
                lambda[p] += sInverse[p, c] * r[chosen[c]];
            }
        }

        var columns = new (int Row, double Value)[n][];
        var reconciled = (double[])x.Clone();
        var reconciledVariance = (double[])variance.Clone();
        var adjustmentVariance = new double[n];
        var normalised = new double[n];
        for (var i = 0; i < n; i++)
        {
            columns[i] = nonZeros[i].Where(e => isChosen[e.Row] >= 0).Select(e => (isChosen[e.Row], e.Value)).ToArray();
            if (variance[i] == 0)
            {
                continue;
            }

            double step = 0, quad = 0;
            foreach (var (p, ap) in columns[i])
            {
                step += ap * lambda[p];
                foreach (var (q, aq) in columns[i])
                {
                    quad += ap * sInverse[p, q] * aq;
                }
            }

            var v = variance[i];
            reconciled[i] = x[i] - (v * step);
            adjustmentVariance[i] = v * v * quad;
            // A stream the balance fixes completely (e.g. set by exact ones) keeps no variance; below 10⁻¹² of its
            // own variance the difference is rounding, not information.
            reconciledVariance[i] = v - adjustmentVariance[i] > 1e-12 * v ? v - adjustmentVariance[i] : 0;
            normalised[i] = adjustmentVariance[i] > 1e-12 * v ? Math.Abs(reconciled[i] - x[i]) / Math.Sqrt(adjustmentVariance[i]) : 0;
        }

        return new ReconciledSystem(
            reconciled, (double[])variance.Clone(), reconciledVariance, adjustmentVariance, normalised, chiSquare, rank, exactConflict, columns, sInverse);
    }
}
