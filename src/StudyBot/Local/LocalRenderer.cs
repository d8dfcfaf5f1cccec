using System.Text;
using StudyBot.Chat;

namespace StudyBot.App.Local;

/// <summary>Draws platform-neutral messages as plain text for the terminal.</summary>
public static class LocalRenderer
{
    public static string Render(ChatMessage message, string? header = null)
    {
        var text = new StringBuilder();
        var rule = new string('─', 60);
        if (header is not null)
        {
            text.Append(header).Append('\n');
        }

        if (message.Ephemeral)
        {
            var title = string.IsNullOrEmpty(message.Title) ? string.Empty : message.Title + ": ";
            text.Append("(only you) ").Append(title).Append(message.Body).Append('\n');
        }
        else
        {
            text.Append("┌ ").Append(message.Title).Append(' ').Append(rule.AsSpan(0, Math.Max(3, 58 - message.Title.Length))).Append('\n');
            if (message.Mentions.Count > 0)
            {
                text.Append("│ ").AppendJoin(' ', message.Mentions.Select(id => "@" + id)).Append('\n');
            }
            foreach (var line in message.Body.Split('\n'))
            {
                text.Append("│ ").Append(line).Append('\n');
            }
        }

        foreach (var field in message.Fields)
        {
            var lines = field.Value.Split('\n');
            text.Append(message.Ephemeral ? "  " : "│ ").Append(field.Name).Append(": ").Append(lines[0]).Append('\n');
            foreach (var line in lines.Skip(1))
            {
                text.Append(message.Ephemeral ? "    " : "│   ").Append(line).Append('\n');
            }
        }

        if (message.Buttons.Count > 0)
        {
            text.Append(message.Ephemeral ? "  " : "│ ");
            text.AppendJoin(' ', message.Buttons.Select(b => b.Disabled ? $"({b.Label})" : $"[{b.Label}]"));
            if (message.Buttons.Any(b => !b.Disabled))
            {
                text.Append("   ← /click <label>");
            }

            text.Append('\n');
        }

        if (!message.Ephemeral)
        {
            text.Append('└').Append(rule).Append('\n');
        }

        return text.ToString();
    }
}
