using CpTraining.Web.Data;
using CpTraining.Web.Infrastructure.Files;
using Microsoft.EntityFrameworkCore;

namespace CpTraining.Web.Pages.Reports;

/// <summary>
/// The organisers' logos a report snapshot names, read for its cover as data: URIs, in the snapshot's order. A logo
/// removed from the programme since a version was published is left out of that version's cover. No query when the
/// snapshot names none.
/// </summary>
public static class ReportLogos
{
    public static async Task<IReadOnlyList<ReportLogo>> LoadAsync(AppDbContext db, IReadOnlyList<Guid>? fileIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (fileIds is not { Count: > 0 })
        {
            return [];
        }

        var ids = fileIds.ToList();
        var files = await db.StoredFiles.AsNoTracking()
            .Where(f => ids.Contains(f.Id) && f.OwnerKind == FileOwnerKind.ProgrammeLogo)
            .Join(db.Set<StoredFileContent>(), f => f.Id, c => c.FileId, (f, c) => new { f.Id, f.FileName, f.ContentType, c.Data })
            .ToListAsync(cancellationToken);
        return
        [
            .. ids.Select(id => files.Find(f => f.Id == id))
                .Where(f => f is not null)
                .Select(f => new ReportLogo(Path.GetFileNameWithoutExtension(f!.FileName), $"data:{f.ContentType};base64,{Convert.ToBase64String(f.Data)}")),
        ];
    }
}
