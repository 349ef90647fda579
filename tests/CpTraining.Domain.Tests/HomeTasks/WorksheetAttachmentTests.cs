using CpTraining.Domain.Balances;
using static CpTraining.Domain.Tests.HomeTasks.TestTasks;

namespace CpTraining.Domain.Tests.HomeTasks;

/// <summary>A balance worksheet attached to home-task work: frozen per version, and commented stream by stream.</summary>
public sealed class WorksheetAttachmentTests
{
    private static readonly DateOnly Today = new(2026, 9, 25);

    [Fact]
    public void Each_version_freezes_the_worksheet_as_it_was_when_submitted()
    {
        var (sheet, stream) = Sheet(CompanyId);
        var work = New();
        work.AttachWorksheet(sheet.Snapshot(), Today);
        var v1 = work.Submit(null, [], Engineer, At(Today), Today, Guid.NewGuid(), sheet.Snapshot());
        work.Return("Check the water figure.", Trainer, At(Today, 14));

        sheet.ChangeStream(stream.Id, stream.ToSpec() with { Quantity = Quantity.Of(90m, Unit.Tonne) });
        var v2 = work.Submit(null, [], Engineer, At(Today.AddDays(1)), Today.AddDays(1), Guid.NewGuid(), sheet.Snapshot());

        Assert.Equal(100_000m, Assert.Single(v1.Worksheet!.Streams).AnnualKilograms);
        Assert.Equal(90_000m, Assert.Single(v2.Worksheet!.Streams).AnnualKilograms);
    }

    [Fact]
    public void Only_a_worksheet_of_the_same_company_and_programme_can_be_attached()
    {
        var (other, _) = Sheet(Guid.NewGuid());
        var work = New();

        var ex = Assert.Throws<DomainException>(() => work.AttachWorksheet(other.Snapshot(), Today));

        Assert.Equal("WorksheetId", ex.Field);
        Assert.Null(work.WorksheetId);
    }

    [Fact]
    public void Submitted_work_cannot_change_its_worksheet()
    {
        var (sheet, _) = Sheet(CompanyId);
        var work = New();
        work.AttachWorksheet(sheet.Snapshot(), Today);
        work.Submit(null, [], Engineer, At(Today), Today, Guid.NewGuid(), sheet.Snapshot());

        Assert.Throws<DomainException>(() => work.AttachWorksheet(null, Today));
        Assert.Equal(sheet.Id, work.WorksheetId);
    }

    [Fact]
    public void A_trainer_comments_on_a_stream_of_the_submitted_worksheet_only()
    {
        var (sheet, stream) = Sheet(CompanyId);
        var work = New();
        work.AttachWorksheet(sheet.Snapshot(), Today);
        work.Submit(null, [], Engineer, At(Today), Today, Guid.NewGuid(), sheet.Snapshot());

        var comment = work.CommentOnStream(1, stream.Id, "Measured or estimated?", Trainer, At(Today, 15));

        Assert.Equal(stream.Id, comment.StreamId);
        Assert.Equal(1, comment.VersionNumber);
        Assert.Equal("StreamId", Assert.Throws<DomainException>(() => work.CommentOnStream(1, Guid.NewGuid(), "?", Trainer, At(Today, 15))).Field);
        Assert.Equal("Comment", Assert.Throws<DomainException>(() => work.CommentOnStream(1, stream.Id, "  ", Trainer, At(Today, 15))).Field);
        Assert.Single(work.StreamComments);
    }

    [Fact]
    public void A_trainer_comments_on_an_energy_stream_of_the_submitted_worksheet()
    {
        var (sheet, _) = Sheet(CompanyId);
        var gas = sheet.AddEnergyStream(new EnergyStreamSpec("Boiler gas", sheet.Steps[0].Id, EnergyCarrier.NaturalGas, Quantity.Of(100m, Unit.MegawattHour)));
        var work = New();
        work.AttachWorksheet(sheet.Snapshot(), Today);
        work.Submit(null, [], Engineer, At(Today), Today, Guid.NewGuid(), sheet.Snapshot());

        var comment = work.CommentOnStream(1, gas.Id, "Metered or from the invoice?", Trainer, At(Today, 15));

        Assert.Equal(gas.Id, comment.StreamId);
        Assert.Single(work.StreamComments);
    }

    private static (Worksheet Sheet, MaterialStream Stream) Sheet(Guid companyId)
    {
        var sheet = Worksheet.Create(ProgrammeId, companyId, "Washing", null, "UAH", At(Today));
        var step = sheet.AddStep("Washing");
        var stream = sheet.AddStream(new StreamSpec("Water", "Water", null, step.Id, Quantity.Of(100m, Unit.Tonne)));
        return (sheet, stream);
    }
}
