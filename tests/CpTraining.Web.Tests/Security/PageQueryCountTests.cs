using CpTraining.Web.Data;
using CpTraining.TestSupport;
using Xunit.Abstractions;
using static CpTraining.Web.Tests.Security.AuthorizationMatrixTests;

namespace CpTraining.Web.Tests.Security;

/// <summary>
/// Every page of the authorization matrix, opened by every user allowed to open it, sends no more SQL commands than it
/// did before the access model was loaded once per request (the budgets below were measured on the commit before it,
/// with this same test and world). The signed-in person's standing, which the header's unread count rides in, is one
/// command however many checks a page makes. Pages that show plausibility findings check them over the data they
/// have read and read only the reviews (one command); their budgets are what was measured after that change.
/// </summary>
public sealed class PageQueryCountTests(PageQueryCountTests.Fixture world, ITestOutputHelper output) : IClassFixture<PageQueryCountTests.Fixture>
{
    /// <summary>The most commands any allowed user's GET sent, per page, before the change.</summary>
    private static readonly Dictionary<string, int> Budget = new(StringComparer.Ordinal)
    {
        ["/programmes"] = 2,
        ["/programmes/create"] = 1,
        ["/programmes/{P}"] = 6,
        ["/programmes/{P}/edit"] = 4,
        ["/programmes/{P}/sessions/3/edit"] = 5,
        ["/programmes/{P}/sessions/3/agenda"] = 5,
        ["/programmes/{P}/sessions/3/agenda/edit"] = 3,
        ["/programmes/{P}/calendar.ics"] = 3,
        ["/accounts"] = 2,
        ["/accounts/create"] = 1,
        ["/admin/outbox"] = 2,
        ["/account/change-password"] = 1,
        ["/home"] = 4,
        ["/companies"] = 2,
        ["/companies/create"] = 1,
        ["/companies/{A}"] = 3,
        ["/companies/{A}/edit"] = 2,
        ["/programmes/{P}/companies"] = 8,
        ["/programmes/{P}/companies/enrol"] = 4,
        ["/programmes/{P}/companies/{A}"] = 10,
        ["/programmes/{P}/companies/{B}"] = 10,
        ["/programmes/{P}/audit"] = 4,
        ["/programmes/{P}/import"] = 3,
        ["/programmes/{P}/attendance"] = 5,
        ["/programmes/{P}/my-attendance"] = 5,
        ["/programmes/{P}/sessions/1/attendance"] = 5,
        ["/programmes/{P}/sessions/1/groups"] = 5,
        ["/programmes/{P}/tasks"] = 4,
        ["/programmes/{P}/tasks/templates"] = 4,
        ["/programmes/{P}/tasks/assign?after=1"] = 7,
        ["/programmes/{P}/tasks/{T}/edit"] = 4,
        ["/programmes/{P}/sessions/2/presentations"] = 4,
        ["/programmes/{P}/tasks/overview?after=1"] = 6,
        ["/programmes/{P}/tasks/overview?handler=Csv&after=1&status=late"] = 5,
        ["/notifications"] = 3,
        ["/tasks/review"] = 2,
        ["/tasks/{SA}/review"] = 8,
        ["/tasks/{SA}/review?form=comment"] = 8,
        ["/tasks/{SB}/review"] = 8,
        ["/tasks/{SB}/review?form=comment"] = 8,
        ["/tasks/{SA}/versions"] = 8,
        ["/tasks/{SB}/versions"] = 8,
        ["/tasks/{SA}/extension"] = 3,
        ["/tasks/{SB}/extension"] = 3,
        ["/tasks"] = 3,
        ["/tasks/{SA}"] = 9,
        ["/tasks/{SB}"] = 9,
        ["/tasks/files/{FA}"] = 2,
        ["/programmes/{P}/companies/{A}/worksheets"] = 4,
        ["/programmes/{P}/companies/{B}/worksheets"] = 4,
        ["/programmes/{P}/companies/{A}/worksheets?form=copy"] = 4,
        ["/worksheets/{W}"] = 7,
        ["/worksheets/{W}?form=step"] = 7,
        ["/worksheets/{W}?form=move"] = 7,
        ["/worksheets/{W}?form=remove-step"] = 7,
        ["/worksheets/{W}?form=stream"] = 7,
        ["/worksheets/{W}?form=remove-stream"] = 7,
        ["/worksheets/{W}?form=energy"] = 7,
        ["/worksheets/{W}?form=remove-energy"] = 7,
        ["/worksheets/{W}/balance"] = 8, // + the reviews of the findings, checked over the data the page has read
        ["/worksheets/{W}/balance?reconcile=true"] = 8, // + the reviews of the findings, checked over the data the page has read
        ["/emission-factors"] = 2,
        ["/worksheets/{W}/export.csv"] = 6,
        ["/worksheets/{W}/export.xlsx"] = 6,
        ["/worksheets/{W}/import"] = 4,
        ["/worksheets/{W}/import?handler=Template"] = 3,
        ["/programmes/{P}/companies/{A}/options"] = 11,
        ["/programmes/{P}/companies/{B}/options"] = 5,
        ["/programmes/{P}/companies/{A}/options?status=Identified"] = 11,
        ["/options/{O}"] = 9, // + the reviews of the findings, checked over the data the page has read
        ["/options/{O}?form=plan"] = 9, // + the reviews of the findings, checked over the data the page has read
        ["/options/{O}?form=links"] = 9, // + the reviews of the findings, checked over the data the page has read
        ["/options/{O}?form=reductions"] = 9, // + the reviews of the findings, checked over the data the page has read
        ["/options/{O}?form=technical"] = 9, // + the reviews of the findings, checked over the data the page has read
        ["/options/{O}?form=move"] = 9, // + the reviews of the findings, checked over the data the page has read
        ["/options/{O}?form=reject"] = 9, // + the reviews of the findings, checked over the data the page has read
        ["/options/{OE}/economics"] = 4, // + the reviews of its findings (the page evaluates the economics itself)
        ["/options/{OE}/economics?form=add-line"] = 4, // + the reviews of its findings (the page evaluates the economics itself)
        ["/programmes/{P}/companies/{A}/options/compare"] = 9, // + the reviews of the findings, checked over the data the page has read
        ["/programmes/{P}/companies/{B}/options/compare"] = 6, // + the reviews of the findings, checked over the data the page has read
        ["/programmes/{P}/options/compare"] = 10, // + the reviews of the companies' findings, checked over the options the page has assessed
        ["/programmes/{P}/companies/{A}/findings"] = 9, // CompanyFindings.LoadAsync: the company's worksheets, options, factors and reviews
        ["/programmes/{P}/companies/{A}/report"] = 17,
        ["/programmes/{P}/companies/{B}/report"] = 13,
        ["/programmes/{P}/companies/{A}/report?handler=Pdf"] = 17, // + the reviews of the companies' findings
        ["/programmes/{P}/companies/{A}/report?form=publish"] = 17,
        ["/programmes/{P}/companies/{A}/report?form=consent"] = 17,
        ["/programmes/{P}/companies/{A}/report?form=withdraw-consent"] = 17,
        ["/programmes/{P}/companies/{A}/report/versions/1"] = 4,
        ["/programmes/{P}/companies/{A}/report/versions/1?handler=Pdf"] = 3,
        ["/programmes/{P}/companies/{B}/report/versions/1"] = 4,
        ["/programmes/{P}/companies/{B}/report/versions/1?handler=Pdf"] = 3,
        ["/programmes/{P}/share-links"] = 7,
        ["/programmes/{P}/share-links?form=revoke"] = 7,
        ["/programmes/{Q}/share-links"] = 7,
        ["/shared/{TOKEN}"] = 5,
        ["/programmes/{P}/report"] = 25, // + the reviews of the companies' findings
        ["/programmes/{P}/report?handler=Pdf"] = 25, // + the reviews of the companies' findings
        ["/programmes/{P}/report?form=publish"] = 25, // + the reviews of the companies' findings
        ["/programmes/{P}/report/versions/1"] = 4,
        ["/programmes/{P}/report/versions/1?handler=Pdf"] = 3,
        ["/tasks/{SB}/"] = 9,
        ["/tasks/{SB}?form=attach-options"] = 9,
        ["/tasks/{SB}?form=detach-options"] = 9,
        ["/options/{OA}/achieved"] = 12, // + the reviews of the findings, checked over the data the page has read
        ["/options/{OA}/achieved?form=implement"] = 12, // + the reviews of the findings, checked over the data the page has read
        ["/options/{OA}/achieved?form=verify"] = 12, // + the reviews of the findings, checked over the data the page has read
        ["/options/{OA}/evidence/{EA}"] = 3,
        ["/programmes/{P}/companies/{A}/options/results"] = 10, // + the reviews of the findings, checked over the data the page has read
        ["/programmes/{P}/companies/{B}/options/results"] = 4, // + the reviews of the findings, checked over the data the page has read
        ["/programmes/{P}/certificates"] = 8,
        ["/programmes/{P}/certificates?form=revoke"] = 8,
        ["/programmes/{P}/certificates/rule"] = 4,
        ["/certificates/{C}/pdf"] = 2,
        ["/verify"] = 1,
        ["/verify/{CODE}"] = 2,

        // Pages added after the access model, at what they sent when they were added.
        ["/programmes/{P}/logos"] = 4,
        ["/programmes/{P}/options/{OE}/sheet"] = 11,
        ["/programmes/{P}/options/{OE}/sheet?handler=Pdf"] = 11,
        ["/programmes/{P}/options/pipeline.xlsx"] = 10,
    };

