using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CpTraining.Browser.Tests.HomeTasks;

/// <summary>
/// The home-task cycle of the Norwegian model in the browser: a trainer gives the session-1 tasks to all companies;
/// an engineer answers one with a PDF and a photo and submits; the trainer returns it with feedback; the engineer
/// revises and resubmits; the trainer accepts; the overview matrix shows each company's state and the version
/// history shows both versions with what changed.
/// </summary>
public sealed class HomeTaskJourneyTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    private const string Task1 = "Company description and process flow chart";
    private const string TextV1 = "Kherson Textile Finishing dyes 1 200 kg of cotton a day.\n\nThe process flow chart is attached.";
    private const string AddedLine = "Yearly: 300 t fabric, 24 000 m³ water (meter readings), 310 000 m³ natural gas (invoices).";

    [Fact]
    public async Task Trainer_assigns_engineer_submits_trainer_returns_engineer_resubmits_trainer_accepts()
    {
        // Session 1 was held 26–28 May 2026; today is 1 June; session 2 starts on 14 July.
        factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 5, 26), "CPEE Kherson 2026");
        var textile = await factory.EnrolCompanyAsync(programme.Id, "Kherson Textile Finishing");
        var dairy = await factory.EnrolCompanyAsync(programme.Id, "Dnipro Dairy");
        var trainer = await factory.CreateUserAsync(Roles.Trainer);
        var engineer = await factory.CreateUserAsync(Roles.Engineer);
        await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, textile.Id);
        await using (var db = factory.NewDbContext())
        {
            var p = await db.Programmes.Include(x => x.Members).Include(x => x.Enrolments).SingleAsync(x => x.Id == programme.Id);
            p.AssignTrainer(textile.Id, trainer.Id);
            p.AssignTrainer(dairy.Id, trainer.Id);
            await db.SaveChangesAsync();
        }

        await using var trainerContext = await factory.NewContextAsync();
        var trainerPage = await trainerContext.NewPageAsync();
        await trainerPage.SignInAsync(trainer.Email!);

        // 1. The trainer gives the four standard session-1 tasks (all ticked) to all enrolled companies; due the day before session 2.
        await trainerPage.GotoAsync($"/programmes/{programme.Id}/tasks/assign?after=1");
        await Expect(trainerPage.Locator("#Input_DueDate")).ToHaveValueAsync("2026-07-13");
        await Expect(trainerPage.Locator("#audience-all")).ToBeCheckedAsync();
        await trainerPage.ScreenshotAsync("task-journey-assign");
        await trainerPage.ClickAsync("#assign-form button[type=submit]");
        await Expect(trainerPage.Locator(".alert-success")).ToContainTextAsync("4 task(s) assigned to 2 recipient(s).");

        // 2. The engineer finds the task, writes the answer, attaches a PDF and a photo, and submits.
        await using var engineerContext = await factory.NewContextAsync();
        var engineerPage = await engineerContext.NewPageAsync();
        await engineerPage.SignInAsync(engineer.Email!);
        await engineerPage.GotoAsync("/tasks");
        await Expect(engineerPage.Locator("#my-tasks a.task-title")).ToHaveCountAsync(4);
        await engineerPage.ClickAsync($"#my-tasks a.task-title:has-text('{Task1}')");
        var workUrl = engineerPage.Url;
        await engineerPage.FillAsync("#Input_Text", TextV1);
        await engineerPage.SetInputFilesAsync("#Input_Files", new[]
        {
            new FilePayload { Name = "flow chart.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n%%EOF\n"u8.ToArray() },
            new FilePayload { Name = "dye house.png", MimeType = "image/png", Buffer = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13] },
        });
        await engineerPage.ClickAsync("#submit-button");
        await Expect(engineerPage.Locator(".alert-success")).ToContainTextAsync("Version 1 has been submitted.");
        await Expect(engineerPage.Locator("#current-files a")).ToHaveTextAsync(["flow chart.pdf", "dye house.png"]);
        await Expect(engineerPage.Locator("#work-status")).ToHaveAttributeAsync("data-status", "Submitted");

        // 3. The trainer finds it in the review queue and returns it with reasons.
        await trainerPage.GotoAsync("/tasks/review");
        await Expect(trainerPage.Locator("#queue tbody tr")).ToHaveCountAsync(1);
        await trainerPage.ClickAsync("#queue a.task-link");
        await Expect(trainerPage.Locator("#submitted-version")).ToContainTextAsync("1 200 kg");
        await trainerPage.FillAsync("#Input_Feedback", "Please add the **yearly** figures with their sources.");
        await trainerPage.ClickAsync("#review-form button[value=return]");
        await Expect(trainerPage.Locator(".alert-success")).ToContainTextAsync("returned for revision");

        // 4. The engineer sees the feedback, revises the text and resubmits (the files stay attached).
        await engineerPage.GotoAsync(workUrl);
        await Expect(engineerPage.Locator("#work-status")).ToHaveAttributeAsync("data-status", "Returned");
        await Expect(engineerPage.Locator("#versions")).ToContainTextAsync("yearly figures with their sources");
        await engineerPage.FillAsync("#Input_Text", TextV1 + "\n\n" + AddedLine);
        await engineerPage.ClickAsync("#submit-button");
        await Expect(engineerPage.Locator(".alert-success")).ToContainTextAsync("Version 2 has been submitted.");

        // 5. The trainer accepts version 2.
        await trainerPage.GotoAsync("/tasks/review");
        await trainerPage.ClickAsync("#queue a.task-link");
        await Expect(trainerPage.Locator("#submitted-version")).ToHaveAttributeAsync("data-version", "2");
        await trainerPage.ClickAsync("#review-form button[value=accept]");
        await Expect(trainerPage.Locator(".alert-success")).ToContainTextAsync("accepted");

        // 6. The overview: the textile company's first task accepted, everything else not started.
        await trainerPage.GotoAsync($"/programmes/{programme.Id}/tasks/overview?after=1");
        var textileRow = trainerPage.Locator("#matrix tbody tr", new() { HasText = "Kherson Textile Finishing" });
        var dairyRow = trainerPage.Locator("#matrix tbody tr", new() { HasText = "Dnipro Dairy" });
        await Expect(textileRow.Locator("td.task-cell[data-status=Accepted]")).ToHaveCountAsync(1);
        await Expect(textileRow.Locator("td.task-cell[data-status=NotStarted]")).ToHaveCountAsync(3);
        await Expect(dairyRow.Locator("td.task-cell[data-status=NotStarted]")).ToHaveCountAsync(4);
        await Expect(trainerPage.Locator("#counts [data-status=Accepted] .count")).ToHaveTextAsync("1");
        await trainerPage.ScreenshotAsync("task-journey-overview");

        // 7. The version history: both versions, the feedback on version 1, and the added line in the diff.
        await engineerPage.GotoAsync(workUrl + "/versions");
        await Expect(engineerPage.Locator("#versions li.version")).ToHaveCountAsync(2);
        await Expect(engineerPage.Locator("#versions li.version[data-version='1']")).ToContainTextAsync("yearly figures with their sources");
        // Added: the blank line before the new paragraph, and the paragraph.
        await Expect(engineerPage.Locator("#diff tr[data-kind=added]")).ToHaveCountAsync(2);
        await Expect(engineerPage.Locator("#diff tr[data-kind=added]").Last).ToContainTextAsync(AddedLine);
        await Expect(engineerPage.Locator("#diff tr[data-kind=removed]")).ToHaveCountAsync(0);
        await engineerPage.ScreenshotAsync("task-journey-versions");
    }
}
