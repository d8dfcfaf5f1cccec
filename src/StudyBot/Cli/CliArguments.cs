namespace StudyBot.App.Cli;

/// <summary>
/// The arguments of one verb: positional values and <c>--name value</c> (or <c>--name=value</c>)
/// options. Hand-parsed because the verbs are few and flat; an unknown option or a missing value is
/// an error the user sees, never silently ignored.
/// </summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> options = new(StringComparer.Ordinal);

    private CliArguments()
    {
    }

    public List<string> Positional { get; } = [];

    public string? Option(string name) => options.GetValueOrDefault(name);

    /// <summary>Parses <paramref name="args"/> allowing only <paramref name="allowed"/> options (names without the dashes).</summary>
    public static (CliArguments? Arguments, string? Error) Parse(IEnumerable<string> args, params string[] allowed)
    {
        var result = new CliArguments();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var arg = e.Current;
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                result.Positional.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[2..equals] : arg[2..];
            if (!allowed.Contains(name, StringComparer.Ordinal))
            {
                return (null, allowed.Length == 0
                    ? $"unknown option '{arg}': this command takes no options"
                    : $"unknown option '{arg}'; the options are {string.Join(", ", allowed.Select(a => "--" + a))}");
            }

            string value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (e.MoveNext() && !e.Current.StartsWith("--", StringComparison.Ordinal))
            {
                value = e.Current;
            }
            else
            {
                return (null, $"option --{name} needs a value");
            }

            if (string.IsNullOrWhiteSpace(value))
            {
                return (null, $"option --{name} needs a value");
            }

            if (!result.options.TryAdd(name, value))
            {
                return (null, $"option --{name} is given twice");
            }
        }

        return (result, null);
    }
}
