using CpTraining.Domain.Balances;
using static CpTraining.Domain.Tests.Balances.TestSheets;

namespace CpTraining.Domain.Tests.Balances;

/// <summary>
/// Weighted least squares under the balance constraints, x̂ = x − V·Aᵀ·(A·V·Aᵀ)⁻¹·(A·x − b). Every expected value
/// below is worked out by hand in the comments (σ = value × uncertainty % ÷ 100; kg/yr in the domain, t in the text).
/// </summary>
public class ReconciliationTests
{
    private const double Tight = 1e-6;

    [Fact]
    public void STANs_simple_rule_two_flows_of_equal_uncertainty_meet_in_the_middle()
    {
        // One step, input 100 t ± 10 t (10 %), output 110 t ± 10 t (100/11 %). A = [1, −1], V = diag(100, 100) t².
        // r = 100 − 110 = −10; A·V·Aᵀ = 200; x̂ = x − V·Aᵀ·r/200 = (100 + 5, 110 − 5) = (105, 105).
        // V̂ = V − V·Aᵀ·A·V/200 = [[100 − 50, 0 + 50], [50, 100 − 50]] → σ̂ = √50 = 10/√2 = 7.0711 t each.
        // χ² = r²/200 = 0.5 with 1 degree of freedom, under 3.841: no gross error.
        var w = New();
        var step = w.AddStep("Step");
        w.In(step, "In", T(100), uncertainty: 10);
        w.Out(step, "Out", T(110), uncertainty: 100m / 11m);

        var r = Reconciliation.Run(w.Snapshot());

        Assert.All(r.Streams, s => Assert.Equal(105_000, s.Reconciled, Tight));
        Assert.All(r.Streams, s => Assert.Equal(10_000 / Math.Sqrt(2), s.ReconciledSigma, 1e-3));
        Assert.All(r.Streams, s => Assert.Equal(105, s.ReconciledAsEntered!.Value, 1e-9));
        Assert.Equal(7.0711, r.Streams[0].ReconciledSigma / 1_000, 4);
        Assert.Equal((1, 3.841), (r.DegreesOfFreedom, r.CriticalValue));
        Assert.Equal(0.5, r.ChiSquare, 1e-9);
        Assert.False(r.GrossErrorSuspected);
        Assert.Null(r.SuspectStreamId);
    }

    [Fact]
    public void The_matrix_form_gives_the_reconciled_covariance_of_the_simple_rule()
    {
        // Same numbers in t: V̂ = [[50, 50], [50, 50]] (the two reconciled flows are one and the same quantity).
        var system = Reconciliation.Solve(new double[,] { { 1, -1 } }, [100, 110], [100, 100], [0]);

        Assert.Equal([105, 105], system.Reconciled.Select(x => Math.Round(x, 9)));
        Assert.Equal(50, system.Covariance(0, 0), 1e-9);
        Assert.Equal(50, system.Covariance(0, 1), 1e-9);
        Assert.Equal(50, system.AdjustmentVariance[0], 1e-9); // 100²/200
    }

