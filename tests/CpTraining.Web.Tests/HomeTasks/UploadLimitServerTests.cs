using System.Net;
using System.Net.Http.Headers;
using System.Text;
using CpTraining.Domain.HomeTasks;
using CpTraining.Web.Pages.HomeTasks;
using CpTraining.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using static CpTraining.Web.Tests.HomeTasks.WorkPageSetup;

namespace CpTraining.Web.Tests.HomeTasks;

/// <summary>
/// The upload limit on the real server (Kestrel; the in-memory test server applies no body limits): a body sent
/// without a Content-Length (chunked) is cut off by the server at the work page's limit, and the page answers 413
/// with its message instead of failing.
/// </summary>
public sealed class UploadLimitServerTests(UploadLimitServerTests.Server server) : IClassFixture<UploadLimitServerTests.Server>
{
    [Fact]
    public async Task A_chunked_body_over_the_limit_is_cut_off_and_answered_413_with_a_message()
    {
        var world = await CreateAsync(server);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = new CookieContainer() };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(server.Address), Timeout = TimeSpan.FromMinutes(3) };
        await CpTrainingFactory.SignInAsync(client, world.Alice.Email!);
        var head = Encoding.ASCII.GetBytes("--limit\r\nContent-Disposition: form-data; name=\"Input.Files\"; filename=\"huge.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n");
        var content = new StreamContent(new ChunkedBody(head, WorkModel.MaxRequestBytes + (2 * 1024 * 1024)));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=limit");

        var response = await client.PostAsync($"{WorkWorld.Work(world.WorkA)}?handler=Save", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var page = await FormClient.ParseAsync(response);
        Assert.Contains(FormClient.Errors(page), e => e.StartsWith("The upload was too large", StringComparison.Ordinal));
        Assert.Equal((SubmissionStatus.NotStarted, 0), ((await server.LoadAsync(world.WorkA)).Status, await server.StoredFileCountAsync(world.WorkA)));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(WorkWorld.Work(world.WorkA))).StatusCode);
    }

    /// <summary>The app on a real Kestrel port.</summary>
    public sealed class Server : CpTrainingFactory
    {
        public string Address { get; private set; } = string.Empty;

        public override async Task InitializeAsync()
        {
            await base.InitializeAsync();
            UseKestrel(0);
            StartServer();
            Address = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        }
    }

    /// <summary>A prefix and then zeros, produced as read; not seekable, so the client sends it chunked.</summary>
    private sealed class ChunkedBody(byte[] prefix, long zeros) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, prefix.Length + zeros - _position);
            var fromPrefix = (int)Math.Clamp(prefix.Length - _position, 0, n);
            prefix.AsSpan((int)Math.Min(_position, prefix.Length), fromPrefix).CopyTo(buffer.AsSpan(offset));
            Array.Clear(buffer, offset + fromPrefix, n - fromPrefix);
            _position += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
