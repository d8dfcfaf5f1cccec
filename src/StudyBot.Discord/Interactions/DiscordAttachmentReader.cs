using StudyBot.Chat;

namespace StudyBot.Discord.Interactions;

/// <summary>Downloads an attachment from the URL Discord resolved for an attachment option.</summary>
internal sealed class DiscordAttachmentReader : IAttachmentReader, IDisposable
{
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(20) };

    public async Task<AttachmentFile> ReadAsync(string value, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
        {
            return new AttachmentFile(value, null, "attach the file to the command (the option takes a file, not text)");
        }

        var name = Uri.UnescapeDataString(url.Segments[^1]);
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new AttachmentFile(name, null, $"Discord did not hand me the file ({(int)response.StatusCode}); attach it again");
        }

        if (response.Content.Headers.ContentLength is > IAttachmentReader.MaxBytes)
        {
            return new AttachmentFile(name, null, $"the file is larger than {IAttachmentReader.MaxBytes / 1024 / 1024} MB; split it");
        }

        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        return bytes.Length > IAttachmentReader.MaxBytes
            ? new AttachmentFile(name, null, $"the file is larger than {IAttachmentReader.MaxBytes / 1024 / 1024} MB; split it")
            : new AttachmentFile(name, System.Text.Encoding.UTF8.GetString(bytes), null);
    }

    public void Dispose() => http.Dispose();
}