    [Fact]
    public void Three_streams_at_one_step_share_the_gap_in_proportion_to_their_variances()
    {
        // Inputs A = 100 t ± 10 % (σ 10, v 100) and B = 50 t ± 10 % (σ 5, v 25), output C = 160 t ± 5 % (σ 8, v 64).
        // r = 100 + 50 − 160 = −10; S = 100 + 25 + 64 = 189; λ = r/S = −10/189.
        // x̂_A = 100 − 100·(+1)·λ = 100 + 1000/189 = 105.291005; x̂_B = 50 + 250/189 = 51.322751;
        // x̂_C = 160 − 64·(−1)·λ = 160 − 640/189 = 156.613757 (and 105.291005 + 51.322751 = 156.613757).
        // σ̂² = v − v²/S: A 100 − 10000/189 = 8900/189 → σ̂ √47.0899 = 6.862212; B 25 − 625/189 = 4100/189 → √21.6931 = 4.657588;
        // C 64 − 4096/189 = 8000/189 → √42.3280 = 6.506000. Covariance A,C = −v_A·v_C·a_A·a_C/S = −100·64·(1)(−1)/189 = 6400/189 = 33.862434.
        // χ² = r²/S = 100/189 = 0.529101.
        var w = New();
        var step = w.AddStep("Mixing");
        w.In(step, "A", T(100), uncertainty: 10);
        w.In(step, "B", T(50), uncertainty: 10);
        w.Out(step, "C", T(160), uncertainty: 5);

        var r = Reconciliation.Run(w.Snapshot());

        Assert.Equal([105.291005, 51.322751, 156.613757], r.Streams.Select(s => Math.Round(s.ReconciledAsEntered!.Value, 6)));
        Assert.Equal([6.862212, 4.657588, 6.506000], r.Streams.Select(s => Math.Round(s.ReconciledSigma / 1_000, 6)));
        Assert.Equal(0.529101, Math.Round(r.ChiSquare, 6));
        Assert.False(r.GrossErrorSuspected);

        var system = Reconciliation.Solve(new double[,] { { 1, 1, -1 } }, [100, 50, 160], [100, 25, 64], [0]);
        Assert.Equal(33.862434, Math.Round(system.Covariance(0, 2), 6));
        Assert.Equal(-2_500.0 / 189, system.Covariance(0, 1), 1e-9); // −100·25/189: A and B are pulled up together
    }

    [Fact]
    public void An_exact_stream_is_never_adjusted_and_carries_the_balance()
    {
        // Input 100 t exact, output 110 t ± 10 %: the output must become 100 t, with no uncertainty left.
        var w = New();
        var step = w.AddStep("Step");
        w.In(step, "In", T(100));
        w.Out(step, "Out", T(110), uncertainty: 10);

        var r = Reconciliation.Run(w.Snapshot());

        Assert.True(r.Streams[0].IsExact);
        Assert.Equal((100_000, 100_000), (r.Streams[0].Reconciled, Math.Round(r.Streams[1].Reconciled, 6)));
        Assert.Equal(0, r.Streams[1].ReconciledSigma, 1e-6);
        Assert.Equal(1, r.DegreesOfFreedom);
    }

    [Fact]
    public void A_step_of_exact_streams_only_is_checked_not_reconciled()
    {
        // Step "Exact": 10 t in, 9 t out, both exact → 1 000 kg/yr left over that nothing can absorb.
        var w = New();
        var exact = w.AddStep("Exact");
        w.In(exact, "In", T(10));
        w.Out(exact, "Out", T(9));

        var r = Reconciliation.Run(w.Snapshot());

        Assert.Equal([exact.Id], r.StepsWithoutUncertainStreams);
        Assert.Equal((0, 1_000.0), (r.DegreesOfFreedom, r.ExactConflict));
        Assert.False(r.CanReconcile);
        Assert.False(r.GrossErrorSuspected);
    }

    [Fact]
    public void Redundant_constraints_do_not_count_as_degrees_of_freedom()
    {
        // Two steps joined only by one uncertain stream, everything else exact: both balances constrain the same
        // stream, so one independent constraint (df 1). In: 100 exact → One → link 90 ± 10 % → Two → out 100 exact.
        // The link must become 100; r₁ = 100 − 90 = 10, S = 81 → χ² = 100/81 = 1.234568.
        var w = New();
        var one = w.AddStep("One");
        var two = w.AddStep("Two");
        w.In(one, "In", T(100));
        w.Link(one, two, "Link", T(90), uncertainty: 10);
        w.Out(two, "Out", T(100));

        var r = Reconciliation.Run(w.Snapshot());

        Assert.Equal(1, r.DegreesOfFreedom);
        Assert.Equal(100_000, r.Streams[1].Reconciled, 1e-6);
        Assert.Equal(1.234568, Math.Round(r.ChiSquare, 6));
        Assert.Equal(0, r.ExactConflict, 1e-6);
    }

