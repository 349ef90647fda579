using System.IO.Compression;
using System.Net;
using AngleSharp.Html.Dom;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Attendance;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// A programme for the work-page tests. Today is Monday 1 June 2026; session 1 was held 26–28 May; the task
/// "Company description" given after it is due on 20 June 2026. Companies A (trainer Tina, engineers Alice and Bob,
/// manager Mona) and B (engineer Boris) each have their own, not yet started work on it.
/// </summary>
internal sealed record WorkWorld(
    Guid ProgrammeId,
    Guid CompanyA,
    Guid CompanyB,
    Guid TaskId,
    Guid WorkA,
    Guid WorkB,
    AppUser Coordinator,
    AppUser Trainer,
    AppUser Alice,
    AppUser Bob,
    AppUser Mona,
    AppUser Boris)
{
    public static readonly DateOnly DueDate = new(2026, 6, 20);

    public static string Work(Guid submissionId) => $"/tasks/{submissionId}";

    public static string File(Guid fileId) => $"/tasks/files/{fileId}";
}

internal static class WorkPageSetup
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0];

    /// <summary>A Windows program's first bytes.</summary>
    public static readonly byte[] Executable = [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0];

    public static async Task<WorkWorld> CreateAsync(CpTrainingFactory factory, string? cutOff = null)
    {
        factory.ResetClock();
        var tag = Guid.NewGuid().ToString("N")[..6];
        var coordinator = await factory.PersonAsync(Roles.Coordinator, "Carla Coordinator");
        var programme = await factory.CreateProgrammeAsync(coordinator, AttendanceSetup.FirstSession, $"Programme {tag}");
        var a = await factory.EnrolCompanyAsync(programme.Id, "Company A");
        var b = await factory.EnrolCompanyAsync(programme.Id, "Company B");
        var trainer = await factory.PersonAsync(Roles.Trainer, "Tina Trainer");
        await factory.AddMemberAsync(programme.Id, trainer, ProgrammeRole.Trainer);
        await factory.AssignTrainerAsync(programme.Id, a.Id, trainer);
        var alice = await factory.EngineerAsync(programme.Id, a.Id, "Alice Engineer");
        var bob = await factory.EngineerAsync(programme.Id, a.Id, "Bob Engineer");
        var mona = await factory.PersonAsync(Roles.Manager, "Mona Manager");
        await factory.AddMemberAsync(programme.Id, mona, ProgrammeRole.Manager, a.Id);
        var boris = await factory.EngineerAsync(programme.Id, b.Id, "Boris Engineer");

        await using var db = factory.NewDbContext();
        var task = HomeTask.Assign(
            programme.Id, 1, 4, null, "Company description", "Describe the **company** and draw the process flow chart.", [],
            WorkWorld.DueDate, cutOff is null ? null : DateOnly.Parse(cutOff, System.Globalization.CultureInfo.InvariantCulture), true, coordinator.Id, factory.Clock.GetUtcNow(), factory.Clock.Today);
        var workA = Submission.ForCompany(task, a.Id);
        var workB = Submission.ForCompany(task, b.Id);
        db.HomeTasks.Add(task);
        db.Submissions.AddRange(workA, workB);
        await db.SaveChangesAsync();
        return new WorkWorld(programme.Id, a.Id, b.Id, task.Id, workA.Id, workB.Id, coordinator, trainer, alice, bob, mona, boris);
    }

    /// <summary>The work page's form values (text, version, idempotency key, ticked boxes).</summary>
    public static Dictionary<string, string> Form(IHtmlDocument page) => FormClient.FormValues(page, "#work-form");

    /// <summary>Ticked "remove" boxes are posted as repeated fields; the values dictionary keeps only the last one.</summary>
    public static async Task<HttpResponseMessage> PostAsync(
        HttpClient client,
        Guid submissionId,
        string handler,
        Dictionary<string, string> form,
        IEnumerable<(string Name, byte[] Content)>? files = null,
        IEnumerable<Guid>? remove = null)
    {
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in form.Where(f => f.Key != "Input.RemoveFileIds"))
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var id in remove ?? [])
        {
            content.Add(new StringContent(id.ToString()), "Input.RemoveFileIds");
        }

        foreach (var (name, bytes) in files ?? [])
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "Input.Files", name);
        }

        return await client.PostAsync($"{WorkWorld.Work(submissionId)}?handler={handler}", content);
    }

    /// <summary>GETs the work page, sets the text, posts it with the handler (and files).</summary>
    public static async Task<HttpResponseMessage> WriteAsync(HttpClient client, Guid submissionId, string handler, string text, params (string Name, byte[] Content)[] files)
    {
        var form = Form(await client.GetDocumentAsync(WorkWorld.Work(submissionId)));
        form["Input.Text"] = text;
        return await PostAsync(client, submissionId, handler, form, files);
    }

    public static void AssertRedirectedBack(HttpResponseMessage response, Guid submissionId)
    {
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Expected a redirect, got {(int)response.StatusCode}");
        Assert.Equal(WorkWorld.Work(submissionId), RedirectAssert.Target(response));
    }

    public static async Task<int> StoredFileCountAsync(this CpTrainingFactory factory, Guid submissionId)
    {
        await using var db = factory.NewDbContext();
        var files = await db.StoredFiles.CountAsync(f => f.OwnerId == submissionId);
        var contents = await db.Database.SqlQuery<int>($"SELECT count(*)::int AS \"Value\" FROM stored_file_contents c JOIN stored_files f ON f.id = c.file_id WHERE f.owner_id = {submissionId}").SingleAsync();
        Assert.Equal(files, contents);
        return files;
    }

    /// <summary>
    /// A .docx that is a zip bomb: a real word/document.xml plus an entry of zeros that unpacks to
    /// <paramref name="unpackedBytes"/> from a few kilobytes (far beyond the 100× ratio limit).
    /// </summary>
    public static byte[] ZipBombDocx(int unpackedBytes = 8 * 1024 * 1024)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var document = new StreamWriter(zip.CreateEntry("word/document.xml").Open()))
            {
                document.Write("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>");
            }

            using var padding = zip.CreateEntry("word/media/padding.bin", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var written = 0; written < unpackedBytes; written += zeros.Length)
            {
                padding.Write(zeros, 0, Math.Min(zeros.Length, unpackedBytes - written));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A small valid .docx (for the forged-type tests' contrast).</summary>
    public static byte[] Docx()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var document = new StreamWriter(zip.CreateEntry("word/document.xml").Open()))
        {
            document.Write("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body/></w:document>");
        }

        return buffer.ToArray();
    }

    public static string? FilesError(IHtmlDocument page) => FormClient.FieldError(page, "Input.Files");

    public static string TextArea(IHtmlDocument page) =>
        ((IHtmlTextAreaElement)page.QuerySelector("#work-form textarea[name='Input.Text']")!).Value;
}
