using System.Net;
using CpTraining.TestSupport;

namespace CpTraining.Web.Tests.Reports;

/// <summary>
/// The organisers' logos for the report covers (issue 15): a coordinator of the programme uploads PNG or JPEG up to
/// 1 MB; an SVG, another type or a larger file is refused next to the field with the typed name kept; the logos are
/// listed in order and can be moved and removed. (Who may upload at all: the authorization matrix.)
/// </summary>
public sealed class LogoUploadTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    /// <summary>A valid 1 × 1 PNG.</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==");

    private static string Url(Guid programmeId) => $"/programmes/{programmeId}/logos";

    /// <summary>Posts the upload form (with the page's antiforgery token) with one file.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, Guid programmeId, string fileName, byte[] bytes, string name = "TEKNA")
    {
        var page = await client.GetDocumentAsync(Url(programmeId));
        var content = new MultipartFormDataContent
        {
            { new StringContent(FormClient.Token(page)), "__RequestVerificationToken" },
            { new StringContent(name), "LogoName" },
        };
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "Logo", fileName);
        return await client.PostAsync(Url(programmeId) + "?handler=Upload", content);
    }

    [Theory]
    [InlineData("logo.svg", "SVG images are refused: they can carry scripts. Save the logo as PNG or JPEG.")]
    [InlineData("logo.gif", "“logo.gif” was refused: a logo must be a PNG or JPEG image.")]
    [InlineData("big.png", "The logo is larger than 1 MB. Make the image smaller and upload it again.")]
    public async Task A_wrong_type_or_too_large_a_file_is_refused_next_to_the_field_with_the_name_kept(string fileName, string message)
    {
        var s = await ReportSeed.CreateAsync(factory);
        var client = await factory.ClientAsync(s.Coordinator);
        var bytes = fileName switch
        {
            "logo.svg" => "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(),
            "big.png" => [.. Png, .. new byte[(1024 * 1024) + 10]],
            _ => "GIF89a"u8.ToArray(),
        };

        var response = await UploadAsync(client, s.Programme.Id, fileName, bytes, "Kherson CP Centre");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Equal(message, page.QuerySelector("#logo-error")!.TextContent.Trim());
        Assert.Equal("Kherson CP Centre", page.QuerySelector("#LogoName")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("#no-logos"));
    }

    [Fact]
    public async Task A_coordinator_uploads_two_logos_and_puts_them_in_order()
    {
        var s = await ReportSeed.CreateAsync(factory);
        var client = await factory.ClientAsync(s.Coordinator);

        var first = await UploadAsync(client, s.Programme.Id, "tekna.png", Png, "TEKNA");
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        await UploadAsync(client, s.Programme.Id, "centre.png", Png, "Kherson CP Centre");
        var page = await client.GetDocumentAsync(Url(s.Programme.Id));
        Assert.Equal(["TEKNA.png", "Kherson CP Centre.png"], page.QuerySelectorAll("#logos li span").Select(e => e.TextContent.Trim()).ToArray());

        // The second moves up.
        var second = page.QuerySelectorAll("#logos li")[1].GetAttribute("data-file")!;
        var moved = await client.PostFormAsync(Url(s.Programme.Id), [], $"{Url(s.Programme.Id)}?handler=Move&fileId={second}&earlier=true");
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        page = await client.GetDocumentAsync(Url(s.Programme.Id));
        Assert.Equal(["Kherson CP Centre.png", "TEKNA.png"], page.QuerySelectorAll("#logos li span").Select(e => e.TextContent.Trim()).ToArray());
    }
}