    [Fact]
    public async Task No_page_sends_more_commands_than_before()
    {
        var measured = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (template, mayGet, _, _) in AuthorizationMatrixTests.Pages)
        {
            var url = world.Resolve(template);
            foreach (var who in mayGet)
            {
                var client = await world.ClientAsync(who);
                (await client.GetAsync(url)).EnsureSuccessStatusCode();
                world.Counter.Start(url);
                var response = await client.GetAsync(url);
                var count = world.Counter.Stop();
                response.EnsureSuccessStatusCode();
                measured[template] = Math.Max(measured.GetValueOrDefault(template), count);
            }
        }

        foreach (var (template, count) in measured)
        {
            output.WriteLine($"        [\"{template}\"] = {count},");
        }

        var over = measured.Where(m => !Budget.TryGetValue(m.Key, out var budget) || m.Value > budget)
            .Select(m => $"{m.Key}: {m.Value} commands, budget {(Budget.TryGetValue(m.Key, out var b) ? b : "none")}")
            .ToList();
        Assert.True(over.Count == 0, string.Join("\n", over));
    }

    /// <summary>The matrix world, counting the commands of the request being measured.</summary>
    public sealed class Fixture : World
    {
        public CommandCounter Counter { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.AddHttpContextAccessor();
                services.ConfigureDbContext<AppDbContext>((provider, options) =>
                {
                    Counter.Http = provider.GetRequiredService<IHttpContextAccessor>();
                    options.AddInterceptors(Counter);
                });
            });
        }
    }
}
