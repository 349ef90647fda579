using CpTraining.Domain.Programmes;

namespace CpTraining.Domain.Tests.Programmes;

public class ProgrammeDetailsTests
{
    private static Programme Create(ProgrammeDetails details) =>
        Programme.CreateFromTemplate(details, TestProgrammes.FirstSessionStart, 7, TestProgrammes.CoordinatorId, TestProgrammes.CreatedAt);

    public static TheoryData<string, ProgrammeDetails> MissingRequiredFields()
    {
        var valid = TestProgrammes.Details();
        return new()
        {
            { "Name", valid with { Name = "" } },
            { "Name", valid with { Name = "   " } },
            { "Name", valid with { Name = null! } },
            { "Organisers", valid with { Organisers = "" } },
            { "Organisers", valid with { Organisers = " \t " } },
            { "City", valid with { City = "" } },
            { "Country", valid with { Country = "  " } },
        };
    }

    [Theory]
    [MemberData(nameof(MissingRequiredFields))]
    public void A_missing_required_field_is_refused_and_named(string field, ProgrammeDetails details)
    {
        var ex = Assert.Throws<DomainException>(() => Create(details));

        Assert.Equal(field, ex.Field);
        Assert.Equal("This field is required.", ex.Message);
    }

    public static TheoryData<string, ProgrammeDetails, string> TooLongFields()
    {
        var valid = TestProgrammes.Details();
        return new()
        {
            { "Name", valid with { Name = new string('n', 201) }, "200" },
            { "Organisers", valid with { Organisers = new string('o', 501) }, "500" },
            { "City", valid with { City = new string('c', 101) }, "100" },
            { "Region", valid with { Region = new string('r', 101) }, "100" },
            { "Country", valid with { Country = new string('k', 101) }, "100" },
            { "Description", valid with { Description = new string('d', 4001) }, "4000" },
        };
    }

    [Theory]
    [MemberData(nameof(TooLongFields))]
    public void A_field_that_is_too_long_is_refused_with_its_limit(string field, ProgrammeDetails details, string limit)
    {
        var ex = Assert.Throws<DomainException>(() => Create(details));

        Assert.Equal(field, ex.Field);
        Assert.Equal($"Use at most {limit} characters.", ex.Message);
    }

    [Fact]
    public void Fields_at_their_maximum_length_are_accepted()
    {
        var details = TestProgrammes.Details() with
        {
            Name = new string('n', 200),
            Organisers = new string('o', 500),
            City = new string('c', 100),
            Region = new string('r', 100),
            Country = new string('k', 100),
            Description = new string('d', 4000),
        };

        var programme = Create(details);

        Assert.Equal(200, programme.Name.Length);
        Assert.Equal(4000, programme.Description!.Length);
    }

    [Fact]
    public void Surrounding_spaces_are_trimmed_and_length_is_counted_after_trimming()
    {
        var details = TestProgrammes.Details() with
        {
            Name = "  " + new string('n', 200) + "  ",
            City = " Dnipro ",
            Region = "   ",
            Description = "",
            TimeZoneId = " Europe/Kyiv ",
        };

        var programme = Create(details);

        Assert.Equal(new string('n', 200), programme.Name);
        Assert.Equal("Dnipro", programme.City);
        Assert.Null(programme.Region);
        Assert.Null(programme.Description);
        Assert.Equal("Europe/Kyiv", programme.TimeZoneId);
    }

    [Theory]
    [InlineData("de")]
    [InlineData("")]
    [InlineData("english")]
    public void A_language_that_is_not_offered_is_refused(string language)
    {
        var ex = Assert.Throws<DomainException>(() => Create(TestProgrammes.Details(language)));

        Assert.Equal("Language", ex.Field);
    }

    [Theory]
    [InlineData("en")]
    [InlineData("uk")]
    [InlineData("ru")]
    [InlineData("hr")]
    [InlineData("zh")]
    [InlineData("nb")]
    public void Each_offered_language_is_accepted(string language)
    {
        Assert.Equal(language, Create(TestProgrammes.Details(language)).Language);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData("")]
    [InlineData("   ")]
    public void An_unknown_time_zone_is_refused(string timeZoneId)
    {
        var ex = Assert.Throws<DomainException>(() => Create(TestProgrammes.Details() with { TimeZoneId = timeZoneId }));

        Assert.Equal("TimeZoneId", ex.Field);
    }

    [Theory]
    [InlineData("Europe/Oslo")]
    [InlineData("Asia/Shanghai")]
    [InlineData("UTC")]
    public void A_known_time_zone_is_accepted(string timeZoneId)
    {
        Assert.Equal(timeZoneId, Create(TestProgrammes.Details() with { TimeZoneId = timeZoneId }).TimeZoneId);
    }

    [Fact]
    public void Changing_details_replaces_them()
    {
        var programme = TestProgrammes.Dnipro2010();

        programme.ChangeDetails(TestProgrammes.Details() with { Name = "CPEE Kyiv", City = "Kyiv", Region = null, Description = "Second run." });

        Assert.Equal("CPEE Kyiv", programme.Name);
        Assert.Equal("Kyiv", programme.City);
        Assert.Null(programme.Region);
        Assert.Equal("Second run.", programme.Description);
    }

    [Fact]
    public void Invalid_changed_details_are_refused_and_leave_the_programme_as_it_was()
    {
        var programme = TestProgrammes.Dnipro2010();

        // Name and city are fine, the country is missing: nothing may be half-applied.
        var ex = Assert.Throws<DomainException>(() =>
            programme.ChangeDetails(TestProgrammes.Details() with { Name = "CPEE Kyiv", City = "Kyiv", Country = "" }));

        Assert.Equal("Country", ex.Field);
        Assert.Equal("2nd CPEE programme Dnipropetrovsk", programme.Name);
        Assert.Equal("Dnipropetrovsk", programme.City);
        Assert.Equal("Ukraine", programme.Country);
    }
}
