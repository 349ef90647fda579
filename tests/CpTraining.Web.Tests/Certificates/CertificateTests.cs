using System.Net;
using CpTraining.Domain.Certificates;
using CpTraining.Domain.HomeTasks;
using CpTraining.Domain.Programmes;
using CpTraining.Web.Identity;
using CpTraining.Web.Tests.Attendance;
using CpTraining.TestSupport;
using Microsoft.EntityFrameworkCore;
using static CpTraining.Domain.Programmes.AttendanceStatus;

namespace CpTraining.Web.Tests.Certificates;

/// <summary>
/// Certificates over HTTP. The programme runs 26–28 May, 14–16 July, 1–3 September and 20–21 October 2026 (the final
/// session); today is Tuesday 20 October 2026, day 1 of the final session, so 3 + 3 + 3 + 1 = 10 session days have
/// been held, certificates can be issued, and they carry the programme's last day, 21 October 2026. The default rule
/// asks 80 % (8 of 10 days) and every home task accepted. One home task was given after session 1 to each company:
///   Anna  (Alpha)  present all 10 days          Alpha's work accepted   → meets the rule
///   Boris (Alpha)  absent on day 2 of sessions 1–3 (7 of 10 = 70 %)      → "Attended 7 of 10 days (70 %), needs 80 %."
///   Chen  (Beta)   present all 10 days          Beta's work in draft    → "0 of 1 home tasks accepted, needs all."
/// Maria is Alpha's manager (not a participant).
/// </summary>
public sealed class CertificateTests : IClassFixture<CpTrainingFactory>
{
    private readonly CpTrainingFactory _factory;

    public CertificateTests(CpTrainingFactory factory)
    {
        _factory = factory;
        _factory.ResetClock();
    }

    private static readonly DateTimeOffset FinalSessionDay1 = new(2026, 10, 20, 9, 0, 0, TimeSpan.Zero);

    private sealed record Seed(Programme Programme, AppUser Coordinator, AppUser Trainer, AppUser Anna, AppUser Boris, AppUser Chen, AppUser Maria, Guid Alpha, Guid Beta);

    private static string Page(Guid id) => $"/programmes/{id}/certificates";

    private static string RulePage(Guid id) => $"/programmes/{id}/certificates/rule";

    private async Task<Seed> SeedAsync(string language = "en", string annaName = "Anna Adams", string programmeName = "Kherson CP programme 2026")
    {
        var coordinator = await _factory.CreateUserAsync(Roles.Coordinator);
        var programme = await _factory.CreateProgrammeAsync(coordinator, AttendanceSetup.FirstSession, programmeName, language: language);
        var alpha = (await _factory.EnrolCompanyAsync(programme.Id, "Alpha Textiles")).Id;
        var beta = (await _factory.EnrolCompanyAsync(programme.Id, "Beta Dairy")).Id;
        var trainer = await _factory.PersonAsync(Roles.Trainer, "Tetiana Trainer");
        await _factory.AssignTrainerAsync(programme.Id, alpha, trainer);
        var anna = await _factory.EngineerAsync(programme.Id, alpha, annaName);
        var boris = await _factory.EngineerAsync(programme.Id, alpha, "Boris Bondar");
        var chen = await _factory.EngineerAsync(programme.Id, beta, "Chen Wei");
        var maria = await _factory.PersonAsync(Roles.Manager, "Maria Manager");
        await _factory.AddMemberAsync(programme.Id, maria, ProgrammeRole.Manager, alpha);
        _factory.Clock.Set(FinalSessionDay1);
        foreach (var number in new[] { 1, 2, 3 })
        {
            await _factory.MarkAsync(programme.Id, number, coordinator.Id,
                (anna, 1, Present), (anna, 2, Present), (anna, 3, Present),
                (boris, 1, Present), (boris, 2, Absent), (boris, 3, Present),
                (chen, 1, Present), (chen, 2, Present), (chen, 3, Present));
        }

        await _factory.MarkAsync(programme.Id, 4, coordinator.Id, (anna, 1, Present), (boris, 1, Present), (chen, 1, Present));

        await using var db = _factory.NewDbContext();
        var now = _factory.Clock.GetUtcNow();
        var today = _factory.Clock.Today;
        var task = HomeTask.Assign(programme.Id, 1, 4, null, "Company description", "Describe the company.", [], new DateOnly(2026, 10, 30), null, false, coordinator.Id, now, today);
        var alphaWork = Submission.ForCompany(task, alpha);
        var betaWork = Submission.ForCompany(task, beta);
        alphaWork.Submit("Alpha's description.", [], anna.Id, now, today, Guid.NewGuid());
        alphaWork.Accept("Good.", trainer.Id, now);
        betaWork.SaveDraft("Beta's draft.", [], chen.Id, now, today);
        db.HomeTasks.Add(task);
        db.Submissions.AddRange(alphaWork, betaWork);
        await db.SaveChangesAsync();
        return new Seed(programme, coordinator, trainer, anna, boris, chen, maria, alpha, beta);
    }

