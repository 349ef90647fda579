namespace CpTraining.Domain.Balances;

/// <summary>The little dense linear algebra reconciliation needs, in double precision.</summary>
internal static class DenseLinearAlgebra
{
    /// <summary>
    /// Cholesky factorisation with diagonal pivoting of the symmetric positive semi-definite <paramref name="s"/>
    /// (m×m), which also finds its rank. At each stage the row that is most independent of those already chosen
    /// (largest remaining diagonal relative to its own original diagonal) is taken; the factorisation stops when
    /// every remaining row is, within <paramref name="relativeTolerance"/>, a combination of the chosen ones. The
    /// test is relative to each row's own size, so rows of very different magnitude are judged fairly.
    /// Returns the chosen rows in order and L (m×rank): for a chosen row, its row of the lower-triangular factor of
    /// the chosen block; for any other row q, the coefficients with S[q, chosen] = L[q,·]·L[chosen,·]ᵀ. O(m²·rank).
    /// </summary>
    public static (int[] Chosen, double[,] L) PivotedCholesky(double[,] s, double relativeTolerance)
    {
        var m = s.GetLength(0);
        var l = new double[m, m];
        var remaining = new double[m];
        var taken = new bool[m];
        var chosen = new List<int>(m);
        for (var p = 0; p < m; p++)
        {
            remaining[p] = s[p, p];
        }

        for (var t = 0; t < m; t++)
        {
            var pivot = -1;
            var best = relativeTolerance;
            for (var p = 0; p < m; p++)
            {
                if (!taken[p] && s[p, p] > 0 && remaining[p] / s[p, p] > best)
                {
                    (pivot, best) = (p, remaining[p] / s[p, p]);
                }
            }

            if (pivot < 0)
            {
                break;
            }

            taken[pivot] = true;
            chosen.Add(pivot);
            var d = Math.Sqrt(remaining[pivot]);
            l[pivot, t] = d;
            for (var q = 0; q < m; q++)
            {
                if (taken[q])
                {
                    continue;
                }

                var sum = s[q, pivot];
                for (var k = 0; k < t; k++)
                {
                    sum -= l[q, k] * l[pivot, k];
                }

                l[q, t] = sum / d;
                remaining[q] -= l[q, t] * l[q, t];
            }
        }

        return (chosen.ToArray(), l);
    }

    /// <summary>
    /// The inverse of the chosen block S_cc = L_c·L_cᵀ (L_c lower triangular, rows in chosen order), as k×k in
    /// chosen order: S_cc⁻¹ = L_c⁻ᵀ·L_c⁻¹. O(k³).
    /// </summary>
    public static double[,] InverseFromCholesky(double[,] l, int[] chosen)
    {
        var k = chosen.Length;

        // M = L_c⁻¹ by forward substitution, column by column.
        var inv = new double[k, k];
        for (var c = 0; c < k; c++)
        {
            for (var i = c; i < k; i++)
            {
                var sum = i == c ? 1.0 : 0.0;
                for (var p = c; p < i; p++)
                {
                    sum -= l[chosen[i], p] * inv[p, c];
                }

                inv[i, c] = sum / l[chosen[i], i];
            }
        }

        // S⁻¹ = Mᵀ·M.
        var result = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = 0.0;
                for (var p = i; p < k; p++)
                {
                    sum += inv[p, i] * inv[p, j];
                }

                result[i, j] = result[j, i] = sum;
            }
        }

        return result;
    }

    /// <summary>Solves L_c·y = <paramref name="b"/> (b in chosen order). O(k²).</summary>
    public static double[] ForwardSolve(double[,] l, int[] chosen, double[] b)
    {
        var k = chosen.Length;
        var y = new double[k];
        for (var i = 0; i < k; i++)
        {
            var sum = b[i];
            for (var p = 0; p < i; p++)
            {
                sum -= l[chosen[i], p] * y[p];
            }

            y[i] = sum / l[chosen[i], i];
        }

        return y;
    }
}
