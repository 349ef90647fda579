using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CpTraining.Browser.Tests.HomeTasks;

/// <summary>
/// An engineer works on a home task in the browser: finds it under "My tasks", previews the Markdown answer, is
/// stopped by the page's script before uploading a file over 20 MB (nothing is sent, the text stays), then submits
/// with a small PDF.
/// </summary>
public sealed class WorkPageBrowserTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    [Fact]
    public async Task Engineer_previews_is_stopped_before_a_too_large_upload_and_submits()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 5, 26), "CPEE Kherson");
        var company = await factory.EnrolCompanyAsync(programme.Id, "Kherson Textile Finishing");
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
        var workId = await GiveTaskAsync(programme.Id, company.Id, coordinator.Id);

        await using var context = await factory.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.SignInAsync(engineer.Email!);
        await page.GotoAsync("/tasks");
        await page.ClickAsync("#my-tasks a.task-title:has-text('Company description')");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/tasks/{workId}$"));

        await page.FillAsync("#Input_Text", "## Streams\n\n| Stream | t/yr |\n| --- | --- |\n| Waste water | **1 200** |\n\n<script>alert(1)</script>");
        await page.ClickAsync("#preview-button");
        await Expect(page.Locator("#preview table td strong")).ToHaveTextAsync("1 200");
        await Expect(page.Locator("#preview")).ToContainTextAsync("<script>alert(1)</script>");
        await page.ScreenshotAsync("task-work-preview");

        var big = new byte[(20 * 1024 * 1024) + 1];
        "%PDF-1.4\n"u8.CopyTo(big);
        await page.SetInputFilesAsync("#Input_Files", new FilePayload { Name = "scan.pdf", MimeType = "application/pdf", Buffer = big });
        await Expect(page.Locator("#upload-limits-message")).ToBeVisibleAsync();
        await Expect(page.Locator("#upload-limits-message")).ToContainTextAsync("“scan.pdf” is larger than 20 MB");
        var requests = 0;
        page.Request += (_, request) => requests += request.Method == "POST" ? 1 : 0;
        await page.ClickAsync("#save-button");
        await page.WaitForTimeoutAsync(500);
        Assert.Equal(0, requests);
        await Expect(page.Locator("#Input_Text")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("Waste water"));
        await page.ScreenshotAsync("task-work-upload-refused");

        await page.SetInputFilesAsync("#Input_Files", new FilePayload { Name = "flow chart.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() });
        await Expect(page.Locator("#upload-limits-message")).ToBeHiddenAsync();
        await page.ClickAsync("#submit-button");
        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Version 1 has been submitted.");
        await Expect(page.Locator("#current-files a")).ToHaveTextAsync("flow chart.pdf");
        await page.ScreenshotAsync("task-work-submitted");

        await using var db = factory.NewDbContext();
        var work = await db.Submissions.Include(s => s.Versions).SingleAsync(s => s.Id == workId);
        Assert.Equal(SubmissionStatus.Submitted, work.Status);
        Assert.Single(Assert.Single(work.Versions).FileIds);
    }

    private async Task<Guid> GiveTaskAsync(Guid programmeId, Guid companyId, string coordinatorId)
    {
        await using var db = factory.NewDbContext();
        var task = HomeTask.Assign(
            programmeId, 1, 4, null, "Company description", "Describe the company and draw the **process flow chart**.", [],
            new DateOnly(2026, 6, 20), null, true, coordinatorId, factory.Clock.GetUtcNow(), factory.Clock.Today);
        var work = Submission.ForCompany(task, companyId);
        db.HomeTasks.Add(task);
        db.Submissions.Add(work);
        await db.SaveChangesAsync();
        return work.Id;
    }
}
