using System.Net;
using System.Net.Http.Headers;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Infrastructure.Files;
using CpTraining.Web.Pages.HomeTasks;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Web.Tests.HomeTasks.WorkPageSetup;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// Attaching files on the work page: accepted files are stored with the draft or version; every refusal (too big, too
/// many, a program renamed .pdf, a PNG renamed .docx, a zip bomb, a wrong extension) names the file, keeps the text
/// and stores nothing; a request far over the limit is answered 413 with a message.
/// </summary>
public sealed class UploadTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    [Fact]
    public async Task A_pdf_and_a_photo_are_stored_with_the_draft_and_a_removed_one_is_deleted()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);

        AssertRedirectedBack(await WriteAsync(alice, world.WorkA, "Save", "See the files.", ("flow chart.pdf", Pdf), ("plant.png", Png)), world.WorkA);

        var page = await alice.GetDocumentAsync(WorkWorld.Work(world.WorkA));
        Assert.Equal(["flow chart.pdf", "plant.png"], page.QuerySelectorAll("#draft-files a").Select(a => a.TextContent).Order());
        await using (var db = factory.NewDbContext())
        {
            var files = await db.StoredFiles.Where(f => f.OwnerId == world.WorkA).OrderBy(f => f.FileName).ToListAsync();
            Assert.Equal(["application/pdf", "image/png"], files.Select(f => f.ContentType));
            Assert.All(files, f => Assert.Equal((FileOwnerKind.Submission, world.Alice.Id, world.ProgrammeId), (f.OwnerKind, f.UploadedBy, f.ProgrammeId)));
        }

        // Ticking "remove" takes the photo off the draft; no version keeps it, so it is deleted.
        var photo = Guid.Parse(page.QuerySelectorAll("#draft-files input[type=checkbox]")
            .Single(c => c.ParentElement!.TextContent.Contains("plant.png", StringComparison.Ordinal)).GetAttribute("value")!);
        AssertRedirectedBack(await PostAsync(alice, world.WorkA, "Save", Form(page), remove: [photo]), world.WorkA);
        var work = await factory.LoadAsync(world.WorkA);
        Assert.Single(work.DraftFileIds);
        Assert.Equal(1, await factory.StoredFileCountAsync(world.WorkA));
    }

    [Fact]
    public async Task A_file_over_20_MB_is_refused_by_name_and_the_text_is_kept()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        var big = new byte[FileInspector.MaxFileBytes + 1];
        Pdf.CopyTo(big, 0);

        var response = await WriteAsync(alice, world.WorkA, "Submit", "My long answer.", ("scan.pdf", big), ("ok.pdf", Pdf));

        await AssertRefusedAsync(response, world, "My long answer.", "“scan.pdf” was refused: a file may be at most 20 MB.");
    }

    [Fact]
    public async Task More_than_ten_files_are_refused()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        var eleven = Enumerable.Range(1, 11).Select(i => ($"part {i}.pdf", Pdf)).ToArray();

        var response = await WriteAsync(alice, world.WorkA, "Save", "Many parts.", eleven);

        await AssertRefusedAsync(response, world, "Many parts.", "You chose 11 files; attach at most 10 files to one submission.");
    }

    [Fact]
    public async Task Files_kept_on_the_draft_count_towards_the_ten()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        AssertRedirectedBack(await WriteAsync(alice, world.WorkA, "Save", "Part one.", Enumerable.Range(1, 8).Select(i => ($"part {i}.pdf", Pdf)).ToArray()), world.WorkA);

        var response = await WriteAsync(alice, world.WorkA, "Save", "Part two.", ("a.pdf", Pdf), ("b.pdf", Pdf), ("c.pdf", Pdf));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Equal("Attach at most 10 files to one submission.", FilesError(page));
        Assert.Equal("Part two.", TextArea(page));
        Assert.Equal(8, await factory.StoredFileCountAsync(world.WorkA));
        Assert.Equal("Part one.", (await factory.LoadAsync(world.WorkA)).DraftText);
    }

    [Theory]
    [InlineData("report.pdf", "exe", "“report.pdf” was refused: it is a program, not a document.")]
    [InlineData("photo.docx", "png", "“photo.docx” was refused: its content is not a DOCX file, whatever its name says.")]
    [InlineData("setup.exe", "exe", "“setup.exe” was refused: only PDF, DOCX, XLSX, PPTX, ODT, ODS, PNG, JPG, CSV files can be attached.")]
    [InlineData("balance.docx", "bomb", "“balance.docx”: The file was refused: it would unpack to far more than its size (more than 100× or 200 MB), as a zip bomb does.")]
    public async Task Forged_dangerous_and_wrong_files_are_refused(string name, string kind, string message)
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        var content = kind switch
        {
            "exe" => Executable,
            "png" => Png,
            _ => ZipBombDocx(),
        };

        var response = await WriteAsync(alice, world.WorkA, "Save", "Text to keep.", ("fine.docx", Docx()), (name, content));

        await AssertRefusedAsync(response, world, "Text to keep.", message);
    }

    [Fact]
    public async Task A_submit_with_one_bad_file_leaves_no_version_and_no_stored_file()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);

        var response = await WriteAsync(alice, world.WorkA, "Submit", "Final answer.", ("good.pdf", Pdf), ("plant.png", Png), ("bad.pdf", Executable));

        await AssertRefusedAsync(response, world, "Final answer.", "“bad.pdf” was refused: it is a program, not a document.");
        Assert.Empty((await factory.LoadAsync(world.WorkA)).Versions);
    }

    [Fact]
    public async Task A_submit_refused_as_a_conflict_leaves_no_version_and_no_stored_file()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        var bob = await factory.ClientAsync(world.Bob);
        var stale = Form(await alice.GetDocumentAsync(WorkWorld.Work(world.WorkA)));
        AssertRedirectedBack(await WriteAsync(bob, world.WorkA, "Save", "Bob was first."), world.WorkA);
        stale["Input.Text"] = "Alice submits.";

        var response = await PostAsync(alice, world.WorkA, "Submit", stale, [("good.pdf", Pdf)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var work = await factory.LoadAsync(world.WorkA);
        Assert.Empty(work.Versions);
        Assert.Equal("Bob was first.", work.DraftText);
        Assert.Equal(0, await factory.StoredFileCountAsync(world.WorkA));
    }

    [Fact]
    public async Task A_request_over_the_total_limit_is_refused_with_413_and_a_message()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);
        await alice.GetDocumentAsync(WorkWorld.Work(world.WorkA));
        var content = new StreamContent(new ZeroStream(WorkModel.MaxRequestBytes + 1));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=limit-test");

        var response = await alice.PostAsync($"{WorkWorld.Work(world.WorkA)}?handler=Submit", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Contains(FormClient.Errors(page), e => e.StartsWith("The upload was too large (more than 201 MB at once), so nothing was saved", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("#work-form"));
        Assert.Equal((SubmissionStatus.NotStarted, 0), ((await factory.LoadAsync(world.WorkA)).Status, await factory.StoredFileCountAsync(world.WorkA)));
    }

    [Fact]
    public async Task The_form_tells_the_browser_the_limits()
    {
        var world = await CreateAsync(factory);
        var alice = await factory.ClientAsync(world.Alice);

        var page = await alice.GetDocumentAsync(WorkWorld.Work(world.WorkA));

        var form = page.QuerySelector("#work-form")!;
        Assert.Equal("multipart/form-data", form.GetAttribute("enctype"));
        Assert.Equal((FileInspector.MaxFileBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), "10"), (form.GetAttribute("data-max-bytes"), form.GetAttribute("data-max-files")));
        var input = page.QuerySelector("#Input_Files")!;
        Assert.Equal(FileInspector.AcceptAttribute, input.GetAttribute("accept"));
        Assert.True(input.HasAttribute("multiple"));
        Assert.Contains("at most 20 MB each and 10 files per submission", page.QuerySelector("#files-help")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("script[src^='/js/upload-limits.js']"));
    }

    private async Task AssertRefusedAsync(HttpResponseMessage response, WorkWorld world, string text, string error)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Contains(error, FilesError(page), StringComparison.Ordinal);
        Assert.Equal(text, TextArea(page));
        Assert.NotNull(page.QuerySelector("#files-not-kept"));
        var work = await factory.LoadAsync(world.WorkA);
        Assert.Equal((SubmissionStatus.NotStarted, null, 0), (work.Status, work.DraftText, work.Versions.Count));
        Assert.Equal(0, await factory.StoredFileCountAsync(world.WorkA));
    }

    /// <summary>A body of zeros of a given length, produced as it is read (nothing held in memory).</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => _position = value; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, n);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
