using StudyBot.Chat;

namespace StudyBot.App.Local;

/// <summary>On the local channel an attachment is a file path, relative to the working directory.</summary>
public sealed class LocalAttachmentReader : IAttachmentReader
{
    public async Task<AttachmentFile> ReadAsync(string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(value);
        var path = value.Trim().Trim('"');
        var name = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            return new AttachmentFile(name, null, $"there is no file {path} (give a path, for example /bank import file:banks/cardio.csv)");
        }

        return new FileInfo(path).Length > IAttachmentReader.MaxBytes
            ? new AttachmentFile(name, null, $"the file is larger than {IAttachmentReader.MaxBytes / 1024 / 1024} MB; split it")
            : new AttachmentFile(name, await File.ReadAllTextAsync(path, cancellationToken), null);
    }
}
