using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CpTraining.Web.Infrastructure.Printing;

/// <summary>
/// /health/ready reports the PDF renderer as degraded (not unhealthy: the HTML reports still work) when Chromium is
/// missing or the last render failed, with the fix in the description.
/// </summary>
internal sealed class PdfRendererHealthCheck(PdfRenderer renderer) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            !renderer.ExecutableExists
                ? HealthCheckResult.Degraded("Chromium is missing: PDFs cannot be printed. Install it (apt-get install -y chromium) or set Pdf:ExecutablePath.")
                : renderer.Problem is { } problem
                    ? HealthCheckResult.Degraded(problem)
                    : HealthCheckResult.Healthy());
}
