namespace CpTraining.Domain;

/// <summary>Trimming and length rules for free-text fields, with the messages the forms show.</summary>
internal static class Text
{
    public static string Required(string? value, string field, int maxLength) =>
        Optional(value, field, maxLength) ?? throw new DomainException(field, "This field is required.");

    public static string? Optional(string? value, string field, int maxLength)
    {
        var clean = value?.Trim();
        if (string.IsNullOrEmpty(clean))
        {
            return null;
        }

        return clean.Length <= maxLength
            ? clean
            : throw new DomainException(field, "Use at most {0} characters.", maxLength);
    }
}
