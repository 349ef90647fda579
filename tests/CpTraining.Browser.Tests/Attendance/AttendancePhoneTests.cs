using CpTraining.Browser.Tests.Infrastructure;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace CpTraining.Browser.Tests.Attendance;

/// <summary>A coordinator marks a session day on a 390 px phone: stacked rows, big buttons, no sideways scrolling.</summary>
public sealed class AttendancePhoneTests(BrowserFactory factory) : IClassFixture<BrowserFactory>
{
    [Fact]
    public async Task Coordinator_marks_a_day_on_a_phone()
    {
        factory.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.Zero));
        var coordinator = await factory.CreateUserAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 5, 26));
        var company = await factory.EnrolCompanyAsync(programme.Id, "Khersonsky Textile Finishing Works of Southern Ukraine");
        var engineers = new List<AppUser>();
        for (var i = 0; i < 3; i++)
        {
            var engineer = await factory.CreateUserAsync(Roles.Engineer);
            await factory.AddMemberAsync(programme.Id, engineer, ProgrammeRole.Engineer, company.Id);
            engineers.Add(engineer);
        }

        await using var context = await factory.NewContextAsync(phone: true);
        var page = await context.NewPageAsync();
        await page.SignInAsync(coordinator.Email!);
        await page.GotoAsync($"/programmes/{programme.Id}/sessions/1/attendance?day=1");

        await Expect(page.Locator("li.attendance-row")).ToHaveCountAsync(3);
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.True(overflow <= 0, $"On a 390px phone screen the attendance grid is {overflow}px too wide.");
        var button = await page.Locator($"li[data-user='{engineers[0].Id}'] label").First.BoundingBoxAsync();
        Assert.True(button!.Height >= 44, $"Touch targets should be at least 44px high, the buttons are {button.Height}px.");

        await page.ClickAsync($"li[data-user='{engineers[0].Id}'] label:has-text('Present')");
        await page.ClickAsync($"li[data-user='{engineers[1].Id}'] label:has-text('Absent')");
        await page.ClickAsync($"li[data-user='{engineers[2].Id}'] label:has-text('Excused')");
        await page.ScreenshotAsync("attendance-phone");
        await page.ClickAsync("main form button[type=submit]");

        await Expect(page.Locator(".alert-success")).ToContainTextAsync("Attendance for day 1 of session 1 has been saved.");
        await using var db = factory.NewDbContext();
        var saved = await db.AttendanceMarks.Where(a => a.Day == 1 && engineers.Select(e => e.Id).Contains(a.UserId)).ToDictionaryAsync(a => a.UserId, a => a.Status);
        Assert.Equal(AttendanceStatus.Present, saved[engineers[0].Id]);
        Assert.Equal(AttendanceStatus.Absent, saved[engineers[1].Id]);
        Assert.Equal(AttendanceStatus.Excused, saved[engineers[2].Id]);
    }
}
