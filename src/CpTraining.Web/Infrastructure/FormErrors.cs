using CpTraining.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.Localization;

namespace CpTraining.Web.Infrastructure;

internal static class FormErrors
{
    /// <summary>
    /// Shows a broken business rule next to the field it is about (or above the form), in the reader's language:
    /// the domain's English message template is the resource key.
    /// </summary>
    public static void AddDomainError(this ModelStateDictionary modelState, DomainException ex, IStringLocalizer localizer, string prefix = "Input")
    {
        var key = ex.Field is null ? string.Empty : $"{prefix}.{ex.Field}";
        modelState.AddModelError(key, localizer[ex.MessageTemplate, [.. ex.Arguments]]);
    }
}
