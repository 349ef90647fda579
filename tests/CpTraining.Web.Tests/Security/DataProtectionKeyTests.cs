using System.Xml.Linq;
using CpTraining.TestSupport;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace CpTraining.Web.Tests.Security;

/// <summary>
/// The Data Protection key ring moved from a hand-made store to Microsoft.AspNetCore.DataProtection.EntityFrameworkCore
/// on the same table. A key that the old store wrote (before the upgrade) must still be the one the app uses: cookies,
/// antiforgery tokens and protected payloads issued before keep working. The key is written before the app starts, so
/// the class has this one test.
/// </summary>
public sealed class DataProtectionKeyTests(CpTrainingFactory factory) : IClassFixture<CpTrainingFactory>
{
    private const string Purpose = "CpTraining.Tests.KeyWrittenByTheOldStore";

    [Fact]
    public async Task A_key_written_by_the_old_store_is_still_used()
    {
        // Before the upgrade: the old store makes the key ring (one key) and protects a payload with it.
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().SetApplicationName("CpTraining");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = new OldKeyStore(factory.ConnectionString));
        await using var before = services.BuildServiceProvider();
        var oldProtector = before.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        var payload = oldProtector.Protect("written before the upgrade");
        Assert.Equal(1, await KeyRowsAsync());

        // After: the app (started only now) reads that key and keeps it as its default key.
        var app = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
        Assert.Equal("written before the upgrade", app.Unprotect(payload));
        Assert.Equal("written by the app", oldProtector.Unprotect(app.Protect("written by the app")));
        Assert.Equal(1, await KeyRowsAsync());

        // And a real request that needs the key ring (the sign-in page's antiforgery token) makes no new key either.
        await factory.NewClient().GetDocumentAsync("/account/login");
        Assert.Equal(1, await KeyRowsAsync());
    }

    private async Task<long> KeyRowsAsync()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM data_protection_keys", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>
    /// What the hand-made store did before the upgrade: one row per key in <c>data_protection_keys</c> with the key's
    /// friendly name and its XML element written without formatting, read back in id order.
    /// </summary>
    private sealed class OldKeyStore(string connectionString) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT xml FROM data_protection_keys ORDER BY id", connection);
            using var reader = command.ExecuteReader();
            var elements = new List<XElement>();
            while (reader.Read())
            {
                elements.Add(XElement.Parse(reader.GetString(0)));
            }

            return elements;
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var connection = new NpgsqlConnection(connectionString);
            connection.Open();
            using var command = new NpgsqlCommand("INSERT INTO data_protection_keys (friendly_name, xml) VALUES ($1, $2)", connection);
            command.Parameters.Add(new NpgsqlParameter { Value = friendlyName });
            command.Parameters.Add(new NpgsqlParameter { Value = element.ToString(SaveOptions.DisableFormatting) });
            command.ExecuteNonQuery();
        }
    }
}
