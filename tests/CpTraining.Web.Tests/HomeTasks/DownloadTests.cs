using System.Net;
using CpTraining.Web.Infrastructure;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.HomeTasks.WorkPageSetup;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// Downloading attached files: the bytes as uploaded, as an attachment with a safe name and headers that keep the
/// browser from sniffing or running it; refused to anyone who may not see what the file belongs to.
/// </summary>
public sealed class DownloadTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task An_uploaded_file_comes_back_byte_for_byte_as_a_sandboxed_attachment()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        var photo = new byte[300_000];
        Png.CopyTo(photo, 0);
        new Random(4).NextBytes(photo.AsSpan(Png.Length));
        AssertRedirectedBack(await WriteAsync(alice, world.WorkA, "Save", "Photo attached.", ("Фото цеху.png", photo)), world.WorkA);
        var page = await alice.GetDocumentAsync(WorkWorld.Work(world.WorkA));
        var link = page.QuerySelector("#draft-files a")!.GetAttribute("href")!;

        var trainer = await factory.ClientAsync(world.Trainer);
        var response = await trainer.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(photo.Length, response.Content.Headers.ContentLength);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("Фото цеху.png", disposition.FileNameStar);
        Assert.Equal(["nosniff"], response.Headers.GetValues("X-Content-Type-Options"));
        Assert.Equal(["sandbox; default-src 'none'"], response.Headers.GetValues("Content-Security-Policy"));
        Assert.Equal(photo, await response.Content.ReadAsByteArrayAsync());

        // Pages keep the app's own policy.
        var pageResponse = await trainer.GetAsync(WorkWorld.Work(world.WorkA));
        Assert.Equal([SecurityHeaders.ContentSecurityPolicy], pageResponse.Headers.GetValues("Content-Security-Policy"));
    }

    [Fact]
    public async Task A_name_with_quotes_a_line_break_and_a_path_is_sanitised_in_the_header()
    {
        var world = await CreateAsync(factory);
        var id = await StoreAsync(world, FileOwnerKind.Submission, world.WorkA, "..\\..\\etc/evil\"name\r\nSet-Cookie: x=1.pdf");
        var alice = await factory.ClientAsync(world.Alice);

        var response = await alice.GetAsync(WorkWorld.File(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = string.Join(" ", response.Content.Headers.GetValues("Content-Disposition"));
        Assert.DoesNotContain("\r", header, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", header, StringComparison.Ordinal);
        Assert.DoesNotContain("/", header.Replace("filename*=UTF-8''", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("\\", header, StringComparison.Ordinal);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal("evil_name__Set-Cookie_ x=1.pdf", disposition.FileNameStar);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Engineer_of_company_B_cannot_download_company_As_file_by_id()
    {
        var world = await CreateAsync(factory);
        var file = await StoreAsync(world, FileOwnerKind.Submission, world.WorkA, "plan-a.pdf");
        var boris = await factory.ClientAsync(world.Boris);
        var mona = await factory.ClientAsync(world.Mona);

        RedirectAssert.ToAccessDenied(await boris.GetAsync(WorkWorld.File(file)));
        Assert.Equal(HttpStatusCode.OK, (await mona.GetAsync(WorkWorld.File(file))).StatusCode);
    }

    [Fact]
    public async Task Instruction_files_are_for_members_of_the_programme()
    {
        var world = await CreateAsync(factory);
        var file = await StoreAsync(world, FileOwnerKind.HomeTask, world.TaskId, "template.pdf");
        var (outsider, _) = await factory.SignedInClientAsync(CpTraining.Web.Identity.Roles.Engineer);

        Assert.Equal(HttpStatusCode.OK, (await (await factory.ClientAsync(world.Boris)).GetAsync(WorkWorld.File(file))).StatusCode);
        RedirectAssert.ToAccessDenied(await outsider.GetAsync(WorkWorld.File(file)));
    }

    [Fact]
    public async Task Unknown_file_is_not_found()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);

        Assert.Equal(HttpStatusCode.NotFound, (await alice.GetAsync(WorkWorld.File(Guid.NewGuid()))).StatusCode);
    }

    /// <summary>Stores a PDF directly, with a name that did not pass the inspector (to test the download's own sanitising).</summary>
    private async Task<Guid> StoreAsync(WorkWorld world, FileOwnerKind kind, Guid owner, string name)
    {
        await using var db = factory.NewDbContext();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var file = new StoredFile(world.ProgrammeId, kind, owner, new InspectedFile(name, "application/pdf", Pdf.Length, new string('0', 64)), world.Alice.Id, factory.Clock.GetUtcNow());
        await FileStore.SaveAsync(db, file, new MemoryStream(Pdf));
        await transaction.CommitAsync();
        return file.Id;
    }
}
