using CpTraining.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CpTraining.Web.Tests.Security;

/// <summary>House rule: every page states who may use it ([Authorize] with or without a policy, or [AllowAnonymous]).</summary>
public sealed class PageDeclarationTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public void Every_page_declares_who_may_use_it()
    {
        var pages = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .ToList();
        Assert.NotEmpty(pages);

        var undeclared = pages
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath)
            .Distinct()
            .Order()
            .ToList();

        Assert.True(undeclared.Count == 0, "Pages without [Authorize] or [AllowAnonymous]: " + string.Join(", ", undeclared));
    }

    [Fact]
    public void Anonymous_pages_are_exactly_the_sign_in_and_public_ones()
    {
        var anonymous = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null && e.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            .Select(e => e.Metadata.GetMetadata<PageActionDescriptor>()!.ViewEnginePath)
            .Distinct()
            .Order()
            .ToList();

        Assert.Equal(
            ["/Account/AccessDenied", "/Account/ForgotPassword", "/Account/Login", "/Account/Logout", "/Account/ResetPassword", "/Certificates/Verify", "/Culture", "/Error", "/Index", "/Reports/SharedReport"],
            anonymous);
    }
}
