using System.Net;
using CpTraining.Web.Identity;
using CpTraining.TestSupport;
using CpTraining.Web.Tests.Programmes;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Tests.Companies;

/// <summary>The company register: /companies, create, edit (with concurrency), details; coordinators and administrators only.</summary>
public sealed class CompanyRegisterTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private static Dictionary<string, string> Valid(string name) => new()
    {
        ["Input.Name"] = name,
        ["Input.SectorCode"] = "c13.30",
        ["Input.SectorName"] = "Finishing of textiles",
        ["Input.City"] = "Kherson",
        ["Input.Region"] = "Kherson oblast",
        ["Input.Country"] = "Ukraine",
        ["Input.Employees"] = "850",
        ["Input.Address"] = "1 Mill Street",
        ["Input.ProductionDescription"] = "Dyeing and finishing of cotton fabric",
        ["Input.EnvironmentalProblem"] = "Discharges persistent organic pollutants to the municipal wastewater system, reaching the Dnipro",
    };

    [Fact]
    public async Task Coordinator_registers_a_company_and_sees_it_in_the_register()
    {
        var (client, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var name = "Kherson Cotton " + Guid.NewGuid().ToString("N")[..6];

        var response = await client.PostFormAsync("/companies/create", Valid(name));

        var target = ProgrammePages.RedirectTarget(response);
        await using (var db = factory.NewDbContext())
        {
            var saved = await db.Companies.SingleAsync(c => c.Name == name);
            Assert.Equal($"/companies/{saved.Id}", target);
            Assert.Equal(("C13.30", 850, "Kherson oblast"), (saved.SectorCode, saved.Employees, saved.Region));
            Assert.StartsWith("Discharges persistent organic pollutants", saved.EnvironmentalProblem, StringComparison.Ordinal);
        }

        var details = await client.GetDocumentAsync(target);
        Assert.Contains("reaching the Dnipro", details.QuerySelector("#environmental-problem")!.TextContent, StringComparison.Ordinal);
        var list = await client.GetDocumentAsync("/companies?q=" + Uri.EscapeDataString(name[..14].ToUpperInvariant()));
        Assert.Contains(list.QuerySelectorAll("#companies tbody tr"), r => r.TextContent.Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Search_finds_by_part_of_the_name_only()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 9, 1));
        var marker = Guid.NewGuid().ToString("N")[..8];
        await factory.EnrolCompanyAsync(programme.Id, $"Alpha {marker} Dairy");
        await factory.EnrolCompanyAsync(programme.Id, $"Beta {marker} Tannery");

        var page = await client.GetDocumentAsync($"/companies?q={marker}%20tan");

        var row = Assert.Single(page.QuerySelectorAll("#companies tbody tr"));
        Assert.Contains("Tannery", row.TextContent, StringComparison.Ordinal);
        var none = await client.GetDocumentAsync("/companies?q=%25%25nothing" + marker);
        Assert.NotNull(none.QuerySelector("#no-companies"));
    }

    [Theory]
    [InlineData("Input.SectorCode", "XYZ", "Give a NACE code such as C13.30 (a letter, then two to four digits with an optional dot).")]
    [InlineData("Input.SectorCode", "C1.2.3", "Give a NACE code such as C13.30 (a letter, then two to four digits with an optional dot).")]
    [InlineData("Input.Employees", "-5", "The number of employees must be between 0 and 1,000,000.")]
    [InlineData("Input.Employees", "2000000", "The number of employees must be between 0 and 1,000,000.")]
    [InlineData("Input.Name", "", "This field is required.")]
    [InlineData("Input.Country", " ", "This field is required.")]
    public async Task Invalid_company_data_is_shown_next_to_the_field_and_nothing_is_saved(string field, string value, string message)
    {
        var (client, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var name = "Invalid " + Guid.NewGuid().ToString("N")[..8];
        var fields = Valid(name);
        fields[field] = value;

        var response = await client.PostFormAsync("/companies/create", fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Equal(message, FormClient.FieldError(page, field));
        await using var db = factory.NewDbContext();
        Assert.False(await db.Companies.AnyAsync(c => c.Name == name));
    }

    [Fact]
    public async Task Edit_changes_the_company_and_validates_like_create()
    {
        var (client, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 9, 1));
        var company = await factory.EnrolCompanyAsync(programme.Id, "Dnipro Paper");
        var url = $"/companies/{company.Id}/edit";
        var form = await client.GetDocumentAsync(url);
        var fields = FormClient.FormValues(form);
        Assert.Equal("Dnipro Paper", fields["Input.Name"]);
        fields["Input.SectorCode"] = "Q1";

        var refused = await client.PostAsync(form, url, fields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotNull(FormClient.FieldError(await FormClient.ParseAsync(refused), "Input.SectorCode"));

        fields["Input.SectorCode"] = "C17.12";
        fields["Input.EnvironmentalProblem"] = "Chlorine bleaching effluent";
        var saved = await client.PostAsync(form, url, fields);

        Assert.Equal($"/companies/{company.Id}", ProgrammePages.RedirectTarget(saved));
        await using var db = factory.NewDbContext();
        var row = await db.Companies.SingleAsync(c => c.Id == company.Id);
        Assert.Equal(("C17.12", "Chlorine bleaching effluent"), (row.SectorCode, row.EnvironmentalProblem));
        var details = await client.GetDocumentAsync($"/companies/{company.Id}");
        Assert.Contains("Test programme", details.QuerySelector("#company-programmes")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Second_of_two_simultaneous_edits_is_refused_and_the_first_is_kept()
    {
        var (first, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var (second, _) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 9, 1));
        var company = await factory.EnrolCompanyAsync(programme.Id, "Concurrent Ltd");
        var url = $"/companies/{company.Id}/edit";
        var firstForm = await first.GetDocumentAsync(url);
        var secondForm = await second.GetDocumentAsync(url);

        var firstFields = FormClient.FormValues(firstForm);
        firstFields["Input.Name"] = "Name from the first";
        ProgrammePages.RedirectTarget(await first.PostAsync(firstForm, url, firstFields));

        var secondFields = FormClient.FormValues(secondForm);
        secondFields["Input.Name"] = "Name from the second";
        var refused = await second.PostAsync(secondForm, url, secondFields);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await FormClient.ParseAsync(refused);
        var error = Assert.Single(FormClient.Errors(page));
        Assert.Contains("Someone else saved this company while you were editing it", error, StringComparison.Ordinal);
        Assert.Contains("\"Name from the first\"", error, StringComparison.Ordinal);
        await using (var db = factory.NewDbContext())
        {
            Assert.Equal("Name from the first", (await db.Companies.SingleAsync(c => c.Id == company.Id)).Name);
        }

        ProgrammePages.RedirectTarget(await second.PostAsync(page, url, FormClient.FormValues(page)));
        await using (var db = factory.NewDbContext())
        {
            Assert.Equal("Name from the second", (await db.Companies.SingleAsync(c => c.Id == company.Id)).Name);
        }
    }

    [Theory]
    [InlineData(Roles.Trainer)]
    [InlineData(Roles.Engineer)]
    [InlineData(Roles.Manager)]
    public async Task Only_coordinators_and_administrators_may_open_the_register(string role)
    {
        var (_, coordinator) = await factory.SignedInClientAsync(Roles.Coordinator);
        var programme = await factory.CreateProgrammeAsync(coordinator, new DateOnly(2026, 9, 1));
        var company = await factory.EnrolCompanyAsync(programme.Id, "Guarded");
        var (client, _) = await factory.SignedInClientAsync(role);
        var (admin, _) = await factory.SignedInClientAsync(Roles.Administrator);

        foreach (var url in new[] { "/companies", "/companies/create", $"/companies/{company.Id}", $"/companies/{company.Id}/edit" })
        {
            RedirectAssert.ToAccessDenied(await client.GetAsync(url), url);
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(url)).StatusCode);
        }

        var programmes = await client.GetDocumentAsync("/programmes");
        Assert.Null(programmes.QuerySelector("nav a[href='/companies']"));
        Assert.NotNull((await admin.GetDocumentAsync("/programmes")).QuerySelector("nav a[href='/companies']"));
        var token = FormClient.Token(programmes);
        var post = await client.PostAsync($"/companies/{company.Id}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["Input.Name"] = "Hijacked",
            ["Input.City"] = "X",
            ["Input.Country"] = "X",
        }));
        RedirectAssert.ToAccessDenied(post);
        await using var db = factory.NewDbContext();
        Assert.Equal("Guarded", (await db.Companies.SingleAsync(c => c.Id == company.Id)).Name);
    }
}
