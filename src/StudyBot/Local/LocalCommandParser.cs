using StudyBot.Chat;

namespace StudyBot.App.Local;

/// <summary>
/// Turns a typed line such as "/answer B", "/leaderboard all" or "/answer text:E11.9" into a command
/// request. Words are given to the command's options in order unless named ("name:value"); the last
/// option takes the rest of the line, so free text needs no quotes.
/// </summary>
public static class LocalCommandParser
{
    public static (string Name, string? Subcommand, Dictionary<string, string> Options, string? Error) Parse(string line, IReadOnlyList<CommandDefinition> definitions)
    {
        var words = line.TrimStart('/').Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var name = words.Length > 0 ? words[0].ToLowerInvariant() : string.Empty;
        var options = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var definition = definitions.FirstOrDefault(d => d.Name == name);
        if (definition is null)
        {
            return (name, null, options, null);
        }

        var rest = words.Skip(1).ToList();
        string? subcommand = null;
        var optionDefinitions = definition.Options;
        if (definition.Subcommands.Count > 0)
        {
            if (rest.Count == 0)
            {
                return (name, null, options, null);
            }

            subcommand = rest[0].ToLowerInvariant();
            rest.RemoveAt(0);
            optionDefinitions = definition.Subcommands.FirstOrDefault(s => s.Name == subcommand)?.Options ?? [];
        }

        var positional = new List<string>();
        foreach (var word in rest)
        {
            var colon = word.IndexOf(':', StringComparison.Ordinal);
            var named = colon > 0 ? optionDefinitions.FirstOrDefault(o => o.Name.Equals(word[..colon], StringComparison.OrdinalIgnoreCase)) : null;
            if (named is not null)
            {
                options[named.Name] = word[(colon + 1)..];
            }
            else
            {
                positional.Add(word);
            }
        }

        var free = optionDefinitions.Where(o => !options.ContainsKey(o.Name)).ToList();
        for (var i = 0; i < positional.Count; i++)
        {
            if (free.Count == 0)
            {
                return (name, subcommand, options, $"/{name} did not expect '{string.Join(' ', positional.Skip(i))}'. Type /help to see how to use it.");
            }

            if (free.Count == 1)
            {
                options[free[0].Name] = string.Join(' ', positional.Skip(i));
                break;
            }

            options[free[0].Name] = positional[i];
            free.RemoveAt(0);
        }

        return (name, subcommand, options, null);
    }
}
