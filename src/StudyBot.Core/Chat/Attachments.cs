namespace StudyBot.Chat;

/// <summary>A file a user attached to a command, read as text.</summary>
/// <param name="FileName">The file's name, for messages and format detection.</param>
/// <param name="Content">The text, or null when it could not be read.</param>
/// <param name="Problem">Why it could not be read, in words the user can act on.</param>
public sealed record AttachmentFile(string FileName, string? Content, string? Problem);

/// <summary>Reads an attachment option's value: a download URL on Discord, a file path on the local channel.</summary>
public interface IAttachmentReader
{
    /// <summary>Largest file read, in bytes; bank files are far smaller.</summary>
    const long MaxBytes = 2 * 1024 * 1024;

    Task<AttachmentFile> ReadAsync(string value, CancellationToken cancellationToken);
}
