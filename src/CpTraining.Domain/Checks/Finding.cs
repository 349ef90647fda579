namespace CpTraining.Domain.Checks;

/// <summary>How much a finding matters: a warning asks for a look; a serious finding would mislead a reader as it stands.</summary>
public enum Severity
{
    Warning,
    Serious,
}

/// <summary>
/// A figure that looks wrong, found by a plausibility check: which rule (a stable code, so a trainer's "reviewed" mark
/// can refer to it), how much it matters, and what to look at, as an English message template with its arguments
/// (localised by the web layer like a <see cref="DomainException"/>), and the field it is about when there is one.
/// </summary>
public sealed record Finding(string Rule, Severity Severity, string Field, string MessageTemplate, params object[] Arguments);

/// <summary>A word or phrase inside a finding's message that the web layer translates too (a figure's name), unlike names the user typed.</summary>
public sealed record Term(string Text)
{
    public override string ToString() => Text;
}
