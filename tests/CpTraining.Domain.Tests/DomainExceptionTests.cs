using CpTraining.Domain.Tests.Programmes;

namespace CpTraining.Domain.Tests;

/// <summary>The web layer translates <see cref="DomainException.MessageTemplate"/> and fills in the arguments itself.</summary>
public class DomainExceptionTests
{
    [Fact]
    public void A_rule_violation_carries_its_untranslated_template_and_arguments_as_well_as_the_english_message()
    {
        var programme = TestProgrammes.Dnipro2010();

        var ex = Assert.Throws<DomainException>(() =>
            programme.RescheduleSession(2, new DateOnly(2010, 11, 23), 6, null, null, null, new DateOnly(2010, 9, 1), false));

        Assert.Equal("Days", ex.Field);
        Assert.Equal("A session lasts from {0} to {1} days.", ex.MessageTemplate);
        Assert.Equal([1, 5], ex.Arguments);
        Assert.Equal("A session lasts from 1 to 5 days.", ex.Message);
    }

    [Fact]
    public void A_held_session_message_names_the_session_and_its_dates()
    {
        var programme = TestProgrammes.Dnipro2010();

        var ex = Assert.Throws<DomainException>(() =>
            programme.RescheduleSession(1, new DateOnly(2010, 10, 5), 2, null, null, null, new DateOnly(2010, 10, 6), false));

        Assert.Equal([1, new DateOnly(2010, 10, 5), new DateOnly(2010, 10, 7)], ex.Arguments);
        Assert.StartsWith("Session 1 has already begun", ex.Message, StringComparison.Ordinal);
    }
}
