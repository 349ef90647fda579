using CpTraining.Domain.Reports;

namespace CpTraining.Domain.Tests.Reports;

/// <summary>
/// Sharing reports what it did once: a link made, a link revoked (revoking it again changes nothing and says nothing),
/// a consent given and withdrawn.
/// </summary>
public sealed class SharingEventTests
{
    private static readonly Guid Programme = Guid.Parse("00000000-0000-0000-0000-0000000000a1");
    private static readonly Guid Dairy = Guid.Parse("00000000-0000-0000-0000-00000000d001");
    private static readonly DateTimeOffset Now = new(2010, 12, 14, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_financing_link_rests_on_the_consent_and_each_step_is_reported_once()
    {
        var consent = FinancingConsent.Give(Programme, Dairy, "manager-1", "Olena Manager", Now);
        var (link, _) = ShareLink.Create(Programme, ShareScope.CompanyFinancing, Dairy, consent, " EBRD credit line ", 30, "coordinator-1", Now);

        link.Revoke("manager-1", Now.AddDays(1));
        link.Revoke("manager-1", Now.AddDays(2));
        consent.Withdraw(Now.AddDays(1));
        consent.Withdraw(Now.AddDays(2));

        Assert.Equal(
            [
                new ShareLinkCreated(Programme, "EBRD credit line", ShareScope.CompanyFinancing, Dairy, Now.AddDays(30)),
                new ShareLinkRevoked(Programme, "EBRD credit line"),
            ],
            link.TakeEvents());
        Assert.Equal([new FinancingConsentGiven(Programme, Dairy), new FinancingConsentWithdrawn(Programme, Dairy)], consent.TakeEvents());
    }
}
