using CpTraining.Domain.Programmes;

namespace CpTraining.Domain.Tests.Programmes;

/// <summary>
/// The programme reports every change of who belongs to it, so that what must follow (an audit entry, the end of a
/// removed person's sessions) cannot be forgotten by a page; a change that changes nothing reports nothing.
/// </summary>
public sealed class ProgrammeEventTests
{
    private static readonly Guid Dairy = Guid.Parse("00000000-0000-0000-0000-00000000d001");
    private static readonly DateTimeOffset Now = new(2010, 10, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Taking_a_company_out_reports_each_team_member_leaving_and_then_the_company()
    {
        var programme = Enrolled();
        programme.AddTeamMember(Dairy, "engineer-1", ProgrammeRole.Engineer);
        programme.AddTeamMember(Dairy, "manager-1", ProgrammeRole.Manager);
        programme.TakeEvents();

        programme.RemoveCompany(Dairy, hasRecords: false);

        Assert.Equal(
            [
                new MemberRemoved(programme.Id, "engineer-1", ProgrammeRole.Engineer, Dairy),
                new MemberRemoved(programme.Id, "manager-1", ProgrammeRole.Manager, Dairy),
                new CompanyRemoved(programme.Id, Dairy),
            ],
            programme.TakeEvents());
    }

    [Fact]
    public void Archiving_a_company_names_the_team_whose_access_ends()
    {
        var programme = Enrolled();
        programme.AddTeamMember(Dairy, "engineer-1", ProgrammeRole.Engineer);
        programme.TakeEvents();

        programme.ArchiveCompany(Dairy, Now);

        var archived = Assert.IsType<CompanyArchived>(Assert.Single(programme.TakeEvents()));
        Assert.Equal(["engineer-1"], archived.TeamUserIds);
    }

    [Fact]
    public void A_refused_change_reports_nothing()
    {
        var programme = Enrolled();
        programme.AddTeamMember(Dairy, "engineer-1", ProgrammeRole.Engineer);
        programme.TakeEvents();

        Assert.Throws<DomainException>(() => programme.RemoveCompany(Dairy, hasRecords: true));
        Assert.Throws<DomainException>(() => programme.AddTeamMember(Dairy, "engineer-1", ProgrammeRole.Engineer));

        Assert.Empty(programme.TakeEvents());
    }

    [Fact]
    public void Setting_what_is_already_set_reports_nothing_and_a_real_change_reports_before_and_after()
    {
        var programme = Enrolled();
        programme.TakeEvents();

        programme.SetPilot(Dairy, isPilot: false);
        programme.AssignTrainer(Dairy, null);
        Assert.Empty(programme.TakeEvents());

        programme.SetPilot(Dairy, isPilot: true);
        programme.AssignTrainer(Dairy, "trainer-1");
        programme.AssignTrainer(Dairy, "trainer-2");

        Assert.Equal(
            [
                new PilotChanged(programme.Id, Dairy, true),
                new MemberAdded(programme.Id, "trainer-1", ProgrammeRole.Trainer, null),
                new TrainerAssigned(programme.Id, Dairy, null, "trainer-1"),
                new MemberAdded(programme.Id, "trainer-2", ProgrammeRole.Trainer, null),
                new TrainerAssigned(programme.Id, Dairy, "trainer-1", "trainer-2"),
            ],
            programme.TakeEvents());
    }

    [Fact]
    public void Events_are_taken_once()
    {
        var programme = Enrolled();

        Assert.NotEmpty(programme.TakeEvents());
        Assert.Empty(programme.TakeEvents());
    }

    private static Programme Enrolled()
    {
        var programme = TestProgrammes.Dnipro2010();
        programme.EnrolCompany(Dairy, isPilot: false, Now);
        return programme;
    }
}
