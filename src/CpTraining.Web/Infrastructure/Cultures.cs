using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CpTraining.Web.Infrastructure;

public static class Cultures
{
    /// <summary>UI languages with complete resources.</summary>
    public static readonly IReadOnlyList<string> Supported = ["en", "uk"];
}

/// <summary>Model-binding messages ("'abc' is not a valid date") in the reader's language.</summary>
internal sealed class LocalizedModelBindingMessages(IStringLocalizerFactory factory) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var l = factory.Create(typeof(SharedResource));
        var m = options.ModelBindingMessageProvider;
        m.SetAttemptedValueIsInvalidAccessor((value, field) => l["The value '{0}' is not valid for {1}.", value, field]);
        m.SetMissingBindRequiredValueAccessor(field => l["A value for {0} was not provided.", field]);
        m.SetMissingKeyOrValueAccessor(() => l["A value is required."]);
        m.SetMissingRequestBodyRequiredValueAccessor(() => l["A value is required."]);
        m.SetNonPropertyAttemptedValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
        m.SetNonPropertyUnknownValueIsInvalidAccessor(() => l["The value is not valid."]);
        m.SetUnknownValueIsInvalidAccessor(field => l["The value is not valid for {0}.", field]);
        m.SetValueIsInvalidAccessor(value => l["The value '{0}' is not valid.", value]);
        m.SetValueMustBeANumberAccessor(field => l["{0} must be a number.", field]);
        m.SetValueMustNotBeNullAccessor(value => l["A value is required."]);
        m.SetNonPropertyValueMustBeANumberAccessor(() => l["The value must be a number."]);
    }
}
