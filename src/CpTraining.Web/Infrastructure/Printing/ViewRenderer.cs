using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace CpTraining.Web.Infrastructure.Printing;

/// <summary>
/// Renders a Razor view (a report document) to a string within the current request, so the PDF is printed from the
/// very HTML the web page shows — same partial, same snapshot, same localiser and culture.
/// </summary>
public sealed class ViewRenderer(IRazorViewEngine engine, ITempDataProvider tempData)
{
    /// <summary>The view at <paramref name="viewPath"/> (absolute, e.g. "/Pages/Reports/_CompanyReportDocument.cshtml") rendered with <paramref name="model"/> in the request <paramref name="http"/>.</summary>
    public async Task<string> RenderAsync<TModel>(HttpContext http, string viewPath, TModel model)
    {
        ArgumentNullException.ThrowIfNull(http);
        var actionContext = new ActionContext(http, http.GetRouteData(), new ActionDescriptor());
        var found = engine.GetView(executingFilePath: null, viewPath, isMainPage: false);
        var view = found.View ?? throw new InvalidOperationException($"The view {viewPath} was not found: {string.Join(", ", found.SearchedLocations)}");
        await using var writer = new StringWriter();
        var viewData = new ViewDataDictionary<TModel>(new EmptyModelMetadataProvider(), new ModelStateDictionary()) { Model = model };
        var context = new ViewContext(actionContext, view, viewData, new TempDataDictionary(http, tempData), writer, new HtmlHelperOptions());
        await view.RenderAsync(context);
        return writer.ToString();
    }
}
