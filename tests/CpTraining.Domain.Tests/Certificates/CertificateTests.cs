using CpTraining.Domain.Certificates;
using static CpTraining.Domain.Programmes.AttendanceStatus;

namespace CpTraining.Domain.Tests.Certificates;

public class CertificateTests
{
    private static readonly DateTimeOffset At = new(2010, 12, 10, 15, 0, 0, TimeSpan.Zero);

    private static CompletionResult Result(bool met) =>
        CompletionRule.DefaultFor(Guid.NewGuid()).Evaluate(met ? [Present, Present] : [Present, Absent], 0, 0);

    private static Certificate Issue(string code = "7KQM-3XPA-H9TD") =>
        Certificate.Issue(Guid.NewGuid(), "u1", " Олена Коваленко ", "Dnipro 2010", "TEKNA", "uk", new DateOnly(2010, 12, 9), Result(true), code, "c1", At);

    [Fact]
    public void A_certificate_copies_what_it_certifies_and_stores_the_code_without_separators()
    {
        var certificate = Issue();

        Assert.Equal("Олена Коваленко", certificate.PersonName);
        Assert.Equal("7KQM3XPAH9TD", certificate.Code);
        Assert.False(certificate.IsRevoked);
    }

    [Fact]
    public void A_participant_who_does_not_meet_the_rule_gets_no_certificate()
    {
        var ex = Assert.Throws<DomainException>(() =>
            Certificate.Issue(Guid.NewGuid(), "u1", "Petro", "P", "O", "en", new DateOnly(2010, 12, 9), Result(false), VerificationCode.New(), "c1", At));

        Assert.Contains("Attended 1 of 2 days (50 %), needs 80 %.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Revoking_needs_a_reason_and_happens_once()
    {
        var certificate = Issue();

        Assert.Equal("Reason", Assert.Throws<DomainException>(() => certificate.Revoke("  ", "c1", At)).Field);
        certificate.Revoke("Issued by mistake", "c1", At);
        Assert.True(certificate.IsRevoked);
        Assert.Equal("Issued by mistake", certificate.RevocationReason);
        Assert.Throws<DomainException>(() => certificate.Revoke("Again", "c1", At));
    }

    [Theory]
    [InlineData("7KQM-3XPA-H9TD", "7KQM3XPAH9TD")]
    [InlineData("7kqm 3xpa h9td", "7KQM3XPAH9TD")]
    [InlineData(" 7KQM3XPAH9TD ", "7KQM3XPAH9TD")]
    [InlineData("7KQM-3XPA-H9T", null)]        // too short
    [InlineData("7KQM-3XPA-H9TDD", null)]      // too long
    [InlineData("7KQM-3XPA-H9T0", null)]       // 0 is not in the alphabet
    [InlineData("7KQM-3XPA-H9T%", null)]
    [InlineData("", null)]
    public void Codes_are_read_in_any_case_with_spaces_and_dashes(string input, string? expected) =>
        Assert.Equal(expected, VerificationCode.Normalise(input));

    [Fact]
    public void New_codes_are_twelve_unambiguous_characters_and_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 1000).Select(_ => VerificationCode.New()).ToList();

        Assert.All(codes, c => Assert.Matches("^[2-9A-HJKMNP-Z]{12}$", c));
        Assert.Equal(1000, codes.Distinct().Count());
        Assert.Equal("7KQM-3XPA-H9TD", VerificationCode.Format("7KQM3XPAH9TD"));
    }
}
