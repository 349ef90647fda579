using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace CpTraining.Web.Infrastructure;

public static class Cultures
{
    /// <summary>UI languages with complete resources.</summary>
    public static readonly IReadOnlyList<string> Supported = ["en", "uk"];

    /// <summary>
    /// The culture that formats dates and numbers for a language: English is written the British way (29/09/2026,
    /// 29 September 2026; "," groups thousands and "." marks decimals, as in US English); other languages as themselves.
    /// An unsupported language formats as English.
    /// </summary>
    public static CultureInfo Formatting(string language) =>
        CultureInfo.GetCultureInfo(!Supported.Contains(language) || language == "en" ? "en-GB" : language);

    /// <summary>The culture whose resources a language reads ("en" is the resource keys themselves).</summary>
    public static CultureInfo Text(string language) => CultureInfo.GetCultureInfo(Supported.Contains(language) ? language : "en");

    /// <summary>
    /// Wraps a request-culture provider so that any English it finds ("en", "en-US") formats as en-GB while the UI
    /// text stays "en": the language switcher and the people's preferences keep the plain "en" choice.
    /// </summary>
    public static IRequestCultureProvider EnglishAsBritish(IRequestCultureProvider inner) => new BritishEnglishProvider(inner);

    private sealed class BritishEnglishProvider(IRequestCultureProvider inner) : IRequestCultureProvider
    {
        public async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
        {
            var result = await inner.DetermineProviderCultureResult(httpContext);
            if (result is null)
            {
                return null;
            }

            var cultures = result.Cultures.Select(c => IsEnglish(c.Value) ? new StringSegment("en-GB") : c).ToList();
            return new ProviderCultureResult(cultures, result.UICultures);
        }

        private static bool IsEnglish(string? name) =>
            name is not null && (name.Equals("en", StringComparison.OrdinalIgnoreCase) || name.StartsWith("en-", StringComparison.OrdinalIgnoreCase));
    }
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
