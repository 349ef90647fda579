using CpTraining.Domain.Options;

namespace CpTraining.Domain.Tests.Options;

/// <summary>
/// The status workflow of issue 6: identified → under study → feasible / not feasible → selected → implemented →
/// verified, and rejected with a reason from any state; every other move is refused.
/// </summary>
public sealed class OptionWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2027, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<OptionStatus, OptionStatus> AllowedMoves() => new()
    {
        { OptionStatus.Identified, OptionStatus.UnderStudy },
        { OptionStatus.UnderStudy, OptionStatus.Feasible },
        { OptionStatus.UnderStudy, OptionStatus.NotFeasible },
        { OptionStatus.Feasible, OptionStatus.Selected },
        { OptionStatus.Feasible, OptionStatus.UnderStudy },
        { OptionStatus.NotFeasible, OptionStatus.UnderStudy },
        { OptionStatus.Selected, OptionStatus.Implemented },
        { OptionStatus.Selected, OptionStatus.Feasible },
        { OptionStatus.Implemented, OptionStatus.Verified },
        { OptionStatus.Rejected, OptionStatus.Identified },
    };

    [Fact]
    public void Every_pair_of_statuses_is_allowed_exactly_when_the_workflow_says_so()
    {
        var allowed = AllowedMoves().Select(row => ((OptionStatus)row[0], (OptionStatus)row[1])).ToHashSet();
        foreach (var from in Enum.GetValues<OptionStatus>())
        {
            foreach (var to in Enum.GetValues<OptionStatus>())
            {
                var expected = allowed.Contains((from, to)) || (to == OptionStatus.Rejected && from != OptionStatus.Rejected);
                var option = OptionIn(from);
                if (from == OptionStatus.Selected)
                {
                    // the precondition of implementing (tested on its own below)
                    option.RecordAchieved(AchievedResults.Create(new DateOnly(2027, 2, 1), 10_000m, 4_000m, Reductions.None, null), [], Now);
                }

                var ex = Record.Exception(() => option.MoveTo(to, "Too costly", "trainer", Now));
                Assert.True(expected == ex is null, $"{from} → {to}: expected {(expected ? "allowed" : "refused")}, got {ex?.Message ?? "allowed"}");
                Assert.Equal(expected ? to : from, option.Status);
            }
        }
    }

    [Fact]
    public void Rejecting_needs_a_reason_and_reopening_clears_it()
    {
        var option = OptionIn(OptionStatus.UnderStudy);
        var ex = Assert.Throws<DomainException>(() => option.MoveTo(OptionStatus.Rejected, "  ", "e", Now));
        Assert.Equal("Reason", ex.Field);
        option.MoveTo(OptionStatus.Rejected, "Payback 14 years", "e", Now);
        Assert.Equal("Payback 14 years", option.RejectionReason);
        Assert.Equal(DesireGroup.Rejected, option.Group);
        option.MoveTo(OptionStatus.Identified, null, "e", Now);
        Assert.Null(option.RejectionReason);
    }

    [Fact]
    public void A_technically_infeasible_option_cannot_become_feasible_and_has_no_economics()
    {
        var option = OptionIn(OptionStatus.UnderStudy);
        option.EvaluateTechnically(TechnicalEvaluation.Create([new("Space required", 1m, 1)], false, "No room"));
        Assert.Throws<DomainException>(() => option.MoveTo(OptionStatus.Feasible, null, "e", Now));
        Assert.Throws<DomainException>(() => option.ChangeEconomics(new EconomicInputs { LifetimeYears = 5, DiscountRate = 0.1m }));
        Assert.False(option.HasEconomics);
        option.MoveTo(OptionStatus.NotFeasible, null, "e", Now);
        Assert.Equal(DesireGroup.Rejected, option.Group);
    }

    [Fact]
    public void Implemented_needs_the_implementation_recorded_and_verified_needs_measured_figures()
    {
        var option = OptionIn(OptionStatus.Selected);
        Assert.Throws<DomainException>(() => option.MoveTo(OptionStatus.Implemented, null, "e", Now));
        option.RecordAchieved(AchievedResults.Create(new DateOnly(2027, 2, 1), null, null, Reductions.None, null), [], Now);
        option.MoveTo(OptionStatus.Implemented, null, "e", Now);
        Assert.Throws<DomainException>(() => option.MoveTo(OptionStatus.Verified, null, "trainer", Now));
        option.RecordAchieved(AchievedResults.Create(new DateOnly(2027, 2, 1), 12_000m, 5_000m, Reductions.None, null), [], Now);
        option.MoveTo(OptionStatus.Verified, null, "trainer", Now);
        Assert.Equal("trainer", option.VerifiedBy);
        Assert.Equal(Now, option.VerifiedAt);
    }

    [Fact]
    public void Changing_verified_results_voids_the_verification()
    {
        var option = OptionIn(OptionStatus.Verified);
        option.RecordAchieved(AchievedResults.Create(new DateOnly(2027, 2, 1), 12_000m, 6_000m, Reductions.None, null), [], Now);
        Assert.Equal(OptionStatus.Implemented, option.Status);
        Assert.Null(option.VerifiedBy);
    }

    [Fact]
    public void Achieved_results_are_refused_before_selection_and_in_the_future()
    {
        var option = OptionIn(OptionStatus.Feasible);
        Assert.Throws<DomainException>(() => option.RecordAchieved(AchievedResults.Create(new DateOnly(2027, 2, 1), 1m, 1m, Reductions.None, null), [], Now));
        option.MoveTo(OptionStatus.Selected, null, "e", Now);
        var ex = Assert.Throws<DomainException>(() => option.RecordAchieved(AchievedResults.Create(new DateOnly(2027, 3, 9), 1m, 1m, Reductions.None, null), [], Now));
        Assert.Equal("ImplementedOn", ex.Field);
    }

    [Theory]
    [InlineData(OptionStatus.Identified, DesireGroup.FurtherStudy)]
    [InlineData(OptionStatus.UnderStudy, DesireGroup.FurtherStudy)]
    [InlineData(OptionStatus.Feasible, DesireGroup.ImplementNow)]
    [InlineData(OptionStatus.Selected, DesireGroup.ImplementNow)]
    [InlineData(OptionStatus.Implemented, DesireGroup.ImplementNow)]
    [InlineData(OptionStatus.Verified, DesireGroup.ImplementNow)]
    [InlineData(OptionStatus.NotFeasible, DesireGroup.Rejected)]
    [InlineData(OptionStatus.Rejected, DesireGroup.Rejected)]
    public void Options_fall_into_the_three_piles_of_the_desire_method(OptionStatus status, DesireGroup group) =>
        Assert.Equal(group, OptionIn(status).Group);

    [Fact]
    public void Details_are_checked_and_name_the_field()
    {
        Assert.Equal("Title", Assert.Throws<DomainException>(() => CpOption.Create(Guid.NewGuid(), Guid.NewGuid(), 1, " ", null, null, OptionCategory.GoodHousekeeping, OptionKind.LowCost, Now)).Field);
        Assert.Equal("Category", Assert.Throws<DomainException>(() => CpOption.Create(Guid.NewGuid(), Guid.NewGuid(), 1, "x", null, null, (OptionCategory)42, OptionKind.LowCost, Now)).Field);
        var option = OptionIn(OptionStatus.Identified);
        var w = Guid.NewGuid();
        var s = Guid.NewGuid();
        Assert.Equal("Links", Assert.Throws<DomainException>(() => option.LinkStreams([new(w, s, false, 10m), new(w, s, false, 20m)])).Field);
        Assert.Equal("Links[0].ReductionPercent", Assert.Throws<DomainException>(() => StreamLink.Create(w, s, false, 120m, 0)).Field);
        Assert.Equal("Criteria[0].Score", Assert.Throws<DomainException>(() => TechnicalEvaluation.Create([new("Space", 1m, 6)], null, null)).Field);
        Assert.Equal("Criteria[0].Weight", Assert.Throws<DomainException>(() => TechnicalEvaluation.Create([new("Space", 0m, 3)], null, null)).Field);
        Assert.Equal("WaterCubicMetres", Assert.Throws<DomainException>(() => Reductions.Create(-1m, null, null, null, null, null, null, null)).Field);
    }

    /// <summary>An option brought to <paramref name="status"/> along the workflow.</summary>
    internal static CpOption OptionIn(OptionStatus status)
    {
        var option = CpOption.Create(Guid.NewGuid(), Guid.NewGuid(), 1, "Cover the rinse tanks", null, null, OptionCategory.GoodHousekeeping, OptionKind.LowCost, Now);
        var path = status switch
        {
            OptionStatus.Identified => [],
            OptionStatus.UnderStudy => [OptionStatus.UnderStudy],
            OptionStatus.Feasible => [OptionStatus.UnderStudy, OptionStatus.Feasible],
            OptionStatus.NotFeasible => [OptionStatus.UnderStudy, OptionStatus.NotFeasible],
            OptionStatus.Selected => [OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected],
            OptionStatus.Implemented => [OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected, OptionStatus.Implemented],
            OptionStatus.Verified => [OptionStatus.UnderStudy, OptionStatus.Feasible, OptionStatus.Selected, OptionStatus.Implemented, OptionStatus.Verified],
            OptionStatus.Rejected => new[] { OptionStatus.Rejected },
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var next in path)
        {
            if (next == OptionStatus.Implemented)
            {
                option.RecordAchieved(AchievedResults.Create(new DateOnly(2027, 2, 1), 10_000m, 4_000m, Reductions.None, null), [], Now);
            }

            option.MoveTo(next, "Not worth it", "trainer", Now);
        }

        return option;
    }
}
