namespace StudyBot.App.Local;

/// <summary>The terminal the local channel talks through: the process's own, or one a test supplies.</summary>
public sealed class LocalConsole(TextReader input, TextWriter output)
{
    public static LocalConsole System() => new(Console.In, Console.Out);

    public TextReader In { get; } = input;

    public TextWriter Out { get; } = output;

    // Output comes from the command loop and from the outbox dispatcher; one writer at a time keeps messages whole.
    public object WriteLock { get; } = new();

    public void Write(string text)
    {
        lock (WriteLock)
        {
            Out.Write(text);
            Out.Flush();
        }
    }
}