    private async Task<HttpClient> AsAsync(AppUser user) => await _factory.ClientAsync(user);

    private async Task<List<Certificate>> CertificatesAsync(Guid programmeId)
    {
        await using var db = _factory.NewDbContext();
        return await db.Certificates.AsNoTracking().Where(c => c.ProgrammeId == programmeId).ToListAsync();
    }

    private async Task<HttpResponseMessage> IssueAsync(HttpClient client, Guid programmeId) =>
        await client.PostFormAsync(Page(programmeId), new(), Page(programmeId) + "?handler=Issue");

    private static List<string> Findings(AngleSharp.Html.Dom.IHtmlDocument page, AppUser who) =>
        page.QuerySelectorAll($"#participants tr[data-user='{who.Id}'] .findings li[data-met=false]").Select(li => li.TextContent.Trim()).ToList();

    [Fact]
    public async Task The_page_shows_who_meets_the_rule_and_why_the_others_do_not()
    {
        var s = await SeedAsync();

        var page = await (await AsAsync(s.Coordinator)).GetDocumentAsync(Page(s.Programme.Id));

        Assert.Equal("true", page.QuerySelector($"tr[data-user='{s.Anna.Id}']")!.GetAttribute("data-met"));
        Assert.Equal("false", page.QuerySelector($"tr[data-user='{s.Boris.Id}']")!.GetAttribute("data-met"));
        Assert.Equal("false", page.QuerySelector($"tr[data-user='{s.Chen.Id}']")!.GetAttribute("data-met"));
        Assert.Empty(Findings(page, s.Anna));
        Assert.Equal(["✗ Attended 7 of 10 days (70 %), needs 80 %."], Findings(page, s.Boris));
        Assert.Equal(["✗ 0 of 1 home tasks accepted, needs all."], Findings(page, s.Chen));

        // Participants only: the manager and the trainer are not listed.
        Assert.Equal(3, page.QuerySelectorAll("#participants tbody tr").Length);
        Assert.Null(page.QuerySelector($"tr[data-user='{s.Maria.Id}']"));
        Assert.Contains("(1)", page.QuerySelector("#issue")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Before_the_final_session_no_certificates_are_issued()
    {
        var s = await SeedAsync();
        _factory.Clock.Set(new DateTimeOffset(2026, 10, 19, 12, 0, 0, TimeSpan.Zero));
        var coordinator = await AsAsync(s.Coordinator);

        var page = await coordinator.GetDocumentAsync(Page(s.Programme.Id));
        Assert.True(page.QuerySelector("#issue")!.HasAttribute("disabled"));
        Assert.Equal("Certificates are issued at the final session: from Tuesday, 20 October 2026.", page.QuerySelector("#not-yet")!.TextContent.Trim());

        var refused = await FormClient.ParseAsync(await IssueAsync(coordinator, s.Programme.Id));
        Assert.Contains("Certificates are issued at the final session: from Tuesday, 20 October 2026.", FormClient.Errors(refused));
        Assert.Empty(await CertificatesAsync(s.Programme.Id));
    }

    [Fact]
    public async Task Issuing_twice_or_at_once_makes_one_certificate_for_each_who_meets_the_rule()
    {
        var s = await SeedAsync();
        var coordinator = await AsAsync(s.Coordinator);

        // Two coordinators' clicks at the same moment, then another one.
        var responses = await Task.WhenAll(IssueAsync(coordinator, s.Programme.Id), IssueAsync(await AsAsync(s.Coordinator), s.Programme.Id));
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));
        Assert.Equal(HttpStatusCode.Redirect, (await IssueAsync(coordinator, s.Programme.Id)).StatusCode);

        var certificate = Assert.Single(await CertificatesAsync(s.Programme.Id));
        Assert.Equal(s.Anna.Id, certificate.UserId);
        Assert.Equal("Anna Adams", certificate.PersonName);
        Assert.Equal("Kherson CP programme 2026", certificate.ProgrammeName);
        Assert.Equal("TEKNA", certificate.Organisers);
        Assert.Equal(new DateOnly(2026, 10, 21), certificate.CompletionDate); // the programme's last day
        Assert.Equal(s.Coordinator.Id, certificate.IssuedBy);
        Assert.Matches("^[2-9A-HJKMNP-Z]{12}$", certificate.Code);

        var page = await coordinator.GetDocumentAsync(Page(s.Programme.Id));
        Assert.Equal("issued", page.QuerySelector($"tr[data-user='{s.Anna.Id}']")!.GetAttribute("data-certificate"));
        Assert.Contains(VerificationCode.Format(certificate.Code), page.QuerySelector($"tr[data-user='{s.Anna.Id}']")!.TextContent, StringComparison.Ordinal);
        Assert.True(page.QuerySelector("#issue")!.HasAttribute("disabled"));
        await using var db = _factory.NewDbContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.ProgrammeId == s.Programme.Id && a.Action == "certificates.issued"));
    }

    [Fact]
    public async Task Trainers_managers_and_participants_cannot_issue()
    {
        var s = await SeedAsync();

        foreach (var who in new[] { s.Trainer, s.Maria, s.Anna })
        {
            var client = await AsAsync(who);
            RedirectAssert.ToAccessDenied(await client.GetAsync(Page(s.Programme.Id)));
            var token = FormClient.Token(await client.GetDocumentAsync("/account/change-password"));
            var response = await client.PostAsync(Page(s.Programme.Id) + "?handler=Issue", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
            RedirectAssert.ToAccessDenied(response);
        }

        Assert.Empty(await CertificatesAsync(s.Programme.Id));
    }

    [Fact]
    public async Task A_threshold_of_70_percent_set_on_the_rule_form_lets_boris_through_and_is_audited()
    {
        var s = await SeedAsync();
        var coordinator = await AsAsync(s.Coordinator);
        var form = FormClient.FormValues(await coordinator.GetDocumentAsync(RulePage(s.Programme.Id)));
        Assert.Equal("80", form["Input.MinimumAttendancePercent"]);
        Assert.Equal("true", form["Input.AllTasks"]);

        // Out of range: a field error, the typed value kept, nothing saved.
        form["Input.MinimumAttendancePercent"] = "120";
        var refused = await FormClient.ParseAsync(await coordinator.PostFormAsync(RulePage(s.Programme.Id), new(form)));
        Assert.Equal("Enter a percentage from 0 to 100.", FormClient.FieldError(refused, "Input.MinimumAttendancePercent"));
        Assert.Equal("120", refused.QuerySelector("#Input_MinimumAttendancePercent")!.GetAttribute("value"));

        // "At least N" without N: a field error.
        form["Input.MinimumAttendancePercent"] = "70";
        form["Input.AllTasks"] = "false";
        form["Input.MinimumAcceptedTasks"] = string.Empty;
        refused = await FormClient.ParseAsync(await coordinator.PostFormAsync(RulePage(s.Programme.Id), new(form)));
        Assert.NotNull(FormClient.FieldError(refused, "Input.MinimumAcceptedTasks"));

        form["Input.AllTasks"] = "true";
        var saved = await coordinator.PostFormAsync(RulePage(s.Programme.Id), new(form));
        Assert.Equal(Page(s.Programme.Id), RedirectAssert.Target(saved));

        // 7 of 10 days = 70 % ≥ 70 %.
        var page = await coordinator.GetDocumentAsync(Page(s.Programme.Id));
        Assert.Equal("true", page.QuerySelector($"tr[data-user='{s.Boris.Id}']")!.GetAttribute("data-met"));
        Assert.Contains("Attended 7 of 10 days (70 %), needs 70 %.", page.QuerySelector($"tr[data-user='{s.Boris.Id}']")!.TextContent, StringComparison.Ordinal);
        await using var db = _factory.NewDbContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.ProgrammeId == s.Programme.Id && a.Action == "completion-rule.changed");
        Assert.Contains("80 %", audit.Before, StringComparison.Ordinal);
        Assert.Contains("70 %", audit.After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_coordinators_editing_the_rule_do_not_overwrite_each_other_unknowingly()
    {
        var s = await SeedAsync();
        var first = await AsAsync(s.Coordinator);
        var second = await AsAsync(s.Coordinator);
        var firstForm = FormClient.FormValues(await first.GetDocumentAsync(RulePage(s.Programme.Id)));
        var secondForm = FormClient.FormValues(await second.GetDocumentAsync(RulePage(s.Programme.Id)));

        // Both opened the default rule; the first save makes the row, the second is refused with the rule as saved.
        firstForm["Input.MinimumAttendancePercent"] = "70";
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync(RulePage(s.Programme.Id), new(firstForm))).StatusCode);
        secondForm["Input.MinimumAttendancePercent"] = "90";
        var conflict = await FormClient.ParseAsync(await second.PostFormAsync(RulePage(s.Programme.Id), new(secondForm)));
        Assert.Contains(FormClient.Errors(conflict), e => e.Contains("Someone else changed the completion rule", StringComparison.Ordinal) && e.Contains("70 %", StringComparison.Ordinal));
        Assert.Equal("90", conflict.QuerySelector("#Input_MinimumAttendancePercent")!.GetAttribute("value"));

        // Saving again on purpose (the form now carries the current version) replaces it.
        var again = FormClient.FormValues(conflict);
        Assert.Equal(HttpStatusCode.Redirect, (await second.PostAsync(RulePage(s.Programme.Id), new FormUrlEncodedContent(again))).StatusCode);
        await using var db = _factory.NewDbContext();
        Assert.Equal(90, (await db.CompletionRules.SingleAsync(r => r.ProgrammeId == s.Programme.Id)).MinimumAttendancePercent);
    }

    [Fact]
    public async Task The_participant_downloads_their_certificate_as_a_landscape_pdf_with_name_programme_and_code()
    {
        var s = await SeedAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await IssueAsync(await AsAsync(s.Coordinator), s.Programme.Id)).StatusCode);
        var certificate = Assert.Single(await CertificatesAsync(s.Programme.Id));
        var anna = await AsAsync(s.Anna);

        // Her landing page links to it.
        var home = await anna.GetDocumentAsync("/home");
        var link = home.QuerySelector("#my-certificate a")!.GetAttribute("href");
        Assert.Equal($"/certificates/{certificate.Id}/pdf", link);

        var response = await anna.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        var text = await Poppler.TextAsync(pdf);
        Assert.Contains("Anna Adams", text, StringComparison.Ordinal);
        Assert.Contains("Kherson CP programme 2026", text, StringComparison.Ordinal);
        Assert.Contains("has completed the Cleaner Production training programme", text, StringComparison.Ordinal);
        Assert.Contains(VerificationCode.Format(certificate.Code), text, StringComparison.Ordinal);
        Assert.Contains("/verify/" + VerificationCode.Format(certificate.Code), text, StringComparison.Ordinal);
        Assert.Contains("Completed on 21 October 2026", text, StringComparison.Ordinal);
        var info = await Poppler.InfoAsync(pdf);
        Assert.Matches(@"Title:\s+Certificate — Anna Adams", info);
        Assert.Matches(@"Author:\s+TEKNA", info);
        Assert.Matches(@"Pages:\s+1\b", info);
        Assert.Matches(@"Page size:\s+84[12](\.\d+)? x 595(\.\d+)? pts", info); // A4 landscape

        // The coordinator may download it too.
        Assert.Equal(HttpStatusCode.OK, (await (await AsAsync(s.Coordinator)).GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task A_ukrainian_programme_prints_the_certificate_in_ukrainian_with_a_cyrillic_name()
    {
        var s = await SeedAsync("uk", "Ганна Коваленко", "Херсонська програма ЧВ 2026");
        Assert.Equal(HttpStatusCode.Redirect, (await IssueAsync(await AsAsync(s.Coordinator), s.Programme.Id)).StatusCode);
        var certificate = Assert.Single(await CertificatesAsync(s.Programme.Id));

        var pdf = await (await (await AsAsync(s.Anna)).GetAsync($"/certificates/{certificate.Id}/pdf")).Content.ReadAsByteArrayAsync();

        var text = await Poppler.TextAsync(pdf);
        Assert.Contains("Ганна Коваленко", text, StringComparison.Ordinal);
        Assert.Contains("Херсонська програма ЧВ 2026", text, StringComparison.Ordinal);
        Assert.Contains("Сертифікат", text, StringComparison.Ordinal);
        Assert.Contains("21 жовтня 2026", text, StringComparison.Ordinal);
        Assert.Contains(VerificationCode.Format(certificate.Code), text, StringComparison.Ordinal);
        Assert.Matches(@"Title:\s+Сертифікат — Ганна Коваленко", await Poppler.InfoAsync(pdf));
        var fonts = (await Poppler.FontsAsync(pdf)).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(2).ToList();
        Assert.All(fonts, row => Assert.Matches(@"\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", row));
    }

    [Fact]
    public async Task Without_chromium_the_pdf_link_answers_with_a_clear_message_not_a_server_error()
    {
        var s = await SeedAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await IssueAsync(await AsAsync(s.Coordinator), s.Programme.Id)).StatusCode);
        var url = $"/certificates/{Assert.Single(await CertificatesAsync(s.Programme.Id)).Id}/pdf";
        using var noChromium = _factory.WithWebHostBuilder(b => b.UseSetting("Pdf:ExecutablePath", "/nonexistent/chromium"));
        using var client = noChromium.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        await CpTrainingFactory.SignInAsync(client, s.Anna.Email!);

        var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Contains("Chromium was not found at /nonexistent/chromium", page.QuerySelector("#pdf-unavailable")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_else_downloads_a_participants_certificate()
    {
        var s = await SeedAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await IssueAsync(await AsAsync(s.Coordinator), s.Programme.Id)).StatusCode);
        var url = $"/certificates/{Assert.Single(await CertificatesAsync(s.Programme.Id)).Id}/pdf";

        foreach (var who in new[] { s.Boris, s.Chen, s.Maria, s.Trainer })
        {
            RedirectAssert.ToAccessDenied(await (await AsAsync(who)).GetAsync(url));
        }

        RedirectAssert.ToSignIn(await _factory.NewClient().GetAsync(url), url);
        Assert.Equal(HttpStatusCode.NotFound, (await (await AsAsync(s.Anna)).GetAsync($"/certificates/{Guid.NewGuid()}/pdf")).StatusCode);
    }

    [Fact]
    public async Task Anyone_verifies_a_code_without_signing_in_and_sees_only_name_programme_and_date()
    {
        var s = await SeedAsync();
        Assert.Equal(HttpStatusCode.Redirect, (await IssueAsync(await AsAsync(s.Coordinator), s.Programme.Id)).StatusCode);
        var code = Assert.Single(await CertificatesAsync(s.Programme.Id)).Code;
        var anonymous = _factory.NewClient();

        // As printed, in lower case with spaces, and through the form.
        foreach (var url in new[]
        {
            "/verify/" + VerificationCode.Format(code),
            "/verify/" + Uri.EscapeDataString(code.ToLowerInvariant()[..6] + " " + code.ToLowerInvariant()[6..]),
            "/verify?code=" + Uri.EscapeDataString(" " + VerificationCode.Format(code).ToLowerInvariant().Replace('-', ' ') + " "),
        })
        {
            var page = await anonymous.GetDocumentAsync(url);
            Assert.Equal("valid", page.QuerySelector("#result")!.GetAttribute("data-outcome"));
            Assert.Equal("Anna Adams", page.QuerySelector("#person")!.TextContent.Trim());
            Assert.Equal("Kherson CP programme 2026", page.QuerySelector("#programme")!.TextContent.Trim());
            Assert.Equal("21 October 2026", page.QuerySelector("#completed")!.TextContent.Trim());
            var main = page.QuerySelector("main")!.TextContent;
            Assert.DoesNotContain("Alpha Textiles", main, StringComparison.Ordinal);
            Assert.DoesNotContain(s.Anna.Email!, main, StringComparison.Ordinal);
            Assert.DoesNotContain("TEKNA", main, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unknown_code_and_a_revoked_certificate_are_told_apart_without_revealing_more()
    {
        var s = await SeedAsync();
        var coordinator = await AsAsync(s.Coordinator);
        Assert.Equal(HttpStatusCode.Redirect, (await IssueAsync(coordinator, s.Programme.Id)).StatusCode);
        var certificate = Assert.Single(await CertificatesAsync(s.Programme.Id));
        var anonymous = _factory.NewClient();

        // A code one character off, a malformed one: the same answer, with nothing of the near match.
        var nearMiss = certificate.Code[..11] + (certificate.Code[11] == '2' ? '3' : '2');
        foreach (var code in new[] { nearMiss, "HELLO", "0000-0000-0000" })
        {
            var page = await anonymous.GetDocumentAsync("/verify/" + code);
            Assert.Equal("unknown", page.QuerySelector("#result")!.GetAttribute("data-outcome"));
            Assert.Equal("There is no certificate with this code. Check the code and try again.", page.QuerySelector("#result")!.TextContent.Trim());
            Assert.DoesNotContain("Anna", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        }

        // Revoking needs a reason; then verification says revoked and the PDF is no longer given out.
        var refused = await FormClient.ParseAsync(await coordinator.PostFormAsync(Page(s.Programme.Id), new() { ["Revocation.CertificateId"] = certificate.Id.ToString(), ["Revocation.Reason"] = " " }, Page(s.Programme.Id) + "?handler=Revoke"));
        Assert.Contains("This field is required.", FormClient.Errors(refused));
        var revoked = await coordinator.PostFormAsync(Page(s.Programme.Id), new() { ["Revocation.CertificateId"] = certificate.Id.ToString(), ["Revocation.Reason"] = "Attendance recorded wrongly" }, Page(s.Programme.Id) + "?handler=Revoke");
        Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);

        var verify = await anonymous.GetDocumentAsync("/verify/" + VerificationCode.Format(certificate.Code));
        Assert.Equal("revoked", verify.QuerySelector("#result")!.GetAttribute("data-outcome"));
        Assert.DoesNotContain("Anna", verify.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, (await (await AsAsync(s.Anna)).GetAsync($"/certificates/{certificate.Id}/pdf")).StatusCode);
        Assert.Null((await (await AsAsync(s.Anna)).GetDocumentAsync("/home")).QuerySelector("#my-certificate"));

        // Issuing again does not make a second certificate for her.
        Assert.Equal(HttpStatusCode.Redirect, (await IssueAsync(coordinator, s.Programme.Id)).StatusCode);
        Assert.Single(await CertificatesAsync(s.Programme.Id));
        await using var db = _factory.NewDbContext();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.ProgrammeId == s.Programme.Id && a.Action == "certificate.revoked" && a.After == "Attendance recorded wrongly"));
    }
}
