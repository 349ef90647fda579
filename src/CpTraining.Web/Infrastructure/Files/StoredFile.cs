using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CpTraining.Web.Infrastructure.Files;

/// <summary>What a stored file belongs to; downloads are authorised through the owner.</summary>
public enum FileOwnerKind
{
    /// <summary>Instructions of a home task (<see cref="StoredFile.OwnerId"/> is the task's id).</summary>
    HomeTask,

    /// <summary>A company's work on a home task (the submission's id).</summary>
    Submission,

    /// <summary>Evidence of a CP option's achieved results: meter readings, invoices, photos (the option's id).</summary>
    OptionEvidence,

    /// <summary>An organiser's logo on the programme's report covers; the owner is the programme.</summary>
    ProgrammeLogo,
}

/// <summary>
/// An uploaded file's metadata. The bytes live in <c>stored_file_contents</c>, a separate table written and read as
/// a stream (<see cref="FileStore"/>), so listing files never loads their content. Files are never changed; a
/// corrected file is a new file.
/// </summary>
public sealed class StoredFile
{
    public const int FileNameMaxLength = 200;

    private StoredFile()
    {
        FileName = ContentType = Sha256 = UploadedBy = string.Empty;
    }

    public StoredFile(Guid programmeId, FileOwnerKind ownerKind, Guid ownerId, InspectedFile file, string uploadedBy, DateTimeOffset uploadedAt)
    {
        Id = Guid.NewGuid();
        ProgrammeId = programmeId;
        OwnerKind = ownerKind;
        OwnerId = ownerId;
        FileName = file.FileName;
        ContentType = file.ContentType;
        Length = file.Length;
        Sha256 = file.Sha256;
        UploadedBy = uploadedBy;
        UploadedAt = uploadedAt;
    }

    public Guid Id { get; private set; }

    public Guid ProgrammeId { get; private set; }

    public FileOwnerKind OwnerKind { get; private set; }

    public Guid OwnerId { get; private set; }

    /// <summary>Sanitised: no path, no control characters, no quotes.</summary>
    public string FileName { get; private set; }

    /// <summary>Decided by us from the checked content, never taken from the browser.</summary>
    public string ContentType { get; private set; }

    /// <summary>Bytes.</summary>
    public long Length { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the content.</summary>
    public string Sha256 { get; private set; }

    public string UploadedBy { get; private set; }

    public DateTimeOffset UploadedAt { get; private set; }
}

/// <summary>The bytes of a <see cref="StoredFile"/>. Mapped so the schema is in the model; read and written only as streams.</summary>
public sealed class StoredFileContent
{
    private StoredFileContent()
    {
        Data = [];
    }

    public Guid FileId { get; private set; }

    public byte[] Data { get; private set; }
}

internal sealed class StoredFileConfiguration : IEntityTypeConfiguration<StoredFile>
{
    public void Configure(EntityTypeBuilder<StoredFile> b)
    {
        b.ToTable("stored_files");
        b.HasKey(f => f.Id);
        b.Property(f => f.Id).ValueGeneratedNever();
        b.Property(f => f.OwnerKind).HasConversion<string>().HasMaxLength(20);
        b.Property(f => f.FileName).HasMaxLength(StoredFile.FileNameMaxLength).IsRequired();
        b.Property(f => f.ContentType).HasMaxLength(100).IsRequired();
        b.Property(f => f.Sha256).HasMaxLength(64).IsRequired();
        b.Property(f => f.UploadedBy).HasMaxLength(450).IsRequired();
        b.HasIndex(f => new { f.OwnerKind, f.OwnerId });
        b.HasIndex(f => f.ProgrammeId);
        b.HasOne<Domain.Programmes.Programme>().WithMany().HasForeignKey(f => f.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredFileContentConfiguration : IEntityTypeConfiguration<StoredFileContent>
{
    public void Configure(EntityTypeBuilder<StoredFileContent> b)
    {
        b.ToTable("stored_file_contents");
        b.HasKey(c => c.FileId);
        b.Property(c => c.FileId).ValueGeneratedNever();
        b.Property(c => c.Data).IsRequired();
        b.HasOne<StoredFile>().WithOne().HasForeignKey<StoredFileContent>(c => c.FileId).OnDelete(DeleteBehavior.Cascade);
    }
}
