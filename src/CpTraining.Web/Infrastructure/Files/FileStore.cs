using System.Data;
using System.Data.Common;
using CpTraining.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;

namespace CpTraining.Web.Infrastructure.Files;

/// <summary>
/// Writes and reads file contents as streams, so a 20 MB file never sits in the app's memory whole. Writing must
/// happen inside the caller's transaction (the one that saves the submission), so a failed save leaves no file behind
/// and a failed upload leaves no half-saved version.
/// </summary>
public static class FileStore
{
    /// <summary>Adds the file's metadata and streams its content, in the current transaction (which must exist).</summary>
    public static async Task<StoredFile> SaveAsync(AppDbContext db, StoredFile file, Stream content, CancellationToken cancellationToken = default)
    {
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Files are saved inside the transaction of the change they belong to.");
        db.Add(file);
        await db.SaveChangesAsync(cancellationToken);
        await using var command = new NpgsqlCommand(
            "INSERT INTO stored_file_contents (file_id, data) VALUES (@id, @data)",
            (NpgsqlConnection)db.Database.GetDbConnection(),
            (NpgsqlTransaction)transaction);
        command.Parameters.AddWithValue("id", file.Id);
        command.Parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Bytea) { Value = content });
        await command.ExecuteNonQueryAsync(cancellationToken);
        return file;
    }

    /// <summary>
    /// Deletes the files of <paramref name="fileIds"/> that belong to the owner (their content goes with them), in the
    /// unit of work of the change that let them go; a file of another owner is never touched.
    /// </summary>
    public static async Task RemoveAsync(AppDbContext db, FileOwnerKind ownerKind, Guid ownerId, IReadOnlyCollection<Guid> fileIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(fileIds);
        if (fileIds.Count > 0)
        {
            db.StoredFiles.RemoveRange(await db.StoredFiles
                .Where(f => fileIds.Contains(f.Id) && f.OwnerKind == ownerKind && f.OwnerId == ownerId)
                .ToListAsync(cancellationToken));
        }
    }

    /// <summary>Copies a file's content to <paramref name="destination"/> without loading it whole.</summary>
    public static async Task CopyToAsync(AppDbContext db, Guid fileId, Stream destination, CancellationToken cancellationToken = default)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var opened = connection.State != ConnectionState.Open;
        if (opened)
        {
            await connection.OpenAsync(cancellationToken);
        }

        try
        {
            await using var command = new NpgsqlCommand("SELECT data FROM stored_file_contents WHERE file_id = @id", connection);
            command.Parameters.AddWithValue("id", fileId);
            await using DbDataReader reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, cancellationToken);
            if (!await reader.ReadAsync(cancellationToken))
            {
                throw new FileNotFoundException("The file's content is missing.", fileId.ToString());
            }

            await using var content = reader.GetStream(0);
            await content.CopyToAsync(destination, 81920, cancellationToken);
        }
        finally
        {
            if (opened)
            {
                await connection.CloseAsync();
            }
        }
    }
}
