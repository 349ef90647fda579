using CpTraining.Domain;
using CpTraining.Web.Infrastructure.Saving;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Infrastructure;

/// <summary>
/// How one form shows the domain's refusals: the prefix of its fields, the form field a domain field is shown at (a
/// form may name it differently, or have no input for it, so the message goes above the form), and how an argument
/// of the message is written in the reader's language (an option's status, say). Each feature passes its own;
/// <see cref="FormErrors.AddDomainError(ModelStateDictionary, DomainException, IStringLocalizer, FormFields)"/> is the
/// one place that turns a <see cref="DomainException"/> into a field error.
/// </summary>
public sealed record FormFields(string Prefix = "Input")
{
    private IReadOnlySet<string> _above = new HashSet<string>(StringComparer.Ordinal);
    private IReadOnlySet<string> _unprefixed = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The form's name for a domain field (both are relative to <see cref="Prefix"/>).</summary>
    public Func<string, string> Rename { get; init; } = field => field;

    /// <summary>An argument of the message as the reader sees it (by default as it is).</summary>
    public Func<object, object> Argument { get; init; } = argument => argument;

    /// <summary>A form whose refusals all show above it (small forms in a table, say).</summary>
    public static FormFields AllAbove { get; } = new() { _allAbove = true };

    private bool _allAbove;

    /// <summary>These domain fields have no input on this form: their refusals show above it.</summary>
    public FormFields Above(params string[] fields) => this with { _above = new HashSet<string>(fields, StringComparer.Ordinal) };

    /// <summary>These fields are outside the form's prefix (a select posted on its own, say).</summary>
    public FormFields Unprefixed(params string[] fields) => this with { _unprefixed = new HashSet<string>(fields, StringComparer.Ordinal) };

    /// <summary>The model-state key of a domain field; empty for a message above the form.</summary>
    public string Key(string? field) =>
        field is null || _allAbove || _above.Contains(field) ? string.Empty
        : _unprefixed.Contains(field) ? field
        : $"{Prefix}.{Rename(field)}";
}

internal static class FormErrors
{
    /// <summary>
    /// Shows a broken business rule next to the field it is about (or above the form), in the reader's language:
    /// the domain's English message template is the resource key; <paramref name="fields"/> places it and writes
    /// its arguments.
    /// </summary>
    public static void AddDomainError(this ModelStateDictionary modelState, DomainException ex, IStringLocalizer localizer, FormFields fields) =>
        modelState.AddModelError(fields.Key(ex.Field), localizer[ex.MessageTemplate, [.. ex.Arguments.Select(fields.Argument)]]);

    /// <summary>The same for a form whose fields are named as the domain names them, under <paramref name="prefix"/>.</summary>
    public static void AddDomainError(this ModelStateDictionary modelState, DomainException ex, IStringLocalizer localizer, string prefix = "Input") =>
        modelState.AddDomainError(ex, localizer, new FormFields(prefix));

    /// <summary>
    /// The conflict page: the message above the form; the user's input stays as posted, except the fields named (the
    /// row version), which the page sets to what is saved now, so that saving again is a deliberate choice.
    /// </summary>
    public static void AddConflict(this ModelStateDictionary modelState, string message, params string[] refreshed)
    {
        foreach (var key in refreshed)
        {
            modelState.Remove(key);
        }

        modelState.AddModelError(string.Empty, message);
    }

    /// <summary>
    /// A change of a programme's companies (an enrolment, an advisor added or removed) that lost a race with another
    /// change says so above the form; nothing was saved. Other results add nothing (a refusal has its own errors).
    /// </summary>
    public static void AddCompaniesConflict(this ModelStateDictionary modelState, SaveResult result, IStringLocalizer t)
    {
        if (result == SaveResult.Conflict)
        {
            modelState.AddConflict(t["Someone else changed this programme's companies meanwhile, so nothing was changed. Check the page and try again."]);
        }
    }

    /// <summary>The domain's message in the reader's language, for a place that is not a form field.</summary>
    public static string Text(this IStringLocalizer localizer, DomainException ex) => localizer[ex.MessageTemplate, [.. ex.Arguments]];
}
