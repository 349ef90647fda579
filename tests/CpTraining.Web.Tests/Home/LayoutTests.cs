using CpTraining.TestSupport;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Accounts;

namespace CpTraining.Web.Tests.Home;

/// <summary>
/// Every page is an HTML document from its first byte: nothing of the layout's own source leaks before the doctype
/// (a directive written without its "@" is printed as text at the top of every page), signed in or not.
/// </summary>
public sealed class LayoutTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Theory]
    [InlineData(null, "/account/login")]
    [InlineData(Roles.Engineer, "/home")]
    [InlineData(Roles.Coordinator, "/programmes")]
    [InlineData(Roles.Administrator, "/admin/outbox")]
    public async Task A_page_starts_with_its_doctype(string? role, string path)
    {
        using var client = factory.NewClient();
        if (role is not null)
        {
            var user = await factory.CreateUserAsync(role);
            Assert.Equal("/home", RedirectAssert.Target(await AccountTestHelpers.TrySignInAsync(client, user.Email!, CpTrainingFactory.Password)));
        }

        var response = await client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<!DOCTYPE html>", html.TrimStart(), StringComparison.OrdinalIgnoreCase);
    }
}
