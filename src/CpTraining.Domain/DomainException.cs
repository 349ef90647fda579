namespace CpTraining.Domain;

/// <summary>
/// A business rule was broken. <see cref="MessageTemplate"/> is an English composite format string
/// the web layer localises (it is the resource key); <see cref="Arguments"/> fill its placeholders.
/// <see cref="Field"/> names the input the rule is about, when there is one, so the form can show
/// the message next to it. Mind the overloads: with a field, pass the field first and then the template;
/// a template whose only argument is a string must use the field overload with a null field.
/// </summary>
public sealed class DomainException : Exception
{
    public DomainException(string messageTemplate, params object[] arguments)
        : this(null, messageTemplate, arguments)
    {
    }

    public DomainException(string? field, string messageTemplate, params object[] arguments)
        : base(string.Format(System.Globalization.CultureInfo.InvariantCulture, messageTemplate, arguments))
    {
        Field = field;
        MessageTemplate = messageTemplate;
        Arguments = arguments;
    }

    public DomainException()
        : this("A business rule was broken.")
    {
    }

    public DomainException(string message, Exception innerException)
        : base(message, innerException)
    {
        MessageTemplate = message;
        Arguments = [];
    }

    public string? Field { get; }

    public string MessageTemplate { get; }

    public IReadOnlyList<object> Arguments { get; }
}
