namespace CpTraining.Domain.Balances;

/// <summary>The little dense linear algebra reconciliation needs, in double precision.</summary>
internal static class DenseLinearAlgebra
{
    /// <summary>
    /// Row-reduces <paramref name="a"/> (m×n) to echelon form by Gaussian elimination with partial pivoting, applying
    /// the same row operations to <paramref name="rhs"/>. Afterwards rows 0..rank−1 are independent and the rest are
    /// zero in <paramref name="a"/> (their <paramref name="rhs"/> is what is left over). O(m²n).
    /// </summary>
    public static int RowEchelon(double[,] a, double[] rhs, double tolerance)
    {
        int m = a.GetLength(0), n = a.GetLength(1);
        var rank = 0;
        for (var col = 0; col < n && rank < m; col++)
        {
            var pivot = rank;
            for (var row = rank + 1; row < m; row++)
            {
                if (Math.Abs(a[row, col]) > Math.Abs(a[pivot, col]))
                {
                    pivot = row;
                }
            }

            if (Math.Abs(a[pivot, col]) <= tolerance)
            {
                continue;
            }

            if (pivot != rank)
            {
                for (var j = 0; j < n; j++)
                {
                    (a[pivot, j], a[rank, j]) = (a[rank, j], a[pivot, j]);
                }

                (rhs[pivot], rhs[rank]) = (rhs[rank], rhs[pivot]);
            }

            for (var row = rank + 1; row < m; row++)
            {
                var f = a[row, col] / a[rank, col];
                if (f == 0)
                {
                    continue;
                }

                a[row, col] = 0;
                for (var j = col + 1; j < n; j++)
                {
                    a[row, j] -= f * a[rank, j];
                }

                rhs[row] -= f * rhs[rank];
            }

            rank++;
        }

        return rank;
    }

    /// <summary>Lower-triangular L with L·Lᵀ = <paramref name="s"/> (symmetric positive definite). O(k³/3).</summary>
    public static double[,] Cholesky(double[,] s)
    {
        var k = s.GetLength(0);
        var l = new double[k, k];
        for (var i = 0; i < k; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = s[i, j];
                for (var p = 0; p < j; p++)
                {
                    sum -= l[i, p] * l[j, p];
                }

                if (i == j)
                {
                    if (sum <= 0)
                    {
                        throw new InvalidOperationException("The constraint covariance is not positive definite.");
                    }

                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        return l;
    }

    /// <summary>Solves L·Lᵀ·x = <paramref name="b"/> in place. O(k²).</summary>
    public static void CholeskySolve(double[,] l, double[] b)
    {
        var k = b.Length;
        for (var i = 0; i < k; i++)
        {
            var sum = b[i];
            for (var p = 0; p < i; p++)
            {
                sum -= l[i, p] * b[p];
            }

            b[i] = sum / l[i, i];
        }

        for (var i = k - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var p = i + 1; p < k; p++)
            {
                sum -= l[p, i] * b[p];
            }

            b[i] = sum / l[i, i];
        }
    }
}