    [Fact]
    public void A_typed_extra_zero_fails_the_chi_square_test_and_the_stream_is_named()
    {
        // Dissolving: water 1 000 t + salt 100 t → solution to Filtering, typed 11 000 t instead of 1 100 t;
        // Filtering: solution → filtrate 1 050 t + sludge 50 t. All ± 2 % (σ: 20, 2, 220, 21, 1 t).
        // r = (1 000 + 100 − 11 000, 11 000 − 1 050 − 50) = (−9 900, 9 900).
        // S = A·V·Aᵀ = [[400 + 4 + 48 400, −48 400], [−48 400, 48 400 + 441 + 1]] = [[48 804, −48 400], [−48 400, 48 842]],
        // det S = 48 804·48 842 − 48 400² = 41 124 968.
        // χ² = rᵀ·S⁻¹·r = 9 900²·(48 842 + 48 804 − 2·48 400)/det = 98 010 000·846/41 124 968 = 2 016.21 ≫ 5.991 (df 2).
        // Normalised adjustments |aᵀ·S⁻¹·r| ÷ √(aᵀ·S⁻¹·a) for the column a of each stream:
        // solution a = (−1, 1): 9 900·√(846/det) = 44.90;
        // water, salt a = (1, 0): 9 900·442/√(48 842·det) = 3.09; filtrate, sludge a = (0, −1): 9 900·404/√(48 804·det) = 2.82.
        var w = New();
        var dissolving = w.AddStep("Dissolving");
        var filtering = w.AddStep("Filtering");
        w.In(dissolving, "Water", T(1_000), uncertainty: 2);
        w.In(dissolving, "Salt", T(100), uncertainty: 2);
        var typo = w.Link(dissolving, filtering, "Solution", T(11_000), uncertainty: 2);
        w.Out(filtering, "Filtrate", T(1_050), uncertainty: 2);
        w.Out(filtering, "Sludge", T(50), uncertainty: 2, oc: OutputClass.SolidWaste);

        var r = Reconciliation.Run(w.Snapshot());

        Assert.Equal(2, r.DegreesOfFreedom);
        Assert.Equal(5.991, r.CriticalValue);
        Assert.Equal(2_016.21, Math.Round(r.ChiSquare, 2));
        Assert.True(r.GrossErrorSuspected);
        Assert.Equal(typo.Id, r.SuspectStreamId);
        Assert.Empty(r.EquallySuspectStreamIds);
        Assert.Equal([3.09, 3.09, 44.90, 2.82, 2.82], r.Streams.Select(s => Math.Round(s.NormalisedAdjustment, 2)));

        // Corrected, the same balance passes: r = (0, 0) → χ² = 0.
        w.ChangeStream(typo.Id, typo.ToSpec() with { Quantity = T(1_100) });
        var fixedUp = Reconciliation.Run(w.Snapshot());
        Assert.False(fixedUp.GrossErrorSuspected);
        Assert.Equal(0, fixedUp.ChiSquare, 1e-9);
    }

    [Fact]
    public void Streams_the_balance_cannot_tell_apart_are_named_as_equally_suspect()
    {
        // One step: in 100 t ± 2 %, out 1 000 t ± 2 % (typo) — with a single constraint every stream has the same
        // normalised adjustment |r|/√S, so the other one is listed beside the suspect.
        var w = New();
        var step = w.AddStep("Step");
        var input = w.In(step, "In", T(100), uncertainty: 2);
        var output = w.Out(step, "Out", T(1_000), uncertainty: 2);

        var r = Reconciliation.Run(w.Snapshot());

        Assert.True(r.GrossErrorSuspected);
        Assert.Equal(new HashSet<Guid> { input.Id, output.Id }, r.EquallySuspectStreamIds.Append(r.SuspectStreamId!.Value).ToHashSet());
    }
}
