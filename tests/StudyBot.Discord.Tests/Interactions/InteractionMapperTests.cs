using System.Text.Json;
using StudyBot.Discord.Interactions;

namespace StudyBot.Discord.Tests.Interactions;

public sealed class InteractionMapperTests
{
    [Fact]
    public void Command_AttachmentOption_GivesTheResolvedDownloadUrl()
    {
        const string json = """
            {
              "id": "1", "application_id": "2", "type": 2, "token": "t", "guild_id": "300", "channel_id": "301",
              "member": { "user": { "id": "400", "username": "casey" }, "permissions": "32" },
              "data": {
                "name": "bank",
                "options": [ { "name": "import", "type": 1, "options": [
                  { "name": "file", "type": 11, "value": "900" },
                  { "name": "area", "type": 3, "value": "icd-10-cm" } ] } ],
                "resolved": { "attachments": { "900": {
                  "id": "900", "filename": "bank.csv", "size": 120,
                  "url": "https://cdn.discordapp.com/attachments/301/900/bank.csv?ex=1" } } }
              }
            }
            """;
        var interaction = JsonSerializer.Deserialize(json, DiscordJsonContext.Default.DiscordInteraction)!;

        var request = InteractionMapper.Command(interaction);

        Assert.Equal("import", request.Subcommand);
        Assert.Equal("https://cdn.discordapp.com/attachments/301/900/bank.csv?ex=1", request.Option("file"));
        Assert.Equal("icd-10-cm", request.Option("area"));
    }
}
