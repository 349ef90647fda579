using CpTraining.Domain.HomeTasks;

namespace CpTraining.Domain.Tests.HomeTasks;

/// <summary>The standard Norwegian-model task set a new programme starts with (issue 4, seed 001).</summary>
public class TaskTemplateTests
{
    private static readonly Guid Programme = Guid.NewGuid();

    [Fact]
    public void Four_sessions_get_the_standard_tasks_after_sessions_1_to_3()
    {
        var set = TaskTemplate.StandardSet(Programme, "en", 4);

        Assert.Equal(
            new[] { "Company description and process flow chart", "Formulation of the environmental problems", "CP team and plan", "Choice of the focus area" },
            Titles(set, 1));
        Assert.Equal(
            new[] { "Mass and energy balance of the focus process", "Cost of the waste streams", "Causes of losses" },
            Titles(set, 2));
        Assert.Equal(
            new[] { "Cleaner Production options", "Feasibility of the options", "Implementation plan for the final session" },
            Titles(set, 3));
        Assert.All(set, t => Assert.Equal(Programme, t.ProgrammeId));
        Assert.All(set, t => Assert.NotEmpty(t.Instructions));
        Assert.Equal(new[] { 1, 2, 3, 4 }, set.Where(t => t.AfterSession == 1).OrderBy(t => t.Position).Select(t => t.Position));
    }

    [Fact]
    public void The_options_task_names_the_standard_categories()
    {
        var options = TaskTemplate.StandardSet(Programme, "en", 4).Single(t => t.Title == "Cleaner Production options");

        foreach (var category in new[] { "good housekeeping", "input material change", "better process control", "equipment modification", "technology change", "on-site recovery/reuse", "useful by-product", "product modification" })
        {
            Assert.Contains(category, options.Instructions, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_team_and_plan_and_the_causes_of_losses_are_not_presented()
    {
        var notPresented = TaskTemplate.StandardSet(Programme, "en", 4).Where(t => !t.IsPresented).Select(t => t.Title).Order();

        Assert.Equal(new[] { "Causes of losses", "CP team and plan" }, notPresented);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("uk")]
    public void The_balance_tasks_take_a_worksheet_and_the_options_tasks_the_options_register(string language)
    {
        // (after session, position) of each standard task that takes something: the balance and the cost of its
        // waste streams (session 2, 1 and 2), the CP options and their feasibility (session 3, 1 and 2).
        var taking = TaskTemplate.StandardSet(Programme, language, 4)
            .Where(t => t.Attachments != TaskAttachments.None)
            .Select(t => (t.AfterSession, t.Position, t.Attachments));

        Assert.Equal(
            [(2, 1, TaskAttachments.Worksheet), (2, 2, TaskAttachments.Worksheet), (3, 1, TaskAttachments.Options), (3, 2, TaskAttachments.Options)],
            taking);
    }

    [Fact]
    public void A_given_task_copies_what_its_template_takes_and_can_change_it()
    {
        var template = TaskTemplate.StandardSet(Programme, "en", 4).Single(t => t.Title == "Mass and energy balance of the focus process");
        var task = HomeTask.Assign(Programme, 2, 4, template.Id, template.Title, template.Instructions, [], new DateOnly(2026, 7, 20), null, true, "coordinator", DateTimeOffset.UnixEpoch, new DateOnly(2026, 7, 1), template.Attachments);

        Assert.True(task.TakesWorksheet);
        task.ChangeAttachments(TaskAttachments.Options);
        Assert.False(task.TakesWorksheet);
        Assert.Equal(TaskAttachments.Worksheet, template.Attachments);
    }

    [Fact]
    public void Ukrainian_programmes_get_Ukrainian_tasks_and_other_languages_English()
    {
        Assert.Equal("Опис підприємства та технологічна схема", TaskTemplate.StandardSet(Programme, "uk", 4).First(t => t.AfterSession == 1 && t.Position == 1).Title);
        Assert.Equal("Company description and process flow chart", TaskTemplate.StandardSet(Programme, "hr", 4).First(t => t.AfterSession == 1 && t.Position == 1).Title);
    }

    [Fact]
    public void A_programme_of_three_sessions_has_no_tasks_after_the_final_one()
    {
        var set = TaskTemplate.StandardSet(Programme, "en", 3);

        Assert.Equal(7, set.Count);
        Assert.DoesNotContain(set, t => t.AfterSession == 3);
    }

    [Fact]
    public void A_template_needs_a_title_and_a_session_before_the_final_one()
    {
        var noTitle = Assert.Throws<DomainException>(() => TaskTemplate.Create(Programme, 1, 5, "", null, false, 4));
        var afterFinal = Assert.Throws<DomainException>(() => TaskTemplate.Create(Programme, 4, 1, "Report", null, false, 4));

        Assert.Equal("Title", noTitle.Field);
        Assert.Equal("AfterSession", afterFinal.Field);
    }

    private static string[] Titles(IEnumerable<TaskTemplate> set, int afterSession) =>
        set.Where(t => t.AfterSession == afterSession).OrderBy(t => t.Position).Select(t => t.Title).ToArray();
}
